package timeline

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/timeline-dev/timeline/generator/content"
)

func parse(t *testing.T, path, src string) *content.Article {
	t.Helper()
	a, err := content.Parse(path, []byte(src), content.Options{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return a
}

const naharnetMD = `+++
title = "Western Intelligence Talking to Damascus"
outlet = "Naharnet"
published = 2014-01-15

[[event]]
date = "2013"
mod = "MID"
headline = "A retired MI6 officer is the first to visit Damascus"
quote = "a retired officer from Britain's MI6 foreign intelligence agency was the first to visit"
id = "mi6-officer-visits-damascus"

[[event]]
date = "2013-11"
headline = "German, French and Spanish agencies contact regime officials"
quote = "German, French and Spanish agencies have been speaking to regime officials since November"

[[event]]
date = "2014-01-14"
headline = "Mekdad: Western intelligence agencies have visited Damascus"
quote = "\"I would not specify but many of them have visited Damascus, yes,\" Mekdad said in a broadcast aired Tuesday night."

[[event]]
date = "2014-01-14"
headline = "Mekdad tells the BBC of visits"
quote = "many of them have visited Damascus"
+++

"I would not specify but many of them have visited Damascus, yes," Mekdad said in a broadcast aired Tuesday night.

The Wall Street Journal, citing diplomats and officials, said a retired officer from Britain's MI6 foreign intelligence agency was the first to visit, in the middle of 2013.

German, French and Spanish agencies have been speaking to regime officials since November, the U.S. daily said.
`

const haaretzMD = `+++
title = "European Intelligence Seeking Info on Jihadis in Syria"
outlet = "Haaretz"
published = 2014-01-15

[[event]]
date = "2013-SU"
quote = "The report indicated that a retired official from the British MI6 made a trip to Damascus over the summer"
id = "mi6-officer-visits-damascus"
+++

The report indicated that a retired official from the British MI6 made a trip to Damascus over the summer, and that the French, German and Spanish intelligence agencies followed suit.
`

func TestBuildDeclared(t *testing.T) {
	arts := []*content.Article{parse(t, "content/naharnet.md", naharnetMD), parse(t, "content/haaretz.md", haaretzMD)}
	content.Sort(arts)
	m, err := Build(context.Background(), arts, Options{Site: Site{Title: "T", BaseURL: "/"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range m.Events {
		var cites []string
		for _, c := range e.Citations {
			cites = append(cites, c.Article+c.Anchor[strings.Index(c.Anchor, "#"):]+" "+string(c.Origin))
		}
		got = append(got, e.ID+" | "+e.Date.Label+" "+e.Date.Start.String()+"/"+e.Date.End.String()+" | "+strings.Join(cites, ", "))
	}
	want := []string{
		// Most precise date of the two citations: summer 2013 (season) over mid-2013 (year).
		"mi6-officer-visits-damascus | summer 2013 2013-06-01/2013-08-31 | haaretz#q-the-report-indicated-that-a-retired editor, naharnet#q-a-retired-officer-from-britains-mi6 editor",
		// An editor's headline gives the id: the date and its words.
		"2013-11-german-french-spanish-agencies-contact-regime | November 2013 2013-11-01/2013-11-30 | naharnet#q-german-french-and-spanish-agencies-have editor",
		"2014-01-14-mekdad-tells-bbc-visits | Tue 14 Jan 2014 2014-01-14/2014-01-14 | naharnet#q-i-would-not-specify-but-many editor",
		"2014-01-14-mekdad-western-intelligence-agencies-have | Tue 14 Jan 2014 2014-01-14/2014-01-14 | naharnet#q-i-would-not-specify-but-many editor",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events\n got %s\nwant %s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The two overlapping quotes of the first paragraph share one anchor
	// that links to both events, in timeline order.
	n := m.Articles[1]
	if n.ID != "naharnet" || len(n.Anchors) != 3 || len(n.Anchors[0].Events) != 2 || n.Anchors[0].Start != 0 {
		t.Errorf("naharnet anchors: %+v", n.Anchors)
	}
	if strings.Join(n.Events, ",") != "mi6-officer-visits-damascus,2013-11-german-french-spanish-agencies-contact-regime,2014-01-14-mekdad-tells-bbc-visits,2014-01-14-mekdad-western-intelligence-agencies-have" {
		t.Errorf("naharnet events: %v", n.Events)
	}
	// A headline defaults to the quote.
	if h := m.Events[0].Headline; h != "A retired MI6 officer is the first to visit Damascus" {
		t.Errorf("headline %q", h)
	}
	// The model is deterministic.
	m2, _ := Build(context.Background(), arts, Options{Site: Site{Title: "T", BaseURL: "/"}})
	j1, _ := json.Marshal(m)
	j2, _ := json.Marshal(m2)
	if string(j1) != string(j2) {
		t.Error("two builds differ")
	}
}

func TestHeadline(t *testing.T) {
	long := `Mekdad said "I will not specify but many of them have visited Damascus, yes, and many more have asked to come back to coordinate security measures with us" in the interview`
	h := Headline(long)
	if utf8.RuneCountInString(h) > MaxHeadline || !strings.HasSuffix(h, `…"`) || strings.Count(h, `"`)%2 != 0 {
		t.Errorf("Headline = %q (%d chars)", h, utf8.RuneCountInString(h))
	}
	if h := Headline("  short   one "); h != "short one" {
		t.Errorf("Headline = %q", h)
	}
	curly := strings.Repeat("word ", 15) + "“" + strings.Repeat("quoted ", 20) + "”"
	if h := Headline(curly); strings.Count(h, "“") != strings.Count(h, "”") || !strings.HasSuffix(h, "…”") || utf8.RuneCountInString(h) > MaxHeadline {
		t.Errorf("dangling quote in %q", h)
	}
}

func TestFragment(t *testing.T) {
	for q, want := range map[string]string{
		"“I would not specify but many of them have visited Damascus”": "q-i-would-not-specify-but-many",
		"Last month the United States and Britain suspended":           "q-last-month-the-united-states-and",
		"“”":                                  "q",
		"Internationalization considerations": "q-internationalization-considerations",
	} {
		if got := fragment(q); got != want {
			t.Errorf("fragment(%q) = %q, want %q", q, got, want)
		}
	}
}
