package timeline

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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
	stories := groupingStories(t)
	for name, arts := range stories {
		// With the product's bounds, and with posting lists so short that
		// most are full (a story of many articles on one happening fills
		// them: a mention placed then is indexed under none of its keys).
		for _, b := range []bounds{{}, {postings: 3}, {candidates: 4}} {
			parallel := eventsJSON(t, arts, Options{bounds: b})
			serial := eventsJSON(t, arts, Options{bounds: b, work: &workCounts{}}) // counting work makes grouping serial
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

// groupingStories returns a generated corpus of 400 articles and the
// Timeline17 story H1N1_bbc, by name.
func groupingStories(t *testing.T) map[string][]*content.Article {
	t.Helper()
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
	return stories
}

// eventsJSON builds the timeline of the articles and returns its events as
// JSON.
func eventsJSON(t *testing.T, arts []*content.Article, opts Options) []byte {
	t.Helper()
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

// The shortcuts an event's summary of its members allows change nothing:
// the events a mention cannot reach by scoreBound are those it would not
// join if scored in full, and the members' dates compatible at once are
// those compatible one by one. The grouping is the same with and without
// them, and the bound turned candidates away (else the test tells
// nothing).
func TestShortcutsChangeNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated corpus")
	}
	for name, arts := range groupingStories(t) {
		for _, b := range []bounds{{}, {members: 4}} {
			var w workCounts
			pruned := eventsJSON(t, arts, Options{bounds: b, work: &w})
			all := b
			all.unpruned = true
			full := eventsJSON(t, arts, Options{bounds: all, work: &workCounts{}})
			if string(pruned) != string(full) {
				t.Errorf("%s, bounds %+v: the events differ with scoreBound (%d bytes of JSON) and without (%d)", name, b, len(pruned), len(full))
			}
			if n, m := w.n[groupBounded].Load(), w.n[mergeBounded].Load(); n == 0 || m == 0 {
				t.Errorf("%s, bounds %+v: the bounds turned away %d candidate events of a mention, %d of an event", name, b, n, m)
			} else {
				t.Logf("%s, bounds %+v: %d candidate events of a mention turned away (%d members compared), %d of an event", name, b, n, w.n[groupMembers].Load(), m)
			}
		}
	}
}

// mostHits keeps what sorting by hits (most first, then lower cluster)
// and cutting kept, on random counts with many ties.
func TestMostHitsAsSorting(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var buf []int32
	for n := 0; n < 2000; n++ {
		size := 2 + rng.IntN(300)
		hits := make([]int32, size*2)
		var cs []int
		for c := range hits {
			hits[c] = int32(rng.IntN(1 + n%9))
			if rng.IntN(2) == 0 {
				cs = append(cs, c)
			}
		}
		if len(cs) < 2 {
			continue
		}
		k := 1 + rng.IntN(len(cs)-1)
		want := slices.Clone(cs)
		slices.SortFunc(want, func(a, b int) int {
			if hits[a] != hits[b] {
				return int(hits[b] - hits[a])
			}
			return a - b
		})
		want = want[:k]
		slices.Sort(want)
		if got := mostHits(slices.Clone(cs), hits, k, &buf); !slices.Equal(got, want) {
			t.Fatalf("mostHits(%v, k=%d) = %v, want %v", cs, k, got, want)
		}
	}
}
