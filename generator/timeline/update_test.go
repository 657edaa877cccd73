package timeline

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/internal/synth"
)

// consistent checks what every page of a site built from m relies on: the
// events in timeline order with unique ids and pages; every citation from
// an article of the model, quoting its text, anchored at one of its
// anchors; every article listing exactly the events citing it, in
// timeline order; every anchor naming events that cite the article there;
// disputes naming events that exist, from both sides.
func consistent(t *testing.T, m *Model, arts []*content.Article) {
	t.Helper()
	byID := map[string]*Event{}
	pos := map[string]int{}
	for i, e := range m.Events {
		if byID[e.ID] != nil {
			t.Errorf("event id %q twice", e.ID)
		}
		byID[e.ID], pos[e.ID] = e, i
		if e.Page != EventPage(e.ID) {
			t.Errorf("event %q: page %q", e.ID, e.Page)
		}
		if i > 0 && compareEvents(m.Events[i-1], e) >= 0 {
			t.Errorf("events %q and %q out of order", m.Events[i-1].ID, e.ID)
		}
		if len(e.Citations) == 0 {
			t.Errorf("event %q cites nothing", e.ID)
		}
	}
	content := map[string]*content.Article{}
	for _, a := range arts {
		content[a.ID] = a
	}
	citing := map[string][]string{} // article → events citing it, in timeline order
	for _, e := range m.Events {
		for _, c := range e.Citations {
			a := content[c.Article]
			if a == nil {
				t.Errorf("event %q cites unknown article %q", e.ID, c.Article)
				continue
			}
			if c.Block >= len(a.Doc.Blocks) || a.Doc.Blocks[c.Block].Text[c.Start:c.End] != c.Quote {
				t.Errorf("event %q: quote %q is not at its place in %s", e.ID, short(c.Quote, 40), c.Article)
			}
			if l := citing[c.Article]; len(l) == 0 || l[len(l)-1] != e.ID {
				citing[c.Article] = append(citing[c.Article], e.ID)
			}
		}
		for _, id := range e.Disputes {
			if d := byID[id]; d == nil || !slices.Contains(d.DisputedBy, e.ID) {
				t.Errorf("event %q disputes %q, which does not know it", e.ID, id)
			}
		}
		for _, id := range e.DisputedBy {
			if d := byID[id]; d == nil || !slices.Contains(d.Disputes, e.ID) {
				t.Errorf("event %q is disputed by %q, which does not dispute it", e.ID, id)
			}
		}
	}
	for _, a := range m.Articles {
		if !slices.Equal(a.Events, citing[a.ID]) {
			t.Errorf("article %s lists events %q, cited by %q", a.ID, a.Events, citing[a.ID])
		}
		frags := map[string]*Anchor{}
		for _, an := range a.Anchors {
			frags[a.Page+"#"+an.Fragment] = an
			for _, id := range an.Events {
				if byID[id] == nil {
					t.Errorf("article %s: anchor %s names unknown event %q", a.ID, an.Fragment, id)
				}
			}
			if !slices.IsSortedFunc(an.Events, func(x, y string) int { return pos[x] - pos[y] }) {
				t.Errorf("article %s: anchor %s: events out of order", a.ID, an.Fragment)
			}
		}
		for _, id := range a.Events {
			for _, c := range byID[id].Citations {
				if c.Article != a.ID {
					continue
				}
				an := frags[c.Anchor]
				if an == nil || an.Block != c.Block || c.Start < an.Start || c.End > an.End || !slices.Contains(an.Events, id) {
					t.Errorf("article %s: citation of %q anchored at %q, not at an anchor of its range", a.ID, id, c.Anchor)
				}
			}
		}
	}
}

