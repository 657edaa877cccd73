package timeline

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/markdown"
	"github.com/timeline-dev/timeline/generator/timex"
)

// rankFixture is a small story for one ranking signal: articles (id →
// publication day of April 2010) and events (on a day of April 2010,
// cited by article:expression pairs; an empty expression is a citation
// dated by context).
type rankFixture struct {
	name     string
	articles map[string]int
	outlets  map[string]string // default "Reuters": one outlet
	quotes   map[string]string // the sentence each article's citations quote
	events   []rankEvent
	// want lists event ids from the best: each must rank above the next.
	want []string
	// notKey lists event ids that must not be key events.
	notKey []string
}

// rankEvent is an event on a day of April 2010, or, when day is a year
// (1000 or more), on that whole year.
type rankEvent struct {
	id, day int
	cites   []string // "article:expression"
}

func april(d int) timex.Date { return timex.NewDate(2010, 4, d) }

func (f rankFixture) build() ([]*Event, []*Article, map[string]float64) {
	var arts []*Article
	var texts []*content.Article
	for id := range f.articles {
		texts = append(texts, &content.Article{ID: id, Doc: &markdown.Document{Blocks: []markdown.Block{{Text: f.quotes[id]}}}})
	}
	for id, d := range f.articles {
		o := f.outlets[id]
		if o == "" {
			o = "Reuters"
		}
		arts = append(arts, &Article{ID: id, Published: april(d), Outlet: o})
	}
	var events []*Event
	for _, re := range f.events {
		e := &Event{ID: fmt.Sprint(re.id), Date: Date{Start: april(re.day), End: april(re.day)}}
		if re.day >= 1000 {
			e.Date = Date{Start: timex.NewDate(re.day, 1, 1), End: timex.NewDate(re.day, 12, 31)}
		}
		for _, c := range re.cites {
			art, expr, _ := strings.Cut(c, ":")
			basis := "expression"
			if expr == "" {
				basis = "present"
			}
			e.Citations = append(e.Citations, &Citation{Article: art, Quote: f.quotes[art], Expression: expr, Basis: basis, Origin: Extracted})
		}
		events = append(events, e)
	}
	return events, arts, relevance(texts, nil)
}

