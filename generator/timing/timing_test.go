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
	end := time.Now().Add(30 * time.Millisecond)
	for time.Now().Before(end) { // CPU time, not a sleep
		keep[0]++
	}
	runtime.GC()
	r.Mark("render")
	stages := r.Stages()
	if len(stages) != 2 || stages[0].Name != "load" || stages[1].Name != "render" {
		t.Fatalf("stages %+v, want load then render", stages)
	}
	if stages[0].Wall < 20*time.Millisecond || stages[1].Wall < 30*time.Millisecond {
		t.Errorf("wall times %v and %v, want at least 20 ms and 30 ms", stages[0].Wall, stages[1].Wall)
	}
	if runtime.GOOS == "linux" && stages[1].CPU < 10*time.Millisecond {
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
