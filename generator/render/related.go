package render

import (
	"slices"
	"sort"

	"github.com/timeline-dev/timeline/generator/internal/sorted"
	"github.com/timeline-dev/timeline/generator/timeline"
)

// maxRelated is the number of related events an event page lists.
const maxRelated = 8

// relatedWindow is how many of the events that involve a person or an
// organization are looked at for an event's related events: the ones
// nearest to it in the timeline. A name that is in fewer events than this
// has all of them looked at, so on a small site the related events are
// exactly the events sharing the most people and organizations; on a
// large one a name that recurs in thousands of events (Assad in a Syria
// story) does not make every event page visit every other event.
const relatedWindow = 100

// relatedIndex finds related events by the people and organizations they
// share. It is built once per site: entity keys are interned as numbers,
// each event lists its own sorted, and each entity the events involving it,
// in timeline order.
type relatedIndex struct {
	ents   [][]int32 // per event: its people and organizations, sorted
	events [][]int32 // per entity: the events that involve it, ascending
}

func newRelatedIndex(events []*timeline.Event) *relatedIndex {
	type entityKey struct{ kind, key string }
	ids := map[entityKey]int32{}
	x := &relatedIndex{ents: make([][]int32, len(events))}
	for i, e := range events {
		var own []int32
		for _, en := range e.Entities {
			if en.Kind != "person" && en.Kind != "organization" {
				continue
			}
			k := entityKey{en.Kind, en.Key}
			id, ok := ids[k]
			if !ok {
				id = int32(len(x.events))
				ids[k] = id
				x.events = append(x.events, nil)
			}
			own = append(own, id)
		}
		slices.Sort(own)
		own = slices.Compact(own)
		for _, id := range own {
			x.events[id] = append(x.events[id], int32(i))
		}
		x.ents[i] = own
	}
	return x
}

// related returns the indexes, in timeline order, of up to maxRelated
// events that share a person or an organization with event i: those that
// share the most, then the earliest. The candidates for each name are the
// relatedWindow events nearest to i among those involving it. work, if
// not nil, is increased by the number of candidate events looked at.
func (x *relatedIndex) related(i int, work *int) []int {
	own := x.ents[i]
	if len(own) == 0 {
		return nil
	}
	var cands []int32
	for _, id := range own {
		list := x.events[id]
		p, _ := slices.BinarySearch(list, int32(i))
		lo := min(max(0, p-relatedWindow/2), max(0, len(list)-relatedWindow-1))
		hi := min(len(list), lo+relatedWindow+1)
		cands = append(cands, list[lo:hi]...)
	}
	slices.Sort(cands)
	cands = slices.Compact(cands)
	if work != nil {
		*work += len(cands)
	}
	type scored struct{ at, n int }
	var top []scored // the best so far, best first; at most maxRelated
	for _, c := range cands {
		if int(c) == i {
			continue
		}
		n := sorted.Common(own, x.ents[c])
		// cands ascend, so among equal counts the earlier one is already in.
		if len(top) == maxRelated && n <= top[len(top)-1].n {
			continue
		}
		at := sort.Search(len(top), func(k int) bool { return top[k].n < n })
		if len(top) < maxRelated {
			top = append(top, scored{})
		}
		copy(top[at+1:], top[at:])
		top[at] = scored{int(c), n}
	}
	out := make([]int, len(top))
	for k, s := range top {
		out[k] = s.at
	}
	slices.Sort(out)
	return out
}
