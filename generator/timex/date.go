package timex

import (
	"fmt"
	"time"
)

// Date is a civil (calendar) date with no time zone. The zero value is not a
// valid date; use IsZero to test for it.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// NewDate returns the date y-m-d, normalizing out-of-range months and days
// the way time.Date does (January 32 is February 1).
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// ParseDate parses a date in the form YYYY-MM-DD and rejects dates that do not
// exist, such as 2014-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return NewDate(d.Year, d.Month, d.Day+n) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	default:
		return sign(d.Day - e.Day)
	}
}

// Key returns a number that orders dates as Compare does, for sorting
// many: the year, month and day packed in bits (months up to 15 and days
// up to 31, as every date of this package has). KeyDate undoes it.
func (d Date) Key() int64 { return int64(d.Year)<<9 | int64(d.Month)<<5 | int64(d.Day) }

// KeyDate returns the date of a Key.
func KeyDate(k int64) Date { return Date{int(k >> 9), time.Month(k >> 5 & 15), int(k & 31)} }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// DaysUntil returns the number of days from d to e (negative if e is before d).
func (d Date) DaysUntil(e Date) int {
	if !d.civil() || !e.civil() {
		return int((e.Time().Unix() - d.Time().Unix()) / 86400)
	}
	return e.days() - d.days()
}

// civil reports a month in range, for which days counts.
func (d Date) civil() bool { return d.Month >= time.January && d.Month <= time.December }

// days is the number of days from 1970-01-01 to d in the proleptic
// Gregorian calendar, counted without time.Time (H. Hinnant's
// days_from_civil): grouping compares thousands of dates.
func (d Date) days() int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// String formats d as YYYY-MM-DD.
func (d Date) String() string {
	if d.Year < 0 || d.Year > 9999 {
		return fmt.Sprintf("%d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText formats d as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// ISOWeekStart returns the Monday that starts ISO week w of ISO year y.
func ISOWeekStart(y, w int) Date {
	// January 4 is always in week 1.
	jan4 := NewDate(y, time.January, 4)
	wd := int(jan4.Weekday()+6) % 7 // Monday = 0
	return jan4.AddDays(-wd + (w-1)*7)
}

// ISOWeeks returns the number of ISO weeks in ISO year y (52 or 53).
func ISOWeeks(y int) int {
	_, w := NewDate(y, time.December, 28).Time().ISOWeek()
	return w
}

// Interval is an inclusive range of days.
type Interval struct {
	Start, End Date
}

// Days returns the number of days in the interval.
func (iv Interval) Days() int { return iv.Start.DaysUntil(iv.End) + 1 }

// Overlaps reports whether the two intervals share at least one day.
func (iv Interval) Overlaps(o Interval) bool {
	return !iv.End.Before(o.Start) && !o.End.Before(iv.Start)
}

// Contains reports whether o lies entirely inside iv.
func (iv Interval) Contains(o Interval) bool {
	return !o.Start.Before(iv.Start) && !iv.End.Before(o.End)
}

// Gap returns the number of days between the two intervals: 0 if they
// overlap, 1 if they are adjacent (one ends the day before the other starts).
func (iv Interval) Gap(o Interval) int {
	if iv.Overlaps(o) {
		return 0
	}
	if iv.End.Before(o.Start) {
		return iv.End.DaysUntil(o.Start)
	}
	return o.End.DaysUntil(iv.Start)
}

// String formats the interval as START/END.
func (iv Interval) String() string { return iv.Start.String() + "/" + iv.End.String() }
