package temporal

import (
	"strings"

	"github.com/timeline-dev/timeline/generator/timex"
)

// Month and weekday names without a date: "in November", "since
// November", "on Wednesday", "last Friday", "next March", "November last
// year", "the day before last Tuesday". They resolve against the DCT by the
// tense of the clause (see monthYear and weekdayDate), except a month that
// names a thing ("a June agreement"), which is the nearest one. Test cases:
// testdata/names.txt.
var nameRules = []*rule{
	{pattern: "MONTH", typ: timex.TypeDate, act: func(c *cx) res {
		if !monthAlone(c) {
			return res{}
		}
		m, dct := c.val("month"), c.dct()
		if attributive(c) {
			// "under a June agreement", "for November transactions": the
			// month names a thing, and the verb of the clause dates the
			// clause, not the thing. The nearest such month, the past one
			// when both are six months away ("the October slaying" in
			// April).
			y := monthYear(dct, m, present)
			if m-int(dct.Month) == 6 {
				y--
			}
			return res{val: monthVal(y, m)}
		}
		return res{val: monthVal(monthYear(dct, m, c.tense()), m)}
	}},
	{pattern: "last|this|next|past|coming:rel MONTH", typ: timex.TypeDate, act: func(c *cx) res {
		m, dct := c.val("month"), c.dct()
		y := dct.Year
		switch c.word("rel") {
		case "last", "past":
			// "last February" in March is a year ago: the February just
			// gone would be "last month" ("this past February" is it).
			if m >= int(dct.Month) || c.word("rel") == "last" && m == int(dct.Month)-1 {
				y--
			}
		case "next", "coming":
			// Likewise "next April" in March is a year ahead.
			if m <= int(dct.Month) || c.word("rel") == "next" && m == int(dct.Month)+1 {
				y++
			}
		}
		return res{val: monthVal(y, m)}
	}},
	{pattern: "this past MONTH", typ: timex.TypeDate, act: func(c *cx) res {
		m, dct := c.val("month"), c.dct()
		y := dct.Year
		if m >= int(dct.Month) {
			y--
		}
		return res{val: monthVal(y, m)}
	}},
	{pattern: "last|this|next:rel MONTH DAY", typ: timex.TypeDate, act: func(c *cx) res {
		m, d, dct := c.val("month"), c.val("day"), c.dct()
		t := map[string]int{"last": past, "next": future}[c.word("rel")]
		x, ok := dayMonthDate(dct, m, d, t)
		if !ok {
			return blocked
		}
		switch {
		case t == past && dct.Before(x):
			x = timex.NewDate(x.Year-1, x.Month, x.Day)
		case t == future && x.Before(dct):
			x = timex.NewDate(x.Year+1, x.Month, x.Day)
		}
		return res{val: dayVal(x)}
	}},
	{pattern: "MONTH last|this|next:rel year", typ: timex.TypeDate, act: func(c *cx) res {
		y := c.dct().Year + map[string]int{"last": -1, "next": 1}[c.word("rel")]
		return res{val: monthVal(y, c.val("month"))}
	}},
	{pattern: "WEEKDAY", typ: timex.TypeDate, act: func(c *cx) res {
		return res{val: dayVal(weekdayDate(c.dct(), c.val("weekday"), c.tenseRaw()))}
	}},
	{pattern: "last|this|next|past|coming:rel WEEKDAY", typ: timex.TypeDate, act: func(c *cx) res {
		return res{val: dayVal(relWeekday(c.dct(), c.val("weekday"), c.word("rel")))}
	}},
	// "the day before last Tuesday's hearing", "the day after May 3": a
	// day next to a named one.
	{pattern: "the? day before|after:w last|this|next:rel? WEEKDAY", typ: timex.TypeDate, act: func(c *cx) res {
		d := weekdayDate(c.dct(), c.val("weekday"), c.tenseRaw())
		if c.has("rel") {
			d = relWeekday(c.dct(), c.val("weekday"), c.word("rel"))
		}
		return res{val: dayVal(d.AddDays(beforeAfter(c)))}
	}},
	{pattern: "the? day before|after:w MONTH DAY", typ: timex.TypeDate, act: func(c *cx) res {
		d, ok := dayMonthDate(c.dct(), c.val("month"), c.val("day"), c.tense())
		if !ok {
			return res{}
		}
		return res{val: dayVal(d.AddDays(beforeAfter(c)))}
	}},
	{pattern: "the previous|preceding:rel WEEKDAY", typ: timex.TypeDate, act: func(c *cx) res {
		a := c.anchor()
		d := a.iv.Start
		back := (isoWeekday(d) - c.val("weekday") + 7) % 7
		if back == 0 {
			back = 7
		}
		return res{val: dayVal(d.AddDays(-back))}
	}},
}

// relWeekday resolves "last Friday" (the one before the DCT's day), "next
// Friday" (the one after it) and "this Friday" (the one of the coming
// seven days).
func relWeekday(dct timex.Date, wd int, rel string) timex.Date {
	cur := isoWeekday(dct)
	switch rel {
	case "last", "past":
		back := (cur - wd + 7) % 7
		if back == 0 {
			back = 7
		}
		return dct.AddDays(-back)
	case "next", "coming":
		fwd := (wd - cur + 7) % 7
		if fwd == 0 {
			fwd = 7
		}
		return dct.AddDays(fwd)
	}
	return weekdayDate(dct, wd, future)
}

// beforeAfter is -1 for "the day before ...", +1 for "the day after ...".
func beforeAfter(c *cx) int {
	if c.word("w") == "before" {
		return -1
	}
	return 1
}

// attributive reports whether a match modifies the noun after it like an
// adjective: a determiner before it ("a June agreement", "the November
// elections"), or "for" before it and a noun after it ("the first trading
// day for November transactions").
func attributive(c *cx) bool {
	p := c.prev(1)
	if oneOf(p, "a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "these", "those") {
		return true
	}
	if p != "for" {
		return false
	}
	n := c.nextTok(1)
	if n == nil || n.kind != tWord || n.has(fCap) || n.has(fPast) || n.sent != c.s.toks[c.m.start].sent {
		return false
	}
	if n.lex != nil && !n.lex.countNoun && !n.lex.eventNoun {
		return false // a word of the lexicon: a preposition, a verb, a time word
	}
	w := c.s.text[n.start:n.end]
	return !strings.HasSuffix(w, "ly") && !strings.HasSuffix(w, "ing")
}

// monthAlone decides whether a month name with no day or year is a date.
// Names that are also common words (May, March) need a word before them
// that introduces a time ("in May", "since March", "early May").
func monthAlone(c *cx) bool {
	t := c.tok("month")
	if t.has(fAllCaps) && t.end-t.start > 3 {
		return true
	}
	if !t.lex.ambiguous && !t.lex.abbrev {
		return true
	}
	if t.lex.abbrev && c.m.end-c.m.start < 2 {
		return false // "Jan" without a period or a day
	}
	p := c.prev(1)
	return oneOf(p, "the", "in", "since", "until", "till", "by", "during", "of", "from", "through", "before", "after", "early", "late", "mid", "-", "last", "next", "this", "each", "every", "between", "and", "or", "to")
}
