// Package axis lays out a timeline's time axis and writes it as inline
// SVG, at build time, so that it needs no script: years and months on a
// scale, each event a mark placed by its date interval (a span for
// "November 2013", a point for a day), long empty stretches compressed
// behind a visible break, marks linking to the events in the list below.
//
// Layout and drawing are apart: Lay computes every position from the
// items (a pure function, tested as data), and Layout.SVG writes them.
// When there are more items than Options.MaxMarks, only the first ones
// (the caller orders them, e.g. key events first) get marks and every
// item counts in a density band under the scale, one bar a bin (a week or
// a month), so that the axis stays small and readable at thousands of
// events.
package axis

import (
	"cmp"
	"fmt"
	"html"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/timeline-dev/timeline/generator/timeline"
	"github.com/timeline-dev/timeline/generator/timex"
)

// Item is an event as the axis shows it.
type Item struct {
	ID         string // the fragment of its entry in the list ("e-...")
	Start, End timex.Date
	Label      string // date label and headline, for the mark's tooltip
	Key        bool   // a key event
	Fuzzy      bool   // its date is approximate (a season, "mid-2013", "about")
	Disputed   bool
}

// Options sizes the axis. The zero value gives the defaults.
type Options struct {
	Width     float64 // of the viewBox, in user units (CSS pixels at full size); default 720
	MaxLanes  int     // rows of marks; default 5
	MaxMarks  int     // items drawn as marks; default 400
	BreakDays int     // a gap longer than this (and than a tenth of the span) is compressed; default 60
}

func (o Options) withDefaults() Options {
	if o.Width <= 0 {
		o.Width = 720
	}
	if o.MaxLanes <= 0 {
		o.MaxLanes = 8
	}
	if o.MaxMarks <= 0 {
		o.MaxMarks = 400
	}
	if o.BreakDays <= 0 {
		o.BreakDays = 60
	}
	return o
}

// Geometry of the drawing, in user units.
const (
	padX       = 12.0 // left and right margins
	breakWidth = 18.0 // a compressed gap
	scaleY     = 21.0 // the scale's line
	laneTop    = 35.0 // the first lane's centre
	laneHeight = 16.0
	densityH   = 18.0 // the density band's height
	tickLabelY = 13.0
	charWidth  = 7.5 // of a label's character (12-unit text, see style.css)
	pointR     = 5.0 // a point's radius
	minSpan    = 8.0 // the shortest a span is drawn: as wide as it is tall
)

// Layout is an axis laid out.
type Layout struct {
	Width, Height float64
	Segments      []Segment // the stretches of time shown, left to right
	Breaks        []float64 // x of each compressed gap's middle
	Ticks         []Tick
	Marks         []Mark
	// Badges count the marks drawn under another where every lane was
	// taken ("+3"), so that no event hides unseen.
	Badges []Badge
	Bars   []Bar // the density band, when items outnumber marks
	Items  int   // items in all
	// Before and After count the items outside the story's core, left
	// off the axis (see core).
	Before, After int
	From, To      timex.Date
	densityTop    float64 // y of the density band
	badgeY        float64 // baseline of the badges' row
}

// Segment is a stretch of time drawn to scale: days [Start, End] from x0
// to x1.
type Segment struct {
	Start, End timex.Date
	X0, X1     float64
}

// Tick is a year or month boundary on the scale.
type Tick struct {
	X     float64
	Label string // "2013", "Nov"; "" for a month too narrow to name
	Year  bool
}

// Mark is an item drawn: a point (W == 0) or a span.
type Mark struct {
	Item
	X, W  float64
	Lane  int
	Under bool // drawn under the lane's mark at X, where every lane was taken
}

// Badge counts the marks drawn under others at X (the middle of the mark
// on top, in Lane), in a row under the marks.
type Badge struct {
	X     float64
	Lane  int
	Count int
}

// Bar is a bin of the density band.
type Bar struct {
	X, W  float64
	Count int
	Start timex.Date // the bin's first day
}

