package temporal

import (
	"strconv"
	"time"

	"github.com/timeline-dev/timeline/generator/timex"
)

// state is one run of Tag over a text.
type state struct {
	text string
	toks []token
	dct  timex.Date
	opts options

	// anchors for anaphora: the last calendar value of the paragraph and of
	// the document.
	paraAnchor, docAnchor anchor
	anchorPara            int32
	// lastQuarter is the last quarter mentioned (for "a year earlier" in
	// quarterly reports).
	lastQuarter anchor
	// prevEnd is the token after the last expression found and prevVal
	// its value (for "April 24 and 25").
	prevEnd int
	prevVal Value
}

// anchor is a resolved calendar value that later expressions may refer to.
type anchor struct {
	ok   bool
	val  string
	gran timex.Granularity
	iv   timex.Interval
}

func newState(text string, dct timex.Date, o options) *state {
	if dct.IsZero() || dct.Year < 1 || dct.Year > 9999 {
		dct = timex.Date{Year: 2000, Month: 1, Day: 1}
	}
	return &state{text: text, dct: dct, opts: o}
}

type candidate struct {
	m   match
	len int
	ord int
}

func (s *state) run() []Timex {
	if s.toks == nil {
		s.toks = make([]token, 0, len(s.text)/5+1)
	}
	s.toks = tokenize(s.text, s.opts.paragraphNL, s.toks[:0])
	var out []Timex
	var cands []candidate
	var scratch match
	lastEnd := 0 // token index after the last timex
	for i := 0; i < len(s.toks); {
		t := &s.toks[i]
		var rules []int
		switch {
		case t.kind == tNumber:
			rules = grammar.numRules
			if t.lex != nil {
				rules = append(append([]int(nil), rules...), t.lex.rules...)
			}
		case t.lex != nil:
			rules = t.lex.rules
		}
		if len(rules) == 0 {
			i++
			continue
		}
		cands = cands[:0]
		for k, ri := range rules {
			r := grammar.rules[ri]
			// Only the fields the matcher reads are reset: clearing the
			// whole capture array for every rule tried costs more than
			// matching.
			scratch.rule, scratch.start, scratch.end, scratch.ncap = r, i, 0, 0
			if s.matchElems(r.elems, 0, i, &scratch) && scratch.end > i {
				cands = append(cands, candidate{m: scratch, len: scratch.end - i, ord: k})
			}
		}
		if len(cands) == 0 {
			i++
			continue
		}
		// Longest first, the table's order among equals (a stable
		// insertion sort: there are only a few candidates).
		for a := 1; a < len(cands); a++ {
			for b := a; b > 0 && cands[b].len > cands[b-1].len; b-- {
				cands[b], cands[b-1] = cands[b-1], cands[b]
			}
		}
		found := false
		for k := range cands {
			m := &cands[k].m
			c := cx{s: s, m: m}
			r := m.rule.act(&c)
			if r.val == "" {
				continue
			}
			if r.val == blocked.val {
				i = m.end
				found = true
				break
			}
			if r.typ == "" {
				r.typ = m.rule.typ
			}
			if s.inTitle(m) {
				continue
			}
			x := s.finish(m, r, lastEnd)
			if x.Value == "" {
				continue
			}
			out = append(out, x)
			s.remember(m, r)
			lastEnd = m.end
			s.prevEnd, s.prevVal = m.end, x.Value
			i = m.end
			found = true
			break
		}
		if !found {
			i++
		}
	}
	return out
}

// finish applies modifiers around a match and builds the Timex.
func (s *state) finish(m *match, r res, lastEnd int) Timex {
	start, end := m.start, m.end
	// An optional comma may match at the edges ("WEEKDAY? ,? MONTH DAY"
	// without the weekday): it is never part of the extent.
	for start < end-1 && s.isPunct(start, ',') {
		start++
	}
	for end-1 > start && s.isPunct(end-1, ',') {
		end--
	}
	start, end, r = s.applyMods(start, end, lastEnd, r)
	if !timex.Value(r.val).Valid() {
		return Timex{}
	}
	a, b := s.toks[start].start, s.toks[end-1].end
	return Timex{Start: a, End: b, Text: s.text[a:b], Type: r.typ, Value: timex.Value(r.val), Mod: r.mod}
}

// inTitle reports whether a match of common words is capitalized in the
// middle of a sentence, as in a name or title ("ABC's This Week", "VOA
// Today"), where it is not a time expression.
func (s *state) inTitle(m *match) bool {
	t := &s.toks[m.start]
	if !t.has(fCap) || t.lex == nil || t.lex.month > 0 || t.lex.weekday > 0 || t.lex.holiday != "" || t.kind != tWord || m.start == 0 || m.rule.family == "sets" {
		return false
	}
	p := &s.toks[m.start-1]
	if p.sent != t.sent {
		return false
	}
	if p.kind == tWord {
		return true
	}
	if p.kind == tPunct && p.lex != nil && (p.lex.word == `"` || p.lex.word == "'") && m.start >= 2 {
		q := &s.toks[m.start-2]
		return q.sent == t.sent && (q.kind == tWord || q.kind == tNumber)
	}
	return false
}

