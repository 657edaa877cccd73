package timeml

import "sort"

// Span is a time expression as the scorer sees it: an extent and the
// attributes compared.
type Span struct {
	Start, End int
	Type       string
	Value      string
}

// Pair is a gold and a system time expression aligned by the scorer.
type Pair struct {
	Gold, System int // indexes into the gold and system slices
}

// Alignment is the one-to-one pairing of gold and system time expressions
// whose extents overlap.
type Alignment struct {
	Pairs []Pair
	// Missed lists the gold expressions with no system partner, Spurious
	// the system expressions with no gold partner.
	Missed, Spurious []int
}

// Align pairs gold and system spans whose extents overlap (share at least
// one byte; an empty span overlaps nothing). Each span is in at most one
// pair: gold spans are taken in order of their start, and each takes the
// unpaired system span it overlaps most, the earliest on a tie.
func Align(gold, sys []Span) Alignment {
	gi := order(gold)
	si := order(sys)
	used := make([]bool, len(sys))
	var a Alignment
	for _, g := range gi {
		best, bestOv := -1, 0
		for _, s := range si {
			if used[s] {
				continue
			}
			if sys[s].Start >= gold[g].End {
				break
			}
			if ov := overlap(gold[g], sys[s]); ov > bestOv {
				best, bestOv = s, ov
			}
		}
		if best < 0 {
			a.Missed = append(a.Missed, g)
			continue
		}
		used[best] = true
		a.Pairs = append(a.Pairs, Pair{Gold: g, System: best})
	}
	for _, s := range si {
		if !used[s] {
			a.Spurious = append(a.Spurious, s)
		}
	}
	return a
}

func order(spans []Span) []int {
	idx := make([]int, len(spans))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return spans[idx[a]].Start < spans[idx[b]].Start })
	return idx
}

func overlap(a, b Span) int {
	lo, hi := max(a.Start, b.Start), min(a.End, b.End)
	return max(hi-lo, 0)
}

// Score holds the TempEval-3 counts for time expressions.
type Score struct {
	System, Gold int // expressions found by the system and in the gold
	Relaxed      int // aligned pairs (extents overlap)
	Strict       int // aligned pairs with identical extents
	Value        int // aligned pairs with equal value strings
	Type         int // aligned pairs with equal types
}

// Compare scores system spans against gold spans.
func Compare(gold, sys []Span) Score {
	a := Align(gold, sys)
	s := Score{System: len(sys), Gold: len(gold), Relaxed: len(a.Pairs)}
	for _, p := range a.Pairs {
		g, y := gold[p.Gold], sys[p.System]
		if g.Start == y.Start && g.End == y.End {
			s.Strict++
		}
		if g.Value == y.Value {
			s.Value++
		}
		if g.Type == y.Type {
			s.Type++
		}
	}
	return s
}

// Add returns the sum of two scores.
func (s Score) Add(o Score) Score {
	return Score{s.System + o.System, s.Gold + o.Gold, s.Relaxed + o.Relaxed, s.Strict + o.Strict, s.Value + o.Value, s.Type + o.Type}
}

// PRF is a precision, recall and F1 triple.
type PRF struct{ P, R, F1 float64 }

func prf(correct, system, gold int) PRF {
	var r PRF
	if system > 0 {
		r.P = float64(correct) / float64(system)
	}
	if gold > 0 {
		r.R = float64(correct) / float64(gold)
	}
	if r.P+r.R > 0 {
		r.F1 = 2 * r.P * r.R / (r.P + r.R)
	}
	return r
}

// StrictExtent is extent precision, recall and F1 counting only identical
// extents as matches.
func (s Score) StrictExtent() PRF { return prf(s.Strict, s.System, s.Gold) }

// RelaxedExtent is extent precision, recall and F1 counting overlapping
// extents as matches.
func (s Score) RelaxedExtent() PRF { return prf(s.Relaxed, s.System, s.Gold) }

// ValueF1 is the TempEval-3 value score: precision is correct values over
// system expressions, recall correct values over gold expressions, where a
// value is correct when the extents overlap and the value strings are equal.
func (s Score) ValueF1() PRF { return prf(s.Value, s.System, s.Gold) }

// TypeF1 is ValueF1 for the type attribute.
func (s Score) TypeF1() PRF { return prf(s.Type, s.System, s.Gold) }

// TypeAccuracy is correct types over relaxed matches, as in TempEval-3.
func (s Score) TypeAccuracy() float64 {
	if s.Relaxed == 0 {
		return 0
	}
	return float64(s.Type) / float64(s.Relaxed)
}

// ValueAccuracy is correct values over relaxed matches.
func (s Score) ValueAccuracy() float64 {
	if s.Relaxed == 0 {
		return 0
	}
	return float64(s.Value) / float64(s.Relaxed)
}
