package timeline

import (
	"math"
	"math/rand/v2"
	"testing"
)

// A dense copy of a vector gives the very dot products of the sparse one,
// bit for bit, with vectors of features it lacks or has beyond its
// length; unspread leaves it all zero for the next.
func TestDenseDotIsDot(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := func(maxID int) vector {
		var v vector
		for id := range maxID {
			if rng.IntN(4) == 0 {
				v = append(v, feat{int32(id), rng.Float32()*2 - 0.5})
			}
		}
		return v
	}
	var d dense
	for range 2000 {
		a := random(1 + rng.IntN(60))
		d.spread(a)
		for range 5 {
			b := random(1 + rng.IntN(90))
			if got, want := d.dot(b), dot(a, b); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("dense dot %v, sparse %v\na %v\nb %v", got, want, a, b)
			}
		}
		d.unspread(a)
		for id, w := range d {
			if w != 0 {
				t.Fatalf("after unspread, feature %d weighs %v", id, w)
			}
		}
	}
}
