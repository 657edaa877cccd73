package newscorpus

import (
	"fmt"
	"time"
)

// Family is a family of time expressions.
type Family string

// The families of expressions the articles date happenings with.
const (
	Absolute  Family = "absolute"   // "on 15 January 2014", "on January 15, 2014", "on 3 March"
	Month     Family = "month"      // "in March", "in March 2013", "in early March"
	Weekday   Family = "weekday"    // "on Tuesday", "yesterday", "earlier today"
	Relative  Family = "relative"   // "last week", "last month", "two months ago", "last year"
	Fuzzy     Family = "fuzzy"      // "in mid-2013", "late last year", "in the summer of 2013"
	TimeOfDay Family = "time"       // "on Tuesday evening", "at about 9 a.m. on Tuesday", "this morning"
	Future    Family = "future"     // "tomorrow", "next week", "on Thursday", "next month"
	Duration  Family = "duration"   // "for three weeks", "after nine hours" (dates nothing)
	Year      Family = "background" // a year long before the story: "founded in 1962"
)

// Families lists every family, in the order above.
var Families = []Family{Absolute, Month, Weekday, Relative, Fuzzy, TimeOfDay, Future, Duration, Year}

var numberWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"}

func days(from, to time.Time) int { return int(to.Sub(from).Hours() / 24) }

func sameWeek(a, b time.Time) bool {
	ay, aw := a.ISOWeek()
	by, bw := b.ISOWeek()
	return ay == by && aw == bw
}

func sameMonth(a, b time.Time) bool { return a.Year() == b.Year() && a.Month() == b.Month() }

// dayMonth writes a day of the month the outlet's way: "15 January",
// "January 15".
func dayMonth(o *outlet, t time.Time) string {
	if o.dmy {
		return fmt.Sprintf("%d %s", t.Day(), t.Month())
	}
	return fmt.Sprintf("%s %d", t.Month(), t.Day())
}

func fullDate(o *outlet, t time.Time) string {
	if o.dmy {
		return fmt.Sprintf("%d %s %d", t.Day(), t.Month(), t.Year())
	}
	return fmt.Sprintf("%s %d, %d", t.Month(), t.Day(), t.Year())
}

// monthPart says which third of its month t falls in, as the tagger
// reads "early", "mid-" and "late" (timex.Value.IntervalMod: the first and
// last n/3 days of a month of n days, and the days between).
func monthPart(t time.Time) string {
	n := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	switch {
	case t.Day() <= n/3:
		return "early"
	case t.Day() > n-n/3:
		return "late"
	}
	return "mid"
}

// part says which third of n the i-th (from 1) falls in: early, mid, late
// (months 1–4, 5–8, 9–12 of a year).
func part(i, n int) string {
	switch {
	case i <= n/3:
		return "early"
	case i <= 2*n/3:
		return "mid"
	}
	return "late"
}

var clock = []string{"at about 9 a.m. on %s", "on %s morning", "on %s afternoon", "on %s evening", "late on %s", "early on %s", "on %s night"}

