package timeline

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/internal/synth"
	"github.com/timeline-dev/timeline/generator/mentions"
	"github.com/timeline-dev/timeline/generator/newscorpus"
	"github.com/timeline-dev/timeline/generator/sentences"
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

// A Build with neither a Cache nor an Explanation holds each article's
// mentions encoded until it knows the furniture (extractKept); the one
// with a Cache keeps them as extracted (extractAll, suppressMentions,
// dropFurniture). Both must make the same model and the same errors, on
// a corpus with furniture, an editor's suppression of a dated sentence
// and one of a sentence that has no date.
func TestKeptAsExtracted(t *testing.T) {
	dir := t.TempDir()
	if _, err := newscorpus.Write(dir, newscorpus.Options{Articles: 150, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	arts, err := content.Load(context.Background(), dir, content.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	all, err := extractAll(context.Background(), arts, mentions.Options{}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(furniture(repeatsOf(all, arts))); n == 0 {
		t.Fatal("the corpus has no furniture: the test tests nothing")
	}
	// A dated sentence that is no furniture, and an undated one.
	dated := all[7][len(all[7])/2]
	a := arts[7]
	var undated string
	for _, blk := range a.Doc.Blocks {
		for _, sp := range sentences.Split(blk.Text) {
			s := blk.Text[sp.Start:sp.End]
			if !slices.ContainsFunc(all[7], func(m mentions.Mention) bool { return m.Sentence == s }) && strings.Count(string(a.Body()), s) == 1 {
				undated = s
			}
		}
	}
	if undated == "" {
		t.Fatal("no undated sentence in", a.Path)
	}
	src := fmt.Sprintf("[[suppress]]\narticle = %q\nquote = %q\n\n[[suppress]]\narticle = %q\nquote = %q\n", a.ID, dated.Sentence, a.ID, undated)
	ov, err := content.ParseOverrides("content/_events.toml", []byte(src), arts)
	if err != nil {
		t.Fatal(err)
	}
	kept, err := Build(context.Background(), arts, Options{Overrides: ov, KeepGoing: true})
	if err != nil {
		t.Fatal(err)
	}
	extracted, err := Build(context.Background(), arts, Options{Overrides: ov, KeepGoing: true, Cache: &Cache{}})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(modelJSON(t, kept), modelJSON(t, extracted)) {
		t.Error("the model differs with the mentions held encoded")
	}
	if fmt.Sprint(kept.Unapplied) != fmt.Sprint(extracted.Unapplied) || !strings.Contains(fmt.Sprint(kept.Unapplied), "nothing to suppress") {
		t.Errorf("errors:\n%v\nwant\n%v\n(one suppression that finds nothing)", kept.Unapplied, extracted.Unapplied)
	}
	for _, e := range kept.Events {
		for _, c := range e.Citations {
			if c.Article == a.ID && c.Block == dated.Block && c.Start == dated.Start {
				t.Errorf("event %s cites the suppressed sentence", e.ID)
			}
		}
	}
}
