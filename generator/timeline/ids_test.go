package timeline

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/mentions"
	"github.com/timeline-dev/timeline/generator/timex"
)

// article makes an article of id with the given paragraphs.
func article(t *testing.T, id, outlet, published string, paras ...string) *content.Article {
	t.Helper()
	src := fmt.Sprintf("+++\ntitle = %q\noutlet = %q\npublished = %s\n+++\n\n%s\n", id, outlet, published, strings.Join(paras, "\n\n"))
	return parse(t, "content/"+id+".md", src)
}

// ids returns the events' ids, each with the start of its headline.
func ids(m *Model) []string {
	var out []string
	for _, e := range m.Events {
		out = append(out, e.ID)
	}
	return out
}

func buildStory(t *testing.T, arts []*content.Article, overrides string, prev *Previous) *Model {
	t.Helper()
	m, err := tryStory(t, arts, overrides, prev)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func tryStory(t *testing.T, arts []*content.Article, overrides string, prev *Previous) (*Model, error) {
	t.Helper()
	content.Sort(arts)
	opts := Options{Previous: func() *Previous { return prev }}
	if overrides != "" {
		ov, err := content.ParseOverrides("content/_events.toml", []byte(overrides), arts)
		if err != nil {
			t.Fatal(err)
		}
		opts.Overrides = ov
	}
	return Build(context.Background(), arts, opts)
}

// TestDerivedIDs: an id is the event's date and its heaviest features:
// named entities first (by key: Geneva is Switzerland's), words while
// there are fewer than two, no numbers, in sort order; an editor's event
// with a headline takes its words.
func TestDerivedIDs(t *testing.T) {
	cases := []struct {
		name, sentence, want string
	}{
		{"entities", "John Kerry met Sergei Lavrov in Geneva on Monday.", "2014-01-13-kerry-lavrov-switzerland"},
		{"words", "Controllers turned the lander on Friday to catch more sunlight.", "2014-01-10-catch-controllers-lander"},
		{"no numbers", "The council approved $4.5 million on Tuesday for 12 bridges.", "2014-01-14-approved-bridges-council"},
		{"one entity", "The United Nations delivered blankets and food to the valley on Sunday.", "2014-01-12-blankets-delivered-united-nations"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := buildStory(t, []*content.Article{article(t, "a", "Reuters", "2014-01-14", c.sentence)}, "", nil)
			if got := ids(m); len(got) != 1 || got[0] != c.want {
				t.Errorf("ids %v, want [%s]", got, c.want)
			}
		})
	}
	t.Run("editor's headline", func(t *testing.T) {
		a := parse(t, "content/a.md", `+++
title = "A"
outlet = "Reuters"
published = 2014-01-14

[[event]]
date = "2014-01-13"
headline = "Kerry and Lavrov meet in Geneva"
quote = "John Kerry met Sergei Lavrov in Geneva on Monday."
+++

John Kerry met Sergei Lavrov in Geneva on Monday.
`)
		m := buildStory(t, []*content.Article{a}, "", nil)
		if got := ids(m); len(got) != 1 || got[0] != "2014-01-13-kerry-lavrov-meet-geneva" {
			t.Errorf("ids %v, want the date and the headline's words", got)
		}
	})
}

// TestDerivedIDsCopyEdits: a copy edit that leaves an event's heaviest
// features alone leaves its derived id alone, with no last build to match.
func TestDerivedIDsCopyEdits(t *testing.T) {
	cases := []struct {
		name, before, after string
		same                bool
	}{
		{"a verb", "Controllers turned the lander on Friday to catch more sunlight.", "Controllers rotated the lander on Friday to catch more sunlight.", true},
		{"a word that is no feature", "John Kerry met Sergei Lavrov in Geneva on Monday.", "John Kerry talked with Sergei Lavrov in Geneva on Monday.", true},
		{"a word into a sentence of entities", "John Kerry met Sergei Lavrov in Geneva on Monday.", "John Kerry met Sergei Lavrov briefly in Geneva on Monday.", true},
		{"punctuation and case", "The council approved $4.5 million on Tuesday for 12 bridges.", "The Council approved $4.5 million on Tuesday, for 12 bridges.", true},
		// A word the id is made of: the id changes (a last build keeps it).
		{"a feature", "Controllers turned the lander on Friday to catch more sunlight.", "Controllers turned the probe on Friday to catch more sunlight.", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			other := article(t, "b", "AP", "2014-01-15", "Kerry said on Wednesday that the talks would resume.")
			m0 := buildStory(t, []*content.Article{article(t, "a", "Reuters", "2014-01-14", c.before), other}, "", nil)
			m1 := buildStory(t, []*content.Article{article(t, "a", "Reuters", "2014-01-14", c.after), other}, "", nil)
			if same := slices.Equal(ids(m0), ids(m1)); same != c.same {
				t.Errorf("ids %v, then %v: same %v, want %v", ids(m0), ids(m1), same, c.same)
			}
		})
	}
}

