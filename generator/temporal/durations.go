package temporal

import (
	"strconv"
	"strings"

	"github.com/timeline-dev/timeline/generator/timex"
)

// Durations: "three years", "35 years", "a week", "24 hours", "several
// months", "the past two months", "a 30-year bond", "nearly three-year-old"
// (an age is a duration in TimeML), "two to three weeks". Counts of other
// things ("700 people", "30 to 50 fighters") have no unit and are not
// matched. Test cases: testdata/durations.txt.
var durationRules = []*rule{
	{pattern: "NUM UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		if c.prev(1) == "in" && c.tense() == future && !c.tok("num").has(fDecimal) {
			// "will be redeemed in five years": a date ahead.
			switch u := unit(c.val("unit")); u {
			case uYear, uMonth, uWeek, uDay:
				return res{val: shift(c.dct(), u, c.val("num")), typ: timex.TypeDate}
			}
		}
		return durRes(c, c.text("num"), c.tok("num"))
	}},
	{pattern: "NUM ~- ~UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		return durRes(c, c.text("num"), c.tok("num"))
	}},
	{pattern: "NUM ~- ~UNIT ~- ~old", typ: timex.TypeDuration, act: func(c *cx) res {
		if !agedEvent(c) {
			return blocked
		}
		return durRes(c, c.text("num"), c.tok("num"))
	}},
	// "52 years old": a person's age, which TimeBank does not annotate.
	{pattern: "NUM UNIT old", typ: timex.TypeDuration, act: func(c *cx) res { return blocked }},
	{pattern: "NUM trading|business|working|calendar UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		return durRes(c, c.text("num"), c.tok("num"))
	}},
	{pattern: "NUM:a to|or NUM:b UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		if c.val("a") >= c.val("b") {
			return res{}
		}
		return durRes(c, c.text("a"), c.tok("a"))
	}},
	{pattern: "NUM and a half UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		if c.tok("num").has(fDecimal) {
			return res{}
		}
		return durRes(c, strconv.Itoa(c.val("num"))+".5", nil)
	}},
	// 2 1/2 years
	{pattern: "NUM NUM:n ~/ ~NUM:d UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		n, d := c.val("n"), c.val("d")
		if d == 0 || n >= d || c.tok("num").kind != tNumber || c.tok("num").has(fDecimal) {
			return res{}
		}
		f := strconv.FormatFloat(float64(c.val("num"))+float64(n)/float64(d), 'f', -1, 64)
		return durRes(c, f, nil)
	}},
	{pattern: "a|an|one:a UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		if c.tok("unit").lex.plural {
			return res{}
		}
		if c.s.isPunct(c.m.end, '-') && c.s.glued(c.m.end) {
			return res{} // "a year-earlier loss": the compound is the expression
		}
		if setContext(c) {
			return res{} // a rate: "$1.76 a year", "700 seats a week"
		}
		return durRes(c, "1", nil)
	}},
	{pattern: "a|an|one:a UNIT ~- ~old", typ: timex.TypeDuration, act: func(c *cx) res {
		if !agedEvent(c) {
			return blocked
		}
		return durRes(c, "1", nil)
	}},
	{pattern: "a|an|one:a UNIT and a half", typ: timex.TypeDuration, act: func(c *cx) res {
		if c.tok("unit").lex.plural {
			return res{}
		}
		return durRes(c, "1.5", nil) // "a minute and a half", "an hour and a half"
	}},
	{pattern: "half a|an UNIT", typ: timex.TypeDuration, act: func(c *cx) res { return durRes(c, "0.5", nil) }},
	{pattern: "a|an half ~- ~UNIT", typ: timex.TypeDuration, act: func(c *cx) res { return durRes(c, "0.5", nil) }},
	{pattern: "NUM more|additional|further|extra UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		return durRes(c, c.text("num"), c.tok("num"))
	}},
	{pattern: "a|an|one:a more|additional|further|extra UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		if c.tok("unit").lex.plural {
			return res{}
		}
		return durRes(c, "1", nil)
	}},
	// "decades-long", "day-long", "several-year", "multi-year".
	{pattern: "UNIT ~- ~long", typ: timex.TypeDuration, act: func(c *cx) res {
		if c.tok("unit").lex.plural {
			return durRes(c, "X", nil)
		}
		return durRes(c, "1", nil)
	}},
	{pattern: "several|multi|many:w ~- ~UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		if c.tok("unit").lex.plural {
			return res{}
		}
		return durRes(c, "X", nil)
	}},
	{pattern: "a couple of UNIT", typ: timex.TypeDuration, act: func(c *cx) res { return durRes(c, "2", nil) }},
	{pattern: "a? few|several|many|some:w UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		if !c.tok("unit").lex.plural || c.word("w") == "some" && c.next(1) == "ago" {
			return res{}
		}
		if c.word("w") == "many" && !c.has("a") {
			// "many years" is a duration, "many of the years" is not matched.
		}
		return durRes(c, "X", nil)
	}},
	{pattern: "the|its? past|last|next|previous|first|final|coming|following|latest|initial:rel NUM UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		return durRes(c, c.text("num"), c.tok("num"))
	}},
	{pattern: "the past|last|next|previous|first|coming|following:rel few|several|couple UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		if c.word("couple") == "couple" {
			return res{}
		}
		return durRes(c, "X", nil)
	}},
	{pattern: "the past|last|next|previous|first|coming|following:rel couple of UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		return durRes(c, "2", nil)
	}},
	{pattern: "the year ~- ~earlier|ago NUM UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		return durRes(c, c.text("num"), c.tok("num")) // "the year-earlier nine months"
	}},
	{pattern: "the past|last:rel decade|century:u", typ: timex.TypeDuration, act: func(c *cx) res {
		if c.word("u") == "decade" {
			return res{val: "P10Y"}
		}
		return res{val: "P100Y"}
	}},
	// "a three-year period", "a one-year term".
	{pattern: "a NUM ~- ~UNIT period|term|span|stretch|window", typ: timex.TypeDuration, act: func(c *cx) res {
		return durRes(c, c.text("num"), c.tok("num"))
	}},
	{pattern: "a|one hundred|thousand:h UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		n := "100"
		if c.word("h") == "thousand" {
			n = "1000"
		}
		return durRes(c, n, nil)
	}},
	// Bare plurals after a preposition of duration: "for years", "within weeks".
	{pattern: "UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		t := c.tok("unit")
		if !t.lex.plural || !oneOf(c.prev(1), "for", "within", "over", "after", "in") || oneOf(c.next(1), "of", "ago", "to") {
			return res{}
		}
		if c.prev(1) == "in" && c.prev(2) != "for" {
			return res{}
		}
		return durRes(c, "X", nil)
	}},
}

