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
	// With the product's bounds, and with posting lists so short that
	// most are full (a story of many articles on one happening fills
	// them: a mention placed then is indexed under none of its keys).
	for _, b := range []bounds{{}, {postings: 3}, {candidates: 4}} {
		parallel := events(Options{bounds: b})
		serial := events(Options{bounds: b, work: &workCounts{}}) // counting work makes grouping serial
		if string(parallel) != string(serial) {
			t.Errorf("bounds %+v: the events differ (%d bytes of JSON on several cores, %d one after another)", b, len(parallel), len(serial))
		}
	}
}