// remember records a resolved calendar value as the anchor for later
// anaphoric expressions.
func (s *state) remember(m *match, r res) {
	if r.typ != timex.TypeDate && r.typ != timex.TypeTime {
		return
	}
	v := timex.Value(r.val)
	iv, ok := v.Interval()
	if !ok {
		return
	}
	a := anchor{ok: true, val: r.val, gran: v.Granularity(), iv: iv}
	if r.derived {
		return
	}
	if a.gran == timex.Quarter && m.rule.family == "periods" && (a.iv.End.Before(s.dct) || s.tenseOf(m) == past) {
		// Only a quarter that has ended (or a fiscal one reported in the
		// past tense) can be the one a report is about: "a fourth-quarter
		// charge" or "losses through the third quarter of 1990" look ahead
		// and leave "the latest quarter" alone.
		s.lastQuarter = a
	}
	if m.rule.family == "relative" && r.val == s.dayVal(s.dct) {
		// "today" confirms the DCT and does not move the anchor.
		return
	}
	s.paraAnchor, s.docAnchor = a, a
	s.anchorPara = s.toks[m.start].para
}

// anchorAt returns the reference date for an anaphoric expression at
// token i: the last date of the paragraph, else of the document, else the
// DCT.
func (s *state) anchorAt(i int) anchor {
	if !s.opts.noAnaphora {
		if s.paraAnchor.ok && s.anchorPara == s.toks[i].para {
			return s.paraAnchor
		}
		if s.docAnchor.ok {
			return s.docAnchor
		}
	}
	return anchor{ok: true, val: s.dayVal(s.dct), gran: timex.Day, iv: timex.Interval{Start: s.dct, End: s.dct}}
}

// Tense of the clause around tokens [a, b): -1 past, +1 future, 0 present
// or unknown. The nearest tense marker in the sentence decides.
const (
	past    = -1
	present = 0
	future  = 1
)

func (s *state) tense(a, b int) int {
	if s.opts.noTense || a >= len(s.toks) {
		return present
	}
	sent := s.toks[a].sent
	// "by August", "until Friday": a deadline is ahead, unless a past
	// auxiliary governs it ("had been finished by August").
	if p := a - 1; p >= 0 && s.isWord(p, "effective") {
		return future // "effective Feb. 1"
	}
	if p := a - 1; p >= 0 && s.toks[p].lex != nil && oneOf(s.toks[p].lex.word, "by", "until", "till") {
		for k := p - 1; k >= 0 && k >= p-6 && s.toks[k].sent == sent; k-- {
			if l := s.toks[k].lex; l != nil && oneOf(l.word, "had", "was", "were", "did") {
				return past
			}
		}
		for k := b; k < len(s.toks) && k < b+6 && s.toks[k].sent == sent; k++ {
			if l := s.toks[k].lex; l != nil && oneOf(l.word, "had", "did") {
				return past // "Until Thursday, they had not called him"
			}
		}
		return future
	}
	// "as soon as Tuesday", "as early as next week": a possibility ahead.
	if a >= 3 && s.isWord(a-1, "as") && s.isWord(a-3, "as") && (s.isWord(a-2, "soon") || s.isWord(a-2, "early")) {
		return future
	}
	// The clause before the expression first (its verb usually governs
	// it: "said Friday", "will leave at 4 a.m."), then the rest of the
	// clause after it, then the whole sentence, left then right.
	if t := s.tenseLeft(a, sent, true); t != 0 {
		return t
	}
	if t := s.tenseRight(b, sent, true); t != 0 {
		return t
	}
	if t := s.tenseLeft(a, sent, false); t != 0 {
		return t
	}
	if t := s.tenseRight(b, sent, false); t != 0 {
		return t
	}
	return present
}

func tokTense(t *token) int {
	switch {
	case t.has(fFuture):
		return future
	case t.has(fPast):
		return past
	case t.has(fPresent):
		return 2 // present: stops the search, reported as present
	}
	return 0
}

// clauseBreak reports whether token i separates clauses (a comma,
// semicolon, colon or "but").
func (s *state) clauseBreak(i int) bool {
	t := &s.toks[i]
	return t.lex != nil && (t.kind == tPunct && (t.lex.word == "," || t.lex.word == ";" || t.lex.word == ":") || t.lex.word == "but")
}

