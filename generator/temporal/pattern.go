package temporal

import (
	"fmt"
	"strings"
)

// A rule is a token pattern and the action that turns a match into a
// TIMEX3 value. Patterns are written as space-separated elements:
//
//	ago            the word "ago" (any case)
//	last|past      one of several words
//	,  .  '  -     punctuation
//	MONTH          a class of tokens (see classes below)
//	X?             an optional element
//	~X             an element that must touch the token before it (no space)
//	X:name         captures the element under name (classes are captured
//	               under their lower-case name by default, single words
//	               under themselves)
//
// Classes: MONTH (January, Jan., Sept), WEEKDAY (Tuesday, Tues.), DAY (1-31,
// 2nd, second), YEAR (a four-digit year 1000-2999), NUM (3, 1,200, 1.5,
// three, twenty-four), ORD (third, 21st), UNIT (day, weeks, year...),
// SEASON, POD (morning, night...), DECADE (1990s, nineties), CLOCK (10:35,
// 9 a.m., 5pm, 10:35 p.m.).
type rule struct {
	pattern string
	typ     Type
	act     func(c *cx) res
	elems   []elem
	family  string
}

// res is the result of a rule's action; an empty val rejects the match, and
// the value blocked consumes the match without a result ("February 30,
// 2014" is not a date, and neither are its parts).
type res struct {
	// derived marks a value computed from another one ("the year-earlier
	// quarter"); it does not become the anchor for later expressions.
	derived bool
	val     string
	typ     Type // overrides the rule's type when set
	mod     Mod
}

// blocked is the res of a match that is not a time expression and whose
// parts must not be read as one either.
var blocked = res{val: "-"}

type class uint8

const (
	cLit class = iota
	cMonth
	cWeekday
	cDay
	cYear
	cNum
	cOrd
	cUnit
	cSeason
	cPod
	cDecade
	cClock
	cHoliday
)

var classNames = map[string]class{
	"MONTH": cMonth, "WEEKDAY": cWeekday, "DAY": cDay, "YEAR": cYear, "NUM": cNum, "ORD": cOrd,
	"UNIT": cUnit, "SEASON": cSeason, "POD": cPod, "DECADE": cDecade, "CLOCK": cClock, "HOLIDAY": cHoliday,
}

type elem struct {
	class class
	lits  []*lexeme
	opt   bool
	glued bool
	name  string
}

type grammarT struct {
	lex      *lexiconT
	rules    []*rule
	numRules []int // rules that can start at a number token
	mods     []modifier
}

var grammar = buildGrammar()

func buildGrammar() *grammarT {
	g := &grammarT{lex: buildLexicon()}
	// wordLex and punctLex read grammar.lex; during the build they go
	// through g directly.
	families := []struct {
		name  string
		rules []*rule
	}{
		{"explicit", explicitRules},
		{"times", timeRules},
		{"names", nameRules},
		{"names", holidayRules},
		{"periods", periodRules},
		{"relative", relativeRules},
		{"anaphora", anaphoraRules},
		{"durations", durationRules},
		{"sets", setRules},
	}
	for _, f := range families {
		for _, r := range f.rules {
			r.family = f.name
			r.elems = compile(g.lex, r.pattern)
			g.rules = append(g.rules, r)
		}
	}
	g.mods = compileMods(g.lex, modifierTable)
	for ri, r := range g.rules {
		for _, e := range firstElems(r.elems) {
			if e.startsNumber() {
				g.numRules = appendOnce(g.numRules, ri)
			}
			for _, l := range g.lex.words {
				if e.startsLex(l) {
					l.rules = appendOnce(l.rules, ri)
				}
			}
			for _, l := range g.lex.punct {
				if l != nil && e.startsLex(l) {
					l.rules = appendOnce(l.rules, ri)
				}
			}
		}
	}
	return g
}

func appendOnce(s []int, v int) []int {
	if len(s) > 0 && s[len(s)-1] == v {
		return s
	}
	return append(s, v)
}

// firstElems returns the elements a match can start with.
func firstElems(es []elem) []elem {
	var out []elem
	for _, e := range es {
		out = append(out, e)
		if !e.opt {
			break
		}
	}
	return out
}

