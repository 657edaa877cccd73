package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Label returns a short human description of v with modifier m, as precise
// as the value: "2013", "mid-2013", "November 2013", "early November 2013",
// "Tue 14 Jan 2014", "Tue 14 Jan 2014, night", "week of 20 Jan 2014",
// "summer 2013", "the 1990s", "3 years", "every Tuesday" (for a SET, see
// LabelType), "now". An invalid value is returned as it is.
func (v Value) Label(m Mod) string { return v.LabelType(TypeDate, m) }

// LabelType is Label for a timex of type t; it differs from Label only for
// SET values ("every Tuesday", "every week").
func (v Value) LabelType(t Type, m Mod) string {
	f, err := parse(string(v))
	if err != nil {
		return string(v)
	}
	var base string
	switch f.kind {
	case kindRef:
		base = map[Value]string{PresentRef: "now", PastRef: "the past", FutureRef: "the future"}[v]
	case kindDuration:
		base = f.durationLabel()
		if t == TypeSet {
			return "every " + strings.TrimPrefix(base, "1 ")
		}
	default:
		base = f.dateLabel()
		if t == TypeSet {
			return "every " + base
		}
	}
	return modLabel(m, base)
}

func modLabel(m Mod, base string) string {
	// "the early 1990s", "the mid-1970s", "the late 19th century".
	if rest, ok := strings.CutPrefix(base, "the "); ok {
		switch m {
		case Start:
			return "the early " + rest
		case Mid:
			return "the mid-" + rest
		case End:
			return "the late " + rest
		}
	}
	switch m {
	case Start:
		return "early " + base
	case Mid:
		return "mid-" + base
	case End:
		return "late " + base
	case Approx:
		return "about " + base
	case Before:
		return "before " + base
	case After:
		return "after " + base
	case OnOrBefore:
		return "on or before " + base
	case OnOrAfter:
		return "on or after " + base
	case LessThan:
		return "less than " + base
	case MoreThan:
		return "more than " + base
	case EqualOrLess:
		return "at most " + base
	case EqualOrMore:
		return "at least " + base
	}
	return base
}

var seasonNames = map[string]string{"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
var podNames = map[string]string{"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}

func dayLabel(d Date) string {
	return fmt.Sprintf("%s %d %s %d", d.Weekday().String()[:3], d.Day, d.Month.String()[:3], d.Year)
}

func (f fields) dateLabel() string {
	g := f.granularity()
	if f.yearUnknown() {
		return f.floatingLabel()
	}
	known := strings.TrimRight(f.year, "X")
	switch g {
	case Century:
		if n, err := strconv.Atoi(known); err == nil && n < 10 {
			return "the " + ordinal(n+1) + " century" // "the 2nd century", not "the 0100s"
		}
		return "the " + known + "00s"
	case Decade:
		return "the " + strings.TrimLeft(known, "0") + "0s"
	}
	iv := f.interval()
	y := f.year
	if n, err := strconv.Atoi(y); err == nil && n < 1000 {
		y = strconv.Itoa(n) // "610", not "0610"
	}
	switch g {
	case Year:
		return y
	case Half:
		if f.half == unknownX {
			return "a half of " + y
		}
		return []string{"", "first", "second"}[f.half] + " half of " + y
	case Quarter:
		if f.quarter == unknownX {
			return "a quarter of " + y
		}
		return "Q" + strconv.Itoa(f.quarter) + " " + y
	case Season:
		if f.season == "WI" {
			n, _ := strconv.Atoi(y)
			return fmt.Sprintf("winter %d–%02d", n, (n+1)%100)
		}
		return seasonNames[f.season] + " " + y
	case Month:
		if f.month == unknownX {
			return "a month of " + y
		}
		return time.Month(f.month).String() + " " + y
	case Week:
		if f.week == unknownX {
			return "a week of " + y
		}
		return "week of " + shortDay(iv.Start)
	case Weekend:
		return "weekend of " + shortDay(iv.Start)
	}
	// Day or finer.
	if f.day == unknownX || f.weekday == unknownX || f.week == unknownX || f.month == unknownX {
		if f.month > 0 {
			return "a day in " + time.Month(f.month).String() + " " + y
		}
		return "a day in " + y
	}
	s := dayLabel(iv.Start)
	switch {
	case f.pod != "":
		s += ", " + podNames[f.pod]
	case f.hour > 0:
		s += ", " + clock(f)
	}
	return s
}

func shortDay(d Date) string { return fmt.Sprintf("%d %s %d", d.Day, d.Month.String()[:3], d.Year) }

func clock(f fields) string {
	s := fmt.Sprintf("%02d", f.hour-1)
	if f.minute > 0 {
		s += fmt.Sprintf(":%02d", f.minute-1)
	} else {
		s += ":00"
	}
	return s
}

// floatingLabel describes a value with no year: XXXX-08 is "August",
// XXXX-WXX-2 is "Tuesday", XXXX-XX-XXT10:00 is "10:00".
func (f fields) floatingLabel() string {
	var parts []string
	switch {
	case f.weekday > 0:
		parts = append(parts, time.Weekday(f.weekday%7).String())
	case f.weekend:
		parts = append(parts, "weekend")
	case f.month > 0 && f.day > 0:
		parts = append(parts, fmt.Sprintf("%d %s", f.day, time.Month(f.month)))
	case f.month > 0:
		parts = append(parts, time.Month(f.month).String())
	case f.season != "":
		parts = append(parts, seasonNames[f.season])
	case f.quarter > 0:
		parts = append(parts, "Q"+strconv.Itoa(f.quarter))
	case f.hour != unset || f.pod != "":
		// A time of an unknown day: the time alone says it.
	case f.week != unset:
		parts = append(parts, "week")
	case f.day != unset:
		parts = append(parts, "day")
	case f.month != unset:
		parts = append(parts, "month")
	default:
		parts = append(parts, "year")
	}
	switch {
	case f.pod != "":
		parts = append(parts, podNames[f.pod])
	case f.hour > 0:
		parts = append(parts, clock(f))
	}
	return strings.Join(parts, " ")
}

var durUnitNames = map[string][2]string{
	"Y": {"year", "years"}, "M": {"month", "months"}, "W": {"week", "weeks"}, "D": {"day", "days"},
	"Q": {"quarter", "quarters"}, "H": {"half-year", "half-years"},
	"DE": {"decade", "decades"}, "E": {"decade", "decades"}, "L": {"decade", "decades"},
	"CE": {"century", "centuries"}, "C": {"century", "centuries"}, "ML": {"millennium", "millennia"},
}
var durTimeNames = map[string][2]string{"H": {"hour", "hours"}, "M": {"minute", "minutes"}, "S": {"second", "seconds"}}

func (f fields) durationLabel() string {
	var parts []string
	for _, p := range f.dur {
		names := durUnitNames[p.unit]
		if p.time {
			names = durTimeNames[p.unit]
		}
		switch {
		case strings.HasPrefix(p.n, "X"):
			parts = append(parts, names[1])
		case p.n == "1":
			parts = append(parts, "1 "+names[0])
		default:
			parts = append(parts, p.n+" "+names[1])
		}
	}
	return strings.Join(parts, " ")
}

// ordinal writes n as an English ordinal: 1st, 2nd, 3rd, 4th, 11th, 21st.
func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}
