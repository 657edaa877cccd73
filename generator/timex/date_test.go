package timex

import "testing"

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
