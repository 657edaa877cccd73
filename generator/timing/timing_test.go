package timing

import (
	"bytes"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestRecorder(t *testing.T) {
	var none *Recorder
	none.Mark("load") // records nothing, and does not panic
	if got := none.Stages(); got != nil {
		t.Fatalf("nil recorder: stages %v", got)
	}

	r := Start()
	time.Sleep(20 * time.Millisecond)
	r.Mark("load")
	keep := make([]byte, 8<<20)
	// 30 ms of CPU time (not a sleep), however busy the machine.
	from, deadline := ProcessCPU(), time.Now().Add(10*time.Second)
	for ProcessCPU()-from < 30*time.Millisecond && time.Now().Before(deadline) {
		keep[0]++
	}
	runtime.GC()
	r.Mark("render")
	stages := r.Stages()
	if len(stages) != 2 || stages[0].Name != "load" || stages[1].Name != "render" {
		t.Fatalf("stages %+v, want load then render", stages)
	}
	if stages[0].Wall < 20*time.Millisecond {
		t.Errorf("load: wall time %v for a sleep of 20 ms", stages[0].Wall)
	}
	if runtime.GOOS == "linux" && stages[1].CPU < 30*time.Millisecond {
		t.Errorf("render: CPU %v for 30 ms of work", stages[1].CPU)
	}
	if stages[1].Heap < 8<<20 {
		t.Errorf("render: live heap %d bytes, holding 8 MiB", stages[1].Heap)
	}
	runtime.KeepAlive(keep)

	var out bytes.Buffer
	if err := r.Write(&out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	want := []string{`^ *stage +wall +CPU +live heap *$`, `^ *load +\d+\.\d\d s +(\d+\.\d\d s|\?) +\d+ MB *$`, `^ *render +\d+\.\d\d s`, `^ *total +\d+\.\d\d s +(\d+\.\d\d s|\?) +peak RSS (\d+ MB|unknown) *$`}
	if len(lines) != len(want) {
		t.Fatalf("table:\n%s\nwant %d lines", out.String(), len(want))
	}
	for i, re := range want {
		if !regexp.MustCompile(re).MatchString(lines[i]) {
			t.Errorf("line %d: %q does not match %s", i+1, lines[i], re)
		}
	}
}
