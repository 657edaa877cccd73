package render

import (
	"fmt"
	"slices"
	"testing"

	"github.com/timeline-dev/timeline/generator/timeline"
)

// events returns n events: every one involves "hub" (a name in every
// event, as Assad is in a Syria story), and event i also person i%17 and
// organization i%5.
func relatedEvents(n int) []*timeline.Event {
	out := make([]*timeline.Event, n)
	for i := range out {
		out[i] = &timeline.Event{ID: fmt.Sprint(i), Entities: []timeline.Entity{
			{Kind: "person", Key: "hub"},
			{Kind: "person", Key: fmt.Sprint("p", i%17)},
			{Kind: "organization", Key: fmt.Sprint("o", i%5)},
			{Kind: "place", Key: "everywhere"},
		}}
	}
	return out
}

// The related events of an event share the most people and organizations
// with it, then come first in the timeline; places do not count.
func TestRelated(t *testing.T) {
	events := relatedEvents(200)
	x := newRelatedIndex(events)
	got := x.related(0, nil)
	// Sharing all three with event 0: 85 and 170; two: the multiples of 5
	// and 17, the first of them.
	if want := []int{5, 10, 15, 17, 20, 25, 85, 170}; !slices.Equal(got, want) {
		t.Errorf("related(0) = %v, want %v", got, want)
	}
	if !slices.IsSorted(got) {
		t.Errorf("related(0) = %v, not in timeline order", got)
	}
	none := newRelatedIndex([]*timeline.Event{{Entities: []timeline.Entity{{Kind: "place", Key: "x"}}}, {}})
	if r := none.related(0, nil); len(r) != 0 {
		t.Errorf("an event with no people or organizations has related events %v", r)
	}
}

// On a small site every event that shares a name is a candidate: the
// result is the one of comparing with every event.
func TestRelatedExactOnSmallSites(t *testing.T) {
	events := relatedEvents(60)
	x := newRelatedIndex(events)
	for i := range events {
		got := x.related(i, nil)
		want := relatedByScan(events, i)
		if !slices.Equal(got, want) {
			t.Fatalf("related(%d) = %v, want %v", i, got, want)
		}
	}
}

// relatedByScan is related, comparing with every event.
func relatedByScan(events []*timeline.Event, i int) []int {
	key := func(e timeline.Entity) string { return e.Kind + ":" + e.Key }
	own := map[string]bool{}
	for _, en := range events[i].Entities {
		if en.Kind == "person" || en.Kind == "organization" {
			own[key(en)] = true
		}
	}
	type scored struct{ at, n int }
	var all []scored
	for j, o := range events {
		n := 0
		for _, en := range o.Entities {
			if own[key(en)] {
				n++
			}
		}
		if j != i && n > 0 {
			all = append(all, scored{j, n})
		}
	}
	slices.SortStableFunc(all, func(a, b scored) int { return b.n - a.n })
	var out []int
	for _, s := range all[:min(len(all), maxRelated)] {
		out = append(out, s.at)
	}
	slices.Sort(out)
	return out
}

// The events looked at for all related lists grow as the events do, though
// one name is in every event.
func TestRelatedWorkGrowsLinearly(t *testing.T) {
	work := func(n int) int {
		x := newRelatedIndex(relatedEvents(n))
		w := 0
		for i := 0; i < n; i++ {
			x.related(i, &w)
		}
		return w
	}
	a, b := work(2000), work(8000)
	if r := float64(b) / float64(a); r > 4*1.2 {
		t.Errorf("candidates grew ×%.1f for ×4 the events (%d → %d): faster than linear", r, a, b)
	}
}