// eventNouns name things that last: an age given to one of them ("a
// three-year-old civil war") is the duration of an event, which TimeML
// annotates; the age of a person or an object ("a 6-year-old boy", "a
// 136-year-old institution") is not.
var eventNouns = []string{
	"war", "conflict", "struggle", "crisis", "uprising", "revolution", "insurgency", "rebellion",
	"dispute", "campaign", "ceasefire", "truce", "siege", "blockade", "occupation", "strike",
	"standoff", "stand-off", "fight", "battle", "fighting", "violence", "revolt", "feud", "war's",
	"embargo", "ban", "boycott", "deadlock", "stalemate", "impasse", "recession", "slump", "boom",
	"rally", "effort", "investigation", "probe", "trial", "case", "negotiations", "talks", "process",
	"protest", "protests", "movement", "regime", "rule", "presidency", "government", "administration",
}

// agedEvent reports whether "N-year-old" describes an event: it has an
// amount modifier before it ("nearly three-year-old"), or an event noun
// follows within two words ("three-year-old civil war").
func agedEvent(c *cx) bool {
	if p := c.prev(1); oneOf(p, "nearly", "almost", "near", "about", "some", "over", "more") {
		return true
	}
	for k := 1; k <= 2; k++ {
		if n := c.nextTok(k); n != nil && n.kind == tWord && n.lex != nil && n.lex.eventNoun {
			return true
		}
	}
	return false
}

