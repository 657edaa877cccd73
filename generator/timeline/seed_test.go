package timeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/timex"
)

// The seed articles' ids.
const (
	theWeek  = "the-week-west-sends-spies-to-syria"
	naharnet = "naharnet-western-intelligence-talking-to-damascus"
	haaretz  = "haaretz-european-intelligence-seeking-info-on-jihadis"
	asharq   = "asharq-al-awsat-assad-not-partner-in-war-on-terror"
	mee      = "middle-east-eye-us-and-syria-coordinating-intelligence"
)

func seedModel(t *testing.T) (*Model, []*content.Article) {
	t.Helper()
	files, err := filepath.Glob("../../content/*.md")
	if err != nil || len(files) != 5 {
		t.Fatalf("the seed articles: %v %v", files, err)
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
		if len(a.Events) > 0 {
			t.Fatalf("%s declares events: the seed timeline must come from extraction", a.Path)
		}
		arts = append(arts, a)
	}
	content.Sort(arts)
	m, err := Build(context.Background(), arts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m, arts
}

// citing returns the events that cite a sentence of article containing
// quote.
func citing(m *Model, article, quote string) []*Event {
	var out []*Event
	for _, e := range m.Events {
		for _, c := range e.Citations {
			if c.Article == article && strings.Contains(c.Quote, quote) {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// one returns the single event citing every (article, quote) pair, and
// fails if they are cited by no event or by different events.
func one(t *testing.T, m *Model, what string, pairs ...string) *Event {
	t.Helper()
	var e *Event
	for i := 0; i < len(pairs); i += 2 {
		es := citing(m, pairs[i], pairs[i+1])
		switch {
		case len(es) == 0:
			t.Errorf("%s: no event cites %s %q", what, pairs[i], pairs[i+1])
			return nil
		case e == nil:
			e = es[0]
		}
		found := false
		for _, x := range es {
			found = found || x == e
		}
		if !found {
			t.Errorf("%s: %s %q is cited by %q, not by %q (%q)", what, pairs[i], pairs[i+1], es[0].ID, e.ID, e.Headline)
			return nil
		}
	}
	for _, c := range e.Citations {
		if c.Origin != Extracted {
			t.Errorf("%s: citation of %s has origin %q", what, c.Article, c.Origin)
		}
	}
	return e
}

func within(e *Event, from, to string) bool {
	f, _ := timex.ParseDate(from)
	l, _ := timex.ParseDate(to)
	return !e.Date.Start.Before(f) && !l.Before(e.Date.End)
}

// TestSeedTimeline asserts each line of the timeline the seed articles must
// yield (issue 4).
func TestSeedTimeline(t *testing.T) {
	m, arts := seedModel(t)

	// mid-2013: a retired MI6 officer is the first to visit Damascus —
	// Naharnet and Haaretz.
	if e := one(t, m, "MI6 visit", naharnet, "retired officer from Britain’s MI6", haaretz, "retired official from the British MI6"); e != nil {
		if !(e.Date.Value == "2013" && e.Date.Mod == timex.Mid || e.Date.Value == "2013-SU") {
			t.Errorf("MI6 visit dated %s %s, want 2013 MID or 2013-SU", e.Date.Value, e.Date.Mod)
		}
	}
	// November 2013: German, French and Spanish agencies in contact with
	// regime officials — Naharnet and Haaretz.
	if e := one(t, m, "November contacts", naharnet, "speaking to regime officials since November", haaretz, "making contact with regime officials in November"); e != nil && e.Date.Value != "2013-11" {
		t.Errorf("November contacts dated %s", e.Date.Value)
	}
	// December 2013: the US and Britain suspend non-lethal aid — Naharnet.
	if e := one(t, m, "aid suspended", naharnet, "Last month the United States and Britain suspended"); e != nil && e.Date.Value != "2013-12" {
		t.Errorf("aid suspended dated %s", e.Date.Value)
	}
	// 13 and 14 January 2014: Hague and Hollande, two events from one sentence.
	var hague, hollande *Event
	for _, e := range citing(m, naharnet, "Hollande said Tuesday that 700 people") {
		switch e.Date.Value {
		case "2014-01-13":
			hague = e
		case "2014-01-14":
			hollande = e
		}
	}
	if hague == nil || hollande == nil {
		t.Errorf("the Hollande/Hague sentence yields events %v, want one on 13 and one on 14 January", citing(m, naharnet, "Hollande said Tuesday"))
	}
	// 14–15 January 2014: Mekdad tells the BBC — one event citing all four
	// January articles, though they date it differently or not at all.
	mekdad := one(t, m, "Mekdad to the BBC",
		theWeek, "Syria’s deputy foreign minister has told the BBC",
		naharnet, "Mekdad said in a broadcast aired Tuesday night",
		haaretz, "confirmed in remarks broadcast on Wednesday",
		asharq, "told the BBC on Wednesday")
	if mekdad != nil && !within(mekdad, "2014-01-14", "2014-01-15") {
		t.Errorf("Mekdad to the BBC dated %s–%s", mekdad.Date.Start, mekdad.Date.End)
	}
	// 15 January 2014: the Kuwait donor conference pledges $1.4 billion
	// (Kuwait $500 million, US $380 million) — Haaretz.
	if e := one(t, m, "donor conference", haaretz, "pledged $1.4 billion on Wednesday", haaretz, "promised $500 million"); e != nil && e.Date.Value != "2014-01-15" {
		t.Errorf("donor conference dated %s", e.Date.Value)
	}
	// 15 January 2014: Kerry, in Kuwait, knows nothing of such contacts —
	// Haaretz and Asharq Al-Awsat, disputing Mekdad's claim.
	kerry := one(t, m, "Kerry", haaretz, "Kerry indicated he was not aware", asharq, "Kerry denied any knowledge")
	// 15 January 2014: the State Department denies any talks — Asharq
	// Al-Awsat, also a dispute.
	state := one(t, m, "State Department", asharq, "Dina Badawy")
	for _, d := range []struct {
		name string
		e    *Event
	}{{"Kerry", kerry}, {"State Department", state}} {
		if d.e == nil || mekdad == nil {
			continue
		}
		if d.e.Date.Value != "2014-01-15" {
			t.Errorf("%s dated %s", d.name, d.e.Date.Value)
		}
		if !contains(d.e.Disputes, mekdad.ID) || !contains(mekdad.DisputedBy, d.e.ID) {
			t.Errorf("%s (%s) does not dispute Mekdad's claim (%s): disputes %v, disputed by %v", d.name, d.e.ID, mekdad.ID, d.e.Disputes, mekdad.DisputedBy)
		}
	}
	if kerry != nil && kerry == state {
		t.Error("Kerry's and the State Department's denials are one event")
	}
	// The week of 20 January 2014: the Geneva talks — The Week and Haaretz.
	if e := one(t, m, "Geneva", theWeek, "peace talks in Geneva next week", haaretz, "Geneva peace conference scheduled for next week"); e != nil && e.Date.Value != "2014-W04" {
		t.Errorf("Geneva dated %s", e.Date.Value)
	}
	// August 2014: Moallem's offer — Middle East Eye.
	if e := one(t, m, "Moallem", mee, "Walid al-Moallem told reporters in Damascus in August"); e != nil && e.Date.Value != "2014-08" {
		t.Errorf("Moallem dated %s", e.Date.Value)
	}
	// September 2014: Al-Watan reports US–Syria intelligence exchange
	// through third parties — Middle East Eye.
	if e := one(t, m, "Al-Watan", mee, "according to Syrian newspaper Al-Watan", mee, "third party operatives"); e != nil && !within(e, "2014-09-01", "2014-09-30") {
		t.Errorf("Al-Watan dated %s–%s", e.Date.Start, e.Date.End)
	}

	// Faults found by issue 11. The agents Britain and France sent to
	// Mamluk are of AFP's November report, the paragraph before: November
	// 2013, not the news day.
	if e := one(t, m, "agents sent to Mamluk", naharnet, "Britain and France sent agents"); e != nil && e.Date.Value != "2013-11" {
		t.Errorf("agents sent to Mamluk dated %s, want 2013-11 (AFP reported in November)", e.Date.Value)
	}
	// The interview, the report it followed and the Foreign Office's
	// refusal to comment are happenings of their own, each of two outlets,
	// not 28 citations of one event.
	if mekdad != nil {
		for _, q := range [][2]string{{asharq, "the Wall Street Journal published a report"}, {haaretz, "a report in The Wall Street Journal"},
			{naharnet, "Foreign Office refused to comment"}, {theWeek, "Foreign Office told the BBC"}} {
			for _, e := range citing(m, q[0], q[1]) {
				if e == mekdad {
					t.Errorf("Mekdad's interview cites %q", q[1])
				}
			}
		}
		if len(mekdad.Citations) > 24 {
			t.Errorf("Mekdad's interview has %d citations", len(mekdad.Citations))
		}
	}
	if wsj := one(t, m, "the WSJ report", asharq, "the Wall Street Journal published a report", haaretz, "a report in The Wall Street Journal"); wsj != nil && kerry != nil && !contains(kerry.Disputes, wsj.ID) {
		t.Errorf("Kerry (%s) does not dispute the WSJ report (%s): disputes %v", kerry.ID, wsj.ID, kerry.Disputes)
	}
	one(t, m, "the Foreign Office's refusal", naharnet, "Foreign Office refused to comment", theWeek, "Foreign Office told the BBC")
	// Photo captions are not events.
	for _, q := range [][2]string{{haaretz, "A Free Syrian Army fighter holds his machine gun"}, {asharq, "fighters march through the streets"}} {
		if es := citing(m, q[0], q[1]); len(es) > 0 {
			t.Errorf("the caption %q is cited by %s", q[1], es[0].ID)
		}
	}

	// No two events report the same happening: each of these is cited by
	// exactly one event.
	for _, q := range [][2]string{
		{naharnet, "many of them have visited Damascus"}, {haaretz, "many of them have visited Damascus"},
		{theWeek, "many of them have visited Damascus"}, {asharq, "had visited Damascus to discuss security cooperation"},
		{asharq, "Kerry told reporters"}, {haaretz, "I don’t know anything about that"},
		{haaretz, "pledged $1.4 billion"}, {mee, "Al-Watan"},
	} {
		if es := citing(m, q[0], q[1]); len(es) != 1 {
			t.Errorf("%s %q is cited by %d events", q[0], q[1], len(es))
		}
	}
	headlines := map[string]string{}
	for _, e := range m.Events {
		if other, dup := headlines[e.Headline]; dup {
			t.Errorf("events %s and %s have the same headline %q", other, e.ID, e.Headline)
		}
		headlines[e.Headline] = e.ID
		// No headline over 110 characters, none with a dangling quote.
		if n := utf8.RuneCountInString(e.Headline); n > MaxHeadline || e.Headline == "" {
			t.Errorf("headline of %s has %d characters: %q", e.ID, n, e.Headline)
		}
		if strings.Count(e.Headline, "“") != strings.Count(e.Headline, "”") || strings.Count(e.Headline, `"`)%2 != 0 {
			t.Errorf("headline of %s has a dangling quotation mark: %q", e.ID, e.Headline)
		}
		// A complete statement (issue 16): not cut mid-phrase, not a
		// subordinate clause without its main clause.
		if strings.Contains(e.Headline, "…") {
			t.Errorf("headline of %s is cut short: %q", e.ID, e.Headline)
		}
		if _, body, _ := strings.Cut(e.Headline, ": "); hasAnyPrefix(e.Headline, subordinators) || hasAnyPrefix(body, subordinators) {
			t.Errorf("headline of %s is a subordinate clause: %q", e.ID, e.Headline)
		}
	}
	// No event comes from page furniture or reader comments: every quote
	// is a sentence of an article's reported text.
	body := map[string]string{}
	for _, a := range arts {
		var b strings.Builder
		for _, blk := range a.Doc.Blocks {
			b.WriteString(blk.Text)
			b.WriteString("\n")
		}
		body[a.ID] = b.String()
	}
	for _, e := range m.Events {
		for _, c := range e.Citations {
			if !strings.Contains(body[c.Article], c.Quote) {
				t.Errorf("event %s quotes %q, which is not in %s", e.ID, c.Quote, c.Article)
			}
			for _, furniture := range []string{"Sign up", "Subscribe", "newsletter", "Click the alert", "sucker born"} {
				if strings.Contains(c.Quote, furniture) {
					t.Errorf("event %s cites page furniture: %q", e.ID, c.Quote)
				}
			}
		}
	}
}
