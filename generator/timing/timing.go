// Package timing records where a build's time goes: the wall-clock and
// CPU time of each of its stages, one after another, and the heap it
// keeps at the end of each ("timeline build --timings").
package timing

import (
	"fmt"
	"io"
	"runtime/metrics"
	"strings"
	"sync"
	"time"
)

// Stage is one stage of a build.
type Stage struct {
	Name string
	Wall time.Duration
	// CPU is the CPU time of the whole process during the stage, user
	// and system, on every core; -1 where the system does not say.
	CPU time.Duration
	// Heap is the live heap when the stage ended, as the last garbage
	// collection found it, in bytes.
	Heap uint64
}

// Recorder records the stages of a build, each from the end of the one
// before. A nil *Recorder records nothing, so that code can mark its
// stages whether or not anyone asked for them.
type Recorder struct {
	mu     sync.Mutex
	last   time.Time     // the time of the last mark
	cpu    time.Duration // and the process's CPU time then
	stages []Stage
}

// Start returns a recorder whose first stage begins now.
func Start() *Recorder {
	return &Recorder{last: time.Now(), cpu: ProcessCPU()}
}

// Mark ends the stage named name, begun at the last mark (or at Start).
func (r *Recorder) Mark(name string) {
	if r == nil {
		return
	}
	now, cpu := time.Now(), ProcessCPU()
	r.mu.Lock()
	defer r.mu.Unlock()
	st := Stage{Name: name, Wall: now.Sub(r.last), CPU: cpu - r.cpu, Heap: liveHeap()}
	if cpu < 0 || r.cpu < 0 {
		st.CPU = -1
	}
	r.stages = append(r.stages, st)
	r.last, r.cpu = now, cpu
}

// Stages returns the stages marked so far.
func (r *Recorder) Stages() []Stage {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Stage(nil), r.stages...)
}

// Write prints the stages marked so far as a table, with their total
// and the process's peak resident memory where the system tells it.
func (r *Recorder) Write(w io.Writer) error {
	stages := r.Stages()
	if len(stages) == 0 {
		return nil
	}
	width := len("total")
	for _, s := range stages {
		width = max(width, len(s.Name))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s %9s %9s %10s\n", width, "stage", "wall", "CPU", "live heap")
	var wall, cpu time.Duration
	for _, s := range stages {
		wall += s.Wall
		if s.CPU < 0 || cpu < 0 {
			cpu = -1
		} else {
			cpu += s.CPU
		}
		fmt.Fprintf(&b, "%-*s %9s %9s %10s\n", width, s.Name, seconds(s.Wall), seconds(s.CPU), megabytes(s.Heap))
	}
	peak := "peak RSS unknown"
	if rss := peakRSS(); rss > 0 {
		peak = "peak RSS " + megabytes(rss)
	}
	fmt.Fprintf(&b, "%-*s %9s %9s  %s\n", width, "total", seconds(wall), seconds(cpu), peak)
	_, err := io.WriteString(w, b.String())
	return err
}

func seconds(d time.Duration) string {
	if d < 0 {
		return "?"
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func megabytes(b uint64) string { return fmt.Sprintf("%d MB", (b+1<<19)>>20) }

// liveHeap is the heap the last garbage collection found live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