func compile(lx *lexiconT, pattern string) []elem {
	var es []elem
	for _, f := range strings.Fields(pattern) {
		var e elem
		if strings.HasPrefix(f, "~") && len(f) > 1 {
			e.glued, f = true, f[1:]
		}
		if strings.HasSuffix(f, "?") && len(f) > 1 {
			e.opt, f = true, f[:len(f)-1]
		}
		if i := strings.LastIndexByte(f, ':'); i > 0 {
			e.name, f = f[i+1:], f[:i]
		}
		if c, ok := classNames[f]; ok {
			e.class = c
			if e.name == "" {
				e.name = strings.ToLower(f)
			}
		} else {
			for _, w := range strings.Split(f, "|") {
				if w == "" {
					panic(fmt.Sprintf("temporal: empty word in pattern %q", pattern))
				}
				e.lits = append(e.lits, lx.get(w))
			}
			if _, isClass := classNames[strings.ToUpper(f)]; e.name == "" && len(e.lits) == 1 && !isClass {
				e.name = e.lits[0].word
			}
		}
		es = append(es, e)
	}
	if len(es) == 0 {
		panic("temporal: empty pattern")
	}
	return es
}

func (e *elem) startsNumber() bool {
	switch e.class {
	case cDay, cYear, cNum, cOrd, cDecade, cClock:
		return true
	}
	return false
}

func (e *elem) startsLex(l *lexeme) bool {
	switch e.class {
	case cLit:
		for _, x := range e.lits {
			if x == l {
				return true
			}
		}
		return false
	case cMonth:
		return l.month > 0
	case cWeekday:
		return l.weekday > 0
	case cDay:
		return l.ordinal > 0
	case cNum:
		return l.number > 0
	case cOrd:
		return l.ordinal > 0
	case cUnit:
		return l.unit != uNone
	case cSeason:
		return l.season != ""
	case cPod:
		return l.pod != ""
	case cDecade:
		return l.decade > 0 || l.word == "'"
	case cHoliday:
		return l.holiday != ""
	case cClock:
		return l.word == "noon" || l.word == "midnight" || l.word == "midday"
	}
	return false
}

// capture is a matched element: the element's index in the rule, tokens
// [tok, tok+n) and a value. It holds no pointers, so recording one is a
// plain store.
type capture struct {
	elem int32
	tok  int32
	n    int32
	val  int32
}

type match struct {
	rule       *rule
	start, end int // token range
	caps       [12]capture
	ncap       int
}

func (m *match) add(elem, tok, n, val int) {
	if m.ncap < len(m.caps) {
		m.caps[m.ncap] = capture{int32(elem), int32(tok), int32(n), int32(val)}
		m.ncap++
	}
}

func (m *match) get(name string) (capture, bool) {
	for i := 0; i < m.ncap; i++ {
		if m.rule.elems[m.caps[i].elem].name == name {
			return m.caps[i], true
		}
	}
	return capture{}, false
}

// matchElems matches es[k:] at token i, greedily, backtracking over
// optional elements.
func (s *state) matchElems(es []elem, k, i int, m *match) bool {
	if k == len(es) {
		m.end = i
		return true
	}
	e := &es[k]
	if i < len(s.toks) {
		t := &s.toks[i]
		if (!e.glued || !t.has(fSpace)) && (i == m.start || !t.has(fNewline)) {
			if n, v := s.matchElem(e, i); n > 0 {
				save := m.ncap
				if e.name != "" {
					m.add(k, i, n, v)
				}
				if s.matchElems(es, k+1, i+n, m) {
					return true
				}
				m.ncap = save
			}
		}
	}
	if e.opt {
		return s.matchElems(es, k+1, i, m)
	}
	return false
}

