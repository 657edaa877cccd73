package temporal

import "github.com/timeline-dev/timeline/generator/timex"

// Modifiers: words before (or after) a time expression that belong to its
// extent and set its TIMEX3 mod. "mid-2013" is 2013 with mod MID, "nearly
// three years" P3Y with LESS_THAN. Each modifier applies to some kinds of
// value only: START, MID and END narrow a calendar date ("early November"),
// the comparisons qualify an amount ("more than a decade"), and APPROX fits
// both. Words that only relate an event to a time ("since", "before", "as
// early as") are TimeML signals, outside the extent.

type modTarget uint8

const (
	onDate     modTarget = 1 << iota // a calendar value: 2013, 2013-11, 2014-W03
	onDuration                       // a duration: P3Y
	onAgo                            // a date counted back from now: "two years ago"
)

type modifier struct {
	phrase string
	mod    Mod
	on     modTarget
	suffix bool // comes after the expression ("or so")
	// count: only before an amount ("over two years", not "over the summer").
	count bool
	elems []elem
}

var modifierTable = []modifier{
	// Parts of a period.
	{phrase: "early", mod: timex.Start, on: onDate},
	{phrase: "earlier", mod: timex.Start, on: onDate},
	{phrase: "the early", mod: timex.Start, on: onDate},
	{phrase: "early ~-", mod: timex.Start, on: onDate},
	{phrase: "the beginning of", mod: timex.Start, on: onDate},
	{phrase: "the start of", mod: timex.Start, on: onDate},
	{phrase: "the first part of", mod: timex.Start, on: onDate},
	{phrase: "mid", mod: timex.Mid, on: onDate},
	{phrase: "mid ~-", mod: timex.Mid, on: onDate},
	{phrase: "the mid", mod: timex.Mid, on: onDate},
	{phrase: "the mid ~-", mod: timex.Mid, on: onDate},
	{phrase: "the middle of", mod: timex.Mid, on: onDate},
	{phrase: "late", mod: timex.End, on: onDate},
	{phrase: "later", mod: timex.End, on: onDate},
	{phrase: "the late", mod: timex.End, on: onDate},
	{phrase: "late ~-", mod: timex.End, on: onDate},
	{phrase: "the end of", mod: timex.End, on: onDate},
	{phrase: "the close of", mod: timex.End, on: onDate},
	{phrase: "the latter part of", mod: timex.End, on: onDate},
	{phrase: "the last half of", mod: timex.End, on: onDate},
	{phrase: "post ~-", mod: timex.After, on: onDate},
	{phrase: "pre ~-", mod: timex.Before, on: onDate},
	// Approximations.
	// "about" before a date is mostly a preposition ("spoke about last year").
	{phrase: "about", mod: timex.Approx, on: onDuration | onAgo},
	{phrase: "around", mod: timex.Approx, on: onDate | onDuration | onAgo},
	{phrase: "approximately", mod: timex.Approx, on: onDate | onDuration | onAgo},
	{phrase: "roughly", mod: timex.Approx, on: onDuration | onAgo},
	{phrase: "some", mod: timex.Approx, on: onDuration | onAgo},
	{phrase: "circa", mod: timex.Approx, on: onDate},
	{phrase: "or so", mod: timex.Approx, on: onDate | onDuration | onAgo, suffix: true},
	// Comparisons of amounts.
	{phrase: "nearly", mod: timex.LessThan, on: onDuration | onAgo},
	{phrase: "almost", mod: timex.LessThan, on: onDuration | onAgo},
	{phrase: "near", mod: timex.LessThan, on: onDuration, count: true},
	{phrase: "less than", mod: timex.LessThan, on: onDuration | onAgo},
	{phrase: "fewer than", mod: timex.LessThan, on: onDuration | onAgo},
	{phrase: "under", mod: timex.LessThan, on: onDuration},
	{phrase: "more than", mod: timex.MoreThan, on: onDuration | onAgo},
	{phrase: "over", mod: timex.MoreThan, on: onDuration, count: true},
	{phrase: "longer than", mod: timex.MoreThan, on: onDuration},
	{phrase: "at least", mod: timex.EqualOrMore, on: onDuration | onAgo},
	{phrase: "or more", mod: timex.EqualOrMore, on: onDuration, suffix: true},
	{phrase: "at most", mod: timex.EqualOrLess, on: onDuration},
	{phrase: "no more than", mod: timex.EqualOrLess, on: onDuration},
	{phrase: "up to", mod: timex.EqualOrLess, on: onDuration},
	{phrase: "or less", mod: timex.EqualOrLess, on: onDuration, suffix: true},
	{phrase: "and beyond", mod: timex.OnOrAfter, on: onDate, suffix: true},
	{phrase: "or later", mod: timex.OnOrAfter, on: onDate, suffix: true},
	{phrase: "or earlier", mod: timex.OnOrBefore, on: onDate, suffix: true},
}

