package timeline

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/internal/synth"
)

// TestCacheSameModel builds a site with a Cache after each of a series of
// edits and checks that the model is the one a Build without the cache
// gives, and that only the edited articles were tagged again.
func TestCacheSameModel(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.Write(dir, synth.Options{Articles: 40, Seed: 3, NoEvents: true}); err != nil {
		t.Fatal(err)
	}
	arts, err := content.Load(context.Background(), dir, content.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	edit := func(i int, f func(string) string) {
		a := arts[i]
		src := []byte(f(string(a.Source)))
		b, err := content.Parse(a.Path, src, content.Options{})
		if err != nil {
			t.Fatal(err)
		}
		arts[i] = b
	}
	steps := []struct {
		name      string
		change    func()
		extracted int
	}{
		{"first build", func() {}, len(arts)},
		{"no change", func() {}, 0},
		{"a sentence rewritten", func() {
			edit(3, func(s string) string { return strings.Replace(s, " said", " said on Monday", 1) })
		}, 1},
		{"a paragraph added to two articles", func() {
			edit(5, func(s string) string { return s + "\nThe minister resigned on March 3, 2014, officials said.\n" })
			edit(17, func(s string) string { return s + "\nTalks resumed in Geneva last week, the ministry said.\n" })
		}, 2},
		{"the same text again", func() {
			edit(3, func(s string) string { return s })
		}, 0},
		{"an article dropped", func() { arts = append(arts[:8:8], arts[9:]...) }, 0},
	}
	var cache Cache
	for _, st := range steps {
		st.change()
		got, err := Build(context.Background(), arts, Options{Cache: &cache})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		want, err := Build(context.Background(), arts, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(modelJSON(t, got), modelJSON(t, want)) {
			t.Errorf("%s: the model built with the cache differs from the one built without", st.name)
		}
		if s := cache.Stats(); s.Extracted != st.extracted || s.Reused != len(arts)-st.extracted {
			t.Errorf("%s: extracted %d, reused %d; want %d and %d", st.name, s.Extracted, s.Reused, st.extracted, len(arts)-st.extracted)
		}
	}
}

func modelJSON(t *testing.T, m *Model) []byte {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	// Anchors are not in the JSON: compare them too.
	for _, a := range m.Articles {
		ab, _ := json.Marshal(a.Anchors)
		b = append(b, ab...)
	}
	return b
}