// Lay lays out the items (in the caller's order of priority: the first
// MaxMarks get marks). Items without a date are left out.
func Lay(items []Item, opts Options) Layout {
	o := opts.withDefaults()
	dated := items // unless some are not dated
	for i, it := range items {
		if undated(it) {
			dated = slices.Clone(items[:i])
			for _, it := range items[i+1:] {
				if !undated(it) {
					dated = append(dated, it)
				}
			}
			break
		}
	}
	l := Layout{Width: o.Width, Items: len(dated)}
	if len(dated) == 0 {
		l.Height = laneTop
		return l
	}
	dated, l.Before, l.After = core(dated)
	l.Segments = segments(dated, o)
	l.From, l.To = l.Segments[0].Start, l.Segments[len(l.Segments)-1].End
	for i := 1; i < len(l.Segments); i++ {
		l.Breaks = append(l.Breaks, (l.Segments[i-1].X1+l.Segments[i].X0)/2)
	}
	l.Ticks = ticks(l.Segments)
	marked := dated
	if len(marked) > o.MaxMarks {
		marked = marked[:o.MaxMarks]
	}
	l.Marks, l.Badges = lanes(l, marked, o.MaxLanes)
	rows := 1
	for _, m := range l.Marks {
		rows = max(rows, m.Lane+1)
	}
	l.Badges = spreadBadges(l.Badges)
	if len(l.Badges) > 0 { // a row of their own, under the marks
		l.badgeY = laneTop + float64(rows)*laneHeight + 2
		rows++
	}
	l.Height = laneTop + float64(rows-1)*laneHeight + laneHeight/2 + 4
	if len(dated) > len(marked) {
		l.densityTop = l.Height + 2
		l.Bars = density(l, dated)
		l.Height = l.densityTop + densityH + 4
	}
	return l
}

func undated(it Item) bool { return it.Start.IsZero() || it.End.IsZero() || it.End.Before(it.Start) }

// core returns the items of the story's core, and how many start before
// it and end after it: with 50 items or more, those between the 5th and
// the 95th percentile of the starts of its days, widened by half that
// span on each side (history a story recalls, "2,000 years ago", "in
// 1969", would stretch its axis over centuries).
func core(items []Item) (in []Item, before, after int) {
	if len(items) < 50 {
		return items, 0, 0
	}
	// The core is the story's own time, as ranking takes it.
	ivs := make([]timex.Interval, len(items))
	for i, it := range items {
		ivs[i] = timex.Interval{Start: it.Start, End: it.End}
	}
	lo, hi, _ := timeline.Core(ivs)
	in = make([]Item, 0, len(items))
	for _, it := range items {
		switch {
		case it.End.Before(lo):
			before++
		case hi.Before(it.Start):
			after++
		default:
			// A long item (a decade, a century) is cut to the core.
			if it.Start.Before(lo) {
				it.Start = lo
			}
			if hi.Before(it.End) {
				it.End = hi
			}
			in = append(in, it)
		}
	}
	return in, before, after
}

// segments splits the covered time where a stretch no item covers is
// longer than BreakDays and than a tenth of the whole span, and shares the
// width between the segments in proportion to their days.
func segments(items []Item, o Options) []Segment {
	type span struct {
		start, end timex.Date
		key        int64 // of start, to sort by (see timex.Date.Key)
	}
	spans := make([]span, len(items))
	for i, it := range items {
		spans[i] = span{it.Start, it.End, it.Start.Key()}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.key, b.key) })
	first, last := spans[0].start, spans[0].end
	for _, s := range spans {
		if last.Before(s.end) {
			last = s.end
		}
	}
	total := first.DaysUntil(last) + 1
	minGap := max(o.BreakDays, total/10)
	var segs []Segment
	cur := Segment{Start: spans[0].start, End: spans[0].end}
	for _, s := range spans[1:] {
		if cur.End.DaysUntil(s.start) > minGap {
			segs = append(segs, cur)
			cur = Segment{Start: s.start, End: s.end}
			continue
		}
		if cur.End.Before(s.end) {
			cur.End = s.end
		}
	}
	segs = append(segs, cur)
	// Each segment at least a week wide, so that a lone day has room.
	days := 0
	for _, s := range segs {
		days += max(7, s.Start.DaysUntil(s.End)+1)
	}
	avail := o.Width - 2*padX - breakWidth*float64(len(segs)-1)
	x := padX
	for i := range segs {
		n := max(7, segs[i].Start.DaysUntil(segs[i].End)+1)
		segs[i].X0 = x
		segs[i].X1 = x + avail*float64(n)/float64(days)
		x = segs[i].X1 + breakWidth
	}
	return segs
}

