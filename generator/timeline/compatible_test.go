package timeline

import (
	"math/rand/v2"
	"testing"

	"github.com/timeline-dev/timeline/generator/timex"
)

// compatibleWith finds what comparing every member of one cluster with
// every member of the other finds (compatible), and acceptsAll what
// comparing a mention with every member finds, on random clusters of
// mentions dated to the day, to parts of a day and to weeks and months,
// near one another so that both answers come up.
func TestCompatibleAsPairs(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	base := timex.Date{Year: 2014, Month: 1, Day: 1}
	randomItem := func() *item {
		start := base.AddDays(r.IntN(8))
		switch r.IntN(4) {
		case 0:
			return &item{iv: timex.Interval{Start: start, End: start.AddDays(r.IntN(31))}, gran: timex.Month}
		case 1:
			return &item{iv: timex.Interval{Start: start, End: start.AddDays(6)}, gran: timex.Week}
		case 2:
			return &item{iv: timex.Interval{Start: start, End: start}, gran: timex.PartOfDay}
		}
		return &item{iv: timex.Interval{Start: start, End: start}, gran: timex.Day}
	}
	randomCluster := func() (*cluster, []*item) {
		c := &cluster{}
		var its []*item
		for n := range 1 + r.IntN(3) {
			it := randomItem()
			it.c = &Citation{}
			its = append(its, it)
			c.items = append(c.items, n)
			c.note(it)
		}
		return c, its
	}
	counts := map[bool]int{}
	for range 20000 {
		a, as := randomCluster()
		b, bs := randomCluster()
		want := true
		for _, x := range as {
			for _, y := range bs {
				want = want && compatible(x, y)
			}
		}
		counts[want]++
		if got := a.compatibleWith(b); got != want {
			t.Fatalf("compatibleWith = %v, pair by pair %v:\n%v\n%v", got, want, as, bs)
		}
		want = true
		for _, x := range as {
			want = want && compatible(x, bs[0])
		}
		if got := a.acceptsAll(bs[0]); got != want {
			t.Fatalf("acceptsAll = %v, pair by pair %v:\n%v\n%v", got, want, as, bs[0])
		}
	}
	if counts[true] < 1000 || counts[false] < 1000 {
		t.Errorf("too few of one answer: %v", counts)
	}
}
