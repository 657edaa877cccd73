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
		return durRes(c, c.text("num"), c.tok("num"))
	}},
	{pattern: "NUM ~- ~UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		return durRes(c, c.text("num"), c.tok("num"))
	}},
	{pattern: "NUM ~- ~UNIT ~- ~old", typ: timex.TypeDuration, act: func(c *cx) res {
		return durRes(c, c.text("num"), c.tok("num"))
	}},
	{pattern: "NUM UNIT old", typ: timex.TypeDuration, act: func(c *cx) res {
		return durRes(c, c.text("num"), c.tok("num"))
	}},
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
	{pattern: "a|an|one:a UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		if c.tok("unit").lex.plural {
			return res{}
		}
		if setContext(c) {
			r := durRes(c, "1", nil)
			r.typ = timex.TypeSet
			return r
		}
		return durRes(c, "1", nil)
	}},
	{pattern: "a|an|one:a UNIT ~- ~old", typ: timex.TypeDuration, act: func(c *cx) res { return durRes(c, "1", nil) }},
	{pattern: "half a|an UNIT", typ: timex.TypeDuration, act: func(c *cx) res { return durRes(c, "0.5", nil) }},
	{pattern: "a|an half ~- ~UNIT", typ: timex.TypeDuration, act: func(c *cx) res { return durRes(c, "0.5", nil) }},
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
	{pattern: "the NUM UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		return durRes(c, c.text("num"), c.tok("num"))
	}},
	// Bare plurals after a preposition of duration: "for years", "within weeks".
	{pattern: "UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		t := c.tok("unit")
		if !t.lex.plural || !oneOf(c.prev(1), "for", "within", "over", "after", "in") || oneOf(c.next(1), "of", "ago", "and", "or", "to") {
			return res{}
		}
		if c.prev(1) == "in" && c.prev(2) != "for" {
			return res{}
		}
		return durRes(c, "X", nil)
	}},
}

var unitCodes = map[unit]string{
	uSecond: "TS", uMinute: "TM", uHour: "TH", uDay: "D", uWeek: "W", uWeekend: "WE", uFortnight: "W",
	uMonth: "M", uQuarter: "Q", uHalf: "H", uYear: "Y", uDecade: "DE", uCentury: "CE", uMillennium: "ML",
}

// durRes builds a duration value from an amount (digits, or X) and the
// matched unit: P3Y, PT2H, PXM.
func durRes(c *cx, amount string, t *token) res {
	if t != nil {
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
	switch u {
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
	case uCentury:
		if amount != "X" {
			if n, err := strconv.Atoi(amount); err == nil {
				return res{val: "P" + strconv.Itoa(100*n) + "Y"}
			}
		}
	}
	if code[0] == 'T' {
		return res{val: "PT" + amount + code[1:]}
	}
	return res{val: "P" + amount + code}
}

// setContext reports whether "a year" is a rate ("$5 billion a year",
// "twice a week") rather than a duration.
func setContext(c *cx) bool {
	p := c.prevTok(1)
	if p == nil {
		return false
	}
	if p.kind == tNumber {
		return true
	}
	return p.lex != nil && oneOf(p.lex.word, "once", "twice", "times", "million", "billion", "trillion", "percent", "%", "cents", "dollars")
}