func compileMods(lx *lexiconT, table []modifier) []modifier {
	out := make([]modifier, len(table))
	for i, m := range table {
		m.elems = compile(lx, m.phrase)
		out[i] = m
	}
	return out
}

// target classifies a result for the modifier table.
func target(r res) modTarget {
	v := timex.Value(r.val)
	switch {
	case r.typ == timex.TypeDuration:
		return onDuration
	case r.typ == timex.TypeSet || v.IsRef():
		return 0
	case r.mod == agoMark:
		return onAgo | onDate
	}
	return onDate
}

// agoMark is a private mod a rule sets on "N units ago" so that amount
// modifiers ("nearly two years ago") apply to it; it never leaves the
// package.
const agoMark Mod = "ago"

// applyMods widens [start, end) over the modifiers around it. lastEnd is
// the token after the previous expression, which a prefix may not reach.
func (s *state) applyMods(start, end, lastEnd int, r res) (int, int, res) {
	tg := target(r)
	if r.mod == agoMark {
		r.mod = timex.NoMod
	}
	if tg == 0 {
		return start, end, r
	}
	// Longest prefix first: the table is scanned for every phrase that ends
	// just before start.
	bestLen, best := 0, -1
	for k := range grammar.mods {
		m := &grammar.mods[k]
		if m.suffix || m.on&tg == 0 || r.mod != timex.NoMod && m.mod != r.mod && m.mod != timex.Approx {
			continue
		}
		if m.count && !s.isCount(start) {
			continue
		}
		n := len(m.elems)
		if n <= bestLen || start-n < lastEnd {
			continue
		}
		if s.matchFixed(m.elems, start-n, start) {
			bestLen, best = n, k
		}
	}
	if best >= 0 {
		start -= bestLen
		if r.mod == timex.NoMod {
			r.mod = grammar.mods[best].mod
		}
	}
	for k := range grammar.mods {
		m := &grammar.mods[k]
		if !m.suffix || m.on&tg == 0 || r.mod != timex.NoMod {
			continue
		}
		if n := len(m.elems); end+n <= len(s.toks) && s.matchFixed(m.elems, end, end+n) {
			end += n
			r.mod = m.mod
			break
		}
	}
	return start, end, r
}

// isCount reports whether token i starts an amount: a number or a/an.
func (s *state) isCount(i int) bool {
	t := &s.toks[i]
	return t.kind == tNumber || t.lex != nil && (t.lex.number > 0 || t.lex.word == "a" || t.lex.word == "an")
}

// matchFixed matches literal elements exactly over tokens [a, b), and the
// token at b (the expression) when the last element is a glued hyphen.
func (s *state) matchFixed(es []elem, a, b int) bool {
	for k := range es {
		i := a + k
		t := &s.toks[i]
		if t.lex == nil || (k > 0 && t.has(fNewline)) || (es[k].glued && t.has(fSpace)) {
			return false
		}
		ok := false
		for _, l := range es[k].lits {
			if l == t.lex {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if es[len(es)-1].glued && b < len(s.toks) && s.toks[b].has(fSpace) {
		return false // "mid-" must touch the expression
	}
	if s.toks[b].has(fNewline) {
		return false
	}
	return true
}