// tokTenseAt is tokTense with the context of the neighbouring words: a
// participle after "is" or "be" is passive (the auxiliary decides),
// "planned for" and "set to" announce a future, and so does "to" before a
// verb before the expression ("agreed to buy it in January"; after it, "to"
// is as often a purpose: "traveled in November to meet them").
func (s *state) tokTenseAt(i int, left bool) int {
	t := tokTense(&s.toks[i])
	if t == past && i > 0 {
		if p := s.toks[i-1].lex; p != nil && oneOf(p.word, "be", "being", "is", "are", "am") {
			return 0
		}
		// "a still unspecified date", "the proposed merger": an adjective.
		if s.toks[i].lex == nil {
			if p := s.toks[i-1].lex; p != nil && oneOf(p.word, "a", "an", "the", "its", "their", "his", "her", "our", "this", "these", "those", "still", "newly", "very", "most", "more", "less", "well", "already") {
				return 0
			}
		}
	}
	if l := s.toks[i].lex; l != nil {
		switch {
		case l.word == "planned" && !left:
			// "On Friday, the government planned to pay...": the planning
			// is what the day dates.
			return past
		case oneOf(l.word, "planned", "set", "slated", "due", "scheduled") && (s.isWord(i+1, "for") || s.isWord(i+1, "to")):
			return future
		case left && oneOf(l.word, "planned", "plans", "planning", "scheduled", "scheduling", "considering", "contemplating", "weighing") &&
			i+1 < len(s.toks) && s.toks[i+1].lex != nil &&
			oneOf(s.toks[i+1].lex.word, "a", "an", "the", "its", "their", "his", "her", "our", "more", "another"):
			// "Protesters planned a large demonstration on Saturday",
			// "engineers were considering a maneuver on Friday": what is
			// planned or weighed takes place ahead (but "a service planned
			// at the university for Saturday was canceled" is a participle).
			return future
		case !left && oneOf(l.word, "plans", "intends", "aims", "expects", "hopes") && s.isWord(i+1, "to"):
			// "On Tuesday, the league plans to hold a news conference."
			return future
		}
	}
	if t == 0 && s.isWord(i, "to") && s.isWord(i+1, "be") && (i+2 >= len(s.toks) || !s.isWord(i+2, "been")) {
		t = future // "to be published in early November"
	}
	if t == 0 && left && s.isWord(i, "to") && i+1 < len(s.toks) && i > 0 && s.toks[i-1].lex != nil && s.toks[i-1].lex.intent {
		if n := &s.toks[i+1]; n.kind == tWord && !n.has(fCap) && !n.has(fPast) && (n.lex == nil || n.lex.word == "be") {
			t = future
		}
	}
	if t == future {
		// "had been scheduled to expire Friday": a plan in the past.
		for k := i - 1; k >= 0 && k >= i-4 && s.toks[k].sent == s.toks[i].sent; k-- {
			if s.isWord(k, "had") {
				return past
			}
		}
	}
	return t
}

// tenseLeft scans left of token a within the sentence for a tense marker;
// with clause set it stops at the first clause break.
func (s *state) tenseLeft(a int, sent int32, clause bool) int {
	for l := a - 1; l >= 0 && l >= a-30 && s.toks[l].sent == sent; l-- {
		if clause && s.clauseBreak(l) {
			break
		}
		if t := s.tokTenseAt(l, true); t != 0 {
			return t
		}
	}
	return 0
}

// tenseRight scans right from token b within the sentence.
func (s *state) tenseRight(b int, sent int32, clause bool) int {
	for r := b; r < len(s.toks) && r < b+30 && s.toks[r].sent == sent; r++ {
		if clause && s.clauseBreak(r) {
			break
		}
		if t := s.tokTenseAt(r, false); t != 0 {
			return t
		}
	}
	return 0
}

// tenseRaw is tense with a clause marked present (is, says) reported as 2.
func (s *state) tenseRaw(m *match) int { return s.tense(m.start, m.end) }

func (s *state) tenseOf(m *match) int {
	t := s.tense(m.start, m.end)
	if t == 2 {
		return present
	}
	return t
}

// Value formatting.

