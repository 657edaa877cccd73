package temporal

import (
	"strconv"
	"time"

	"github.com/timeline-dev/timeline/generator/timex"
)

// Explicit calendar dates: "January 2, 2014", "Jan. 2", "2 Jan 2014",
// "Tuesday, Jan. 14", "January 2014", "2014-01-02", "1/2/2014", "2013",
// "fiscal 1989", "nineteen ninety-six", the second day of "April 24 and
// 25". Test cases: testdata/explicit.txt.
var explicitRules = []*rule{
	{pattern: "WEEKDAY? ,? MONTH DAY ,? YEAR", typ: timex.TypeDate, act: func(c *cx) res {
		return dateRes(c.val("year"), c.val("month"), c.val("day"))
	}},
	{pattern: "WEEKDAY? ,? the? DAY of? MONTH ,? YEAR", typ: timex.TypeDate, act: func(c *cx) res {
		if c.has("the") && !c.has("of") {
			return res{}
		}
		return dateRes(c.val("year"), c.val("month"), c.val("day"))
	}},
	{pattern: "WEEKDAY? ,? MONTH DAY", typ: timex.TypeDate, act: func(c *cx) res {
		if !dayFollowOK(c) {
			return res{}
		}
		d, ok := dayMonthDate(c.dct(), c.val("month"), c.val("day"), c.tense())
		if !ok {
			return res{}
		}
		return res{val: dayVal(d)}
	}},
	{pattern: "WEEKDAY? ,? DAY MONTH", typ: timex.TypeDate, act: func(c *cx) res {
		if t := c.tok("day"); t.kind != tNumber && !c.has("weekday") {
			return res{} // "the second March" is not a date
		}
		d, ok := dayMonthDate(c.dct(), c.val("month"), c.val("day"), c.tense())
		if !ok {
			return res{}
		}
		return res{val: dayVal(d)}
	}},
	{pattern: "the DAY of MONTH", typ: timex.TypeDate, act: func(c *cx) res {
		d, ok := dayMonthDate(c.dct(), c.val("month"), c.val("day"), c.tense())
		if !ok {
			return res{}
		}
		return res{val: dayVal(d)}
	}},
	// "on April 24 and 25": a day joined to a date takes its month and year.
	{pattern: "DAY", typ: timex.TypeDate, act: coordinatedDay},
	{pattern: "MONTH ,? of? YEAR", typ: timex.TypeDate, act: func(c *cx) res {
		return res{val: monthVal(c.val("year"), c.val("month"))}
	}},
	// ISO 8601: 2014-01-02.
	{pattern: "YEAR ~- ~NUM:m ~- ~NUM:d", typ: timex.TypeDate, act: func(c *cx) res {
		if c.tok("m").digits != 2 || c.tok("d").digits != 2 || c.tok("d").flags&(fDecimal|fComma) != 0 {
			return blocked
		}
		if m := c.val("m"); m < 1 || m > 12 {
			return blocked
		}
		return dateRes(c.val("year"), c.val("m"), c.val("d"))
	}},
	// Numeric dates: 1/2/2014, 01/02/14, 2.1.2014 (day first), read in the
	// configured order.
	{pattern: "NUM:a ~/ ~NUM:b ~/ ~NUM:y", typ: timex.TypeDate, act: numericDate},
	{pattern: "NUM:a ~. ~NUM:b ~. ~NUM:y", typ: timex.TypeDate, act: numericDate},
	// A year on its own, and the fiscal year.
	{pattern: "YEAR", typ: timex.TypeDate, act: func(c *cx) res {
		if !yearAlone(c) {
			return res{}
		}
		return res{val: yearVal(c.val("year"))}
	}},
	{pattern: "fiscal year? YEAR", typ: timex.TypeDate, act: func(c *cx) res {
		return res{val: yearVal(c.val("year"))}
	}},
	{pattern: "the year YEAR", typ: timex.TypeDate, act: func(c *cx) res {
		return res{val: yearVal(c.val("year"))}
	}},
	// Spoken years in broadcast transcripts: nineteen ninety-six, two thousand.
	{pattern: "the? year? nineteen NUM", typ: timex.TypeDate, act: func(c *cx) res {
		if n := c.val("num"); n < 10 || n > 99 || c.tok("num").kind != tWord {
			return res{}
		}
		if c.has("the") && !c.has("year") {
			return res{}
		}
		return res{val: yearVal(1900 + c.val("num"))}
	}},
	{pattern: "MONTH DAY? ,? nineteen NUM", typ: timex.TypeDate, act: func(c *cx) res {
		if n := c.val("num"); n < 10 || n > 99 || c.tok("num").kind != tWord {
			return res{}
		}
		if c.has("day") {
			return dateRes(1900+c.val("num"), c.val("month"), c.val("day"))
		}
		return res{val: monthVal(1900+c.val("num"), c.val("month"))}
	}},
	{pattern: "the SEASON of nineteen NUM", typ: timex.TypeDate, act: func(c *cx) res {
		if n := c.val("num"); n < 10 || n > 99 || c.tok("num").kind != tWord {
			return res{}
		}
		return res{val: seasonVal(1900+c.val("num"), c.tok("season").lex.season)}
	}},
	{pattern: "the year two thousand NUM?", typ: timex.TypeDate, act: func(c *cx) res {
		n := c.val("num")
		if n >= 100 || c.has("num") && c.tok("num").kind != tWord {
			return res{}
		}
		return res{val: yearVal(2000 + n)}
	}},
}

