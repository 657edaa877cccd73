// Package tlseval scores a timeline against a ground-truth timeline as
// timeline-summarization research does (tilse, news-tls): Date F1, and
// ROUGE-N F1 "concat" and "align+ m:1" (Martschat and Markert 2017). Cut
// applies the news-tls protocol: the system's timeline keeps as many dates
// as the ground truth has, within its date range, with as many sentences a
// date as it has on average.
//
// ROUGE here is plain: text is lower-cased and split into runs of letters
// and digits (so Penn-Treebank tokens and prose give the same n-grams), no
// stemming and no stop words; n-gram counts are clipped. It serves the
// evaluation tools; the product never scores itself.
package tlseval

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Timeline maps each date (midnight UTC) to its summary sentences.
type Timeline map[time.Time][]string

// Dates returns the timeline's dates in order.
func (tl Timeline) Dates() []time.Time {
	ds := make([]time.Time, 0, len(tl))
	for d := range tl {
		ds = append(ds, d)
	}
	slices.SortFunc(ds, func(a, b time.Time) int { return a.Compare(b) })
	return ds
}

// PRF is a precision, recall and F1.
type PRF struct{ P, R, F float64 }

func prf(num, pDen, rNum, rDen float64) PRF {
	var s PRF
	if pDen > 0 {
		s.P = num / pDen
	}
	if rDen > 0 {
		s.R = rNum / rDen
	}
	if s.P+s.R > 0 {
		s.F = 2 * s.P * s.R / (s.P + s.R)
	}
	return s
}

// DateF1 scores the predicted dates against the reference's.
func DateF1(pred, ref Timeline) PRF {
	hit := 0
	for d := range pred {
		if _, ok := ref[d]; ok {
			hit++
		}
	}
	return prf(float64(hit), float64(len(pred)), float64(hit), float64(len(ref)))
}

// Tokens lower-cases s and splits it into runs of letters and digits.
func Tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// ngrams counts the n-grams of sentences; sentences do not join into
// n-grams across their boundary.
func ngrams(sentences []string, n int) map[string]int {
	c := map[string]int{}
	for _, s := range sentences {
		toks := Tokens(s)
		for i := 0; i+n <= len(toks); i++ {
			c[strings.Join(toks[i:i+n], " ")]++
		}
	}
	return c
}

func total(c map[string]int) int {
	t := 0
	for _, v := range c {
		t += v
	}
	return t
}

// overlap is the clipped count of n-grams a and b share.
func overlap(a, b map[string]int) int {
	if len(b) < len(a) {
		a, b = b, a
	}
	o := 0
	for g, x := range a {
		o += min(x, b[g])
	}
	return o
}

// all returns the sentences of every date, in date order.
func (tl Timeline) all() []string {
	var out []string
	for _, d := range tl.Dates() {
		out = append(out, tl[d]...)
	}
	return out
}

// Concat is ROUGE-N of the concatenated summaries of each timeline: dates
// are ignored.
func Concat(pred, ref Timeline, n int) PRF {
	p, r := ngrams(pred.all(), n), ngrams(ref.all(), n)
	o := float64(overlap(p, r))
	return prf(o, float64(total(p)), o, float64(total(r)))
}

// AlignM1 is ROUGE-N "align+ m:1": each predicted date is aligned to the
// reference date that costs least, the cost combining how far apart the
// dates are and how different their summaries are, 1 − sim·w with w =
// 1/(|days|+1) and sim the ROUGE-1 F1 of the two summaries; several
// predicted dates may align to one reference date. An aligned pair's
// matching n-grams count with weight w; for recall the alignment is made
// from the reference side. Unaligned dates count in the denominators only.
func AlignM1(pred, ref Timeline, n int) PRF {
	pd, rd := pred.Dates(), ref.Dates()
	if len(pd) == 0 || len(rd) == 0 {
		return PRF{}
	}
	p1, r1 := make([]map[string]int, len(pd)), make([]map[string]int, len(rd))
	pn, rn := make([]map[string]int, len(pd)), make([]map[string]int, len(rd))
	for i, d := range pd {
		p1[i], pn[i] = ngrams(pred[d], 1), ngrams(pred[d], n)
	}
	for j, d := range rd {
		r1[j], rn[j] = ngrams(ref[d], 1), ngrams(ref[d], n)
	}
	cost := make([][]float64, len(pd))
	for i := range pd {
		cost[i] = make([]float64, len(rd))
		for j := range rd {
			o := float64(overlap(p1[i], r1[j]))
			sim := prf(o, float64(total(p1[i])), o, float64(total(r1[j]))).F
			cost[i][j] = 1 - sim*weight(pd[i], rd[j])
		}
	}
	// Precision aligns each predicted date with its cheapest reference
	// date; recall each reference date with its cheapest predicted one.
	var pNum, pDen, rNum, rDen float64
	for i := range pd {
		j := cheapest(len(rd), func(k int) float64 { return cost[i][k] })
		pNum += weight(pd[i], rd[j]) * float64(overlap(pn[i], rn[j]))
		pDen += float64(total(pn[i]))
	}
	for j := range rd {
		i := cheapest(len(pd), func(k int) float64 { return cost[k][j] })
		rNum += weight(pd[i], rd[j]) * float64(overlap(pn[i], rn[j]))
		rDen += float64(total(rn[j]))
	}
	return prf(pNum, pDen, rNum, rDen)
}

// cheapest returns the k in [0, n) of the least cost (the first of ties).
func cheapest(n int, cost func(k int) float64) int {
	best := 0
	for k := 1; k < n; k++ {
		if cost(k) < cost(best) {
			best = k
		}
	}
	return best
}

// weight is 1/(|days between a and b|+1).
func weight(a, b time.Time) float64 {
	days := math.Abs(math.Round(a.Sub(b).Hours() / 24))
	return 1 / (days + 1)
}

// Candidate is one ranked item of a system's timeline: a date and a
// summary sentence.
type Candidate struct {
	Date    time.Time
	Summary string
}

// Cut applies the protocol: walking the candidates from the best, it
// keeps those dated within the reference's first and last dates, at most
// as many dates as the reference has, and at most k sentences a date, k
// the reference's mean number of sentences a date, rounded (at least 1).
func Cut(ranked []Candidate, ref Timeline) Timeline {
	out := Timeline{}
	if len(ref) == 0 {
		return out
	}
	ds := ref.Dates()
	first, last := ds[0], ds[len(ds)-1]
	sents := 0
	for _, s := range ref {
		sents += len(s)
	}
	k := max(1, int(math.Round(float64(sents)/float64(len(ref)))))
	for _, c := range ranked {
		if c.Date.Before(first) || c.Date.After(last) {
			continue
		}
		s, ok := out[c.Date]
		switch {
		case ok && len(s) < k:
			out[c.Date] = append(s, c.Summary)
		case !ok && len(out) < len(ref):
			out[c.Date] = []string{c.Summary}
		}
	}
	return out
}
