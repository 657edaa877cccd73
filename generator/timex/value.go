package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Value is a TIMEX3 value in its string form, for example "2014-01-15",
// "2013-SU", "2014-W04", "2014-01-14TNI", "199", "P3Y", "XXXX-WXX-2" or
// "PRESENT_REF". Build one with Parse (which validates) or convert a string
// known to be valid. The zero Value is empty and invalid.
type Value string

// The three TIMEX3 reference values.
const (
	PresentRef Value = "PRESENT_REF"
	PastRef    Value = "PAST_REF"
	FutureRef  Value = "FUTURE_REF"
)

// Usage lists the accepted value forms, for error messages.
const Usage = `a TIMEX3 value: YYYY (2013), YYYY-MM (2013-11), YYYY-MM-DD (2014-01-15),
YYYY-Www (2014-W04), YYYY-Www-D (2014-W03-2), YYYY-Www-WE (weekend), YYYY-Qn (2013-Q3),
YYYY-Hn (2013-H2), YYYY-SP/SU/FA/WI (2013-SU), a decade YYY (201) or century YY (20),
a time YYYY-MM-DDThh:mm or YYYY-MM-DDTMO/AF/EV/NI, X for unknown digits (XXXX-08),
a duration P3Y, P2M, P1W, P5D, PT2H, PT30M, or PRESENT_REF, PAST_REF, FUTURE_REF`

// Parse validates s as a TIMEX3 value.
func Parse(s string) (Value, error) {
	if _, err := parse(s); err != nil {
		return "", err
	}
	return Value(s), nil
}