// TestSeedIDsSurviveCopyEdits edits the sentences that the seed's events
// lead with, one word at a time (a word made lower case, not a name, not
// a stop word, replaced by a word no article has), and counts the events
// whose id a build without the last one derives the same, among those
// that cite the same sentences after the edit: more than with ids made of
// the headline's first words, as they were before issue 18.
func TestSeedIDsSurviveCopyEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the seed timeline some eighty times")
	}
	m0, arts := seedModel(t)
	stable, headline, total := 0, 0, 0
	headlineID := func(e *Event) string { return headlineID(string(e.Date.Value), e.Headline, nil) }
	for _, e := range m0.Events {
		c := e.Citations[0]
		k := slices.IndexFunc(arts, func(a *content.Article) bool { return a.ID == c.Article })
		a := arts[k]
		if !strings.Contains(string(a.Source), c.Quote) {
			continue
		}
		edits := 0
		for _, w := range strings.FieldsFunc(c.Quote, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if edits == 3 || len(w) < 4 || unicode.IsUpper([]rune(w)[0]) || mentions.Stem(w) == "" {
				continue
			}
			edits++
			src := strings.Replace(string(a.Source), c.Quote, strings.Replace(c.Quote, w, "zorbled", 1), 1)
			edited := slices.Clone(arts)
			edited[k] = parse(t, a.Path, src)
			m1, err := Build(context.Background(), edited, Options{})
			if err != nil {
				t.Fatal(err)
			}
			e1 := sameSentences(m1, e)
			if e1 == nil {
				continue // grouped otherwise
			}
			total++
			if e1.ID == e.ID {
				stable++
			} else {
				t.Logf("%q → zorbled: %s → %s", w, e.ID, e1.ID)
			}
			if headlineID(e1) == headlineID(e) {
				headline++
			}
		}
	}
	t.Logf("%d of %d copy edits keep the id; %d the headline's first words", stable, total, headline)
	if total < 50 || stable*100 < total*90 || stable <= headline {
		t.Errorf("%d of %d copy edits keep the id, want 90%%, and more than the headline's first words (%d)", stable, total, headline)
	}
}

// sameSentences returns the event of m that cites the sentences e cites,
// at the same places, or nil.
func sameSentences(m *Model, e *Event) *Event {
	for _, x := range m.Events {
		if len(x.Citations) != len(e.Citations) {
			continue
		}
		same := true
		for k, c := range x.Citations {
			o := e.Citations[k]
			if c.Article != o.Article || c.Block != o.Block || c.Start != o.Start || c.Value != o.Value {
				same = false
			}
		}
		if same {
			return x
		}
	}
	return nil
}

// roundTrip is the last build as events.json gives it.
// constant returns a function that returns v.
func constant[T any](v T) func() T { return func() T { return v } }

