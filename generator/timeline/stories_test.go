package timeline

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// storyExpect is what extraction must make of a story of
// testdata/stories: its expect.toml.
type storyExpect struct {
	// MaxKeyShare is the largest share of the events that may be key
	// events (0: not checked); there is at least one.
	MaxKeyShare float64 `toml:"max_key_share"`
	// DistinctHeadlines asks that no two events have the same headline.
	DistinctHeadlines bool `toml:"distinct_headlines"`
	// Event lists happenings that must be one event each, citing every
	// one of its sentences (article id, part of the quote), on its date,
	// and a key event if Key is set.
	Event []struct {
		What  string
		Date  string
		Key   bool
		Cites [][2]string
	}
	// Sentence lists sentences that must be cited by exactly one event,
	// on its date (if given).
	Sentence []struct {
		What string
		Cite [2]string
		Date string
	}
}

// TestStories checks each story of testdata/stories (its articles in
// content/) against its expect.toml: the faults the extraction issues
// measure, kept as data (each story's README.md tells its traps). The
// timeline Update makes after an edit of any one article must meet them
// too.
func TestStories(t *testing.T) {
	files, err := filepath.Glob("testdata/stories/*/expect.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("stories: %v %v", files, err)
	}
	for _, f := range files {
		dir := filepath.Dir(f)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var want storyExpect
			md, err := toml.DecodeFile(f, &want)
			if err != nil {
				t.Fatal(err)
			}
			if u := md.Undecoded(); len(u) > 0 {
				t.Fatalf("%s: unknown keys %v", f, u)
			}
			arts := storyArticles(t, filepath.Join(dir, "content", "*.md"))
			var cache Cache
			m, err := Build(context.Background(), arts, Options{Cache: &cache})
			if err != nil {
				t.Fatal(err)
			}
			checkStory(t, m, want)
			for i, a := range arts {
				t.Run("update "+a.ID, func(t *testing.T) {
					edit := edited(t, arts, i, func(s string) string { return strings.Replace(s, "+++\n\n", "+++\n\n\n", 1) })
					m, ok, err := Update(context.Background(), edit, []string{a.ID}, Options{Cache: &cache})
					if err != nil || !ok {
						t.Fatalf("Update: ok %v, %v", ok, err)
					}
					checkStory(t, m, want)
				})
			}
		})
	}
}

func checkStory(t *testing.T, m *Model, want storyExpect) {
	t.Helper()
	for _, ev := range want.Event {
		var pairs []string
		for _, c := range ev.Cites {
			pairs = append(pairs, c[0], c[1])
		}
		e := one(t, m, ev.What, pairs...)
		if e == nil {
			for _, c := range ev.Cites { // where the sentences went
				for _, x := range citing(m, c[0], c[1]) {
					t.Logf("%s: %q is in %s %s", ev.What, c[1], x.Date.Value, x.ID)
				}
			}
			continue
		}
		if ev.Date != "" && string(e.Date.Value) != ev.Date {
			t.Errorf("%s: dated %s, want %s", ev.What, e.Date.Value, ev.Date)
		}
		if ev.Key && !e.Key {
			t.Errorf("%s is no key event (rank %d)", ev.What, e.Rank)
		}
	}
	for _, s := range want.Sentence {
		es := citing(m, s.Cite[0], s.Cite[1])
		if len(es) != 1 {
			var ids []string
			for _, e := range es {
				ids = append(ids, string(e.Date.Value)+" "+e.ID)
			}
			t.Errorf("%s: %q is cited by %d events, want one: %s", s.What, s.Cite[1], len(es), strings.Join(ids, ", "))
			continue
		}
		if s.Date != "" && string(es[0].Date.Value) != s.Date {
			t.Errorf("%s: dated %s, want %s", s.What, es[0].Date.Value, s.Date)
		}
	}
	if want.MaxKeyShare > 0 {
		key := 0
		for _, e := range m.Events {
			if e.Key {
				key++
			}
		}
		if limit := max(1, int(want.MaxKeyShare*float64(len(m.Events)))); key > limit || key == 0 && len(m.Events) > 0 {
			t.Errorf("%d of %d events are key events, want 1 to %d", key, len(m.Events), limit)
		}
	}
	if want.DistinctHeadlines {
		seen := map[string]string{}
		for _, e := range m.Events {
			if other, dup := seen[e.Headline]; dup {
				t.Errorf("events %s and %s have the same headline %q", other, e.ID, e.Headline)
			}
			seen[e.Headline] = e.ID
		}
	}
	if t.Failed() {
		for _, e := range m.Events {
			t.Logf("%-16s key=%-5v %s: %s (%d citations)", e.Date.Value, e.Key, e.ID, e.Headline, len(e.Citations))
		}
	}
}
