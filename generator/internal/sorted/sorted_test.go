package sorted

import "testing"

func TestCommonAndMeet(t *testing.T) {
	cases := []struct {
		a, b []int32
		n    int
	}{
		{nil, nil, 0}, {[]int32{1}, nil, 0}, {[]int32{1, 3, 5}, []int32{2, 4}, 0},
		{[]int32{1, 3, 5}, []int32{3}, 1}, {[]int32{1, 2, 3, 9}, []int32{0, 1, 3, 4, 9}, 3},
	}
	for _, c := range cases {
		if got := Common(c.a, c.b); got != c.n {
			t.Errorf("Common(%v, %v) = %d, want %d", c.a, c.b, got, c.n)
		}
		if got := Meet(c.a, c.b); got != (c.n > 0) {
			t.Errorf("Meet(%v, %v) = %v", c.a, c.b, got)
		}
	}
}