func roundTrip(t *testing.T, m *Model) *Previous {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ReadPrevious(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRebuildKeepsIDs: a build after a build of the same content gives the
// same ids, no aliases and no notes, with or without overrides.
func TestRebuildKeepsIDs(t *testing.T) {
	m0, arts := seedModel(t)
	m1, err := Build(context.Background(), arts, Options{Previous: constant(roundTrip(t, m0))})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(m0), ids(m1)) {
		t.Errorf("ids\n%v\nthen\n%v", ids(m0), ids(m1))
	}
	for _, e := range m1.Events {
		if len(e.Aliases) > 0 {
			t.Errorf("%s: aliases %v", e.ID, e.Aliases)
		}
	}
	if len(m1.Notes) > 0 {
		t.Errorf("notes: %v", m1.Notes)
	}
}

// TestPrevious: an event keeps the id of the last build's event that
// cited mostly the same sentences; the ids that disappear become aliases
// of the event that took the most of their sentences.
func TestPrevious(t *testing.T) {
	landing := "The Philae lander touched down on comet 67P on Wednesday, the European Space Agency said."
	descent := "Philae landed on the comet on Wednesday after a seven-hour descent from Rosetta."
	turned := "Controllers turned the lander on Friday to catch more sunlight on its solar panels."
	// One outlet's two reports of the landing, which extraction keeps
	// apart (two outlets naming the landing on its day are one event:
	// mergeHappenings) and an editor may merge.
	story := func(a, b string) []*content.Article {
		return []*content.Article{
			article(t, "a", "Reuters", "2014-11-13", a),
			article(t, "b", "Reuters", "2014-11-14", b, descent),
		}
	}
	m0 := buildStory(t, story(landing, turned), "", nil)
	want0 := []string{"2014-11-12-comet-descent-landed", "2014-11-12-comet-european-space-agency-lander", "2014-11-14-catch-controllers-lander"}
	if !slices.Equal(ids(m0), want0) {
		t.Fatalf("ids %v, want %v", ids(m0), want0)
	}
	prev := roundTrip(t, m0)

	t.Run("copy edit of a feature", func(t *testing.T) {
		edited := strings.Replace(turned, "catch", "get", 1)
		if m := buildStory(t, story(landing, edited), "", nil); slices.Equal(ids(m), want0) {
			t.Fatalf("the edit leaves the derived ids alone: %v", ids(m))
		}
		m := buildStory(t, story(landing, edited), "", prev)
		if !slices.Equal(ids(m), want0) {
			t.Errorf("ids %v, want %v", ids(m), want0)
		}
		for _, e := range m.Events {
			if len(e.Aliases) > 0 {
				t.Errorf("%s: aliases %v", e.ID, e.Aliases)
			}
		}
	})
	t.Run("merged", func(t *testing.T) {
		ov := `[[merge]]
ids = ["2014-11-12-comet-european-space-agency-lander", "2014-11-12-comet-descent-landed"]
`
		m := buildStory(t, story(landing, turned), ov, prev)
		want := []string{"2014-11-12-comet-european-space-agency-lander", "2014-11-14-catch-controllers-lander"}
		if !slices.Equal(ids(m), want) || !slices.Equal(m.Events[0].Aliases, []string{"2014-11-12-comet-descent-landed"}) {
			t.Errorf("ids %v (aliases %v), want %v, the second an alias of the first", ids(m), m.Events[0].Aliases, want)
		}
		if len(m.Notes) > 0 {
			t.Errorf("the merge says it all, yet notes: %v", m.Notes)
		}
		// Then a copy edit of a word the merged event's id came
		// from: the merge finds both events through the last build.
		edited := strings.Replace(descent, "descent", "fall", 1)
		arts := []*content.Article{article(t, "a", "Reuters", "2014-11-13", landing), article(t, "b", "Reuters", "2014-11-14", turned, edited)}
		m2 := buildStory(t, arts, ov, roundTrip(t, m))
		if !slices.Equal(ids(m2), want) || len(m2.Events[0].Citations) != 2 || !slices.Contains(m2.Events[0].Aliases, "2014-11-12-comet-descent-landed") {
			t.Errorf("after the edit: ids %v, %d citations, aliases %v", ids(m2), len(m2.Events[0].Citations), m2.Events[0].Aliases)
		}
		if len(m2.Notes) != 1 || !strings.Contains(m2.Notes[0].Error(), `"2014-11-12-comet-descent-landed" names this event only through the last build`) {
			t.Errorf("notes %v, want one on the merge's id", m2.Notes)
		}
		// A build without the last one does not find it, and says
		// what the event is called now.
		_, err := tryStory(t, arts, ov, nil)
		if err == nil || !strings.Contains(err.Error(), `no event has the id "2014-11-12-comet-descent-landed" (did you mean "2014-11-12-comet-landed-philae"?)`) {
			t.Errorf("without the last build: %v", err)
		}
	})
	t.Run("renamed twice", func(t *testing.T) {
		rename := func(to string) string {
			return fmt.Sprintf("[[event]]\nid = \"2014-11-14-catch-controllers-lander\"\nrename = %q\n", to)
		}
		m1 := buildStory(t, story(landing, turned), rename("panels"), prev)
		e := m1.Events[len(m1.Events)-1]
		if e.ID != "panels" || !slices.Equal(e.Aliases, []string{"2014-11-14-catch-controllers-lander"}) || len(m1.Notes) > 0 {
			t.Errorf("renamed: %s, aliases %v, notes %v", e.ID, e.Aliases, m1.Notes)
		}
		m2 := buildStory(t, story(landing, turned), rename("solar-panels"), roundTrip(t, m1))
		e = m2.Events[len(m2.Events)-1]
		if e.ID != "solar-panels" || !slices.Equal(e.Aliases, []string{"2014-11-14-catch-controllers-lander", "panels"}) {
			t.Errorf("renamed again: %s, aliases %v", e.ID, e.Aliases)
		}
		// "panels" is known only from the last build: a note says which
		// line keeps it.
		if len(m2.Notes) != 1 || !strings.Contains(m2.Notes[0].Hint, `aliases = ["panels"]`) {
			t.Errorf("notes %v", m2.Notes)
		}
		// With that line, a build without the last one keeps it too.
		m3 := buildStory(t, story(landing, turned), rename("solar-panels")+`aliases = ["panels"]`+"\n", nil)
		e = m3.Events[len(m3.Events)-1]
		if !slices.Equal(e.Aliases, []string{"2014-11-14-catch-controllers-lander", "panels"}) {
			t.Errorf("from aliases: %s, aliases %v", e.ID, e.Aliases)
		}
	})
	t.Run("re-dated", func(t *testing.T) {
		ov := "[[event]]\nid = \"2014-11-14-catch-controllers-lander\"\ndate = \"2014-11\"\nmod = \"START\"\n"
		m := buildStory(t, story(landing, turned), ov, nil)
		var e *Event
		for _, x := range m.Events {
			if x.ID == "2014-11-14-catch-controllers-lander" {
				e = x
			}
		}
		switch {
		case e == nil:
			t.Fatalf("ids %v: the re-dated event lost its id", ids(m))
		case e.Date.Value != "2014-11" || e.Date.Mod != "START" || e.Date.Label != "early November 2014":
			t.Errorf("date %+v, want the editor's", e.Date)
		case e.Citations[0].Value != "2014-11-14":
			t.Errorf("citation value %s, want its own", e.Citations[0].Value)
		case m.Events[0] != e:
			t.Errorf("ids %v: early November comes first", ids(m))
		}
	})
}

// TestPrevIndex: a sentence of the last build matches in the same article
// when the quotes share more than half the words of the longer, and the
// citation of its date when the sentence had two.
func TestPrevIndex(t *testing.T) {
	p := &Previous{Events: []PreviousEvent{
		{ID: "a", Citations: []PreviousCitation{{Article: "x", Quote: "Controllers turned the lander on Friday to catch more sunlight.", Value: "2014-11-14"}}},
		{ID: "b", Citations: []PreviousCitation{{Article: "x", Quote: "The talks began on Monday and ended on Friday.", Value: "2014-11-10"}}},
		{ID: "c", Citations: []PreviousCitation{{Article: "x", Quote: "The talks began on Monday and ended on Friday.", Value: "2014-11-14"}}},
	}}
	x := newPrevIndex(p)
	cases := []struct {
		name, article, quote string
		value                string
		want                 []int32
	}{
		{"the same", "x", "Controllers turned the lander on Friday to catch more sunlight.", "2014-11-14", []int32{0}},
		{"white space", "x", "Controllers turned the lander\non Friday to catch more sunlight.", "2014-11-14", []int32{0}},
		{"a word changed", "x", "Controllers rotated the lander on Friday to catch more sunlight.", "2014-11-14", []int32{0}},
		{"words added", "x", "Controllers turned the lander on Friday, hoping to catch a little more sunlight.", "2014-11-14", []int32{0}},
		{"another sentence", "x", "Controllers turned off the drill on Saturday.", "2014-11-15", nil},
		{"another article", "y", "Controllers turned the lander on Friday to catch more sunlight.", "2014-11-14", nil},
		{"two dates: the first", "x", "The talks began on Monday and ended on Friday.", "2014-11-10", []int32{1}},
		{"two dates: the second", "x", "The talks began on Monday and ended on Friday.", "2014-11-14", []int32{2}},
		{"two dates, neither", "x", "The talks began on Monday and ended on Friday.", "2014-11", []int32{1, 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := x.events(&Citation{Article: c.article, Quote: c.quote, Value: timexValue(c.value)})
			if !slices.Equal(got, c.want) {
				t.Errorf("events %v, want %v", got, c.want)
			}
		})
	}
}

func TestClosestID(t *testing.T) {
	ids := []string{"2014-11-14-catch-controllers-lander", "2014-11-12-comet-descent-landed", "philae-bounces"}
	cases := []struct{ id, want string }{
		{"2014-11-14-catch-controlers-lander", "2014-11-14-catch-controllers-lander"},
		{"philae-bounce", "philae-bounces"},
		{"2014-11-12-comet-fall-landed", "2014-11-12-comet-descent-landed"},
		{"2014-11-14-lander-catch-controllers", "2014-11-14-catch-controllers-lander"},
		{"no-such-event", ""},
		{"2013-01-01-comet-descent", ""},
	}
	for _, c := range cases {
		if got := closestID(c.id, slices.Clone(ids)); got != c.want {
			t.Errorf("closestID(%q) = %q, want %q", c.id, got, c.want)
		}
	}
}

func timexValue(s string) timex.Value { return timex.Value(s) }