// X returns the x of the start of day d, and false if no segment shows it.
func (l Layout) X(d timex.Date) (float64, bool) {
	for _, s := range l.Segments {
		if d.Before(s.Start) || s.End.Before(d) {
			continue
		}
		n := max(7, s.Start.DaysUntil(s.End)+1)
		return s.X0 + (s.X1-s.X0)*float64(s.Start.DaysUntil(d))/float64(n), true
	}
	return 0, false
}

// xEnd returns the x of the end of day d (the start of the next).
func (l Layout) xEnd(d timex.Date) float64 {
	for _, s := range l.Segments {
		if d.Before(s.Start) || s.End.Before(d) {
			continue
		}
		n := max(7, s.Start.DaysUntil(s.End)+1)
		return s.X0 + (s.X1-s.X0)*float64(s.Start.DaysUntil(d)+1)/float64(n)
	}
	x, _ := l.X(d)
	return x
}

// ticks marks the first day of every year, and of every month where a
// month is wide enough to tell apart; a month is named where its label
// fits.
func ticks(segs []Segment) []Tick {
	var out []Tick
	l := Layout{Segments: segs}
	for _, s := range segs {
		perDay := (s.X1 - s.X0) / float64(max(7, s.Start.DaysUntil(s.End)+1))
		months := perDay*30 >= 6
		// Months are named every monthStep months: every one where there
		// is room, else every second, third or sixth.
		monthStep := 0
		for _, step := range []int{1, 2, 3, 6} {
			if perDay*30*float64(step) >= 3*charWidth+8 {
				monthStep = step
				break
			}
		}
		named := monthStep > 0
		// Years are named every yearStep years, so that labels ~30 units
		// wide do not run into each other.
		yearStep := 1
		for _, step := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000} {
			yearStep = step
			if perDay*365*float64(step) >= 5*charWidth+4 {
				break
			}
		}
		// A segment names its start, "2013" or "Aug 2014", unless a
		// January follows close by.
		clear := s.X0 // months are named right of the start's label
		if first := timex.NewDate(s.Start.Year+1, time.January, 1); s.End.Before(first) || l.xOf(first)-s.X0 > 60 {
			label := fmt.Sprint(s.Start.Year)
			if s.Start.Month != time.January {
				label = s.Start.Month.String()[:3] + " " + label
			}
			out = append(out, Tick{X: s.X0, Label: label, Year: true})
			clear = s.X0 + charWidth*float64(len(label)) + 6
		}
		d := timex.NewDate(s.Start.Year, s.Start.Month, 1)
		if d.Before(s.Start) {
			d = timex.NewDate(d.Year, d.Month+1, 1)
		}
		for ; !s.End.Before(d); d = timex.NewDate(d.Year, d.Month+1, 1) {
			x := l.xOf(d)
			switch {
			case d.Month == time.January && d.Year%yearStep == 0 && x > clear:
				out = append(out, Tick{X: x, Label: fmt.Sprint(d.Year), Year: true})
			case d.Month == time.January && perDay*365 >= 3:
				out = append(out, Tick{X: x, Year: true})
			case months:
				t := Tick{X: x}
				if named && x > clear && (int(d.Month)-1)%monthStep == 0 {
					t.Label = d.Month.String()[:3]
				}
				out = append(out, t)
			}
		}
	}
	// Labels of neighbouring segments may meet across a break ("Mar 2004"
	// of a short segment, "Aug 2014" of the next): from the right, a label
	// running into the one after it is left out, so the later, longer
	// stretch keeps its name.
	next := math.Inf(1)
	for i := len(out) - 1; i >= 0; i-- {
		if out[i].Label == "" {
			continue
		}
		if out[i].X+charWidth*float64(len(out[i].Label))+4 > next {
			out[i].Label = ""
			continue
		}
		next = out[i].X
	}
	return out
}