// edited returns the articles with article i's source changed by f.
func edited(t *testing.T, arts []*content.Article, i int, f func(string) string) []*content.Article {
	t.Helper()
	out := slices.Clone(arts)
	a := arts[i]
	b, err := content.Parse(a.Path, []byte(f(string(a.Source))), content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out[i] = b
	return out
}

// TestUpdateSeed edits the seed articles as an editor does and checks that
// Update's model is whole, that it leaves the last build's model as it
// was, and how it compares with a Build of the same articles.
func TestUpdateSeed(t *testing.T) {
	_, base := seedModel(t)
	find := func(id string) int {
		for i, a := range base {
			if strings.Contains(a.ID, id) {
				return i
			}
		}
		t.Fatalf("no seed article %q", id)
		return -1
	}
	naharnet := find("naharnet")
	edits := []struct {
		name    string
		article int
		f       func(string) string
		same    bool // Update gives Build's model
	}{
		{"no change", naharnet, func(s string) string { return s }, true},
		{"a word changed", find("haaretz"), func(s string) string { return strings.Replace(s, "hungry", "starving", 1) }, true},
		// The same word in Naharnet tips a close merge in Build itself: the
		// AFP report of November stays apart from the agencies' November
		// contacts, which Update, starting from the merged events, keeps.
		{"a word changed, a close merge undone", naharnet, func(s string) string { return strings.Replace(s, "retired", "former", 1) }, false},
		{"a dated paragraph added", naharnet, func(s string) string {
			return s + "\nThe talks in Geneva resumed on Friday, January 24, 2014, a diplomat said.\n"
		}, false},
		// The sentence's words tip a close merge in Build itself: the US
		// denials of 15 January (Kerry's, the State Department's) join
		// "US officials denied ..." one or the other, which Update,
		// starting from the last build's events, keeps as they were.
		{"a dated sentence removed", naharnet, func(s string) string {
			i := strings.Index(s, "Last month")
			j := strings.Index(s[i:], ".")
			return s[:i] + s[i+j+1:]
		}, false},
		{"every paragraph but the first removed", find("haaretz"), func(s string) string {
			head, body, _ := strings.Cut(s[3:], "+++")
			paras := strings.Split(strings.TrimSpace(body), "\n\n")
			return "+++" + head + "+++\n\n" + paras[0] + "\n"
		}, false},
	}
	for _, ed := range edits {
		t.Run(ed.name, func(t *testing.T) {
			var cache Cache
			if _, err := Build(context.Background(), base, Options{Cache: &cache}); err != nil {
				t.Fatal(err)
			}
			before := modelJSON(t, cache.last.model)
			arts := edited(t, base, ed.article, ed.f)
			got, ok, err := Update(context.Background(), arts, []string{arts[ed.article].ID}, Options{Cache: &cache})
			if err != nil || !ok {
				t.Fatalf("Update: ok %v, %v", ok, err)
			}
			consistent(t, got, arts)
			if !bytes.Equal(before, modelJSON(t, cache.last.model)) {
				t.Error("Update changed the last build's model")
			}
			want, err := Build(context.Background(), arts, Options{})
			if err != nil {
				t.Fatal(err)
			}
			same := bytes.Equal(modelJSON(t, got), modelJSON(t, want))
			if ed.same && outline(got) != outline(want) {
				t.Errorf("Update's events differ from Build's:\n%s\nBuild:\n%s", outline(got), outline(want))
				writeDiff(t, got, want)
			}
			t.Logf("%d events, %d from Build; the same model: %v; the same events: %v", len(got.Events), len(want.Events), same, outline(got) == outline(want))
		})
	}
}

// outline lists a model's events: id, date, headline and the sentences
// cited.
func outline(m *Model) string {
	var b strings.Builder
	for _, e := range m.Events {
		fmt.Fprintf(&b, "%s %s%s %q\n", e.ID, e.Date.Value, e.Date.Mod, e.Headline)
		for _, c := range e.Citations {
			fmt.Fprintf(&b, "\t%s %d:%d %s\n", c.Article, c.Block, c.Start, c.Anchor)
		}
	}
	return b.String()
}

// writeDiff writes both models into the test's temporary folder when
// TIMELINE_KEEP is set, to compare them.
func writeDiff(t *testing.T, got, want *Model) {
	if dir := os.Getenv("TIMELINE_KEEP"); dir != "" {
		os.WriteFile(filepath.Join(dir, "update.json"), modelJSON(t, got), 0o644)
		os.WriteFile(filepath.Join(dir, "build.json"), modelJSON(t, want), 0o644)
	}
}

// TestUpdateSynthetic makes series of random edits to a synthetic site
// and checks every Update's model, and that it stays close to Build's.
func TestUpdateSynthetic(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.Write(dir, synth.Options{Articles: 150, Seed: 7, NoEvents: true}); err != nil {
		t.Fatal(err)
	}
	base, err := content.Load(context.Background(), dir, content.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(1))
	sentences := []string{
		"The minister resigned on March 3, 2014, officials said.",
		"Talks resumed in Geneva last week, the ministry said.",
		"The council met again on Tuesday, a spokesman said.",
		"Protesters gathered outside parliament in November.",
		"The company denied the report on Wednesday.",
	}
	var cache Cache
	if _, err := Build(context.Background(), base, Options{Cache: &cache}); err != nil {
		t.Fatal(err)
	}
	arts := base
	var changed []string
	differ := 0
	for step := 0; step < 12; step++ {
		i := r.Intn(len(arts))
		s := sentences[r.Intn(len(sentences))]
		switch r.Intn(3) {
		case 0: // a paragraph added
			arts = edited(t, arts, i, func(src string) string { return src + "\n" + s + "\n" })
		case 1: // a sentence replaced
			arts = edited(t, arts, i, func(src string) string {
				k := strings.LastIndex(src, ". ")
				if k < 0 {
					return src + "\n" + s + "\n"
				}
				return src[:k+2] + s + src[k+2+strings.IndexAny(src[k+2:], ".\n")+1:]
			})
		default: // a word
			arts = edited(t, arts, i, func(src string) string { return strings.Replace(src, " said", " stated", 1) })
		}
		if !slices.Contains(changed, arts[i].ID) {
			changed = append(changed, arts[i].ID)
		}
		got, ok, err := Update(context.Background(), arts, changed, Options{Cache: &cache})
		if err != nil || !ok {
			t.Fatalf("step %d: Update: ok %v, %v", step, ok, err)
		}
		consistent(t, got, arts)
		want, err := Build(context.Background(), arts, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if outline(got) != outline(want) {
			differ++
		}
		if step%4 == 3 { // now and then the full build catches up
			if _, err := Build(context.Background(), arts, Options{Cache: &cache}); err != nil {
				t.Fatal(err)
			}
			changed = nil
		}
	}
	t.Logf("Update's events differed from Build's after %d of 12 edits", differ)
}

// TestUpdateDeclines checks the edits Update leaves to Build.
func TestUpdateDeclines(t *testing.T) {
	_, base := seedModel(t)
	cases := []struct {
		name  string
		setup func(*Cache) ([]*content.Article, []string, Options)
	}{
		{"no last build", func(c *Cache) ([]*content.Article, []string, Options) {
			return base, []string{base[0].ID}, Options{Cache: &Cache{}}
		}},
		{"no cache", func(c *Cache) ([]*content.Article, []string, Options) {
			return base, []string{base[0].ID}, Options{}
		}},
		{"an article removed", func(c *Cache) ([]*content.Article, []string, Options) {
			return base[1:], []string{base[1].ID}, Options{Cache: c}
		}},
		{"an unknown article", func(c *Cache) ([]*content.Article, []string, Options) {
			return base, []string{"no-such-article"}, Options{Cache: c}
		}},
		{"an article that declares an event", func(c *Cache) ([]*content.Article, []string, Options) {
			arts := edited(t, base, 0, func(s string) string {
				q := base[0].Doc.Blocks[1].Text
				q = q[:strings.Index(q, ".")+1]
				return strings.Replace(s, "\n+++", fmt.Sprintf("\n[[event]]\ndate = \"2014-01\"\nheadline = \"x\"\nquote = %q\n+++", q), 1)
			})
			if len(arts[0].Events) == 0 {
				t.Fatal("the edit declares no event")
			}
			return arts, []string{arts[0].ID}, Options{Cache: c}
		}},
		{"explain", func(c *Cache) ([]*content.Article, []string, Options) {
			return base, []string{base[0].ID}, Options{Cache: c, Explain: &Explanation{}}
		}},
		{"overrides", func(c *Cache) ([]*content.Article, []string, Options) {
			return base, []string{base[0].ID}, Options{Cache: c, Overrides: &content.Overrides{Events: []content.EventOverride{{ID: "x"}}}}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var cache Cache
			if _, err := Build(context.Background(), base, Options{Cache: &cache}); err != nil {
				t.Fatal(err)
			}
			arts, changed, opts := tc.setup(&cache)
			if m, ok, err := Update(context.Background(), arts, changed, opts); ok || m != nil || err != nil {
				t.Errorf("Update: ok %v, model %v, %v; want it to decline", ok, m != nil, err)
			}
		})
	}
}
