package timeline

import "sync/atomic"

// workKind names a step of a Build whose number would grow with the square
// of the input if a stage compared everything with everything.
type workKind int

const (
	groupPostings     workKind = iota // mentions of the index looked at to find the events a mention may join
	groupCandidates                   // events a mention was scored against while grouping
	groupMembers                      // members of those events compared with it
	groupBounded                      // events a mention was scored against that bound ruled out
	mergeCandidates                   // events an event was compared with, to merge them
	mergeBounded                      // of those, the ones a bound ruled out
	disputeCandidates                 // events looked at to find the one a denial disputes
	numWorkKinds
)

var workNames = [numWorkKinds]string{"group postings", "group candidates", "group members", "group events bounded", "merge candidates", "merge candidates bounded", "dispute candidates"}

// workCounts counts those steps: a test builds stories of two sizes and
// checks that each count grows about as the input does. A nil *workCounts
// counts nothing.
type workCounts struct {
	n [numWorkKinds]atomic.Int64
}

func (w *workCounts) add(k workKind, n int) {
	if w != nil {
		w.n[k].Add(int64(n))
	}
}

// bounds replace, for tests, the bounds that keep a very large story's
// work linear (maxPostings, maxCandidates, maxMembers,
// maxDisputeCandidates) and the story-sized vocabulary threshold (fixedDF
// is dfCap whatever the story's size): stories of test size then reach
// them. Zero fields keep the product's. Unpruned takes none of the
// shortcuts an event's summary of its members allows (scoreBound, and
// the dates of all members compatible at once): each candidate event is
// scored, and each pair of events compared, member by member; and the
// candidates of an event's members are looked up for each member, even
// one with the index keys of another.
type bounds struct {
	postings, candidates, members, disputes, fixedDF int
	unpruned                                         bool
}

// bound returns the bound a test set, or def when it set none.
func bound(set, def int) int {
	if set > 0 {
		return set
	}
	return def
}