var rankFixtures = []rankFixture{{
	name: "later reporting that looks back outranks a day's own news",
	// Day 20 is looked back on by two articles a week later; day 25 is
	// reported by three articles of its own day.
	articles: map[string]int{"a": 20, "b": 27, "c": 28, "d": 25, "e": 25, "f": 25},
	events: []rankEvent{
		{1, 20, []string{"a:", "b:April 20", "c:last week"}},
		{2, 25, []string{"d:", "e:", "f:"}},
	},
	want: []string{"1", "2"},
}, {
	name: "an absolute date outranks a relative one",
	// Both days are looked back on by one article; day 12 by its date.
	articles: map[string]int{"a": 15, "b": 15},
	events: []rankEvent{
		{1, 10, []string{"a:Saturday"}},
		{2, 12, []string{"b:April 12"}},
	},
	want: []string{"2", "1"},
}, {
	name: "a day's news counts, the day after's most",
	// Most happenings are reported the day after: two reports then
	// outrank two on the day itself, which outrank one.
	articles: map[string]int{"a": 4, "b": 4, "c": 6, "d": 6, "e": 9},
	events: []rankEvent{
		{1, 3, []string{"a:Saturday", "b:Saturday"}},
		{2, 6, []string{"c:", "d:"}},
		{3, 9, []string{"e:"}},
	},
	want: []string{"1", "2", "3"},
}, {
	name: "articles published on a day that do not cite it add nothing",
	// Five off-topic articles appear on day 8; day 7 is reported by one
	// article the day after and looked back on by one later.
	articles: map[string]int{"x1": 8, "x2": 8, "x3": 8, "x4": 8, "x5": 8, "a": 8, "b": 12, "c": 8},
	events: []rankEvent{
		{1, 7, []string{"a:Wednesday", "b:April 7"}},
		{2, 8, []string{"c:"}},
	},
	want: []string{"1", "2"},
}, {
	name: "one happening split into several events ranks as one",
	// Day 5 is told in three events, each cited once by a later article;
	// day 9 in one event cited three times by one article.
	articles: map[string]int{"a": 12, "b": 14, "c": 16, "d": 13},
	events: []rankEvent{
		{1, 5, []string{"a:April 5"}},
		{2, 5, []string{"b:April 5"}},
		{3, 5, []string{"c:April 5"}},
		{4, 9, []string{"d:April 9", "d:April 9", "d:April 9"}},
	},
	want: []string{"1", "4"},
}, {
	name:     "within a date, the event more articles cite ranks first",
	articles: map[string]int{"a": 12, "b": 14, "c": 16},
	events: []rankEvent{
		{1, 5, []string{"a:April 5"}},
		{2, 5, []string{"b:April 5", "c:April 5"}},
	},
	want: []string{"2", "1"},
}, {
	name:     "several outlets lift an event, but one outlet is no handicap",
	articles: map[string]int{"a": 12, "b": 12, "c": 12, "d": 12},
	outlets:  map[string]string{"c": "BBC"},
	events: []rankEvent{
		{1, 5, []string{"a:April 5", "b:April 5"}},
		{2, 6, []string{"c:April 6", "d:April 6"}},
	},
	want: []string{"2", "1"},
}, {
	name: "a day told in many events does not crowd the first ranks",
	// Day 5 is looked back on by four articles, each in an event of its
	// own; day 9 by two, in one event. Day 5's first event carries its
	// date; the next ones share less of it.
	articles: map[string]int{"a1": 12, "a2": 13, "a3": 14, "a4": 15, "b1": 12, "b2": 13},
	events: []rankEvent{
		{1, 5, []string{"a1:April 5"}},
		{2, 5, []string{"a2:April 5"}},
		{3, 5, []string{"a3:April 5"}},
		{4, 5, []string{"a4:April 5"}},
		{5, 9, []string{"b1:April 9", "b2:April 9"}},
	},
	want: []string{"1", "5", "2"},
}, {
	name: "articles of another story count little",
	// Day 3 is looked back on by three articles about the oil spill, day
	// 4 by four about a football match that came into the folder; the
	// story's other articles tell of day 1.
	articles: map[string]int{"s1": 9, "s2": 9, "s3": 10, "s4": 1, "s5": 1, "s6": 1, "s7": 1, "f1": 9, "f2": 9, "f3": 10, "f4": 11},
	quotes: map[string]string{
		"s1": "The oil spill from the damaged well reached the coast of Louisiana",
		"s2": "Oil from the damaged well spread along the Louisiana coast",
		"s3": "The damaged well leaked oil toward the coast of Louisiana",
		"s4": "The spill of oil from the well fouled the Louisiana coast",
		"s5": "Engineers capped the damaged well after oil reached the coast",
		"s6": "Oil from the damaged well threatened the Louisiana coast",
		"s7": "The spill spread from the damaged well toward the coast",
		"f1": "The match ended in a draw after a late goal",
		"f2": "The striker scored a late goal in the match",
		"f3": "Fans left the match before the late goal",
		"f4": "The referee allowed the late goal of the match",
	},
	events: []rankEvent{
		{1, 3, []string{"s1:April 3", "s2:April 3", "s3:April 3"}},
		{2, 4, []string{"f1:April 4", "f2:April 4", "f3:April 4", "f4:April 4"}},
		{3, 1, []string{"s4:", "s5:", "s6:", "s7:"}},
	},
	want: []string{"1", "2"},
}, func() rankFixture {
	// Key events come from the story's own time. Twenty days of April
	// 2010 are reported by an article each on the day; ten articles
	// look back on 1918, the last great pandemic, by its year: the
	// story's background, however often it is named (H1N1_bbc's first
	// key event was "the Spanish 1918 flu").
	f := rankFixture{name: "an event far from the story's days is no key event", articles: map[string]int{}}
	for d := 1; d <= 20; d++ {
		id := fmt.Sprint("d", d)
		f.articles[id] = d
		f.events = append(f.events, rankEvent{id: d, day: d, cites: []string{id + ":"}})
	}
	var old []string
	for k := 0; k < 10; k++ {
		id := fmt.Sprint("b", k)
		f.articles[id] = 10 + k
		old = append(old, id+":1918")
	}
	f.events = append(f.events, rankEvent{id: 1918, day: 1918, cites: old})
	f.want = []string{"20", "1918"}
	f.notKey = []string{"1918"}
	return f
}()}