// badgeRoom is the width of a badge's text ("+12") and the space after it.
const badgeRoom = 4 * charWidth

// spreadBadges merges badges too close to read apart into the first of
// them, their counts added, so that no badge's text runs into another's.
func spreadBadges(badges []Badge) []Badge {
	slices.SortStableFunc(badges, func(a, b Badge) int { return cmpFloat(a.X, b.X) })
	var out []Badge
	for _, b := range badges {
		if n := len(out); n > 0 && b.X-out[n-1].X < badgeRoom {
			out[n-1].Count += b.Count
			continue
		}
		out = append(out, b)
	}
	return out
}

// xOf is X for a day known to be shown.
func (l Layout) xOf(d timex.Date) float64 {
	x, _ := l.X(d)
	return x
}

// lanes places the marks in rows, each where it does not overlap the row's
// last mark (greedy, by start); past maxLanes, in the row that frees
// first, under the mark there, which a badge then counts.
func lanes(l Layout, items []Item, maxLanes int) ([]Mark, []Badge) {
	marks := make([]Mark, len(items))
	for i, it := range items {
		x, _ := l.X(it.Start)
		w := 0.0
		if it.Start != it.End {
			w = l.xEnd(it.End) - x
		}
		marks[i] = Mark{Item: it, X: x, W: w}
	}
	order := make([]int, len(marks))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmpFloat(marks[a].X, marks[b].X)
	})
	const gap = 2*pointR + 1 // a point's room
	var ends []float64
	last := make([]int, 0, maxLanes) // the mark that ends each lane
	var badges []Badge
	for _, i := range order {
		m := &marks[i]
		lane := -1
		for k, e := range ends {
			if e+gap <= m.X {
				lane = k
				break
			}
		}
		if lane < 0 && len(ends) < maxLanes {
			lane = len(ends)
			ends = append(ends, math.Inf(-1))
			last = append(last, -1)
		}
		if lane < 0 {
			lane = 0
			for k := range ends {
				if ends[k] < ends[lane] {
					lane = k
				}
			}
			// Drawn under the lane's last mark: the badge on that mark
			// counts it.
			top := marks[last[lane]]
			if n := len(badges); n > 0 && badges[n-1].X == top.X+top.W/2 {
				badges[n-1].Count++
			} else {
				badges = append(badges, Badge{X: top.X + top.W/2, Lane: lane, Count: 1})
			}
			m.Lane, m.Under = lane, true
			continue // the lane's last mark stays on top
		}
		m.Lane = lane
		end := m.X
		if m.W > 0 {
			end += max(m.W, minSpan) // as drawn
		}
		ends[lane] = max(ends[lane], end)
		last[lane] = i
	}
	return marks, badges
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// density counts the items starting in each bin of each segment: weeks
// where a week is at least 4 units wide, else months.
func density(l Layout, items []Item) []Bar {
	var bars []Bar
	for _, s := range l.Segments {
		perDay := (s.X1 - s.X0) / float64(max(7, s.Start.DaysUntil(s.End)+1))
		weekly := perDay*7 >= 4
		var bins []timex.Date // bin starts, within the segment
		if weekly {
			for d := s.Start; !s.End.Before(d); d = d.AddDays(7) {
				bins = append(bins, d)
			}
		} else {
			bins = append(bins, s.Start)
			for d := timex.NewDate(s.Start.Year, s.Start.Month+1, 1); !s.End.Before(d); d = timex.NewDate(d.Year, d.Month+1, 1) {
				bins = append(bins, d)
			}
		}
		counts := make([]int, len(bins))
		for _, it := range items {
			if it.Start.Before(s.Start) || s.End.Before(it.Start) {
				continue
			}
			k, _ := slices.BinarySearchFunc(bins, it.Start, func(b, d timex.Date) int { return b.Compare(d) })
			if k == len(bins) || bins[k] != it.Start {
				k--
			}
			counts[k]++
		}
		for k, b := range bins {
			if counts[k] == 0 {
				continue
			}
			x0, _ := l.X(b)
			x1 := s.X1
			if k+1 < len(bins) {
				x1, _ = l.X(bins[k+1])
			}
			bars = append(bars, Bar{X: x0, W: max(1, x1-x0-0.5), Count: counts[k], Start: b})
		}
	}
	return bars
}