// matchElem matches one element at token i, returning the number of tokens
// it spans (0 for no match) and its value.
func (s *state) matchElem(e *elem, i int) (int, int) {
	t := &s.toks[i]
	switch e.class {
	case cLit:
		if t.lex == nil {
			return 0, 0
		}
		for _, l := range e.lits {
			if l == t.lex {
				return 1, 0
			}
		}
		return 0, 0
	case cMonth:
		if t.kind != tWord || t.lex == nil || t.lex.month == 0 || !t.has(fCap) {
			return 0, 0
		}
		return 1 + s.period(i, t.lex.abbrev), t.lex.month
	case cWeekday:
		if t.kind != tWord || t.lex == nil || t.lex.weekday == 0 || !t.has(fCap) {
			return 0, 0
		}
		if t.lex.abbrev && s.period(i, true) == 0 && t.end-t.start < 4 {
			return 0, 0 // "Sun", "Sat", "Wed" need their period
		}
		return 1 + s.period(i, t.lex.abbrev), t.lex.weekday
	case cDay:
		if t.kind == tNumber && t.digits <= 2 && t.flags&(fComma|fDecimal|fPlural|fSuffix) == 0 && t.num >= 1 && t.num <= 31 {
			return 1, int(t.num)
		}
		if t.kind == tWord && t.lex != nil && t.lex.ordinal > 0 && t.lex.ordinal <= 31 {
			return 1, t.lex.ordinal
		}
	case cYear:
		if t.kind == tNumber && t.digits == 4 && t.flags&(fComma|fDecimal|fPlural|fSuffix|fOrdinal) == 0 && t.num >= 1000 && t.num <= 2999 && !s.clockZone(i+1) {
			return 1, int(t.num)
		}
	case cNum:
		return s.number(i)
	case cOrd:
		if t.kind == tNumber && t.has(fOrdinal) && t.digits <= 3 {
			return 1, int(t.num)
		}
		if t.kind == tWord && t.lex != nil && t.lex.ordinal > 0 {
			return 1, t.lex.ordinal
		}
		// twenty-first
		if t.kind == tWord && t.lex != nil && t.lex.tens && i+2 < len(s.toks) && s.glued(i+1) && s.toks[i+1].lex != nil && s.toks[i+1].lex.word == "-" && s.glued(i+2) {
			if o := s.toks[i+2].lex; o != nil && o.ordinal > 0 && o.ordinal < 10 {
				return 3, t.lex.number + o.ordinal
			}
		}
	case cUnit:
		if t.kind == tWord && t.lex != nil && t.lex.unit != uNone {
			return 1 + s.period(i, t.lex.abbrev), int(t.lex.unit)
		}
	case cSeason:
		if t.kind == tWord && t.lex != nil && t.lex.season != "" {
			return 1, 0
		}
	case cPod:
		if t.kind == tWord && t.lex != nil && t.lex.pod != "" {
			return 1, 0
		}
	case cHoliday:
		if t.kind == tWord && t.lex != nil && t.lex.holiday != "" {
			return 1, 0
		}
	case cDecade:
		return s.decade(i)
	case cClock:
		return s.clock(i)
	}
	return 0, 0
}

// glued reports whether token i touches the token before it.
func (s *state) glued(i int) bool { return i < len(s.toks) && !s.toks[i].has(fSpace) }

// period returns 1 if token i is followed by a period that belongs to it.
func (s *state) period(i int, abbrev bool) int {
	if abbrev && s.isPunct(i+1, '.') && s.glued(i+1) {
		return 1
	}
	return 0
}

func (s *state) isPunct(i int, c byte) bool {
	return i < len(s.toks) && s.toks[i].kind == tPunct && s.toks[i].end-s.toks[i].start >= 1 && s.toks[i].lex != nil && s.toks[i].lex.word[0] == c
}

func (s *state) isWord(i int, w string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].lex != nil && s.toks[i].lex.word == w
}

// number matches a count: digits (3, 1,200, 1.5) or spelled (three,
// twenty-four, twenty four).
func (s *state) number(i int) (int, int) {
	t := &s.toks[i]
	if t.kind == tNumber {
		if t.flags&(fOrdinal|fPlural|fSuffix) != 0 {
			return 0, 0
		}
		return 1, int(t.num)
	}
	if t.kind != tWord || t.lex == nil || t.lex.number == 0 {
		return 0, 0
	}
	n := t.lex.number
	if t.lex.tens && i+1 < len(s.toks) {
		// twenty-four, twenty four
		j := i + 1
		if s.isPunct(j, '-') && s.glued(j) && s.glued(j+1) {
			j++
		}
		if j < len(s.toks) {
			if u := s.toks[j].lex; u != nil && u.number > 0 && u.number < 10 && s.toks[j].kind == tWord {
				return j - i + 1, n + u.number
			}
		}
	}
	return 1, n
}

// clockZones follow a 24-hour clock time written without a colon ("1130
// GMT", "0924 hrs"): the number before them is not a year.
var clockZones = map[string]bool{"gmt": true, "utc": true, "bst": true, "cet": true, "cest": true, "est": true, "edt": true,
	"et": true, "pst": true, "pdt": true, "cst": true, "cdt": true, "hrs": true, "hours": true, "local": true, "z": true}

// clockZone reports whether token i is a time zone or "hrs" glued to the
// line of the number before it.
func (s *state) clockZone(i int) bool {
	if i >= len(s.toks) || s.toks[i].kind != tWord {
		return false
	}
	return clockZones[strings.ToLower(s.text[s.toks[i].start:s.toks[i].end])]
}

