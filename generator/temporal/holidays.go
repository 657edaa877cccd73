package temporal

import (
	"time"

	"github.com/timeline-dev/timeline/generator/timex"
)

// Holidays: named days whose date is fixed ("Christmas", "New Year's Day")
// or computed ("Thanksgiving Day", "Election Day", "Easter"). A holiday
// without a year is the one nearest the DCT, moved back in a past clause
// and forward in a future one, like a month and day. Part of the names
// family; test cases in testdata/names.txt.
var holidayRules = []*rule{
	{pattern: "last|this|next:rel? HOLIDAY", typ: timex.TypeDate, act: holiday},
	{pattern: "HOLIDAY day|eve:part", typ: timex.TypeDate, act: holiday},
	{pattern: "HOLIDAY ,? YEAR", typ: timex.TypeDate, act: holiday},
}

// holidayDates gives the date of each holiday in year y.
var holidayDates = map[string]func(y int) timex.Date{
	"christmas":    func(y int) timex.Date { return timex.NewDate(y, 12, 25) },
	"thanksgiving": func(y int) timex.Date { return nthWeekday(y, 11, time.Thursday, 4) },
	"halloween":    func(y int) timex.Date { return timex.NewDate(y, 10, 31) },
	"easter":       easter,
	// US Election Day: the Tuesday after the first Monday of November.
	"election":   func(y int) timex.Date { return nthWeekday(y, 11, time.Monday, 1).AddDays(1) },
	"valentine":  func(y int) timex.Date { return timex.NewDate(y, 2, 14) },
	"labor":      func(y int) timex.Date { return nthWeekday(y, 9, time.Monday, 1) },
	"memorial":   func(y int) timex.Date { return nthWeekday(y, 6, time.Monday, 1).AddDays(-7) },
	"new-year":   func(y int) timex.Date { return timex.NewDate(y, 1, 1) },
	"new-year's": func(y int) timex.Date { return timex.NewDate(y, 1, 1) },
}

func nthWeekday(y int, m time.Month, wd time.Weekday, n int) timex.Date {
	d := timex.NewDate(y, m, 1)
	for d.Weekday() != wd {
		d = d.AddDays(1)
	}
	return d.AddDays(7 * (n - 1))
}

// easter is the Western Easter Sunday of year y (the anonymous Gregorian
// algorithm).
func easter(y int) timex.Date {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return timex.NewDate(y, time.Month(month), day)
}

func holiday(c *cx) res {
	t := c.tok("holiday")
	name := t.lex.holiday
	f := holidayDates[name]
	if f == nil || !t.has(fCap) {
		return res{}
	}
	switch name {
	case "election", "labor", "memorial", "new-year", "valentine":
		// "Election Day", "Labor Day": only with "Day".
		if c.word("part") != "day" && !(name == "valentine" && c.word("part") == "") {
			return res{}
		}
	case "halloween", "christmas", "easter", "thanksgiving":
		if c.word("part") == "eve" {
			return res{val: dayVal(f(holidayYear(c, f)).AddDays(-1))}
		}
	}
	if c.has("year") {
		return res{val: dayVal(f(c.val("year")))}
	}
	return res{val: dayVal(f(holidayYear(c, f)))}
}

// holidayYear places a holiday without a year: the nearest one to the DCT,
// "last" the one before it and "next" the one after, and the tense of the
// clause for the rest.
func holidayYear(c *cx, f func(int) timex.Date) int {
	dct := c.dct()
	y := dct.Year
	diff := dct.DaysUntil(f(y))
	switch c.word("rel") {
	case "last":
		if diff >= 0 {
			y--
		}
		return y
	case "next":
		if diff <= 0 {
			y++
		}
		return y
	case "this":
		return y
	}
	switch t := c.tense(); {
	case t == past && diff > 60:
		y--
	case t == past && diff > -365:
	case t == future && diff < -60:
		y++
	case t == future && diff < 365:
	case diff > 183:
		y--
	case diff < -183:
		y++
	}
	return y
}
