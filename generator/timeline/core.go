package timeline

import (
	"slices"

	"github.com/timeline-dev/timeline/generator/timex"
)

// Core returns the span of a story's own time, from the intervals of its
// events: where its days are, the 5th to the 95th percentile of the
// starts of the single days (of every interval, when fewer than 20 are
// days), widened by half its length on each side, and at least a month.
// What lies wholly outside it is the story's background ("the 1918 flu"
// in a story of 2009): the timeline's axis leaves it off, and ranking
// makes no key event of it. ok is false when there is no interval.
func Core(ivs []timex.Interval) (lo, hi timex.Date, ok bool) {
	if len(ivs) == 0 {
		return lo, hi, false
	}
	// Sorted as numbers (see timex.Date.Key): a story has thousands.
	starts := make([]int64, 0, len(ivs))
	for _, iv := range ivs {
		if iv.Start == iv.End {
			starts = append(starts, iv.Start.Key())
		}
	}
	if len(starts) < 20 {
		starts = starts[:0]
		for _, iv := range ivs {
			starts = append(starts, iv.Start.Key())
		}
	}
	slices.Sort(starts)
	lo, hi = timex.KeyDate(starts[len(starts)*5/100]), timex.KeyDate(starts[len(starts)-1-len(starts)*5/100])
	margin := max(30, lo.DaysUntil(hi)/2)
	return lo.AddDays(-margin), hi.AddDays(margin), true
}

// outside reports an interval wholly before lo or after hi.
func outside(iv timex.Interval, lo, hi timex.Date) bool {
	return iv.End.Before(lo) || hi.Before(iv.Start)
}
