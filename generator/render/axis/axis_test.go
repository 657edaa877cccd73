package axis

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/timeline-dev/timeline/generator/timex"
)

func day(s string) timex.Date {
	d, err := timex.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func item(id, start, end string) Item {
	return Item{ID: id, Start: day(start), End: day(end), Label: id}
}

func TestLay(t *testing.T) {
	tests := []struct {
		name  string
		items []Item
		opts  Options
		check func(t *testing.T, l Layout)
	}{
		{"nothing to show", nil, Options{}, func(t *testing.T, l Layout) {
			if len(l.Segments)+len(l.Marks)+len(l.Ticks) != 0 {
				t.Errorf("layout of no items: %+v", l)
			}
		}},
		{"a day is a point, a month a span", []Item{item("d", "2013-11-04", "2013-11-04"), item("m", "2013-11-01", "2013-11-30")}, Options{}, func(t *testing.T, l Layout) {
			d, m := markOf(l, "d"), markOf(l, "m")
			if d.W != 0 || m.W <= 0 {
				t.Errorf("day width %v, month width %v", d.W, m.W)
			}
			if !(m.X <= d.X && d.X <= m.X+m.W) {
				t.Errorf("the day (x %v) is not within its month (%v–%v)", d.X, m.X, m.X+m.W)
			}
			if d.Lane == m.Lane {
				t.Error("overlapping marks share a lane")
			}
		}},
		{"a long empty stretch is compressed behind a break", []Item{
			item("a", "2013-06-01", "2013-08-31"), item("b", "2013-10-01", "2013-10-31"),
			item("c", "2013-12-20", "2013-12-20"), item("d", "2014-09-15", "2014-09-15"),
		}, Options{}, func(t *testing.T, l Layout) {
			if len(l.Segments) != 2 || len(l.Breaks) != 1 {
				t.Fatalf("%d segments, %d breaks; want 2 and 1 (21 Dec 2013 to 14 Sep 2014 is empty)", len(l.Segments), len(l.Breaks))
			}
			c, d := markOf(l, "c"), markOf(l, "d")
			if !(c.X < l.Breaks[0] && l.Breaks[0] < d.X) {
				t.Errorf("break at %v is not between 20 Dec 2013 (%v) and 15 Sep 2014 (%v)", l.Breaks[0], c.X, d.X)
			}
			// Left to right in time, within the width.
			prev := -1.0
			for _, id := range []string{"a", "b", "c", "d"} {
				m := markOf(l, id)
				if m.X <= prev || m.X+m.W > l.Width {
					t.Errorf("mark %s at %v (after %v, width %v)", id, m.X, prev, l.Width)
				}
				prev = m.X
			}
		}},
		{"years are ticked and named", []Item{item("a", "2013-06-01", "2013-06-01"), item("b", "2014-03-01", "2014-03-01")}, Options{}, func(t *testing.T, l Layout) {
			var years []string
			for _, tk := range l.Ticks {
				if tk.Year {
					years = append(years, tk.Label)
				}
			}
			if strings.Join(years, ", ") != "Jun 2013, Mar 2014" {
				t.Errorf("year ticks %q, want Jun 2013, Mar 2014 (two segments)", years)
			}
		}},
		{"lanes are capped", manyOverlapping(12), Options{MaxLanes: 3}, func(t *testing.T, l Layout) {
			under := 0
			for _, m := range l.Marks {
				if m.Lane >= 3 {
					t.Errorf("mark %s in lane %d of 3", m.ID, m.Lane)
				}
				if m.Under {
					under++
				}
			}
			// The nine drawn under others are counted by badges.
			counted := 0
			for _, b := range l.Badges {
				counted += b.Count
			}
			if under != 9 || counted != 9 {
				t.Errorf("%d marks under others, %d counted by badges; want 9 and 9", under, counted)
			}
		}},
		{"badges do not run into each other", append(manyOnOneDay(12), manyOnDay(12, "2014-01-16")...), Options{MaxLanes: 3, Width: 340}, func(t *testing.T, l Layout) {
			total := 0
			for i, b := range l.Badges {
				total += b.Count
				if i > 0 && b.X-l.Badges[i-1].X < badgeRoom {
					t.Errorf("badges at %v and %v overlap", l.Badges[i-1].X, b.X)
				}
			}
			if total != 18 {
				t.Errorf("badges count %d marks under others, want 18", total)
			}
		}},
		{"labels of neighbouring segments never overlap", []Item{
			// The Philae story's: a launch recalled, the arrival, the landing
			// week, a date to come.
			item("launch", "2004-03-01", "2004-03-31"), item("arrival", "2014-08-01", "2014-08-31"),
			item("landing", "2014-11-12", "2014-11-12"), item("silent", "2014-11-15", "2014-11-15"),
			item("perihelion", "2015-08-01", "2015-08-31"),
		}, Options{Width: 340}, func(t *testing.T, l Layout) {
			end := math.Inf(-1)
			for _, tk := range l.Ticks {
				if tk.Label == "" {
					continue
				}
				if tk.X < end {
					t.Errorf("label %q at %v starts before the one before it ends (%v)", tk.Label, tk.X, end)
				}
				end = tk.X + charWidth*float64(len(tk.Label))
			}
		}},
		{"points of one day take a lane each", manyOnOneDay(7), Options{}, func(t *testing.T, l Layout) {
			lanes := map[int]bool{}
			for _, m := range l.Marks {
				lanes[m.Lane] = true
			}
			if len(lanes) != 7 || len(l.Badges) != 0 {
				t.Errorf("7 events of a day in %d lanes with %d badges; want 7 lanes and none", len(lanes), len(l.Badges))
			}
		}},
		{"past MaxMarks, a density band counts every item", manyDays(50), Options{MaxMarks: 10}, func(t *testing.T, l Layout) {
			if len(l.Marks) != 10 {
				t.Errorf("%d marks, want 10", len(l.Marks))
			}
			n := 0
			for _, b := range l.Bars {
				n += b.Count
			}
			if n+l.Before+l.After != 50 || l.Items != 50 {
				t.Errorf("the density band counts %d items, %d are before and %d after it, of %d; want 50 in all", n, l.Before, l.After, l.Items)
			}
		}},
		{"undated items are left out", []Item{{ID: "x"}, item("a", "2013-06-01", "2013-06-01")}, Options{}, func(t *testing.T, l Layout) {
			if l.Items != 1 || len(l.Marks) != 1 {
				t.Errorf("%d items, %d marks; want 1 and 1", l.Items, len(l.Marks))
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, Lay(tc.items, tc.opts)) })
	}
}

func markOf(l Layout, id string) Mark {
	for _, m := range l.Marks {
		if m.ID == id {
			return m
		}
	}
	panic("no mark " + id)
}

// manyOverlapping returns n items covering the same month.
func manyOverlapping(n int) []Item {
	var out []Item
	for i := range n {
		out = append(out, item(fmt.Sprint("o", i), "2013-11-01", "2013-11-30"))
	}
	return out
}

// manyOnOneDay returns n items of the same day.
func manyOnOneDay(n int) []Item { return manyOnDay(n, "2014-01-15") }

// manyOnDay returns n items of day d.
func manyOnDay(n int, d string) []Item {
	var out []Item
	for i := range n {
		out = append(out, item(fmt.Sprint("p", d, i), d, d))
	}
	return out
}

// manyDays returns n one-day items, a day apart.
func manyDays(n int) []Item {
	var out []Item
	d := day("2011-02-01")
	for i := range n {
		out = append(out, Item{ID: fmt.Sprint("d", i), Start: d.AddDays(i), End: d.AddDays(i)})
	}
	return out
}

// TestCore: with many items, a story's few recollections of history
// ("2,000 years ago", "in 1764") stay off the axis, counted.
func TestCore(t *testing.T) {
	items := manyDays(200)
	items = append(items, item("history", "0011-01-01", "0011-12-31"), item("1764", "1764-01-01", "1764-12-31"), item("later", "2022-01-01", "2022-12-31"),
		item("the 2010s", "2010-01-01", "2019-12-31"))
	l := Lay(items, Options{})
	// The core (February to August 2011) and half its span on each side;
	// the decade is cut to it.
	if l.Before != 2 || l.After != 1 || l.From.Before(day("2010-11-01")) || day("2011-11-30").Before(l.To) {
		t.Errorf("before %d, after %d, axis %s to %s; want 2, 1 and about November 2010 to November 2011", l.Before, l.After, l.From, l.To)
	}
	for _, tk := range l.Ticks {
		if tk.Label != "" && tk.X < 0 {
			t.Errorf("tick %+v", tk)
		}
	}
}

// TestYearTicks: over decades, years are named every few years, never
// closer than a label's width.
func TestYearTicks(t *testing.T) {
	var items []Item
	for y := 1960; y <= 2014; y++ {
		items = append(items, item(fmt.Sprint(y), fmt.Sprintf("%d-06-01", y), fmt.Sprintf("%d-06-01", y)))
	}
	l := Lay(items, Options{})
	last := -100.0
	named := 0
	for _, tk := range l.Ticks {
		if tk.Label == "" {
			continue
		}
		named++
		if tk.X-last < 30 {
			t.Errorf("label %q at %.1f, %.1f after the last", tk.Label, tk.X, tk.X-last)
		}
		last = tk.X
	}
	if named < 5 {
		t.Errorf("%d years named over 55 years", named)
	}
}

func TestSVG(t *testing.T) {
	items := []Item{
		{ID: "e-a", Start: day("2013-11-01"), End: day("2013-11-30"), Label: `November 2013: <script>alert(1)</script> & "x"`, Fuzzy: true},
		{ID: "e-b", Start: day("2014-01-15"), End: day("2014-01-15"), Label: "15 Jan 2014: Kerry", Key: true, Disputed: true},
	}
	var b strings.Builder
	if err := Lay(items, Options{}).SVG(&b, "2 events, November 2013 to January 2014", func(id string) string { return "#" + id }); err != nil {
		t.Fatal(err)
	}
	svg := b.String()
	for _, want := range []string{
		`<svg class="axis" viewBox="0 0 720 `, `aria-hidden="true"`,
		`<title>2 events, November 2013 to January 2014</title>`,
		`<a href="#e-a" tabindex="-1" class="mark fuzzy"><title>November 2013: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;</title><rect `,
		`<a href="#e-b" tabindex="-1" class="mark key disputed"><title>15 Jan 2014: Kerry</title><circle `,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q:\n%s", want, svg)
		}
	}
	if strings.Contains(svg, "<script>") {
		t.Error("a label's markup is not escaped")
	}
	if n := strings.Count(svg, "<a "); n != 2 {
		t.Errorf("%d links, want one per mark (2)", n)
	}
}

// TestSize: at thousands of events the axis stays small (marks for the
// first MaxMarks, a density band for all).
func TestSize(t *testing.T) {
	items := manyDays(5000)
	for i := range items {
		items[i].Label = "Tue 15 Feb 2011: Protests began in the eastern city of Benghazi, Libya's second largest"
	}
	var b strings.Builder
	if err := Lay(items, Options{}).SVG(&b, "5000 events", func(id string) string { return "#" + id }); err != nil {
		t.Fatal(err)
	}
	if n := b.Len(); n > 120_000 {
		t.Errorf("the axis of 5,000 events is %d bytes, want at most 120,000", n)
	}
}
