package timeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/mentions"
)

// storyArticles parses the articles of a folder of Markdown files.
func storyArticles(t *testing.T, glob string) []*content.Article {
	t.Helper()
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		t.Fatalf("%s: %v %v", glob, files, err)
	}
	var arts []*content.Article
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := content.Parse("content/"+filepath.Base(f), src, content.Options{})
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	content.Sort(arts)
	return arts
}

// TestLeadQuote: an event's first citation, the quote a card leads with
// (and the evaluation's summary), is the sentence its headline was made
// of, not the first in article order (LibyaWar_cnn: "Two days later,
// protests ... erupted in ... Benghazi" led with a NATO quote). For each
// story, the events of extracted sentences are checked, built with and
// without a cache.
func TestLeadQuote(t *testing.T) {
	for _, story := range []string{"../../content/*.md", "testdata/valmora/content/*.md"} {
		arts := storyArticles(t, story)
		byID := map[string]*content.Article{}
		for _, a := range arts {
			byID[a.ID] = a
		}
		for _, cache := range []*Cache{nil, {}} {
			m, err := Build(context.Background(), arts, Options{Cache: cache})
			if err != nil {
				t.Fatal(err)
			}
			led := 0
			for _, e := range m.Events {
				c := e.Citations[0]
				var made []string
				for _, mt := range mentions.Extract(byID[c.Article], mentions.Options{}) {
					if mt.Block == c.Block && mt.Start == c.Start && mt.Expression == c.Expression && mt.Value == c.Value {
						made = append(made, Headline(compress(&mt)))
					}
				}
				if !contains(made, e.Headline) {
					t.Errorf("%s: event %s (%q) leads with %q, not the sentence of its headline", story, e.ID, e.Headline, c.Quote)
					continue
				}
				if len(e.Citations) > 1 {
					led++
				}
			}
			if led == 0 {
				t.Errorf("%s: no event of several citations to check", story)
			}
		}
	}
}

// TestLeadQuoteEditor: when an editor declared citations of an event,
// the first the editor declared leads, before the extracted sentences
// that joined it, though they come first in article order.
func TestLeadQuoteEditor(t *testing.T) {
	a := parse(t, "content/a.md", "+++\ntitle = \"a\"\noutlet = \"A\"\npublished = 2014-01-15\n+++\n\n"+
		"Delegates of the government and the opposition met for peace talks in Geneva on Tuesday.\n")
	b := parse(t, "content/b.md", "+++\ntitle = \"b\"\noutlet = \"B\"\npublished = 2014-01-16\n\n"+
		"[[event]]\ndate = \"2014-01-14\"\nquote = \"The peace talks of the government and the opposition opened in Geneva\"\n+++\n\n"+
		"The peace talks of the government and the opposition opened in Geneva on Tuesday.\n")
	arts := []*content.Article{a, b}
	content.Sort(arts)
	m, err := Build(context.Background(), arts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Events) != 1 || len(m.Events[0].Citations) != 2 {
		t.Fatalf("want one event citing both articles, got %d events", len(m.Events))
	}
	if got := m.Events[0].Citations[0]; got.Origin != Editor {
		t.Errorf("the event leads with %s's extracted sentence %q, want the editor's quote", got.Article, got.Quote)
	}
}
