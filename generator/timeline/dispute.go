package timeline

import (
	"cmp"
	"slices"
	"sort"

	"github.com/timeline-dev/timeline/generator/internal/sorted"
	"github.com/timeline-dev/timeline/generator/timex"
)

// disputes links events whose sentences deny a happening to the events
// they deny: the most similar event that is not itself a denial (and
// those nearly as similar, see disputed), precise
// to the week at least, dated at most a week before (or on the same days
// as) the denial, and sharing with it a distinctive word or name (one
// that distinct accepts: not so common in the story that it says nothing,
// the words grouping indexes). Events are looked up by date and by those
// words, not all compared: a denial is compared with the events of its
// dates that share a distinctive word with it.
func disputes(drafts []*draft, distinct func(int32) bool, work *workCounts, cap int) {
	s := newDisputeSearch(disputable(drafts), distinct, true)
	s.cap = cap
	for _, d := range drafts {
		for _, best := range s.disputed(d, work) {
			d.event.Disputes = append(d.event.Disputes, best.event.ID)
			best.event.DisputedBy = append(best.event.DisputedBy, d.event.ID)
		}
	}
	for _, d := range drafts {
		sort.Strings(d.event.DisputedBy)
	}
}

// disputable returns the drafts a denial may dispute, by start date: those
// that are not denials, precise to the week at least.
func disputable(drafts []*draft) []*draft {
	byStart := make([]*draft, 0, len(drafts))
	for _, d := range drafts {
		if !denial(d) && d.event.Date.Value.Granularity() >= timex.Week {
			byStart = append(byStart, d)
		}
	}
	sort.SliceStable(byStart, func(i, j int) bool { return byStart[i].event.Date.Start.Before(byStart[j].event.Date.Start) })
	return byStart
}

// disputeSearch finds the event a denial disputes among the disputable
// drafts (see disputable).
type disputeSearch struct {
	byStart  []*draft
	speakers []string // speakerOf each of byStart
	distinct func(int32) bool
	// postings are, for each distinctive feature, the positions in byStart
	// of the drafts that have it, ascending; nil when the search scans
	// byStart instead (for a few denials, as Update has).
	postings map[int32][]int32
	cap      int // if not 0, replaces maxDisputeCandidates (for tests)
}

func newDisputeSearch(byStart []*draft, distinct func(int32) bool, index bool) *disputeSearch {
	if distinct == nil {
		distinct = func(int32) bool { return true }
	}
	s := &disputeSearch{byStart: byStart, distinct: distinct, speakers: make([]string, len(byStart))}
	for k, d := range byStart {
		s.speakers[k] = speakerOf(d)
	}
	if index {
		s.postings = map[int32][]int32{}
		for k, d := range byStart {
			for _, f := range s.features(d) {
				s.postings[f] = append(s.postings[f], int32(k))
			}
		}
	}
	return s
}

// features returns the distinctive features of a draft's sentences,
// sorted, each once.
func (s *disputeSearch) features(d *draft) []int32 {
	var out []int32
	for _, v := range d.vectors {
		for _, f := range v {
			if s.distinct(f.id) {
				out = append(out, f.id)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// disputed returns the drafts that d denies, the most similar first, or
// nil if d is not a denial or denies none of them: the most similar, and
// up to maxDisputed in all of those at least nearBest as similar (a
// denial of contacts denies both the report of them and the interview
// that claimed them). work, if not nil, counts the drafts compared.
func (s *disputeSearch) disputed(d *draft, work *workCounts) []*draft {
	if !denial(d) {
		return nil
	}
	own := s.features(d)
	if len(own) == 0 {
		return nil
	}
	de := d.event.Date
	from := de.Start.AddDays(-14) // a week's span plus a week before
	lo := sort.Search(len(s.byStart), func(i int) bool { return !s.byStart[i].event.Date.Start.Before(from) })
	hi := lo + sort.Search(len(s.byStart)-lo, func(i int) bool { return de.End.Before(s.byStart[lo+i].event.Date.Start) })
	var cands []int32
	if s.postings != nil {
		for _, f := range own {
			p := s.postings[f]
			k, _ := slices.BinarySearch(p, int32(lo))
			for ; k < len(p) && int(p[k]) < hi; k++ {
				cands = append(cands, p[k])
			}
		}
		work.add(disputeCandidates, len(cands))
		slices.Sort(cands)
		cands = slices.Compact(cands)
	} else {
		work.add(disputeCandidates, hi-lo)
		for k := lo; k < hi; k++ {
			if sorted.Meet(own, s.features(s.byStart[k])) {
				cands = append(cands, int32(k))
			}
		}
	}
	if max := bound(s.cap, maxDisputeCandidates); len(cands) > max {
		cands = s.nearest(cands, d, max)
	}
	speaker := speakerOf(d)
	type scored struct {
		d   *draft
		sim float64
	}
	var found []scored
	for _, k := range cands {
		c := s.byStart[k]
		if ce := c.event.Date; ce.End.DaysUntil(de.Start) > 7 || s.speakers[k] != "" && s.speakers[k] == speaker {
			continue
		}
		if sim := draftSimilarity(d, c); sim >= disputeThreshold {
			found = append(found, scored{c, sim})
		}
	}
	if len(found) == 0 {
		return nil
	}
	// The most similar first; ties in timeline order, as cands are.
	slices.SortStableFunc(found, func(a, b scored) int { return cmp.Compare(b.sim, a.sim) })
	out := []*draft{found[0].d}
	for _, f := range found[1:] {
		if len(out) == maxDisputed || f.sim < nearBest*found[0].sim {
			break
		}
		out = append(out, f.d)
	}
	return out
}

// A denial disputes at most maxDisputed events, those at least nearBest
// as similar to it as the most similar.
const (
	maxDisputed = 2
	nearBest    = 0.5
)

// maxDisputeCandidates is the most events a denial is compared with: the
// nearest in time to it. Denials in the stories of Timeline17 have at most
// some hundreds; in a story of tens of thousands of articles, one dated by
// a month or a year would have thousands.
const maxDisputeCandidates = 1024

// nearest returns the max positions of cands whose events start nearest
// to the start of d's, in increasing order.
func (s *disputeSearch) nearest(cands []int32, d *draft, max int) []int32 {
	at := d.event.Date.Start
	dist := func(k int32) int {
		n := s.byStart[k].event.Date.Start.DaysUntil(at)
		if n < 0 {
			return -n
		}
		return n
	}
	slices.SortStableFunc(cands, func(a, b int32) int { return dist(a) - dist(b) })
	cands = cands[:max]
	slices.Sort(cands)
	return cands
}

// speakerOf returns the first named speaker of an event's mentions.
func speakerOf(d *draft) string {
	for _, m := range d.mentions {
		if m.Speaker != "" {
			return m.Speaker
		}
	}
	return ""
}
