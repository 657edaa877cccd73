package temporal

import "github.com/timeline-dev/timeline/generator/timex"

// Month and weekday names without a date: "in November", "since
// November", "on Wednesday", "last Friday", "next March", "November last
// year". They resolve against the DCT by the tense of the clause (see
// monthYear and weekdayDate). Test cases: testdata/names.txt.
var nameRules = []*rule{
	{pattern: "MONTH", typ: timex.TypeDate, act: func(c *cx) res {
		if !monthAlone(c) {
			return res{}
		}
		m := c.val("month")
		return res{val: monthVal(monthYear(c.dct(), m, c.tense()), m)}
	}},
	{pattern: "last|this|next|past|coming:rel MONTH", typ: timex.TypeDate, act: func(c *cx) res {
		m, dct := c.val("month"), c.dct()
		y := dct.Year
		switch c.word("rel") {
		case "last", "past":
			if m >= int(dct.Month) {
				y--
			}
		case "next", "coming":
			if m <= int(dct.Month) {
				y++
			}
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
		dct, wd := c.dct(), c.val("weekday")
		cur := isoWeekday(dct)
		switch c.word("rel") {
		case "last", "past":
			back := (cur - wd + 7) % 7
			if back == 0 {
				back = 7
			}
			return res{val: dayVal(dct.AddDays(-back))}
		case "next", "coming":
			fwd := (wd - cur + 7) % 7
			if fwd == 0 {
				fwd = 7
			}
			return res{val: dayVal(dct.AddDays(fwd))}
		}
		return res{val: dayVal(weekdayDate(dct, wd, future))}
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
