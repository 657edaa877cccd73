// Package eventdiff compares two timelines: the events.json of an earlier
// build and the events of the content now. It is what "timeline events
// --diff" prints, so that a reviewer sees what a new or edited article
// changed in the timeline before it is published.
//
// Events are matched by their citations, never by id: ids follow an
// event's date and headline, which are among the things that change. Two
// citations are the same when they quote the same sentence (white space
// normalized) of the same article; a sentence that dates two things is
// cited twice, and its citations are told apart by their time expression
// and value. Events linked by shared citations, directly or through other
// events, form one change:
//
//   - an event of now that shares no citation with one of before was
//     added; one of before that shares none with one of now was removed;
//   - several events of before whose citations are now in one event were
//     merged; one whose citations are now in several was split; several
//     into several were regrouped;
//   - one event into one is the same event: it moved when its date
//     (value and modifier) changed, was re-headlined when its headline
//     did, renamed when its id did, and cites sentences it did not (or no
//     longer cites some).
//
// In a merge, split or regrouping, an event of now is compared with the
// event of before it has the most citations of (the first in timeline
// order of those tied), when it has the most of that one's citations too
// (it continues that event): a merged event is moved, re-headlined or
// renamed when its date, headline or id is not that of the event most of
// it comes from; the part of a split event that keeps most of its
// citations is compared with it, and the other parts are new events.
package eventdiff

import (
	"cmp"
	"slices"
	"strings"

	"github.com/timeline-dev/timeline/generator/timeline"
)

// Event is an event as the diff sees it: the fields of events.json it
// compares.
type Event struct {
	ID        string     `json:"id"`
	Headline  string     `json:"headline"`
	Date      Date       `json:"date"`
	Citations []Citation `json:"citations"`
}

// Date is an event's date: its TIMEX3 value and modifier, its first day
// (for sorting) and its label.
type Date struct {
	Value string `json:"value"`
	Mod   string `json:"mod,omitempty"`
	Start string `json:"start,omitempty"`
	Label string `json:"label,omitempty"`
}

// Citation is a sentence an event cites.
type Citation struct {
	Article    string `json:"article"`
	Quote      string `json:"quote"`
	Expression string `json:"expression,omitempty"`
	Value      string `json:"value,omitempty"`
}

// FromModel returns the events of a model built now.
func FromModel(events []*timeline.Event) []Event {
	out := make([]Event, len(events))
	for i, ev := range events {
		e := Event{
			ID:       ev.ID,
			Headline: ev.Headline,
			Date: Date{
				Value: string(ev.Date.Value), Mod: string(ev.Date.Mod),
				Start: ev.Date.Start.String(), Label: ev.Date.Label,
			},
			Citations: make([]Citation, len(ev.Citations)),
		}
		for j, c := range ev.Citations {
			e.Citations[j] = Citation{Article: c.Article, Quote: c.Quote, Expression: c.Expression, Value: string(c.Value)}
		}
		out[i] = e
	}
	return out
}

// Kind is the kind of a change.
type Kind string

// Kinds of change.
const (
	Added     Kind = "added"     // an event that cites nothing an event of before cited
	Removed   Kind = "removed"   // an event none of whose citations is left
	Merged    Kind = "merged"    // several events of before are one now
	Split     Kind = "split"     // one event of before is several now
	Regrouped Kind = "regrouped" // several events of before are several others now
	Changed   Kind = "changed"   // the same event, with another date, headline, id or citations
)

// Ref names an event of either side of a change.
type Ref struct {
	ID        string `json:"id"`
	Headline  string `json:"headline"`
	Date      Date   `json:"date"`
	Citations int    `json:"citations"`
}

// Change is one change of the timeline: the events of before (Old) that
// became the events of now (New).
type Change struct {
	Kind Kind `json:"kind"`
	// Moved, Reheadlined and Renamed say that an event of now has another
	// date, headline or id than the event of before it continues.
	Moved       bool  `json:"moved,omitempty"`
	Reheadlined bool  `json:"reheadlined,omitempty"`
	Renamed     bool  `json:"renamed,omitempty"`
	Old         []Ref `json:"old"`
	New         []Ref `json:"new"`
	// CitationsAdded are the citations of New that no event of before
	// had; CitationsRemoved those of Old that no event of now has.
	CitationsAdded   []Citation `json:"citations_added"`
	CitationsRemoved []Citation `json:"citations_removed"`
}