var unitCodes = map[unit]string{
	uSecond: "TS", uMinute: "TM", uHour: "TH", uDay: "D", uWeek: "W", uWeekend: "WE", uFortnight: "W",
	uMonth: "M", uQuarter: "Q", uHalf: "H", uYear: "Y", uDecade: "DE", uCentury: "CE", uMillennium: "ML",
}

// durRes builds a duration value from an amount (digits, or X) and the
// matched unit: P3Y, PT2H, PXM.
func durRes(c *cx, amount string, t *token) res {
	if t != nil {
		if t.kind == tNumber && t.digits == 4 && !t.has(fComma) && !c.tok("unit").lex.plural {
			return res{} // "the 1988 quarter"
		}
		if t.kind == tWord {
			amount = strconv.Itoa(c.val("num"))
			if c.has("a") && !c.has("num") {
				amount = strconv.Itoa(c.val("a"))
			}
		}
		amount = strings.ReplaceAll(amount, ",", "")
		if t.kind == tNumber && (t.digits > 6 || amount == "0") {
			return res{}
		}
	}
	if amount == "" || amount == "0" {
		return res{}
	}
	u := unit(c.val("unit"))
	code := unitCodes[u]
	if code == "" || u == uWeekend {
		return res{}
	}
	if u == uQuarter && c.next(1) == "of" {
		return res{} // "three-quarters of", "a quarter of": fractions
	}
	if u == uSecond && amount == "1" && c.nextTok(1) != nil && c.nextTok(1).kind == tWord {
		return res{} // "a second group"
	}
	switch u {
	case uQuarter:
		if amount != "X" {
			if n, err := strconv.ParseFloat(amount, 64); err == nil {
				return res{val: "P" + strconv.FormatFloat(3*n, 'f', -1, 64) + "M"}
			}
		}
	case uFortnight:
		if amount != "X" {
			n, err := strconv.ParseFloat(amount, 64)
			if err != nil {
				return res{}
			}
			amount = strconv.FormatFloat(n*2, 'f', -1, 64)
		}
	case uDecade:
		if amount != "X" {
			if n, err := strconv.Atoi(amount); err == nil {
				return res{val: "P" + strconv.Itoa(10*n) + "Y"}
			}
		}
		return res{val: "PXE"}
	case uCentury:
		if amount != "X" {
			if n, err := strconv.Atoi(amount); err == nil {
				return res{val: "P" + strconv.Itoa(100*n) + "Y"}
			}
		}
		return res{val: "PXC"}
	}
	if whole, frac, ok := strings.Cut(amount, "."); ok {
		// 2.5 years is P2Y6M, 5.5 hours PT5H30M.
		if sm, ok := smaller[code]; ok {
			f, err := strconv.ParseFloat("0."+frac, 64)
			if n := f * float64(sm.n); err == nil && n == float64(int(n)) {
				v := "P"
				inTime := code[0] == 'T'
				if inTime {
					v = "PT"
				}
				if whole != "0" {
					v += whole + strings.TrimPrefix(code, "T")
				}
				if sm.unit[0] == 'T' && !inTime {
					v += "T"
				}
				return res{val: v + strconv.Itoa(int(n)) + strings.TrimPrefix(sm.unit, "T")}
			}
		}
	}
	if code[0] == 'T' {
		return res{val: "PT" + amount + code[1:]}
	}
	return res{val: "P" + amount + code}
}

// smaller is the next smaller unit of a duration unit and how many of it
// make one, for writing fractions (P2Y6M).
var smaller = map[string]struct {
	unit string
	n    int
}{
	"Y": {"M", 12}, "D": {"TH", 24}, "W": {"D", 7}, "TH": {"TM", 60}, "TM": {"TS", 60},
}

// setContext reports whether "a year" is a rate ("$5 billion a year",
// "twice a week") rather than a duration.
func setContext(c *cx) bool {
	for k := 1; k <= 2; k++ {
		p := c.prevTok(k)
		if p == nil {
			return false
		}
		if p.kind == tNumber || p.lex != nil && (p.lex.number > 0 || oneOf(p.lex.word, "once", "twice", "times", "million", "billion", "trillion", "percent", "%", "cents", "dollars")) {
			return true
		}
		if p.kind != tWord {
			return false
		}
	}
	return false
}