// MustParse is like Parse but panics on an invalid value. Use it for
// constants in tests and tables only.
func MustParse(s string) Value {
	v, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

// String returns the TIMEX3 string form.
func (v Value) String() string { return string(v) }

// Valid reports whether v is a well-formed TIMEX3 value.
func (v Value) Valid() bool {
	_, err := parse(string(v))
	return err == nil
}

// IsDuration reports whether v is a duration such as P3Y or PT2H.
func (v Value) IsDuration() bool {
	f, err := parse(string(v))
	return err == nil && f.kind == kindDuration
}

// IsRef reports whether v is PRESENT_REF, PAST_REF or FUTURE_REF.
func (v Value) IsRef() bool { return v == PresentRef || v == PastRef || v == FutureRef }

// Granularity returns the unit v is precise to. Durations, references and
// values whose year is unknown (XXXX-08) have granularity Unknown.
func (v Value) Granularity() Granularity {
	f, err := parse(string(v))
	if err != nil || f.kind != kindDate || f.yearUnknown() {
		return Unknown
	}
	return f.granularity()
}

// Interval returns the inclusive range of days v covers, or false if v is not
// anchored on the calendar (durations, references, unknown years).
func (v Value) Interval() (Interval, bool) {
	f, err := parse(string(v))
	if err != nil || f.kind != kindDate || f.yearUnknown() {
		return Interval{}, false
	}
	return f.interval(), true
}

// IntervalMod is Interval narrowed by a modifier: START, MID and END keep the
// first, middle and last third of the span ("mid-2013" is May to August 2013,
// "early November" the 1st to the 10th). Spans of whole months are cut at
// month boundaries when their months divide by three, otherwise at days.
// Spans under three days and other modifiers are left as they are.
func (v Value) IntervalMod(m Mod) (Interval, bool) {
	iv, ok := v.Interval()
	if !ok || (m != Start && m != Mid && m != End) {
		return iv, ok
	}
	months := (iv.End.Year-iv.Start.Year)*12 + int(iv.End.Month) - int(iv.Start.Month) + 1
	wholeMonths := iv.Start.Day == 1 && iv.End.AddDays(1).Day == 1
	if wholeMonths && months >= 3 && months%3 == 0 {
		third := months / 3
		at := func(k int) Date { return NewDate(iv.Start.Year, iv.Start.Month+time.Month(k), 1) }
		switch m {
		case Start:
			return Interval{iv.Start, at(third).AddDays(-1)}, true
		case Mid:
			return Interval{at(third), at(2 * third).AddDays(-1)}, true
		default:
			return Interval{at(2 * third), iv.End}, true
		}
	}
	n := iv.Days()
	if n < 3 {
		return iv, true
	}
	third := n / 3
	switch m {
	case Start:
		iv.End = iv.Start.AddDays(third - 1)
	case Mid:
		iv.Start, iv.End = iv.Start.AddDays(third), iv.End.AddDays(-third)
	default:
		iv.Start = iv.End.AddDays(-third + 1)
	}
	return iv, true
}

type kind int

const (
	kindDate kind = iota
	kindDuration
	kindRef
)

// Component values: a positive number is known, unset means the component
// is absent from the value, unknownX means it was written with X.
const (
	unset    = 0
	unknownX = -1
)

type fields struct {
	kind kind

	// Dates.
	year    string // "2013", "201" (decade), "20" (century), "201X", "XXXX"
	month   int
	day     int
	week    int
	weekday int // ISO 1 (Monday) .. 7 (Sunday)
	weekend bool
	quarter int
	half    int
	season  string // SP SU FA WI
	pod     string // MO AF EV NI DT
	hour    int    // hour+1, so 0 means unset
	minute  int    // minute+1
	second  int    // second+1

	// Durations: alternating amount and unit, e.g. ["3","Y"], ["X","M"].
	dur []durPart
}

type durPart struct {
	n    string // digits (possibly with a decimal point) or X
	unit string // Y M W D Q H DE CE ML E C L (date part); H M S (time part, prefixed "T")
	time bool
}

// yearUnknown reports whether the year is not anchored (XXXX); a decade
// written 199X is known.
func (f fields) yearUnknown() bool { return f.year == "" || f.year[0] == 'X' }

func (f fields) granularity() Granularity {
	switch {
	case f.second != unset:
		return Second
	case f.minute != unset:
		return Minute
	case f.hour != unset:
		return Hour
	case f.pod != "":
		return PartOfDay
	case f.day != unset, f.weekday != unset:
		return Day
	case f.weekend:
		return Weekend
	case f.week != unset:
		return Week
	case f.month != unset:
		return Month
	case f.season != "":
		return Season
	case f.quarter != unset:
		return Quarter
	case f.half != unset:
		return Half
	}
	switch digits := len(strings.TrimRight(f.year, "X")); {
	case len(f.year) == 2 || digits == 2:
		return Century
	case len(f.year) == 3 || digits == 3:
		return Decade
	}
	return Year
}

func (f fields) interval() Interval {
	known := strings.TrimRight(f.year, "X")
	n, _ := strconv.Atoi(known)
	switch len(known) {
	case 2:
		return Interval{NewDate(n*100, 1, 1), NewDate(n*100+99, 12, 31)}
	case 3:
		return Interval{NewDate(n*10, 1, 1), NewDate(n*10+9, 12, 31)}
	}
	y := n
	yearIv := Interval{NewDate(y, 1, 1), NewDate(y, 12, 31)}
	monthIv := func(from, to int) Interval {
		return Interval{NewDate(y, time.Month(from), 1), NewDate(y, time.Month(to)+1, 0)}
	}
	switch {
	case f.month > 0 && f.day > 0:
		d := NewDate(y, time.Month(f.month), f.day)
		return Interval{d, d}
	case f.month > 0:
		return monthIv(f.month, f.month)
	case f.week > 0:
		mon := ISOWeekStart(y, f.week)
		switch {
		case f.weekday > 0:
			d := mon.AddDays(f.weekday - 1)
			return Interval{d, d}
		case f.weekend:
			return Interval{mon.AddDays(5), mon.AddDays(6)}
		}
		return Interval{mon, mon.AddDays(6)}
	case f.quarter > 0:
		return monthIv(3*f.quarter-2, 3*f.quarter)
	case f.half > 0:
		return monthIv(6*f.half-5, 6*f.half)
	case f.season != "":
		switch f.season {
		case "SP":
			return monthIv(3, 5)
		case "SU":
			return monthIv(6, 8)
		case "FA":
			return monthIv(9, 11)
		default: // WI: December of the year to the end of February of the next.
			return Interval{NewDate(y, 12, 1), NewDate(y+1, 3, 0)}
		}
	}
	return yearIv
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ValueError reports an invalid TIMEX3 value.
type ValueError struct {
	Value  string
	Reason string
}

func (e *ValueError) Error() string {
	return fmt.Sprintf("%q is not a valid TIMEX3 value: %s", e.Value, e.Reason)
}

func parse(s string) (fields, error) {
	bad := func(reason string, args ...any) (fields, error) {
		return fields{}, &ValueError{Value: s, Reason: fmt.Sprintf(reason, args...)}
	}
	switch Value(s) {
	case PresentRef, PastRef, FutureRef:
		return fields{kind: kindRef}, nil
	case "":
		return bad("empty")
	}
	if s[0] == 'P' {
		return parseDuration(s)
	}
	var f fields
	rest := s
	if rest[0] == 'T' { // a bare time of an unknown day
		f.year = "XXXX"
		f.month, f.day = unknownX, unknownX
		return parseTime(s, rest[1:], f)
	}
	// Year, decade or century: 2 to 4 characters of digits and X, digits first.
	i := 0
	for i < len(rest) && i < 4 && (isDigit(rest[i]) || rest[i] == 'X') {
		i++
	}
	f.year = rest[:i]
	if len(f.year) < 2 {
		return bad("it must start with a year (YYYY), decade (YYY) or century (YY)")
	}
	if k := strings.TrimRight(f.year, "X"); !isDigits(k) && k != "" {
		return bad("the year %q mixes digits and X (write digits first, X last)", f.year)
	}
	rest = rest[i:]
	if rest == "" {
		return f, nil
	}
	if len(f.year) != 4 {
		return bad("only a four-character year can be followed by a month, week, quarter, half or season")
	}
	if rest[0] == 'T' {
		return bad("a time needs a full date before it (YYYY-MM-DDThh:mm)")
	}
	if rest[0] != '-' {
		return bad("expected '-' after the year %q", f.year)
	}
	rest = rest[1:]
	switch {
	case len(rest) >= 2 && (rest[:2] == "SP" || rest[:2] == "SU" || rest[:2] == "FA" || rest[:2] == "WI"):
		f.season, rest = rest[:2], rest[2:]
	case strings.HasPrefix(rest, "W"):
		n, r, err := component(rest[1:], 2, 1, 53)
		if err != nil {
			return bad("week: %v", err)
		}
		f.week, rest = n, r
		if rest == "" {
			return f, nil
		}
		switch {
		case strings.HasPrefix(rest, "-WE"):
			f.weekend, rest = true, rest[3:]
		case strings.HasPrefix(rest, "-"):
			n, r, err := component(rest[1:], 1, 1, 7)
			if err != nil {
				return bad("weekday: %v", err)
			}
			f.weekday, rest = n, r
		}
	case strings.HasPrefix(rest, "Q"), strings.HasPrefix(rest, "H"):
		max := 4
		if rest[0] == 'H' {
			max = 2
		}
		n, r, err := component(rest[1:], 1, 1, max)
		if err != nil {
			return bad("%s: %v", map[byte]string{'Q': "quarter", 'H': "half"}[rest[0]], err)
		}
		if rest[0] == 'Q' {
			f.quarter = n
		} else {
			f.half = n
		}
		rest = r
	default:
		n, r, err := component(rest, 2, 1, 12)
		if err != nil {
			return bad("month: %v", err)
		}
		f.month, rest = n, r
		if strings.HasPrefix(rest, "-") {
			n, r, err := component(rest[1:], 2, 1, 31)
			if err != nil {
				return bad("day: %v", err)
			}
			f.day, rest = n, r
			if f.day > 0 && f.month > 0 && !f.yearUnknown() && len(strings.TrimRight(f.year, "X")) == 4 {
				y, _ := strconv.Atoi(f.year)
				if last := NewDate(y, time.Month(f.month)+1, 0).Day; f.day > last {
					return bad("%s %d has %d days", time.Month(f.month), y, last)
				}
			}
		}
	}
	if rest == "" {
		return f, nil
	}
	if rest[0] == 'T' {
		if f.day == unset && f.weekday == unset {
			return bad("a time needs a day before it")
		}
		return parseTime(s, rest[1:], f)
	}
	return bad("unexpected %q", rest)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// component reads a width-character number or width X characters.
func component(s string, width, min, max int) (int, string, error) {
	if len(s) < width {
		return 0, s, fmt.Errorf("want %d digits or %s", width, strings.Repeat("X", width))
	}
	if strings.Trim(s[:width], "X") == "" {
		return unknownX, s[width:], nil
	}
	if !isDigits(s[:width]) {
		return 0, s, fmt.Errorf("want %d digits or %s, got %q", width, strings.Repeat("X", width), s[:width])
	}
	n, _ := strconv.Atoi(s[:width])
	if n < min || n > max {
		return 0, s, fmt.Errorf("%d is out of range %d-%d", n, min, max)
	}
	return n, s[width:], nil
}

func parseTime(orig, s string, f fields) (fields, error) {
	bad := func(reason string, args ...any) (fields, error) {
		return fields{}, &ValueError{Value: orig, Reason: fmt.Sprintf(reason, args...)}
	}
	if len(s) >= 2 {
		switch s[:2] {
		case "MO", "AF", "EV", "NI", "DT", "MI":
			f.pod = s[:2]
			if len(s) > 2 {
				return bad("unexpected %q after the part of day", s[2:])
			}
			return f, nil
		}
	}
	h, r, err := component(s, 2, 0, 24)
	if err != nil {
		return bad("hour: %v", err)
	}
	f.hour = h + 1
	if h == unknownX {
		f.hour = unknownX
	}
	if strings.HasPrefix(r, ":") {
		m, r2, err := component(r[1:], 2, 0, 59)
		if err != nil {
			return bad("minute: %v", err)
		}
		f.minute, r = m+1, r2
		if strings.HasPrefix(r, ":") {
			sec, r3, err := component(r[1:], 2, 0, 60)
			if err != nil {
				return bad("second: %v", err)
			}
			f.second, r = sec+1, r3
		}
	}
	// Optional zone: Z or ±hh[:mm] or ±hhmm.
	switch {
	case r == "" || r == "Z":
	case r[0] == '+' || r[0] == '-':
		z := strings.ReplaceAll(r[1:], ":", "")
		if !isDigits(z) || (len(z) != 2 && len(z) != 4) {
			return bad("bad time zone %q", r)
		}
	default:
		return bad("unexpected %q after the time", r)
	}
	return f, nil
}

var durDateUnits = []string{"DE", "CE", "ML", "Y", "M", "W", "D", "Q", "H", "E", "C", "L"}
var durTimeUnits = []string{"H", "M", "S"}

func parseDuration(s string) (fields, error) {
	bad := func(reason string, args ...any) (fields, error) {
		return fields{}, &ValueError{Value: s, Reason: fmt.Sprintf(reason, args...)}
	}
	f := fields{kind: kindDuration}
	rest := s[1:]
	inTime := false
	for rest != "" {
		if rest[0] == 'T' {
			if inTime {
				return bad("T appears twice")
			}
			inTime, rest = true, rest[1:]
			continue
		}
		i := 0
		if rest[0] == 'X' {
			for i < len(rest) && rest[i] == 'X' {
				i++
			}
		} else {
			for i < len(rest) && (isDigit(rest[i]) || rest[i] == '.') {
				i++
			}
		}
		if i == 0 {
			return bad("expected a number or X before %q", rest)
		}
		n := rest[:i]
		rest = rest[i:]
		units := durDateUnits
		if inTime {
			units = durTimeUnits
		}
		unit := ""
		for _, u := range units {
			if strings.HasPrefix(rest, u) {
				unit = u
				break
			}
		}
		if unit == "" {
			return bad("expected a unit (%s) after %q", strings.Join(units, ", "), n)
		}
		rest = rest[len(unit):]
		f.dur = append(f.dur, durPart{n: n, unit: unit, time: inTime})
	}
	if len(f.dur) == 0 {
		return bad("a duration needs an amount and a unit, like P3Y or PT2H")
	}
	return f, nil
}