// Aspects returns the words that describe the change: its kind (but
// "changed"), then "moved", "reheadlined", "renamed" and "cited" (for
// citations added or removed, which every kind but added and removed may
// have).
func (c *Change) Aspects() []string {
	var a []string
	if c.Kind != Changed {
		a = append(a, string(c.Kind))
	}
	if c.Moved {
		a = append(a, "moved")
	}
	if c.Reheadlined {
		a = append(a, "reheadlined")
	}
	if c.Renamed {
		a = append(a, "renamed")
	}
	if c.Kind != Added && c.Kind != Removed && len(c.CitationsAdded)+len(c.CitationsRemoved) > 0 {
		a = append(a, "cited")
	}
	return a
}

// Summary counts the changes.
type Summary struct {
	Before           int `json:"events_before"`
	After            int `json:"events_after"`
	Added            int `json:"added"`
	Removed          int `json:"removed"`
	Merged           int `json:"merged"`
	Split            int `json:"split"`
	Regrouped        int `json:"regrouped"`
	Moved            int `json:"moved"`
	Reheadlined      int `json:"reheadlined"`
	Renamed          int `json:"renamed"`
	CitationsAdded   int `json:"citations_added"`
	CitationsRemoved int `json:"citations_removed"`
	// Unchanged counts the events of before that are the same now: the
	// same id, date, headline and citations.
	Unchanged int `json:"unchanged"`
}

// Diff is the difference between two timelines.
type Diff struct {
	Summary Summary  `json:"summary"`
	Changes []Change `json:"changes"`
}

// occurrence is a citation of an event of one side.
type occurrence struct {
	event, cit int
	matched    bool
}

