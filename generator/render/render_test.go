package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/timeline"
	"github.com/timeline-dev/timeline/generator/timex"
)

// A month that comes back after a less precise event gets a heading of its
// own with a distinct id.
func TestPeriodIDsUnique(t *testing.T) {
	date := func(v string, m timex.Mod) timeline.Date {
		d, _ := timeline.NewDate(timex.Value(v), m)
		return d
	}
	m := &timeline.Model{Site: timeline.Site{Title: "t"}}
	for i, d := range []timeline.Date{date("2013-03-02", ""), date("2013", timex.Start), date("2013-03-20", "")} {
		m.Events = append(m.Events, &timeline.Event{ID: string(rune('a' + i)), Page: "/events/x/", Headline: "h", Date: d})
	}
	r := &renderer{m: m, basePath: "/", modelArts: map[string]*timeline.Article{}, events: map[string]int{}}
	p := r.timelinePage(false)
	seen := map[string]bool{}
	var ids []string
	for _, y := range p.Timeline.Years {
		for _, per := range y.Periods {
			if seen[per.ID] {
				t.Errorf("period id %q twice", per.ID)
			}
			seen[per.ID] = true
			ids = append(ids, per.ID)
		}
	}
	if len(ids) != 3 || ids[0] != "m2013-03" || ids[2] != "m2013-03-2" {
		t.Errorf("period ids %v", ids)
	}
}

// With a FeedLimit, the feed has the events most recently reported, in the
// feed's order (latest event first); without one, every event.
func TestFeedLimit(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2014, 1, d, 12, 0, 0, 0, time.UTC) }
	// Events a..e in time order; the articles citing them were published
	// on these days: c and a were reported last.
	reported := map[string][]int{"a": {3, 9}, "b": {2}, "c": {8}, "d": {1}, "e": {4}}
	m := &timeline.Model{Site: timeline.Site{Title: "t"}}
	arts := map[string]*content.Article{}
	for _, id := range []string{"a", "b", "c", "d", "e"} {
		e := &timeline.Event{ID: id, Page: "/events/" + id + "/", Headline: id}
		for _, d := range reported[id] {
			art := fmt.Sprintf("art-%d", d)
			arts[art] = &content.Article{Published: day(d)}
			e.Citations = append(e.Citations, &timeline.Citation{Article: art})
		}
		m.Events = append(m.Events, e)
	}
	ids := func(limit int) string {
		r := &renderer{m: m, articles: arts, opts: Options{FeedLimit: limit}}
		var out []string
		for _, e := range r.feedEvents() {
			out = append(out, e.ID)
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		limit int
		want  string
	}{
		{0, "e d c b a"},
		{5, "e d c b a"},
		{9, "e d c b a"},
		{2, "c a"},
		{3, "e c a"},
		{1, "a"},
	} {
		if got := ids(c.limit); got != c.want {
			t.Errorf("FeedLimit %d: %q, want %q", c.limit, got, c.want)
		}
	}
}