// decade matches 1990s, 1990's, '90s, 90s and nineties; the value is the
// decade's first year, or its last two digits (90) when the century is not
// written. A decade without its century must follow "the" ("the early
// 90s", "the nineties"): "in his early 30s" is an age. A plural number
// before "of" is a quantity, as "hundreds of" is ("1000s of lies"), unless
// "the" puts a decade's year before it ("the 1920s of Berlin").
func (s *state) decade(i int) (int, int) {
	t := &s.toks[i]
	if t.kind == tNumber && t.has(fPlural) && s.isWord(i+1, "of") && !(t.digits == 4 && t.num >= 1100 && s.afterThe(i)) {
		return 0, 0
	}
	switch {
	case t.kind == tNumber && t.has(fPlural) && t.num%10 == 0 && t.digits == 4:
		return 1, int(t.num)
	case t.kind == tNumber && t.has(fPlural) && t.num%10 == 0 && t.digits == 2 && s.afterThe(i):
		return 1, int(t.num)
	case t.kind == tNumber && t.digits == 4 && t.num%10 == 0 && t.flags&(fComma|fDecimal|fSuffix|fOrdinal) == 0 &&
		s.isPunct(i+1, '\'') && s.glued(i+1) && s.isWord(i+2, "s") && s.glued(i+2):
		return 3, int(t.num)
	case t.kind == tPunct && t.lex != nil && t.lex.word == "'" && i+1 < len(s.toks) && s.glued(i+1):
		u := &s.toks[i+1]
		if u.kind == tNumber && u.digits == 2 && u.num%10 == 0 && u.has(fPlural) {
			return 2, int(u.num)
		}
	case t.kind == tWord && t.lex != nil && t.lex.decade > 0 && s.afterThe(i):
		return 1, t.lex.decade * 10
	}
	return 0, 0
}

// afterThe reports whether "the" comes before token i, with at most
// "early", "mid", "late" and hyphens between ("the mid-90s").
func (s *state) afterThe(i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		switch {
		case s.isWord(j, "the"):
			return true
		case s.isWord(j, "early"), s.isWord(j, "mid"), s.isWord(j, "late"), s.isPunct(j, '-'):
			continue
		}
		return false
	}
	return false
}

// clock matches a time of day; the value is minutes after midnight, plus
// 10000 when only the hour was given (9 a.m.).
func (s *state) clock(i int) (int, int) {
	t := &s.toks[i]
	if t.kind == tWord && t.lex != nil {
		switch t.lex.word {
		case "noon":
			return 1, 12 * 60
		case "midnight":
			return 1, 24 * 60
		case "midday":
			return 1, 12 * 60
		}
		return 0, 0
	}
	if t.kind != tNumber || t.digits > 2 || t.flags&(fComma|fDecimal|fPlural|fOrdinal) != 0 {
		return 0, 0
	}
	h, n, minutes, hourOnly := int(t.num), 1, 0, true
	if t.has(fSuffix) { // 5pm
		if t.lex == nil || t.lex.ampm == 0 || h < 1 || h > 12 {
			return 0, 0
		}
		return 1, ampm(h, t.lex.ampm)*60 + 10000
	}
	if s.isPunct(i+1, ':') && s.glued(i+1) && s.glued(i+2) && i+2 < len(s.toks) {
		m := &s.toks[i+2]
		if m.kind == tNumber && m.digits == 2 && m.num < 60 && m.flags == m.flags&(fSpace|fNewline|fSuffix) {
			minutes, n, hourOnly = int(m.num), 3, false
			if m.has(fSuffix) {
				if m.lex == nil || m.lex.ampm == 0 || h < 1 || h > 12 {
					return 0, 0
				}
				return 3, ampm(h, m.lex.ampm)*60 + minutes
			}
		}
	}
	if h > 24 {
		return 0, 0
	}
	// a.m. / p.m. / am / pm
	if j := i + n; j < len(s.toks) && s.toks[j].lex != nil && s.toks[j].lex.ampm > 0 && s.toks[j].kind == tWord {
		if h < 1 || h > 12 {
			return 0, 0
		}
		k := 1
		if s.isPunct(j+1, '.') && s.glued(j+1) && !strings.HasSuffix(s.toks[j].lex.word, ".") {
			k = 2
		}
		v := ampm(h, s.toks[j].lex.ampm)*60 + minutes
		if hourOnly {
			v += 10000
		}
		return n + k, v
	}
	if hourOnly {
		return 0, 0 // a bare number is not a time
	}
	return n, h*60 + minutes
}

func ampm(h, which int) int {
	switch {
	case which == 1 && h == 12:
		return 0
	case which == 2 && h < 12:
		return h + 12
	}
	return h
}
