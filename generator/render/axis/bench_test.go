package axis

import (
	"fmt"
	"io"
	"math/rand"
	"testing"
	"time"

	"github.com/timeline-dev/timeline/generator/timex"
)

// BenchmarkLay lays out the axis of a home page of 10,000 generated news
// articles: 11,600 events over four years (a few of decades before),
// best-ranked first, 40 marks, both widths, drawn.
func BenchmarkLay(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	items := make([]Item, 11600)
	for i := range items {
		start := timex.NewDate(2012, time.January, 1).AddDays(r.Intn(4 * 365))
		if i%50 == 0 {
			start = timex.NewDate(1920+r.Intn(80), time.January, 1)
		}
		end := start
		if i%7 == 0 {
			end = start.AddDays(r.Intn(60))
		}
		items[i] = Item{ID: fmt.Sprintf("e-%d", i), Start: start, End: end, Label: fmt.Sprintf("Event %d", i), Key: i < 40, Fuzzy: i%11 == 0}
	}
	href := func(id string) string { return "#" + id }
	for b.Loop() {
		for _, w := range []float64{720, 340} {
			l := Lay(items, Options{MaxMarks: 40, Width: w})
			if err := l.SVGClass(io.Discard, "axis", "Time axis", href); err != nil {
				b.Fatal(err)
			}
		}
	}
}