func pad(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

func yearVal(y int) string {
	if y < 0 || y > 9999 {
		return ""
	}
	return string(pad(nil, y, 4))
}

func monthVal(y, m int) string {
	if y < 0 || y > 9999 || m < 1 || m > 12 {
		return ""
	}
	return string(pad(append(pad(nil, y, 4), '-'), m, 2))
}

func (s *state) dayVal(d timex.Date) string { return dayVal(d) }

func dayVal(d timex.Date) string {
	if d.Year < 0 || d.Year > 9999 {
		return ""
	}
	b := pad(nil, d.Year, 4)
	b = pad(append(b, '-'), int(d.Month), 2)
	return string(pad(append(b, '-'), d.Day, 2))
}

func weekVal(d timex.Date) string {
	y, w := d.Time().ISOWeek()
	if y < 0 || y > 9999 {
		return ""
	}
	return string(pad(append(pad(nil, y, 4), '-', 'W'), w, 2))
}

func quarterVal(y, q int) string {
	if y < 0 || y > 9999 || q < 1 || q > 4 {
		return ""
	}
	return yearVal(y) + "-Q" + strconv.Itoa(q)
}

func halfVal(y, h int) string {
	if y < 0 || y > 9999 || h < 1 || h > 2 {
		return ""
	}
	return yearVal(y) + "-H" + strconv.Itoa(h)
}

func seasonVal(y int, season string) string {
	if y < 0 || y > 9999 {
		return ""
	}
	return yearVal(y) + "-" + season
}

// date arithmetic

func addMonths(y, m, n int) (int, int) {
	t := y*12 + (m - 1) + n
	return t / 12, t%12 + 1
}

func quarterOf(m time.Month) int { return (int(m)-1)/3 + 1 }

// shift moves date d by n units, returning the value of the unit that
// contains the result ("two weeks ago" is a week, "three years ago" a year).
func shift(d timex.Date, u unit, n int) string {
	switch u {
	case uDay:
		return dayVal(d.AddDays(n))
	case uWeek:
		return weekVal(d.AddDays(7 * n))
	case uFortnight:
		return weekVal(d.AddDays(14 * n))
	case uWeekend:
		w := weekVal(d.AddDays(7 * n))
		if w == "" {
			return ""
		}
		return w + "-WE"
	case uMonth:
		y, m := addMonths(d.Year, int(d.Month), n)
		return monthVal(y, m)
	case uQuarter:
		y, m := addMonths(d.Year, int(d.Month), 3*n)
		return quarterVal(y, quarterOf(time.Month(m)))
	case uHalf:
		y, m := addMonths(d.Year, int(d.Month), 6*n)
		return halfVal(y, (m-1)/6+1)
	case uYear:
		return yearVal(d.Year + n)
	case uDecade:
		y := d.Year + 10*n
		if y < 0 || y > 9999 {
			return ""
		}
		return yearVal(y)[:3]
	case uCentury:
		y := d.Year + 100*n
		if y < 0 || y > 9999 {
			return ""
		}
		return yearVal(y)[:2]
	}
	return ""
}

// cx is what a rule's action sees: the match and the state.
type cx struct {
	s *state
	m *match
}

func (c *cx) has(name string) bool { _, ok := c.m.get(name); return ok }

func (c *cx) val(name string) int { cp, _ := c.m.get(name); return int(cp.val) }

// word returns the lexicon word of the first token of a capture.
func (c *cx) word(name string) string {
	cp, ok := c.m.get(name)
	if !ok || c.s.toks[cp.tok].lex == nil {
		return ""
	}
	return c.s.toks[cp.tok].lex.word
}

// text returns the source text of a capture.
func (c *cx) text(name string) string {
	cp, ok := c.m.get(name)
	if !ok {
		return ""
	}
	return c.s.text[c.s.toks[cp.tok].start:c.s.toks[cp.tok+cp.n-1].end]
}

func (c *cx) tok(name string) *token {
	cp, ok := c.m.get(name)
	if !ok {
		return nil
	}
	return &c.s.toks[cp.tok]
}

func (c *cx) dct() timex.Date { return c.s.dct }
func (c *cx) tense() int      { return c.s.tenseOf(c.m) }
func (c *cx) tenseRaw() int   { return c.s.tenseRaw(c.m) }
func (c *cx) anchor() anchor  { return c.s.anchorAt(c.m.start) }

// anchorYear is the year of the DCT (the year a report is written in).
func (c *cx) anchorYear() int { return c.s.dct.Year }

// first returns the lexicon word of the first token of the match.
func (c *cx) first() string {
	if l := c.s.toks[c.m.start].lex; l != nil {
		return l.word
	}
	return ""
}

// prev returns the lexicon word of the token before the match, or "".
func (c *cx) prev(k int) string {
	i := c.m.start - k
	if i < 0 || c.s.toks[i].lex == nil {
		return ""
	}
	return c.s.toks[i].lex.word
}

// next returns the lexicon word of the k-th token after the match, or "".
func (c *cx) next(k int) string {
	i := c.m.end + k - 1
	if i >= len(c.s.toks) || c.s.toks[i].lex == nil {
		return ""
	}
	return c.s.toks[i].lex.word
}

func (c *cx) nextTok(k int) *token {
	i := c.m.end + k - 1
	if i >= len(c.s.toks) {
		return nil
	}
	return &c.s.toks[i]
}

func (c *cx) prevTok(k int) *token {
	i := c.m.start - k
	if i < 0 {
		return nil
	}
	return &c.s.toks[i]
}

func oneOf(w string, words ...string) bool {
	for _, x := range words {
		if w == x {
			return true
		}
	}
	return false
}