// events.json is written an item at a time, and must be what
// json.MarshalIndent makes of the whole model.
func TestModelJSONAsMarshalIndent(t *testing.T) {
	models := []*timeline.Model{
		{},
		{Articles: []*timeline.Article{}, Events: []*timeline.Event{}},
		{Site: timeline.Site{Title: "<T> & co"}, Articles: []*timeline.Article{{ID: "a", Events: []string{}}},
			Events: []*timeline.Event{{ID: "e1", Headline: "“x” <y>"}, {ID: "e2", Entities: []timeline.Entity{{Name: "N"}}}}},
	}
	for i, m := range models {
		want, err := json.MarshalIndent(m, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := writeModelJSON(&got, m); err != nil {
			t.Fatal(err)
		}
		if got.String() != string(want)+"\n" {
			t.Errorf("model %d:\n%s\nwant:\n%s", i, got.String(), want)
		}
	}
}

func TestTextFragment(t *testing.T) {
	for _, c := range []struct{ quote, want string }{
		{"Kerry denied any knowledge.", "#:~:text=Kerry%20denied%20any%20knowledge."},
		{"A cease-fire, agreed.", "#:~:text=A%20cease%2Dfire%2C%20agreed."},
		{"one two three four five six seven eight nine ten eleven", "#:~:text=one%20two%20three%20four%20five,seven%20eight%20nine%20ten%20eleven"},
	} {
		if got := textFragment(c.quote); got != c.want {
			t.Errorf("textFragment(%q) = %q, want %q", c.quote, got, c.want)
		}
	}
}

// TestAllPages: a story of many events lists them on several pages, cut
// at a month once a page has allPageSize, never within a month unless it
// has twice as many; each event is on one page, which allURL links.
func TestAllPages(t *testing.T) {
	m := &timeline.Model{Site: timeline.Site{Title: "t"}}
	add := func(month time.Month, n int) {
		for i := range n {
			d := timex.NewDate(2011, month, 1+i%28)
			m.Events = append(m.Events, &timeline.Event{ID: fmt.Sprintf("e%d", len(m.Events)), Page: fmt.Sprintf("/events/e%d/", len(m.Events)),
				Date: timeline.Date{Value: timex.Value(d.String()), Start: d, End: d, Label: d.String()}})
		}
	}
	// In each of January to March 2011 five sixths of a page of events,
	// then in April seven thirds.
	n := allPageSize
	a, b := n*5/6, n*7/3
	add(time.January, a)
	add(time.February, a)
	add(time.March, a)
	add(time.April, b)
	r := &renderer{m: m, events: map[string]int{}}
	for i, e := range m.Events {
		r.events[e.ID] = i
	}
	pages := r.allPages()
	var sizes []int
	for _, p := range pages {
		sizes = append(sizes, p.last-p.first+1)
	}
	// January and February (full at February's end); March, not full,
	// and April, cut within April at twice the size; the rest of April.
	if got, want := fmt.Sprint(sizes), fmt.Sprint([]int{2 * a, 2 * n, a + b - 2*n}); got != want {
		t.Errorf("page sizes %s, want %s", got, want)
	}
	if pages[0].path != "/all/" || pages[1].path != "/all/2/" {
		t.Errorf("paths %q, %q", pages[0].path, pages[1].path)
	}
	last := len(m.Events) - 1
	if got, want := r.allURL(last), r.url("/all/3/")+fmt.Sprintf("#e%d", last); got != want {
		t.Errorf("allURL(%d) = %q, want %q", last, got, want)
	}
}

// TestTimelineJSDates: TimelineJS draws a date without a day as a point
// on the 1st; a month or a year is given as the span of its days.
func TestTimelineJSDates(t *testing.T) {
	for _, c := range []struct {
		value      timex.Value
		start, end string
	}{
		{"2014-01-15", "{2014 1 15 Wed 15 Jan 2014}", "<nil>"},
		{"2013-11", "{2013 11 1 November 2013}", "{2013 11 30 }"},
		{"2013", "{2013 1 1 2013}", "{2013 12 31 }"},
	} {
		d, ok := timeline.NewDate(c.value, timex.NoMod)
		if !ok {
			t.Fatalf("NewDate(%s)", c.value)
		}
		s, e := tjsDates(d)
		got := fmt.Sprint(*s)
		gotEnd := "<nil>"
		if e != nil {
			gotEnd = fmt.Sprint(*e)
		}
		if got != c.start || gotEnd != c.end {
			t.Errorf("%s: start %s end %s, want %s and %s", c.value, got, gotEnd, c.start, c.end)
		}
	}
}

// TestPageRange: a page of every event is labelled by the dates its first
// and last events start on, as precise as each, sharing what they share.
func TestPageRange(t *testing.T) {
	date := func(v string) timeline.Date {
		iv, ok := timex.Value(v).Interval()
		if !ok {
			t.Fatalf("%s: no interval", v)
		}
		return timeline.Date{Value: timex.Value(v), Start: iv.Start, End: iv.End, Label: timex.Value(v).Label(timex.NoMod)}
	}
	for _, c := range []struct{ first, last, want string }{
		{"2011-02-20", "2011-02-25", "20–25 Feb 2011"},
		{"2011-02-28", "2011-03-07", "28 Feb – 7 Mar 2011"},
		{"2010-12", "2011-02-20", "Dec 2010 – 20 Feb 2011"},
		{"1984", "2005", "1984 – 2005"},
		{"2011-W09", "2011-03-07", "28 Feb – 7 Mar 2011"},
		{"2011-SU", "2011-11", "summer 2011 – Nov 2011"},
		{"2011-03-14", "2011-03-14", "14 Mar 2011"},
		{"2011", "2011", "2011"},
		{"2011-08-21", "2012", "21 Aug 2011 – 2012"},
	} {
		if got := pageRange(date(c.first), date(c.last)); got != c.want {
			t.Errorf("pageRange(%s, %s) = %q, want %q", c.first, c.last, got, c.want)
		}
	}
}

// TestEntityPages: an entity of many events has a page for each hundred
// of them; each page links every page, marks its own, and counts the
// outlets of all the entity's events.
func TestEntityPages(t *testing.T) {
	m := &timeline.Model{Site: timeline.Site{Title: "t"}}
	arts := map[string]*timeline.Article{}
	for i := range 2*entityPageEvents + 10 {
		d := timex.NewDate(2011+i/300, time.Month(1+i/28%12), 1+i%28)
		id := fmt.Sprintf("a%d", i)
		arts[id] = &timeline.Article{ID: id, Outlet: fmt.Sprintf("Outlet %d", i%3)}
		m.Events = append(m.Events, &timeline.Event{ID: fmt.Sprintf("e%d", i), Page: fmt.Sprintf("/events/e%d/", i), Headline: "h",
			Date:      timeline.Date{Value: timex.Value(d.String()), Start: d, End: d, Label: d.String()},
			Entities:  []timeline.Entity{{Kind: "person", Key: "x", Name: "X"}},
			Citations: []*timeline.Citation{{Article: id}}})
	}
	r := &renderer{m: m, basePath: "/", modelArts: arts, events: map[string]int{}, frags: newFragments(len(m.Events))}
	for i, e := range m.Events {
		r.events[e.ID] = i
	}
	pages := r.entityPages()
	if len(pages) != 1 || pages[0].pages() != 3 {
		t.Fatalf("%d entity pages", len(pages))
	}
	for k := range 3 {
		v := r.entityPage(pages[0], k).Entity
		if v.Outlets != 3 || v.All != len(m.Events) {
			t.Errorf("page %d: %d outlets, %d events in all; want 3, %d", k, v.Outlets, v.All, len(m.Events))
		}
		if len(v.Pages) != 3 {
			t.Fatalf("page %d links %d pages", k, len(v.Pages))
		}
		for j, l := range v.Pages {
			if l.Current != (j == k) || l.Href != pages[0].pagePath(j) {
				t.Errorf("page %d: link %d is %+v", k, j, l)
			}
		}
	}
}
