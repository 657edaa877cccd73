package temporal

import (
	"github.com/timeline-dev/timeline/generator/timex"
)

// Decades, centuries, seasons, quarters and halves: "the 1990s", "the
// '90s", "the 20th century", "last summer", "over the summer", "winter
// 2013", "the third quarter", "third-quarter", "the first half of 2013",
// "the year-earlier quarter", "the week of March 6". Test cases:
// testdata/periods.txt.
var periodRules = []*rule{
	// Decades and centuries.
	{pattern: "the? DECADE", typ: timex.TypeDate, act: func(c *cx) res {
		d := c.val("decade")
		if d < 100 {
			// '90s, nineties: the century nearest the DCT's decade.
			cent := c.dct().Year / 100 * 100
			d += cent
			if d > c.dct().Year {
				d -= 100
			}
		}
		if !c.has("the") && c.tok("decade").kind == tWord {
			return res{} // "nineties" alone is an age more often than not
		}
		if !c.has("the") && oneOf(c.prev(1), "his", "her", "their", "my", "your", "our") {
			return blocked // "when he was in his 30s": an age
		}
		return res{val: yearVal(d)[:3]}
	}},
	{pattern: "the? ORD century", typ: timex.TypeDate, act: func(c *cx) res {
		n := c.val("ord")
		if n < 1 || n > 30 {
			return res{}
		}
		return res{val: string(pad(nil, n-1, 2))}
	}},
	{pattern: "this|last|next:rel century", typ: timex.TypeDate, act: func(c *cx) res {
		n := map[string]int{"last": -1, "next": 1}[c.word("rel")]
		return res{val: shift(c.dct(), uCentury, n)}
	}},

	// Seasons.
	{pattern: "SEASON ,? of? YEAR", typ: timex.TypeDate, act: func(c *cx) res {
		return res{val: seasonVal(c.val("year"), c.tok("season").lex.season)}
	}},
	{pattern: "the SEASON of YEAR", typ: timex.TypeDate, act: func(c *cx) res {
		return res{val: seasonVal(c.val("year"), c.tok("season").lex.season)}
	}},
	{pattern: "this past SEASON", typ: timex.TypeDate, act: func(c *cx) res {
		s := c.tok("season").lex.season
		return res{val: seasonVal(seasonYear(c.dct(), s, -1, present), s)}
	}},
	{pattern: "last|this|next|past|coming:rel SEASON", typ: timex.TypeDate, act: func(c *cx) res {
		if c.word("rel") == "past" && c.prev(1) != "this" && c.prev(1) != "the" {
			return res{}
		}
		rel := map[string]int{"last": -1, "past": -1, "next": 1, "coming": 1}[c.word("rel")]
		s := c.tok("season").lex.season
		return res{val: seasonVal(seasonYear(c.dct(), s, rel, present), s)}
	}},
	{pattern: "the? SEASON", typ: timex.TypeDate, act: func(c *cx) res {
		t := c.tok("season")
		s := t.lex.season
		if n := c.next(1); n == "of" || n == "season" || n == "term" || n == "semester" || n == "wheat" || n == "collection" {
			return res{}
		}
		if s == "FA" && t.lex.word == "fall" {
			// "fall" is a verb and a noun ("the fall of Mosul") as often
			// as a season.
			if !c.has("the") || !oneOf(c.prev(1), "in", "over", "during", "this", "until", "by", "since", "through", "early", "late", "mid") {
				return res{}
			}
		}
		if !c.has("the") && !oneOf(c.prev(1), "in", "during", "this", "until", "by", "since", "through", "early", "late", "mid", "-", "last", "next") {
			return res{}
		}
		return res{val: seasonVal(seasonYear(c.dct(), s, 0, c.tense()), s)}
	}},

	// Quarters and halves.
	{pattern: "the? YEAR fiscal? ORD ~-? quarter", typ: timex.TypeDate, act: quarter},
	{pattern: "the? fiscal? ORD ~-? quarter of? fiscal? YEAR", typ: timex.TypeDate, act: quarter},
	{pattern: "YEAR ~' ~s ORD ~-? quarter", typ: timex.TypeDate, act: quarter},
	{pattern: "this|last|next:rel year ~' ~s ORD ~-? quarter", typ: timex.TypeDate, act: quarter},
	{pattern: "the ORD quarter", typ: timex.TypeDate, act: quarter},
	{pattern: "ORD ~- ~quarter", typ: timex.TypeDate, act: quarter},
	{pattern: "ORD quarter", typ: timex.TypeDate, act: quarter},
	{pattern: "the? fiscal ~-? ORD ~-? quarter", typ: timex.TypeDate, act: quarter},
	{pattern: "the? ORD half of? YEAR?", typ: timex.TypeDate, act: half},
	{pattern: "the? ORD ~-? half", typ: timex.TypeDate, act: half},
	{pattern: "the last|latter half of YEAR", typ: timex.TypeDate, act: func(c *cx) res {
		return res{val: halfVal(c.val("year"), 2)}
	}},
	{pattern: "the latest|same:w quarter|period:u", typ: timex.TypeDate, act: func(c *cx) res {
		if c.word("u") == "period" && c.word("w") != "latest" {
			return res{}
		}
		return res{val: currentQuarter(c)}
	}},
	{pattern: "the quarter", typ: timex.TypeDate, act: func(c *cx) res {
		if c.next(1) == "of" || c.s.isPunct(c.m.end, '-') && c.s.glued(c.m.end) {
			return res{}
		}
		return res{val: currentQuarter(c)}
	}},
	{pattern: "the? year ~-? earlier|ago quarter|period", typ: timex.TypeDate, act: func(c *cx) res {
		q := currentQuarter(c)
		iv, ok := timex.Value(q).Interval()
		if !ok {
			return res{}
		}
		return res{val: shift(iv.Start, uQuarter, -4), derived: true}
	}},
	// "year-earlier profit": the same quarter a year before in a quarterly
	// report, else last year.
	{pattern: "year ~- ~earlier|ago", typ: timex.TypeDate, act: func(c *cx) res {
		if c.s.lastQuarter.ok {
			return res{val: shift(c.s.lastQuarter.iv.Start, uQuarter, -4), derived: true}
		}
		return res{val: yearVal(c.dct().Year - 1), derived: true}
	}},
	{pattern: "the YEAR quarter|period", typ: timex.TypeDate, act: func(c *cx) res {
		iv, ok := timex.Value(currentQuarter(c)).Interval()
		if !ok {
			return res{}
		}
		return res{val: quarterVal(c.val("year"), quarterOf(iv.Start.Month)), derived: true}
	}},
	{pattern: "the? year ~- ~earlier|ago ORD ~-? quarter", typ: timex.TypeDate, act: func(c *cx) res {
		q := c.val("ord")
		if q < 1 || q > 4 {
			return res{}
		}
		return res{val: quarterVal(c.dct().Year-1, q), derived: true}
	}},
	{pattern: "the quarter|period a year ago|earlier", typ: timex.TypeDate, act: func(c *cx) res {
		iv, ok := timex.Value(currentQuarter(c)).Interval()
		if !ok {
			return res{}
		}
		return res{val: shift(iv.Start, uQuarter, -4), derived: true}
	}},
	{pattern: "the current quarter", typ: timex.TypeDate, act: func(c *cx) res {
		return res{val: shift(c.dct(), uQuarter, 0)}
	}},
	// The year, the fiscal year: the DCT's; "for the year" is a duration.
	{pattern: "the full|current|latest|fiscal? fiscal? year", typ: timex.TypeDate, act: func(c *cx) res {
		if n := c.next(1); n == "-" || n == "of" || n == "before" || n == "after" {
			return res{}
		}
		if oneOf(c.next(1), "ended", "ending", "through") {
			// "for the year ended March 31": a twelve-month period that
			// is not a calendar year ("For the year, volume was flat" is
			// the DCT's).
			return res{val: "P1Y", typ: timex.TypeDuration}
		}
		return res{val: yearVal(c.anchorYear())}
	}},
	// "the week of March 6": the week that holds the day.
	{pattern: "the week of MONTH DAY ,? YEAR?", typ: timex.TypeDate, act: func(c *cx) res {
		if c.has("year") {
			r := dateRes(c.val("year"), c.val("month"), c.val("day"))
			d, ok := timexDate(r.val)
			if !ok {
				return r // February 30
			}
			return res{val: weekVal(d)}
		}
		d, ok := dayMonthDate(c.dct(), c.val("month"), c.val("day"), c.tense())
		if !ok {
			return res{}
		}
		return res{val: weekVal(d)}
	}},
	{pattern: "the week", typ: timex.TypeDate, act: func(c *cx) res {
		if n := c.next(1); n == "-" || n == "of" || n == "before" || n == "after" || n == "and" {
			return res{}
		}
		// "the week" is the week of the day last mentioned.
		if a := c.anchor(); a.gran >= timex.Day {
			return res{val: weekVal(a.iv.Start)}
		}
		return res{val: weekVal(c.dct())}
	}},
	{pattern: "the weekend", typ: timex.TypeDate, act: func(c *cx) res {
		d := c.dct()
		wd := isoWeekday(d)
		switch {
		case wd >= 6:
		case c.tense() == future:
			d = d.AddDays(6 - wd)
		default:
			d = d.AddDays(-wd)
		}
		return res{val: weekVal(d) + "-WE"}
	}},
}

