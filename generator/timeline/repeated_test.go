package timeline

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
)

// repeatedStory is four articles of one outlet on one story, published a
// day apart: each repeats the background sentence of the explosion and
// the page's comment notice, and the pages were saved with a sidebar
// stamped long after.
func repeatedStory(t *testing.T, edit func(i int, body string) string) []*content.Article {
	t.Helper()
	news := []string{
		"Engineers lowered a containment dome over the leaking well on Friday.",
		"The company said on Saturday that the dome had failed to contain the leak.",
		"Officials said on Sunday that oil had reached the marshes of Louisiana.",
		"The government ordered the company on Monday to pay for the cleanup.",
	}
	var arts []*content.Article
	for i, n := range news {
		body := n + "\n\nThe April 20 explosion killed 11 workers and sank the Deepwater Horizon rig.\n\n" +
			"Comments posted below were checked by moderators of the agency.\n\n" +
			"What has China banned TV advertisements for? February 11, 2013.\n"
		if edit != nil {
			body = edit(i, body)
		}
		src := fmt.Sprintf("+++\ntitle = \"Spill %d\"\noutlet = \"Reuters\"\npublished = 2010-05-%02d\n+++\n\n%s", i, 8+i, body)
		a, err := content.Parse(fmt.Sprintf("content/spill-%d.md", i), []byte(src), content.Options{})
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	content.Sort(arts)
	return arts
}

// TestRepeatedSentences: the background sentence the articles repeat
// strengthens one event; the page furniture they repeat makes none.
func TestRepeatedSentences(t *testing.T) {
	arts := repeatedStory(t, nil)
	m, err := Build(context.Background(), arts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	explosion := 0
	for _, e := range m.Events {
		for _, c := range e.Citations {
			if strings.Contains(c.Quote, "Comments posted below") || strings.Contains(c.Quote, "China banned") {
				t.Errorf("event %s cites page furniture: %q", e.ID, c.Quote)
			}
		}
		if strings.Contains(e.Citations[0].Quote, "April 20 explosion") {
			explosion++
			if len(e.Citations) != 4 || e.Date.Value != "2010-04-20" {
				t.Errorf("the explosion: %d citations, dated %s; want 4, 2010-04-20", len(e.Citations), e.Date.Value)
			}
		}
	}
	if explosion != 1 {
		t.Errorf("the repeated background sentence makes %d events, want 1", explosion)
	}
}

// TestUpdateRepeated: Update judges repeated sentences as Build does, or
// gives up when an edit changes whether one is furniture.
func TestUpdateRepeated(t *testing.T) {
	for _, c := range []struct {
		name   string
		edit   func(i int, body string) string
		update bool // Update can do it
	}{
		{"an edit elsewhere", func(i int, b string) string {
			if i == 1 {
				return strings.Replace(b, "failed", "failed again", 1)
			}
			return b
		}, true},
		{"furniture removed from one article of four", func(i int, b string) string {
			if i == 1 {
				return strings.Replace(b, "Comments posted below were checked by moderators of the agency.", "", 1)
			}
			return b
		}, true},
		{"furniture removed from two articles of four: no longer repeated", func(i int, b string) string {
			if i == 1 || i == 2 {
				return strings.Replace(b, "Comments posted below were checked by moderators of the agency.", "", 1)
			}
			return b
		}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var cache Cache
			base := repeatedStory(t, nil)
			if _, err := Build(context.Background(), base, Options{Cache: &cache}); err != nil {
				t.Fatal(err)
			}
			arts := repeatedStory(t, c.edit)
			var changed []string
			for i, a := range arts {
				if string(a.Source) != string(base[i].Source) {
					changed = append(changed, a.ID)
				}
			}
			got, ok, err := Update(context.Background(), arts, changed, Options{Cache: &cache})
			if err != nil {
				t.Fatal(err)
			}
			if ok != c.update {
				t.Fatalf("Update: ok %v, want %v", ok, c.update)
			}
			if !ok {
				return
			}
			want, err := Build(context.Background(), arts, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if outline(got) != outline(want) {
				t.Errorf("Update's events differ from Build's:\n%s\nBuild:\n%s", outline(got), outline(want))
			}
		})
	}
}