// past returns an expression, in the past tense of a report published on
// pd, that dates a happening of day hd as the tagger reads it (the day, or
// a week, month, season or part of a year holding it), and its family.
// Recent happenings get relative expressions, older ones absolute or
// fuzzy ones.
func past(g *rng, o *outlet, hd, pd time.Time) (string, Family) {
	d := days(hd, pd)
	wd := hd.Weekday().String()
	var opts []struct {
		s string
		f Family
	}
	add := func(f Family, s string) {
		opts = append(opts, struct {
			s string
			f Family
		}{s, f})
	}
	switch {
	case d == 0:
		add(Weekday, "on "+wd)
		add(Weekday, "earlier today")
		add(TimeOfDay, "this morning")
		add(TimeOfDay, fmt.Sprintf(g.pick(clock[:4]), wd))
	case d == 1:
		add(Weekday, "yesterday")
		add(Weekday, "on "+wd)
		add(Weekday, "on "+wd)
		add(TimeOfDay, fmt.Sprintf(g.pick(clock), wd))
		add(TimeOfDay, "yesterday "+g.pick([]string{"morning", "afternoon", "evening"}))
	case d <= 6:
		add(Weekday, "on "+wd)
		add(Weekday, "on "+wd)
		add(TimeOfDay, fmt.Sprintf(g.pick(clock), wd))
		if o.dmy {
			add(Absolute, fmt.Sprintf("on %s, %s", wd, dayMonth(o, hd)))
		}
	case d <= 13:
		if sameWeek(hd, pd.AddDate(0, 0, -7)) {
			add(Relative, "last week")
		}
		if hd.Year() == pd.Year() {
			add(Absolute, "on "+dayMonth(o, hd))
		} else {
			add(Absolute, "on "+fullDate(o, hd))
		}
	case d <= 59:
		if hd.Year() == pd.Year() {
			add(Absolute, "on "+dayMonth(o, hd))
			add(Absolute, "on "+dayMonth(o, hd))
		} else {
			add(Absolute, "on "+fullDate(o, hd))
		}
		if sameMonth(hd, pd.AddDate(0, -1, 0)) && pd.Day() < 28 {
			add(Relative, "last month")
		}
		if sameMonth(hd, pd) && hd.Day() <= 10 {
			add(Relative, "earlier this month")
		}
		if n := (d + 3) / 7; n >= 2 && n <= 6 && sameWeek(hd, pd.AddDate(0, 0, -7*n)) {
			add(Relative, numberWords[n]+" weeks ago")
		}
		if hd.Year() == pd.Year() && hd.Month() < pd.Month() {
			add(Month, fmt.Sprintf("in %s-%s", monthPart(hd), hd.Month()))
		}
	case d <= 365:
		// Without a year only while the last March is nearer than the
		// next: a reader (and the tagger, when the tense says little)
		// takes the nearest.
		if hd.Year() == pd.Year() && d <= 150 {
			add(Month, "in "+hd.Month().String())
			add(Absolute, "on "+dayMonth(o, hd))
			add(Month, fmt.Sprintf("in %s-%s", monthPart(hd), hd.Month()))
		} else {
			add(Absolute, "on "+fullDate(o, hd))
			add(Month, fmt.Sprintf("in %s %d", hd.Month(), hd.Year()))
			add(Month, fmt.Sprintf("in %s-%s %d", monthPart(hd), hd.Month(), hd.Year()))
		}
		if n := int(pd.Month()) - int(hd.Month()) + 12*(pd.Year()-hd.Year()); n >= 2 && n <= 11 && pd.Day() < 28 {
			add(Relative, numberWords[n]+" months ago")
		}
		if hd.Year() == pd.Year()-1 {
			if p := part(int(hd.Month()), 12); p == "mid" {
				add(Fuzzy, "in the middle of last year")
			} else {
				add(Fuzzy, p+" last year")
			}
		}
		if hd.Year() < pd.Year() {
			add(Fuzzy, "in "+season(hd))
		}
	default:
		add(Absolute, "on "+fullDate(o, hd))
		add(Month, fmt.Sprintf("in %s %d", hd.Month(), hd.Year()))
		add(Fuzzy, fmt.Sprintf("in %s-%d", part(int(hd.Month()), 12), hd.Year()))
		add(Fuzzy, "in "+season(hd))
		if hd.Year() == pd.Year()-1 {
			add(Relative, "last year")
		}
	}
	c := opts[g.IntN(len(opts))]
	s := c.s
	// "in mid-2013" but "in early 2013", "in late March".
	for _, p := range []string{"early-", "late-"} {
		if len(s) > 3+len(p) && s[3:3+len(p)] == p {
			s = s[:3] + p[:len(p)-1] + " " + s[3+len(p):]
		}
	}
	return s, c.f
}

// season names the season of t with its year, when t falls wholly inside
// one that the tagger reads the same way ("the summer of 2013"); else the
// part of its year.
func season(t time.Time) string {
	switch t.Month() {
	case time.April, time.May:
		return fmt.Sprintf("the spring of %d", t.Year())
	case time.July, time.August:
		return fmt.Sprintf("the summer of %d", t.Year())
	case time.October, time.November:
		return fmt.Sprintf("the autumn of %d", t.Year())
	}
	p := part(int(t.Month()), 12)
	if p == "mid" {
		return fmt.Sprintf("mid-%d", t.Year())
	}
	return fmt.Sprintf("%s %d", p, t.Year())
}

// future returns an expression dating a happening of day hd that a report
// published on pd announces.
func future(g *rng, o *outlet, hd, pd time.Time) (string, Family) {
	d := days(pd, hd)
	switch {
	case d == 1:
		return "tomorrow", Future
	case d <= 6:
		return "on " + hd.Weekday().String(), Future
	case d <= 13 && sameWeek(hd, pd.AddDate(0, 0, 7)) && g.chance(0.5):
		return "next week", Future
	case sameMonth(hd, pd.AddDate(0, 1, 0)) && pd.Day() < 28 && g.chance(0.3):
		return "next month", Future
	case hd.Year() == pd.Year():
		return "on " + dayMonth(o, hd), Future
	}
	return "on " + fullDate(o, hd), Future
}
