package temporal

import (
	"github.com/timeline-dev/timeline/generator/timex"
)

// Expressions that refer to a date mentioned before them in the paragraph
// (the anchor; the DCT when there is none): "that day", "the same day",
// "that year", "the following month", "the next day", "the previous week",
// "two days later", "a year earlier". Test cases: testdata/anaphora.txt.
var anaphoraRules = []*rule{
	{pattern: "that|the:w same? UNIT", typ: timex.TypeDate, act: func(c *cx) res {
		if c.word("w") == "the" && !c.has("same") {
			return res{}
		}
		return anaphor(c, 0)
	}},
	{pattern: "that same UNIT", typ: timex.TypeDate, act: func(c *cx) res { return anaphor(c, 0) }},
	{pattern: "the following|next|previous|preceding|prior:rel UNIT", typ: timex.TypeDate, act: func(c *cx) res {
		n := 1
		if oneOf(c.word("rel"), "previous", "preceding", "prior") {
			n = -1
		}
		if oneOf(c.word("rel"), "next", "previous") && unit(c.val("unit")) != uDay {
			// "the next year" counts from now, "the next day" from the anchor.
			return unitRel(c, n)
		}
		return anaphor(c, n)
	}},
	{pattern: "the next|following:rel POD", typ: timex.TypeTime, act: func(c *cx) res {
		a := c.anchor()
		if a.gran < timex.Day {
			return res{}
		}
		return res{val: dayVal(a.iv.Start.AddDays(1)) + "T" + c.tok("pod").lex.pod}
	}},
	{pattern: "the UNIT before|after:w", typ: timex.TypeDate, act: func(c *cx) res {
		// Only at the end of a clause: "the day before the vote" relates to an event.
		if n := c.nextTok(1); n != nil && n.kind == tWord {
			return res{}
		}
		if c.word("w") == "before" {
			return anaphor(c, -1)
		}
		return anaphor(c, 1)
	}},
	{pattern: "NUM UNIT earlier|later|before|after:w", typ: timex.TypeDate, act: func(c *cx) res {
		if c.tok("num").has(fDecimal) {
			return res{}
		}
		return later(c, c.val("num"))
	}},
	{pattern: "a|an|one:a UNIT earlier|later|before|after:w", typ: timex.TypeDate, act: func(c *cx) res { return later(c, 1) }},
	{pattern: "earlier|later:w that|the:x same? UNIT", typ: timex.TypeDate, act: func(c *cx) res {
		if c.word("x") == "the" && !c.has("same") {
			return res{}
		}
		r := anaphor(c, 0)
		r.mod = timex.Start
		if c.word("w") == "later" {
			r.mod = timex.End
		}
		return r
	}},
}

// anaphor resolves the unit of the anchor moved by n units.
func anaphor(c *cx, n int) res {
	u := unit(c.val("unit"))
	if c.tok("unit").lex.plural {
		return res{}
	}
	a := c.anchor()
	if u == uDay && a.gran < timex.Day || u == uWeek && a.gran < timex.Week || u == uMonth && a.gran < timex.Month {
		if n == 0 {
			return res{} // "that day" after "in 2013" has no day to refer to
		}
	}
	switch u {
	case uHour, uMinute, uSecond, uFortnight, uMillennium, uDecade, uCentury:
		return res{}
	}
	return res{val: shift(a.iv.Start, u, n)}
}

// later resolves "two days later", "a year earlier": the anchor moved by n
// units, only at the end of a clause or before a comma (otherwise "two days
// before the vote" is a duration relating two events).
func later(c *cx, n int) res {
	w := c.word("w")
	if w == "before" || w == "after" {
		if nt := c.nextTok(1); nt != nil && nt.kind == tWord {
			return res{}
		}
	}
	if w == "earlier" || w == "before" {
		n = -n
	}
	u := unit(c.val("unit"))
	a := c.anchor()
	if u == uYear && (n == 1 || n == -1) && c.s.lastQuarter.ok {
		return res{val: shift(c.s.lastQuarter.iv.Start, uQuarter, 4*n)}
	}
	switch u {
	case uHour, uMinute, uSecond:
		return res{}
	}
	return res{val: shift(a.iv.Start, u, n)}
}
