package timex

import (
	"cmp"
	"math/rand"
	"testing"
	"time"
)

// DaysUntil counts days as time.Time does, across months, leap years,
// centuries and year 0.
func TestDaysUntilAsTime(t *testing.T) {
	// (Days between Unix times: a time.Duration overflows after 292 years.)
	ref := func(d, e Date) int { return int((e.Time().Unix() - d.Time().Unix()) / 86400) }
	base := []Date{{1970, 1, 1}, {2000, 2, 29}, {1900, 3, 1}, {1, 1, 1}, {0, 12, 31}, {-401, 2, 28}, {2014, 1, 15}, {9999, 12, 31}}
	for _, a := range base {
		for _, b := range base {
			if got, want := a.DaysUntil(b), ref(a, b); got != want {
				t.Errorf("%v.DaysUntil(%v) = %d, want %d", a, b, got, want)
			}
		}
	}
	d := Date{1899, 12, 25}
	for i := 0; i < 150000; i += 7 {
		e := d.AddDays(i)
		if got := d.DaysUntil(e); got != i {
			t.Fatalf("%v.DaysUntil(%v) = %d, want %d", d, e, got, i)
		}
	}
	if got, want := (Date{2014, 1, 40}).DaysUntil(Date{2014, 2, 9}), 0; got != want {
		t.Errorf("a day out of its month: %d, want %d", got, want)
	}
}

// TestDateKey: Key orders dates as Compare does, and KeyDate undoes it,
// for dates of every era (BC years too) and edge of month and year.
func TestDateKey(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var dates []Date
	for _, y := range []int{-4713, -1, 0, 1, 1969, 1970, 2014, 9999, 12000} {
		for _, m := range []time.Month{time.January, time.February, time.December} {
			for _, d := range []int{1, 28, 31} {
				dates = append(dates, NewDate(y, m, d))
			}
		}
	}
	for range 2000 {
		dates = append(dates, NewDate(r.Intn(6000)-3000, time.Month(1+r.Intn(12)), 1+r.Intn(31)))
	}
	for _, d := range dates {
		if got := KeyDate(d.Key()); got != d {
			t.Fatalf("KeyDate(%v.Key()) = %v", d, got)
		}
		e := dates[r.Intn(len(dates))]
		if got, want := cmp.Compare(d.Key(), e.Key()), d.Compare(e); got != want {
			t.Fatalf("%v, %v: keys compare %d, dates %d", d, e, got, want)
		}
	}
}
