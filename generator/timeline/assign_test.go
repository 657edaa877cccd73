package timeline

import (
	"context"
	"encoding/json"
	"runtime"
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/newscorpus"
)

// assignAll, on several cores, places every mention where assign, one
// after another, does: the same events with the same citations.
func TestAssignAllAsSerial(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated corpus")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	dir := t.TempDir()
	if _, err := newscorpus.Write(dir, newscorpus.Options{Articles: 400, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	arts, err := content.Load(context.Background(), dir, content.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	events := func(opts Options) []byte {
		m, err := Build(context.Background(), arts, opts)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(m.Events)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	parallel := events(Options{})
	serial := events(Options{work: &workCounts{}}) // counting work makes grouping serial
	if string(parallel) != string(serial) {
		t.Errorf("the events differ (%d bytes of JSON on several cores, %d one after another)", len(parallel), len(serial))
	}
}