// Compare returns the changes from the events before to the events now,
// in timeline order (by the first day of the first event of now, or of
// before for a removed event; then by id).
func Compare(before, now []Event) *Diff {
	// Citations by sentence, on each side.
	type sides struct{ old, new []*occurrence }
	bySentence := map[string]*sides{}
	var keys []string
	add := func(events []Event, isNew bool) [][]*occurrence {
		occs := make([][]*occurrence, len(events))
		for i, ev := range events {
			for j, c := range ev.Citations {
				k := c.Article + "\x00" + strings.Join(strings.Fields(c.Quote), " ")
				s := bySentence[k]
				if s == nil {
					s = &sides{}
					bySentence[k] = s
					keys = append(keys, k)
				}
				o := &occurrence{event: i, cit: j}
				if isNew {
					s.new = append(s.new, o)
				} else {
					s.old = append(s.old, o)
				}
				occs[i] = append(occs[i], o)
			}
		}
		return occs
	}
	oldOccs, newOccs := add(before, false), add(now, true)

	// Pair the citations of a sentence, the most alike first, and join
	// the events of each pair.
	uf := newUnionFind(len(before) + len(now))
	shared := map[[2]int]int{} // citations an event of before and one of now share
	same := []func(a, b Citation) bool{
		func(a, b Citation) bool { return a.Expression == b.Expression && a.Value == b.Value },
		func(a, b Citation) bool { return a.Expression == b.Expression },
		func(a, b Citation) bool { return a.Value == b.Value },
		func(a, b Citation) bool { return true },
	}
	for _, k := range keys {
		s := bySentence[k]
		for _, eq := range same {
			for _, o := range s.old {
				for _, n := range s.new {
					if o.matched || n.matched || !eq(before[o.event].Citations[o.cit], now[n.event].Citations[n.cit]) {
						continue
					}
					o.matched, n.matched = true, true
					uf.union(o.event, len(before)+n.event)
					shared[[2]int{o.event, n.event}]++
				}
			}
		}
	}

	// The events joined, one change each.
	groups := map[int]*[2][]int{}
	var roots []int
	for i := range len(before) + len(now) {
		r := uf.find(i)
		g := groups[r]
		if g == nil {
			g = &[2][]int{}
			groups[r] = g
			roots = append(roots, r)
		}
		if i < len(before) {
			g[0] = append(g[0], i)
		} else {
			g[1] = append(g[1], i-len(before))
		}
	}
	d := &Diff{Summary: Summary{Before: len(before), After: len(now)}, Changes: []Change{}}
	for _, r := range roots {
		olds, news := groups[r][0], groups[r][1]
		c := Change{Old: []Ref{}, New: []Ref{}, CitationsAdded: []Citation{}, CitationsRemoved: []Citation{}}
		for _, i := range olds {
			c.Old = append(c.Old, ref(before[i]))
			for _, o := range oldOccs[i] {
				if !o.matched {
					c.CitationsRemoved = append(c.CitationsRemoved, before[i].Citations[o.cit])
				}
			}
		}
		for _, i := range news {
			c.New = append(c.New, ref(now[i]))
			for _, o := range newOccs[i] {
				if !o.matched {
					c.CitationsAdded = append(c.CitationsAdded, now[i].Citations[o.cit])
				}
			}
		}
		switch {
		case len(olds) == 0:
			c.Kind = Added
		case len(news) == 0:
			c.Kind = Removed
		case len(olds) == 1 && len(news) == 1:
			c.Kind = Changed
		case len(news) == 1:
			c.Kind = Merged
		case len(olds) == 1:
			c.Kind = Split
		default:
			c.Kind = Regrouped
		}
		for _, n := range news {
			o, ok := continues(n, olds, news, shared)
			if !ok {
				continue
			}
			was, is := before[o], now[n]
			c.Moved = c.Moved || was.Date.Value != is.Date.Value || was.Date.Mod != is.Date.Mod
			c.Reheadlined = c.Reheadlined || was.Headline != is.Headline
			c.Renamed = c.Renamed || was.ID != is.ID
		}
		if c.Kind == Changed && !c.Moved && !c.Reheadlined && !c.Renamed &&
			len(c.CitationsAdded) == 0 && len(c.CitationsRemoved) == 0 {
			d.Summary.Unchanged++
			continue
		}
		d.Summary.count(&c)
		d.Changes = append(d.Changes, c)
	}
	slices.SortStableFunc(d.Changes, func(a, b Change) int {
		ra, rb := a.first(), b.first()
		return cmp.Or(cmp.Compare(ra.Date.Start, rb.Date.Start), cmp.Compare(ra.Date.Value, rb.Date.Value), cmp.Compare(ra.ID, rb.ID))
	})
	return d
}

// first is the event a change sorts by.
func (c *Change) first() Ref {
	if len(c.New) > 0 {
		return c.New[0]
	}
	return c.Old[0]
}

func (s *Summary) count(c *Change) {
	switch c.Kind {
	case Added:
		s.Added++
	case Removed:
		s.Removed++
	case Merged:
		s.Merged++
	case Split:
		s.Split++
	case Regrouped:
		s.Regrouped++
	}
	if c.Moved {
		s.Moved++
	}
	if c.Reheadlined {
		s.Reheadlined++
	}
	if c.Renamed {
		s.Renamed++
	}
	s.CitationsAdded += len(c.CitationsAdded)
	s.CitationsRemoved += len(c.CitationsRemoved)
}

// continues returns the event of before (among olds) that the event of
// now n continues: the one n has the most citations of, the first of
// those tied, when n also has the most of its citations among news.
func continues(n int, olds, news []int, shared map[[2]int]int) (int, bool) {
	best := func(candidates []int, count func(int) int) int {
		b := -1
		for _, i := range candidates {
			if b < 0 || count(i) > count(b) {
				b = i
			}
		}
		return b
	}
	o := best(olds, func(o int) int { return shared[[2]int{o, n}] })
	if o < 0 || shared[[2]int{o, n}] == 0 {
		return 0, false
	}
	return o, best(news, func(m int) int { return shared[[2]int{o, m}] }) == n
}

func ref(e Event) Ref {
	return Ref{ID: e.ID, Headline: e.Headline, Date: e.Date, Citations: len(e.Citations)}
}

// unionFind joins events into changes.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		u[rb] = ra
	}
}