func dateRes(y, m, d int) res {
	x := timex.NewDate(y, time.Month(m), d)
	if int(x.Month) != m || x.Day != d {
		return blocked // February 30
	}
	return res{val: dayVal(x)}
}

// dayFollowOK rejects "March 10" style matches whose day is really a count:
// "in May 30 people died" has a count noun after the number.
func dayFollowOK(c *cx) bool {
	if n := c.nextTok(1); n != nil && n.lex != nil && (n.lex.countNoun || n.lex.unit != uNone || n.lex.word == "%") {
		return false
	}
	if t := c.tok("day"); t.kind == tNumber && c.nextTok(1) != nil && c.nextTok(1).kind == tNumber && !c.nextTok(1).has(fSpace) {
		return false
	}
	return true
}

// coordinatedDay resolves a day number joined by "and" or "or" to a date
// that ends with its day ("April 24 and 25", "on May 3 or 4"): the same
// month, a later day.
func coordinatedDay(c *cx) res {
	s, i := c.s, c.m.start
	t := c.tok("day")
	if t.kind != tNumber || i < 2 || s.prevEnd != i-1 || !(s.isWord(i-1, "and") || s.isWord(i-1, "or")) {
		return res{}
	}
	if p := &s.toks[i-2]; p.kind != tNumber || p.digits > 2 || p.flags&(fComma|fDecimal|fPlural) != 0 {
		return res{} // the date before must end with its day: not "April 24, 1999 and 25"
	}
	v := string(s.prevVal)
	if len(v) != len("2006-01-02") || timex.Value(v).Granularity() != timex.Day || !dayFollowOK(c) || c.next(1) == "of" {
		return res{}
	}
	d := c.val("day")
	if d <= int(s.toks[i-2].num) {
		return res{}
	}
	y, _ := strconv.Atoi(v[:4])
	m, _ := strconv.Atoi(v[5:7])
	return dateRes(y, m, d)
}

func numericDate(c *cx) res {
	a, b, y := c.val("a"), c.val("b"), c.val("y")
	ta, tb, ty := c.tok("a"), c.tok("b"), c.tok("y")
	for _, t := range []*token{ta, tb, ty} {
		if t.kind != tNumber || t.flags&(fComma|fDecimal) != 0 {
			return res{}
		}
	}
	if ta.digits > 2 || tb.digits > 2 {
		return res{}
	}
	switch ty.digits {
	case 2:
		// Two-digit years: the century nearest the DCT.
		y += c.dct().Year / 100 * 100
		if y > c.dct().Year+20 {
			y -= 100
		}
	case 4:
	default:
		return res{}
	}
	m, d := a, b
	sep := c.s.text[c.s.toks[c.m.start+1].start]
	if c.s.opts.order == DayFirst || sep == '.' || a > 12 {
		m, d = b, a
	}
	if m > 12 || m < 1 {
		return blocked
	}
	return dateRes(y, m, d)
}

// yearAlone decides whether a four-digit number on its own is a year: not
// after a currency sign or "No.", not before a percent sign or a count noun
// ("1990 people"), not part of a longer number, and not a plural noun
// without a preposition before it.
func yearAlone(c *cx) bool {
	y := c.val("year")
	if y < 1500 || y > 2199 {
		return false
	}
	if p := c.prevTok(1); p != nil {
		if p.kind == tPunct && !p.has(fSpace) && c.tok("year").has(fSpace) == false {
			switch c.s.text[p.start] {
			case '$', '#', '.', ',', '/', ':', '+':
				return false
			case '-':
				// "2005-2017" ranges are fine; "No-1990" is not a concern.
			}
		}
		if p.lex != nil && oneOf(p.lex.word, "no", "number", "id", "page", "route", "flight", "room", "$", "#", "channel", "model", "code") {
			return false
		}
	}
	if n := c.nextTok(1); n != nil {
		if n.lex != nil && (n.lex.countNoun || n.lex.word == "%" || n.lex.unit != uNone) {
			return false
		}
		if n.kind == tNumber && !n.has(fSpace) {
			return false
		}
		if n.kind == tPunct && !n.has(fSpace) && (c.s.text[n.start] == '%' || c.s.text[n.start] == '.' && c.m.end+1 < len(c.s.toks) && c.s.toks[c.m.end+1].kind == tNumber && !c.s.toks[c.m.end+1].has(fSpace)) {
			return false
		}
		if n.kind == tWord && n.lex == nil && !n.has(fCap) {
			w := c.s.text[n.start:n.end]
			if len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's' {
				p := c.prev(1)
				if !oneOf(p, "in", "since", "of", "by", "until", "from", "during", "before", "after", "through", "to", "and", "the", "early", "late", "mid", "-") {
					return false
				}
			}
		}
	}
	return true
}
