package timex

import (
	"strings"
	"testing"
)

func TestParseValid(t *testing.T) {
	// value, granularity, interval ("" when not anchored), label (no mod)
	cases := []struct {
		v, gran, iv, label string
	}{
		{"2013", "year", "2013-01-01/2013-12-31", "2013"},
		{"2013-11", "month", "2013-11-01/2013-11-30", "November 2013"},
		{"2014-02", "month", "2014-02-01/2014-02-28", "February 2014"},
		{"2012-02", "month", "2012-02-01/2012-02-29", "February 2012"},
		{"2014-01-15", "day", "2014-01-15/2014-01-15", "Wed 15 Jan 2014"},
		{"2014-01-14TNI", "part of day", "2014-01-14/2014-01-14", "Tue 14 Jan 2014, night"},
		{"1998-08-07T10:35", "minute", "1998-08-07/1998-08-07", "Fri 7 Aug 1998, 10:35"},
		{"1998-08-07T10", "hour", "1998-08-07/1998-08-07", "Fri 7 Aug 1998, 10:00"},
		{"1998-08-07T10:35:02Z", "second", "1998-08-07/1998-08-07", "Fri 7 Aug 1998, 10:35"},
		{"2014-W04", "week", "2014-01-20/2014-01-26", "week of 20 Jan 2014"},
		{"2015-W01", "week", "2014-12-29/2015-01-04", "week of 29 Dec 2014"},
		{"2014-W03-2", "day", "2014-01-14/2014-01-14", "Tue 14 Jan 2014"},
		{"1998-W05-WE", "weekend", "1998-01-31/1998-02-01", "weekend of 31 Jan 1998"},
		{"2013-Q3", "quarter", "2013-07-01/2013-09-30", "Q3 2013"},
		{"2013-H2", "half", "2013-07-01/2013-12-31", "second half of 2013"},
		{"2013-SU", "season", "2013-06-01/2013-08-31", "summer 2013"},
		{"2013-FA", "season", "2013-09-01/2013-11-30", "autumn 2013"},
		{"2013-WI", "season", "2013-12-01/2014-02-28", "winter 2013–14"},
		{"2013-SP", "season", "2013-03-01/2013-05-31", "spring 2013"},
		{"201", "decade", "2010-01-01/2019-12-31", "the 2010s"},
		{"199X", "decade", "1990-01-01/1999-12-31", "the 1990s"},
		{"19", "century", "1900-01-01/1999-12-31", "the 1900s"},
		{"19XX", "century", "1900-01-01/1999-12-31", "the 1900s"},
		{"1998-XX", "month", "1998-01-01/1998-12-31", "a month of 1998"},
		{"1998-QX", "quarter", "1998-01-01/1998-12-31", "a quarter of 1998"},
		{"XXXX-08", "unknown", "", "August"},
		{"XXXX-WXX-2", "unknown", "", "Tuesday"},
		{"XXXX-WXX-2TNI", "unknown", "", "Tuesday night"},
		{"XXXX-XX-XXT10:00", "unknown", "", "10:00"},
		{"T10:00", "unknown", "", "10:00"},
		{"XXXX", "unknown", "", "year"},
		{"P3Y", "unknown", "", "3 years"},
		{"P1Y", "unknown", "", "1 year"},
		{"PT2H", "unknown", "", "2 hours"},
		{"PT1H30M", "unknown", "", "1 hour 30 minutes"},
		{"P1Y6M", "unknown", "", "1 year 6 months"},
		{"PXY", "unknown", "", "years"},
		{"P2DE", "unknown", "", "2 decades"},
		{"P0.5Y", "unknown", "", "0.5 years"},
		{"PRESENT_REF", "unknown", "", "now"},
		{"PAST_REF", "unknown", "", "the past"},
		{"FUTURE_REF", "unknown", "", "the future"},
	}
	for _, c := range cases {
		t.Run(c.v, func(t *testing.T) {
			v, err := Parse(c.v)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := v.Granularity().String(); got != c.gran {
				t.Errorf("Granularity = %s, want %s", got, c.gran)
			}
			iv, ok := v.Interval()
			got := ""
			if ok {
				got = iv.String()
			}
			if got != c.iv {
				t.Errorf("Interval = %q, want %q", got, c.iv)
			}
			if l := v.Label(NoMod); l != c.label {
				t.Errorf("Label = %q, want %q", l, c.label)
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	cases := []struct{ v, reason string }{
		{"", "empty"},
		{"2014-02-30", "February 2014 has 28 days"},
		{"2014-13", "month: 13 is out of range 1-12"},
		{"2014-1", "month: want 2 digits"},
		{"2014-W54", "week: 54 is out of range"},
		{"2014-Q5", "quarter: 5 is out of range"},
		{"2014-H3", "half: 3 is out of range"},
		{"2014-XY", "month"},
		{"14", ""}, // a century: valid, checked below
		{"1", "must start with a year"},
		{"X9XX", "mixes digits and X"},
		{"201-05", "only a four-character year"},
		{"2014T10", "a time needs a full date"},
		{"2014-01-15T25:00", "hour: 25 is out of range"},
		{"2014-01-15Tnoon", "hour"},
		{"2014-01-15 ", "unexpected"},
		{"P", "needs an amount and a unit"},
		{"P3", "expected a unit"},
		{"PY", "expected a number"},
		{"PT3Y", "expected a unit"},
		{"January", "must start with a year"},
		{"mid-2013", "must start with a year"},
	}
	for _, c := range cases {
		t.Run(c.v, func(t *testing.T) {
			_, err := Parse(c.v)
			if c.reason == "" {
				if err != nil {
					t.Fatalf("Parse(%q) = %v, want ok", c.v, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Parse(%q) succeeded, want error containing %q", c.v, c.reason)
			}
			if !strings.Contains(err.Error(), c.reason) {
				t.Fatalf("Parse(%q) = %v, want error containing %q", c.v, err, c.reason)
			}
		})
	}
}

func TestLabelMod(t *testing.T) {
	cases := []struct {
		v    Value
		typ  Type
		mod  Mod
		want string
	}{
		{"2013", TypeDate, Mid, "mid-2013"},
		{"2013", TypeDate, Start, "early 2013"},
		{"2013", TypeDate, End, "late 2013"},
		{"2013-11", TypeDate, Start, "early November 2013"},
		{"2013-11", TypeDate, Before, "before November 2013"},
		{"2013", TypeDate, Approx, "about 2013"},
		{"P3Y", TypeDuration, Approx, "about 3 years"},
		{"P10Y", TypeDuration, MoreThan, "more than 10 years"},
		{"P1DE", TypeDuration, MoreThan, "more than 1 decade"},
		{"XXXX-WXX-2", TypeSet, NoMod, "every Tuesday"},
		{"P1W", TypeSet, NoMod, "every week"},
		{"P2W", TypeSet, NoMod, "every 2 weeks"},
		// A modified decade or century keeps its article first.
		{"199", TypeDate, Start, "the early 1990s"},
		{"197", TypeDate, Mid, "the mid-1970s"},
		{"18", TypeDate, End, "the late 1800s"},
		// Before the year 1000: no leading zeros.
		{"01", TypeDate, NoMod, "the 2nd century"},
		{"00", TypeDate, NoMod, "the 1st century"},
		{"0610", TypeDate, NoMod, "610"},
		{"061", TypeDate, NoMod, "the 610s"},
	}
	for _, c := range cases {
		if got := c.v.LabelType(c.typ, c.mod); got != c.want {
			t.Errorf("%s %s %s: label %q, want %q", c.v, c.typ, c.mod, got, c.want)
		}
	}
}

func TestIntervalMod(t *testing.T) {
	cases := []struct {
		v    Value
		mod  Mod
		want string
	}{
		{"2013", Mid, "2013-05-01/2013-08-31"},
		{"2013", Start, "2013-01-01/2013-04-30"},
		{"2013-SU", Start, "2013-06-01/2013-06-30"},
		{"2013-WI", End, "2014-02-01/2014-02-28"},
		{"2013", End, "2013-09-01/2013-12-31"},
		{"2013-11", Start, "2013-11-01/2013-11-10"},
		{"2013-11", End, "2013-11-21/2013-11-30"},
		{"2013-11", Approx, "2013-11-01/2013-11-30"},
		{"2014-01-15", Mid, "2014-01-15/2014-01-15"},
	}
	for _, c := range cases {
		iv, ok := c.v.IntervalMod(c.mod)
		if !ok || iv.String() != c.want {
			t.Errorf("%s %s: %v %v, want %s", c.v, c.mod, iv, ok, c.want)
		}
	}
}

func TestParseMod(t *testing.T) {
	for _, m := range append([]Mod{NoMod}, mods...) {
		got, err := ParseMod(string(m))
		if err != nil || got != m {
			t.Errorf("ParseMod(%q) = %q, %v", m, got, err)
		}
	}
	if _, err := ParseMod("MIDDLE"); err == nil || !strings.Contains(err.Error(), "START") {
		t.Errorf("ParseMod(MIDDLE) = %v, want an error listing the valid mods", err)
	}
}

func TestDate(t *testing.T) {
	if _, err := ParseDate("2014-02-29"); err == nil {
		t.Error("2014-02-29 parsed")
	}
	d, err := ParseDate("2014-01-15")
	if err != nil || d.Weekday().String() != "Wednesday" || d.AddDays(17).String() != "2014-02-01" {
		t.Errorf("ParseDate: %v %v", d, err)
	}
	a := Interval{NewDate(2014, 1, 14), NewDate(2014, 1, 14)}
	b := Interval{NewDate(2014, 1, 15), NewDate(2014, 1, 15)}
	if a.Overlaps(b) || a.Gap(b) != 1 || b.Gap(a) != 1 {
		t.Errorf("adjacent days: overlap %v gap %d", a.Overlaps(b), a.Gap(b))
	}
	for y := 1990; y < 2030; y++ {
		mon := ISOWeekStart(y, 1)
		if yy, w := mon.Time().ISOWeek(); yy != y || w != 1 || mon.Weekday().String() != "Monday" {
			t.Errorf("ISOWeekStart(%d, 1) = %v (ISO %d-W%d)", y, mon, yy, w)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2013", "2014-W03-2", "P1Y6M", "2014-01-14TNI", "XXXX-WXX-2", "19", "T10:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			return
		}
		_ = v.Label(Mid)
		_ = v.Granularity()
		if iv, ok := v.Interval(); ok && iv.End.Before(iv.Start) {
			t.Fatalf("%q: interval %v ends before it starts", s, iv)
		}
	})
}
