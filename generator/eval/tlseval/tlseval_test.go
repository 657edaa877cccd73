package tlseval

import (
	"math"
	"reflect"
	"testing"
	"time"
)

func day(d int) time.Time { return time.Date(2010, 1, d, 0, 0, 0, 0, time.UTC) }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-4 }

func TestScores(t *testing.T) {
	pred := Timeline{day(1): {"The cat sat."}}
	ref := Timeline{day(1): {"the cat ran"}, day(3): {"A dog sat"}}
	tests := []struct {
		name string
		got  PRF
		want PRF
	}{
		{"date F1", DateF1(Timeline{day(1): nil, day(2): nil, day(3): nil}, Timeline{day(2): nil, day(3): nil, day(4): nil, day(5): nil}),
			PRF{2.0 / 3, 0.5, 4.0 / 7}},
		{"date F1, no prediction", DateF1(Timeline{}, ref), PRF{}},
		// 3 predicted unigrams, 6 reference, shared: the, cat, sat.
		{"concat R-1", Concat(pred, ref, 1), PRF{1, 0.5, 2.0 / 3}},
		// bigrams: the cat, cat sat | the cat, cat ran, a dog, dog sat.
		{"concat R-2", Concat(pred, ref, 2), PRF{0.5, 0.25, 1.0 / 3}},
		// Day 1 aligns with day 1 (cost 1−2/3) rather than day 3 (1−1/3·1/3):
		// precision 2/3. For recall day 1 matches 2 unigrams at weight 1,
		// day 3 one ("sat") at weight 1/3: (2+1/3)/6.
		{"align+ m:1 R-1", AlignM1(pred, ref, 1), PRF{2.0 / 3, 7.0 / 18, 2 * (2.0 / 3) * (7.0 / 18) / (2.0/3 + 7.0/18)}},
		{"align+ m:1 R-2", AlignM1(pred, ref, 2), PRF{0.5, 0.25, 1.0 / 3}},
		{"align+ m:1, empty", AlignM1(Timeline{}, ref, 1), PRF{}},
	}
	for _, tc := range tests {
		if !near(tc.got.P, tc.want.P) || !near(tc.got.R, tc.want.R) || !near(tc.got.F, tc.want.F) {
			t.Errorf("%s = %+v, want %+v", tc.name, tc.got, tc.want)
		}
	}
}

// TestAlignWeighsDistance: a summary identical to the reference's but a
// day late scores half of one on the right day.
func TestAlignWeighsDistance(t *testing.T) {
	ref := Timeline{day(10): {"troops enter the city"}}
	onDay := AlignM1(Timeline{day(10): {"Troops enter the city"}}, ref, 1)
	late := AlignM1(Timeline{day(11): {"Troops enter the city"}}, ref, 1)
	if !near(onDay.F, 1) || !near(late.F, 0.5) {
		t.Errorf("on the day %.3f, a day late %.3f; want 1 and 0.5", onDay.F, late.F)
	}
}

func TestTokens(t *testing.T) {
	got := Tokens("Mexico 's Oaxaca state, who -- U.S. 2009")
	want := []string{"mexico", "s", "oaxaca", "state", "who", "u", "s", "2009"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tokens = %q, want %q", got, want)
	}
}

func TestCut(t *testing.T) {
	// Reference: days 1 and 5, four sentences: k = 2, T = 2.
	ref := Timeline{day(1): {"x", "y", "z"}, day(5): {"w"}}
	ranked := []Candidate{
		{day(0), "before the range"}, {day(2), "b"}, {day(2), "c"}, {day(2), "d: a third"},
		{day(3), "e"}, {day(4), "f: a third date"}, {day(3), "g"}, {day(6), "after"},
	}
	got := Cut(ranked, ref)
	want := Timeline{day(2): {"b", "c"}, day(3): {"e", "g"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Cut = %v, want %v", got, want)
	}
}
