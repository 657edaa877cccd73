package timeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/eval/t17"
	"github.com/timeline-dev/timeline/generator/internal/corpus"
	"github.com/timeline-dev/timeline/generator/newscorpus"
)

// Grouping on several cores (assignAll, mergeCloseAll) places every
// mention and merges every event as it does one step after another: the
// same events with the same citations, on a generated corpus and on a
// Timeline17 story (whose events merge in chains that the generated
// corpus does not make).
func TestAssignAllAsSerial(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated corpus")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	dir := t.TempDir()
	if _, err := newscorpus.Write(dir, newscorpus.Options{Articles: 400, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	generated, err := content.Load(context.Background(), dir, content.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	stories := map[string][]*content.Article{"generated": generated}
	if story := filepath.Join("../../../shared/t17", "H1N1_bbc"); dirExists(story) {
		s, err := t17.Read(story)
		if err != nil {
			t.Fatal(err)
		}
		var files []corpus.File
		for _, a := range s.Articles {
			files = append(files, corpus.File{Name: t17.FileName(a.ID), Data: []byte(t17.Markdown(s.Outlet, a))})
		}
		stories["H1N1_bbc"] = parseAll(t, files)
	} else if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true and no %s", story)
	}
	events := func(arts []*content.Article, opts Options) []byte {
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
	for name, arts := range stories {
		// With the product's bounds, and with posting lists so short that
		// most are full (a story of many articles on one happening fills
		// them: a mention placed then is indexed under none of its keys).
		for _, b := range []bounds{{}, {postings: 3}, {candidates: 4}} {
			parallel := events(arts, Options{bounds: b})
			serial := events(arts, Options{bounds: b, work: &workCounts{}}) // counting work makes grouping serial
			if string(parallel) != string(serial) {
				t.Errorf("%s, bounds %+v: the events differ (%d bytes of JSON on several cores, %d one after another)", name, b, len(parallel), len(serial))
			}
		}
	}
}

func dirExists(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}
