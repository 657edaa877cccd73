package temporal

import (
	"time"

	"github.com/timeline-dev/timeline/generator/timex"
)

// Resolution of names without a year against the DCT and the tense of the
// clause.

// monthYear returns the year of month m (1-12) mentioned without a year:
// in a past clause the last such month up to the DCT's month, in a future
// clause the next one from it, otherwise the nearest one.
func monthYear(dct timex.Date, m, tense int) int {
	y, dm := dct.Year, int(dct.Month)
	switch tense {
	case past:
		if m > dm {
			return y - 1
		}
	case future:
		if m < dm {
			return y + 1
		}
	default:
		switch {
		case m-dm > 6:
			return y - 1
		case dm-m > 6:
			return y + 1
		}
	}
	return y
}

// weekdayDate returns the date of weekday wd (ISO 1-7) mentioned without a
// date: in a future clause the first such day from the DCT on, otherwise
// the last one up to the DCT (news reports mostly what happened).
func weekdayDate(dct timex.Date, wd, tense int) timex.Date {
	cur := isoWeekday(dct)
	if tense == future {
		return dct.AddDays((wd - cur + 7) % 7)
	}
	return dct.AddDays(-((cur - wd + 7) % 7))
}

func isoWeekday(d timex.Date) int {
	wd := int(d.Weekday())
	if wd == 0 {
		return 7
	}
	return wd
}

// dayMonthDate returns the date of month m, day d mentioned without a
// year, or false if there is no such day.
func dayMonthDate(dct timex.Date, m, d, tense int) (timex.Date, bool) {
	cand := func(y int) (timex.Date, bool) {
		x := timex.NewDate(y, time.Month(m), d)
		return x, int(x.Month) == m && x.Day == d
	}
	x, ok := cand(dct.Year)
	if m == 2 && d == 29 && !ok {
		// February 29 of a leap year near the DCT.
		for _, y := range []int{dct.Year - 1, dct.Year + 1, dct.Year - 2, dct.Year + 2, dct.Year - 3, dct.Year + 3} {
			if x, ok := cand(y); ok {
				return x, true
			}
		}
		return timex.Date{}, false
	}
	if !ok {
		return timex.Date{}, false
	}
	diff := dct.DaysUntil(x)
	switch {
	case tense == past && diff > 60:
		x, _ = cand(dct.Year - 1)
	case tense == past && diff > -365:
		// "the year ended March 31": already past.
	case tense == future && diff < -60:
		x, _ = cand(dct.Year + 1)
	case tense == future && diff < 365:
	case diff > 183:
		x, _ = cand(dct.Year - 1)
	case diff < -183:
		x, _ = cand(dct.Year + 1)
	}
	return x, true
}

// seasonStart returns the first day of season s of year y; winter starts
// in December of its year.
func seasonStart(y int, s string) timex.Date {
	switch s {
	case "SP":
		return timex.NewDate(y, 3, 1)
	case "SU":
		return timex.NewDate(y, 6, 1)
	case "FA":
		return timex.NewDate(y, 9, 1)
	}
	return timex.NewDate(y, 12, 1)
}

func seasonEnd(y int, s string) timex.Date {
	return timex.DateOf(seasonStart(y, s).Time().AddDate(0, 3, -1))
}

// seasonYear returns the year of season s: rel -1 is the last one that has
// ended ("last summer"), +1 the next one to start ("next summer"), and 0 the
// one of the DCT's year ("this summer"); with rel 0 and a tense, a past
// clause takes the last one that has started and a future clause the next
// one that has not ended.
func seasonYear(dct timex.Date, s string, rel, tense int) int {
	y := dct.Year
	if s == "WI" && dct.Month <= 2 {
		y--
	}
	switch {
	case rel < 0:
		for !seasonEnd(y, s).Before(dct) {
			y--
		}
	case rel > 0:
		for !dct.Before(seasonStart(y, s)) {
			y++
		}
	case tense == past:
		for dct.Before(seasonStart(y, s)) {
			y--
		}
	case tense == future:
		for seasonEnd(y, s).Before(dct) {
			y++
		}
	}
	return y
}
