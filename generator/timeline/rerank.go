package timeline

import (
	"slices"
)

// rankMemo is what a Build's ranking leaves for Update, which ranks the
// events again after an edit without counting every citation again: the
// articles as numbered, each date's marks, and each event's date signal
// and own weight. An edit changes the marks of the events it touched
// only; the sums of the dates those marks are on are made again (from
// the marks they keep and gain, in the same order as rankAll), and so
// the date signals of the events on those dates. The relevance of the
// articles is the Build's (Update does not count every article's words
// again), so the ranks are those rankEvents gives with it.
type rankMemo struct {
	arts  *numbered
	marks [markKinds][]mark // sorted
	sums  [markKinds]map[span]float64
	// The events ranked, and by id where each is among them, with its
	// date signal and own weight.
	events    []*Event
	at        map[string]int32
	date, own []float64
	ties      []string // the keys of their ties, where made (see rankScores)
}

func newRankMemo(events []*Event, arts *numbered, marks [markKinds][]mark, sums [markKinds]map[span]float64, date, own []float64, ties []string) *rankMemo {
	m := &rankMemo{arts: arts, marks: marks, sums: sums, events: events, at: make(map[string]int32, len(events)), date: date, own: own, ties: ties}
	for i, e := range events {
		m.at[e.ID] = int32(i)
	}
	return m
}

// same returns where the memo has event e, unchanged: the same citations,
// date and headline (an event Update copied to mend its links is the
// same).
func (m *rankMemo) same(e *Event) (int, bool) {
	j, ok := m.at[e.ID]
	if !ok {
		return 0, false
	}
	o := m.events[j]
	od, ed := o.Date, e.Date
	return int(j), o == e || od.Value == ed.Value && od.Mod == ed.Mod && od.Start == ed.Start && od.End == ed.End &&
		o.Headline == e.Headline && slices.Equal(o.Citations, e.Citations)
}

// rerank ranks events, the timeline after an edit of the memo's, with
// the memo's relevance; ok is false, and rankAll is the way, when the
// articles are not numbered as the memo's were (one was added, or its
// publication date or outlet changed) or an event cites an article the
// memo did not number.
func (m *rankMemo) rerank(events []*Event, articles []*Article, cache *Cache) (out []rankOf, ok bool) {
	if m == nil {
		return nil, false
	}
	n := m.arts
	known := 0
	for _, a := range articles {
		j, ok := n.num[a.ID]
		if !ok || !n.known[j] || n.pub[j] != a.Published {
			return nil, false
		}
		if o, ok := n.outlets[a.Outlet]; !ok || o != n.outlet[j] {
			return nil, false
		}
		known++
	}
	if known != countTrue(n.known) {
		return nil, false
	}
	// The events kept, and the marks of those that came and went.
	kept := make([]int, len(events)) // memo index, or -1
	stays := make([]bool, len(m.events))
	for i, e := range events {
		kept[i] = -1
		if j, same := m.same(e); same && !stays[j] {
			kept[i], stays[j] = j, true
			continue
		}
		for _, c := range e.Citations {
			if _, ok := n.num[c.Article]; !ok {
				return nil, false
			}
		}
	}
	abs := absolutes{}
	var gone, came [markKinds][]mark
	var cited []int32
	for j, e := range m.events {
		if !stays[j] {
			cited = n.marksOf(e, abs, &gone, cited[:0])
		}
	}
	for i, e := range events {
		if kept[i] < 0 {
			cited = n.marksOf(e, abs, &came, cited[:0])
		}
	}
	// The sums of the dates whose marks changed.
	sums := signalSums{base: m.sums}
	for k := range sums.over {
		sums.over[k] = m.resum(k, gone[k], came[k])
	}
	date := make([]float64, len(events))
	own := make([]float64, len(events))
	ties := make([]string, len(events))
	var scratch citedScratch
	for i, e := range events {
		if j := kept[i]; j >= 0 {
			own[i], ties[i] = m.own[j], m.ties[j]
			if !sums.touches(e) {
				date[i] = m.date[j]
				continue
			}
		} else {
			cited = cited[:0]
			for _, c := range e.Citations {
				cited = append(cited, n.num[c.Article])
			}
			own[i] = ownWeight(n.citedBy(cited, &scratch))
		}
		date[i] = sums.dateSignal(e)
	}
	return rankScores(events, date, own, ties, cache), true
}

// resum returns the sums of the dates of the marks of a kind that went
// and came, with the memo's marks of those dates less the gone plus the
// come: summed as distinct sums them.
func (m *rankMemo) resum(kind int, gone, came []mark) map[span]float64 {
	if len(gone)+len(came) == 0 {
		return nil
	}
	sortMarks(gone)
	sortMarks(came)
	dates := map[span]bool{}
	for _, x := range gone {
		dates[x.date] = true
	}
	for _, x := range came {
		dates[x.date] = true
	}
	out := make(map[span]float64, len(dates))
	all := m.marks[kind]
	var ms []mark
	for d := range dates {
		ms = append(ms[:0], runOf(all, d)...)
		for _, x := range runOf(gone, d) {
			// One of the date's marks per mark gone (marksOf made it).
			k := slices.Index(ms, x)
			ms = slices.Delete(ms, k, k+1)
		}
		ms = append(ms, runOf(came, d)...)
		sortMarks(ms)
		sum := 0.0
		for i, x := range ms {
			if i == 0 || x != ms[i-1] {
				sum += m.arts.rel[x.article]
			}
		}
		out[d] = sum
	}
	return out
}

// runOf returns the marks of date d among sorted marks.
func runOf(sorted []mark, d span) []mark {
	lo, _ := slices.BinarySearchFunc(sorted, d, func(x mark, d span) int { return compareSpans(x.date, d) })
	hi := lo
	for hi < len(sorted) && sorted[hi].date == d {
		hi++
	}
	return sorted[lo:hi]
}

func compareSpans(a, b span) int {
	if c := a.start.Compare(b.start); c != 0 {
		return c
	}
	return a.end.Compare(b.end)
}

// touches reports whether the sums of over hold a date that event e's
// date signal reads.
func (s *signalSums) touches(e *Event) bool {
	k := span{e.Date.Start, e.Date.End}
	for kind, over := range s.over {
		if over == nil {
			continue
		}
		if _, ok := over[k]; ok {
			return true
		}
		if kind == markDay && e.Date.Start == e.Date.End {
			if _, ok := over[span{e.Date.Start, e.Date.Start.AddDays(1)}]; ok {
				return true
			}
		}
	}
	return false
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}