func TestRankSignals(t *testing.T) {
	for _, f := range rankFixtures {
		t.Run(f.name, func(t *testing.T) {
			events, arts, rel := f.build()
			ranks := rankEvents(events, arts, rel, nil)
			rankOfID := map[string]int{}
			for i, e := range events {
				rankOfID[e.ID] = ranks[i].rank
			}
			for i := 1; i < len(f.want); i++ {
				a, b := f.want[i-1], f.want[i]
				if rankOfID[a] >= rankOfID[b] {
					t.Errorf("event %s ranks %d, event %s %d; want %s first", a, rankOfID[a], b, rankOfID[b], a)
				}
			}
			top := 0
			for _, r := range ranks {
				if r.rank == 1 {
					top++
					if r.importance != 1 {
						t.Errorf("top event's importance %v, want 1", r.importance)
					}
				}
			}
			if top != 1 {
				t.Errorf("%d events rank first", top)
			}
			for i, e := range events {
				if ranks[i].key && contains(f.notKey, e.ID) {
					t.Errorf("event %s is a key event (rank %d)", e.ID, ranks[i].rank)
				}
			}
		})
	}
}

func TestRelevance(t *testing.T) {
	for _, f := range rankFixtures {
		if f.quotes == nil {
			continue
		}
		_, _, rel := f.build()
		for id, r := range rel {
			if r < 0 || r > 1 {
				t.Errorf("%s: relevance of %s = %v, not in [0, 1]", f.name, id, r)
			}
			if on := id[0] == 's'; on != (r > 0.5) {
				t.Errorf("%s: relevance of %s = %.2f", f.name, id, r)
			}
		}
	}
}

func TestKeyEvents(t *testing.T) {
	for _, c := range []struct{ n, want int }{{0, 1}, {1, 1}, {3, 1}, {10, 3}, {27, 7}, {160, 40}, {5000, 40}} {
		if got := keyEvents(c.n); got != c.want {
			t.Errorf("keyEvents(%d) = %d, want %d", c.n, got, c.want)
		}
	}
}

func TestAbsolute(t *testing.T) {
	for expr, want := range map[string]bool{
		"April 20": true, "20 April 2010": true, "2010-04-20": true, "Jan. 15": true,
		"Tuesday": false, "last week": false, "3 days ago": false, "10 days later": false,
		"the past 2 weeks": false, "": false,
	} {
		if got := absolute(expr); got != want {
			t.Errorf("absolute(%q) = %v, want %v", expr, got, want)
		}
	}
}

// TestCore: the story's own time is where its days are, widened by half
// its length (at least a month) on each side.
func TestCore(t *testing.T) {
	day := func(y int, m time.Month, d int) timex.Interval {
		return timex.Interval{Start: timex.NewDate(y, m, d), End: timex.NewDate(y, m, d)}
	}
	var ivs []timex.Interval
	for d := 1; d <= 30; d++ {
		ivs = append(ivs, day(2009, 4, d))
	}
	ivs = append(ivs, day(1918, 10, 1), timex.Interval{Start: timex.NewDate(1968, 1, 1), End: timex.NewDate(1968, 12, 31)})
	lo, hi, ok := Core(ivs)
	// The 5th to 95th percentile of 31 days: April 1 to 29, and a month
	// on each side; 1918 and 1968 lie outside.
	if !ok || lo != timex.NewDate(2009, 3, 2) || hi != timex.NewDate(2009, 5, 29) {
		t.Errorf("Core = %s–%s %v, want 2009-03-02–2009-05-29", lo, hi, ok)
	}
	if _, _, ok := Core(nil); ok {
		t.Error("Core(nil) is ok")
	}
}