// SVG writes the axis as an inline SVG element. href gives the link of a
// mark from its item's ID; title names the drawing (a tooltip). The axis
// is for the eye and the pointer: its marks are links out of the tab
// order (tabindex -1) and the drawing is hidden from assistive technology
// (aria-hidden), since the list below has every event and link; the page
// describes the axis in words beside it.
func (l Layout) SVG(w io.Writer, title string, href func(id string) string) error {
	return l.SVGClass(w, "axis", title, href)
}

// SVGClass is SVG with the svg element's class attribute, e.g. "axis
// axis-narrow" for a layout made for narrow screens.
func (l Layout) SVGClass(w io.Writer, class, title string, href func(id string) string) error {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="%s" viewBox="0 0 %s %s" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">`, html.EscapeString(class), num(l.Width), num(l.Height))
	fmt.Fprintf(&b, `<title>%s</title>`, html.EscapeString(title))
	for _, s := range l.Segments {
		fmt.Fprintf(&b, `<line class="scale" x1="%s" y1="%s" x2="%s" y2="%s"/>`, num(s.X0), num(scaleY), num(s.X1), num(scaleY))
	}
	for _, x := range l.Breaks {
		// A zigzag across the scale where time is left out.
		fmt.Fprintf(&b, `<path class="break" d="M%s %sl3 -4l3 8l3 -8l3 4"/>`, num(x-6), num(scaleY))
	}
	for _, t := range l.Ticks {
		cls := "tick"
		y0 := scaleY - 3
		if t.Year {
			cls, y0 = "tick year", scaleY-6
		}
		fmt.Fprintf(&b, `<line class="%s" x1="%s" y1="%s" x2="%s" y2="%s"/>`, cls, num(t.X), num(y0), num(t.X), num(scaleY+3))
		if t.Label != "" {
			fmt.Fprintf(&b, `<text class="%s" x="%s" y="%s">%s</text>`, cls, num(t.X+2), num(tickLabelY), html.EscapeString(t.Label))
		}
	}
	// Marks drawn under others first.
	for _, m := range slices.SortedStableFunc(slices.Values(l.Marks), func(a, b Mark) int {
		return cmp.Compare(boolInt(b.Under), boolInt(a.Under))
	}) {
		cls := "mark"
		if m.Key {
			cls += " key"
		}
		if m.Fuzzy {
			cls += " fuzzy"
		}
		if m.Disputed {
			cls += " disputed"
		}
		y := laneTop + float64(m.Lane)*laneHeight
		fmt.Fprintf(&b, `<a href="%s" tabindex="-1" class="%s"><title>%s</title>`, html.EscapeString(href(m.ID)), cls, html.EscapeString(m.Label))
		if m.W == 0 {
			fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="%s"/>`, num(m.X), num(y), num(pointR))
		} else {
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="8" rx="4"/>`, num(m.X), num(y-4), num(max(minSpan, m.W)))
		}
		b.WriteString(`</a>`)
	}
	for _, bg := range l.Badges {
		fmt.Fprintf(&b, `<text class="badge" x="%s" y="%s" text-anchor="middle">+%d</text>`, num(bg.X), num(l.badgeY), bg.Count)
	}
	if len(l.Bars) > 0 {
		top := 1
		for _, bar := range l.Bars {
			top = max(top, bar.Count)
		}
		for _, bar := range l.Bars {
			h := max(1.5, densityH*float64(bar.Count)/float64(top))
			fmt.Fprintf(&b, `<rect class="bar" x="%s" y="%s" width="%s" height="%s"><title>%s</title></rect>`,
				num(bar.X), num(l.densityTop+densityH-h), num(bar.W), num(h), html.EscapeString(fmt.Sprintf("%d events from %s", bar.Count, bar.Start)))
		}
	}
	b.WriteString(`</svg>`)
	_, err := io.WriteString(w, b.String())
	return err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// num formats a coordinate with at most one decimal.
func num(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	return strings.TrimSuffix(s, ".0")
}