// quarter resolves "the third quarter", "third-quarter", "the 1989 third
// quarter", "the first quarter of 1990", "next year's first quarter". A
// quarter without a year is of the DCT's year, unless it has not begun in
// a past clause (then it is last year's).
func quarter(c *cx) res {
	if c.has("the") && c.m.end-c.m.start > 1 && c.s.isPunct(c.m.end-2, '-') && !c.has("year") {
		return res{} // "the third-quarter results": the adjective alone is the expression
	}
	q := c.val("ord")
	if q < 1 || q > 4 {
		return res{}
	}
	if c.word("ord") == "" && c.tok("ord").kind == tNumber && c.tok("ord").digits > 1 {
		return res{}
	}
	dct := c.dct()
	y := dct.Year
	switch {
	case c.has("year"):
		y = c.val("year")
	case c.has("rel"):
		y += map[string]int{"last": -1, "next": 1}[c.word("rel")]
	default:
		cur := quarterOf(dct.Month)
		if q > cur && c.tense() == past {
			y--
		}
	}
	return res{val: quarterVal(y, q)}
}

func half(c *cx) res {
	h := c.val("ord")
	if h < 1 || h > 2 {
		return res{}
	}
	y := c.dct().Year
	if c.has("year") {
		y = c.val("year")
	} else if c.word("ord") == "" {
		return res{}
	}
	return res{val: halfVal(y, h)}
}

// currentQuarter is the quarter a report is about: the last quarter
// mentioned, else the last quarter that ended before the DCT.
func currentQuarter(c *cx) string {
	if c.s.lastQuarter.ok {
		return c.s.lastQuarter.val
	}
	return shift(c.dct(), uQuarter, -1)
}
