package build

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/diag"
	model "github.com/timeline-dev/timeline/generator/timeline"
)

const (
	naharnet = "naharnet-western-intelligence-talking-to-damascus"
	haaretz  = "haaretz-european-intelligence-seeking-info-on-jihadis"
)

// eventCiting returns the event that cites a sentence containing quote.
func eventCiting(m *model.Model, article, quote string) *model.Event {
	for _, e := range m.Events {
		for _, c := range e.Citations {
			if c.Article == article && strings.Contains(c.Quote, quote) {
				return e
			}
		}
	}
	return nil
}

func buildModel(t *testing.T, site string) (*model.Model, error) {
	t.Helper()
	opts := Options{Source: site, Theme: timeline.Theme}
	cfg, err := Load(opts)
	if err != nil {
		t.Fatal(err)
	}
	_, m, err := Timeline(context.Background(), opts, cfg, nil)
	return m, err
}

// Editors correct the extracted timeline in content/_events.toml.
func TestOverrides(t *testing.T) {
	site := copySite(t, "../..")
	before, err := buildModel(t, site)
	if err != nil {
		t.Fatal(diag.Detail(err))
	}
	hague := eventCiting(before, naharnet, "William Hague said on Monday")
	aid := eventCiting(before, naharnet, "Last month the United States and Britain suspended")
	mekdad := eventCiting(before, naharnet, "Mekdad said in a broadcast aired Tuesday night")
	pledge := eventCiting(before, haaretz, "pledged $1.4 billion")
	if hague == nil || aid == nil || mekdad == nil || pledge == nil {
		t.Fatal("the seed timeline lacks an event this test needs")
	}
	var hollande *model.Event
	for _, e := range before.Events {
		if e != hague && eventCitesQuote(e, "Hollande said Tuesday") {
			hollande = e
		}
	}
	write(t, filepath.Join(site, "content/_events.toml"), fmt.Sprintf(`
[[event]]
id = %q
headline = "The US and Britain suspend non-lethal aid to the rebels"
summary = "Both governments feared the influence of radical Islamists."
rename = "non-lethal-aid-suspended"

[[merge]]
ids = [%q, %q]
into = "hague-and-hollande"

[[split]]
article = %q
quote = "Britain’s Foreign Office refused to comment on what Mekdad said"
id = "foreign-office-no-comment"
headline = "Britain's Foreign Office will not comment"

[[suppress]]
id = %q

[[event]]
article = %q
quote = "They are also worried about fighters from their countries traveling to Syria"
date = "2014-01"
headline = "Western governments worry about their citizens fighting in Syria"
`, aid.ID, hague.ID, hollande.ID, naharnet, pledge.ID, naharnet))
	after, err := buildModel(t, site)
	if err != nil {
		t.Fatal(diag.Detail(err))
	}
	byID := map[string]*model.Event{}
	for _, e := range after.Events {
		byID[e.ID] = e
	}
	if e := byID["non-lethal-aid-suspended"]; e == nil || e.Headline != "The US and Britain suspend non-lethal aid to the rebels" || e.Summary == "" {
		t.Errorf("renamed event: %+v", e)
	}
	if e := byID["hague-and-hollande"]; e == nil || !eventCitesQuote(e, "William Hague said on Monday") || byID[hague.ID] != nil || byID[hollande.ID] != nil {
		t.Errorf("merged event: %+v", e)
	}
	if e := byID["foreign-office-no-comment"]; e == nil || len(e.Citations) != 1 || e.Headline != "Britain's Foreign Office will not comment" {
		t.Errorf("split event: %+v", e)
	} else if m := eventCiting(after, naharnet, "Mekdad said in a broadcast aired Tuesday night"); eventCitesQuote(m, "Foreign Office refused to comment") {
		t.Error("the split sentence is still cited by the Mekdad event")
	}
	if byID[pledge.ID] != nil || eventCiting(after, haaretz, "pledged $1.4 billion") != nil {
		t.Error("suppressed event is still there")
	}
	if e := eventCiting(after, naharnet, "They are also worried about fighters"); e == nil || e.Date.Value != "2014-01" || e.Citations[0].Origin != model.Editor {
		t.Errorf("added event: %+v", e)
	}
	// The other events keep their ids.
	if byID[mekdad.ID] == nil {
		t.Errorf("event %s lost its id", mekdad.ID)
	}
}

func eventCitesQuote(e *model.Event, quote string) bool {
	if e == nil {
		return false
	}
	for _, c := range e.Citations {
		if strings.Contains(c.Quote, quote) {
			return true
		}
	}
	return false
}

// Overrides that name what does not exist are errors at their line.
func TestOverrideErrors(t *testing.T) {
	cases := []struct{ file, want string }{
		{"[[event]]\nid = \"no-such-event\"\nheadline = \"x\"\n", `content/_events.toml:2:1: no event has the id "no-such-event"`},
		{"[[merge]]\nids = [\"a\"]\n", `content/_events.toml:2:1: merge 1: ids must name at least two events`},
		{"\n[[merge]]\nids = [\"nope-1\", \"nope-2\"]\n", `content/_events.toml:3:1: no event has the id "nope-1"`},
		{"[[split]]\narticle = \"nope\"\nquote = \"x\"\n", `content/_events.toml:2:1: article: no article has the id "nope"`},
		{"[[suppress]]\narticle = \"" + naharnet + "\"\nquote = \"Not in the article\"\n", `content/_events.toml:3:1: quote: not found in article ` + naharnet},
		{"[[suppress]]\narticle = \"" + haaretz + "\"\nquote = \"Foreign aid\"\n", `content/_events.toml:3:1: suppress: the quote is in ` + haaretz + `, but no dated sentence is there`},
		{"[[event]]\nid = \"x\"\narticle = \"y\"\n", `content/_events.toml:2:1: event 1: give either id`},
		{"[[event]]\narticle = \"" + naharnet + "\"\nquote = \"Mekdad said\"\ndate = \"2014-13\"\n", `content/_events.toml:4:1: date: "2014-13" is not a valid TIMEX3 value`},
		{"[[sppress]]\nid = \"x\"\n", `content/_events.toml:1:1: unknown key "sppress" (did you mean "suppress"?)`},
		// A mistyped id: the closest one.
		{"[[event]]\nid = \"2014-01-15-bbc-mekdad-wets\"\nheadline = \"x\"\n", `content/_events.toml:2:1: no event has the id "2014-01-15-bbc-mekdad-wets" (did you mean "2014-01-15-bbc-mekdad-west"?)`},
		// Re-dating an event: id and date (and mod).
		{"[[event]]\nid = \"x\"\ndate = \"2014-13\"\n", `content/_events.toml:3:1: date: "2014-13" is not a valid TIMEX3 value`},
		{"[[event]]\nid = \"x\"\nmod = \"START\"\n", `content/_events.toml:3:1: mod: re-dating an event takes a date, then its mod`},
		{"[[event]]\nid = \"x\"\ndate = \"2014\"\nmod = \"EARLY\"\n", `content/_events.toml:4:1: mod: `},
		{"[[event]]\nid = \"x\"\naliases = [\"Old Id\"]\n", `content/_events.toml:3:1: aliases: "Old Id" is not a slug`},
	}
	for _, c := range cases {
		site := copySite(t, "../..")
		write(t, filepath.Join(site, "content/_events.toml"), c.file)
		_, err := buildModel(t, site)
		errs := diag.Errors(err)
		if len(errs) == 0 || !strings.HasPrefix(errs[0].Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.file, err, c.want)
		}
	}
}
