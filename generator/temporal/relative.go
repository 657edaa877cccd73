package temporal

import (
	"strings"

	"github.com/timeline-dev/timeline/generator/timex"
)

// Deictic expressions, resolved against the DCT: "today", "yesterday",
// "now", "recently", "last week", "this year", "next month", "two years
// ago", "earlier this week", "in recent days". Test cases:
// testdata/relative.txt.
var relativeRules = []*rule{
	{pattern: "today|yesterday|tomorrow:w", typ: timex.TypeDate, act: func(c *cx) res {
		if c.word("w") == "today" && c.next(1) == "'" && c.next(2) == "s" {
			// "today's youth", "today's computers": the present in general.
			if n := c.nextTok(3); n != nil && n.kind == tWord && n.lex == nil && oneOf(strings.ToLower(c.s.text[n.start:n.end]), "world", "youth", "society", "generation", "generations", "economy", "market", "markets", "environment", "culture", "children", "kids", "students", "teenagers", "consumers", "standards", "technology", "personal") {
				return res{}
			}
		}
		return res{val: dayVal(c.dct().AddDays(map[string]int{"yesterday": -1, "tomorrow": 1}[c.word("w")]))}
	}},
	{pattern: "the day before|after:w yesterday|tomorrow:x", typ: timex.TypeDate, act: func(c *cx) res {
		n := map[string]int{"before": -1, "after": 1}[c.word("w")] + map[string]int{"yesterday": -1, "tomorrow": 1}[c.word("x")]
		return res{val: dayVal(c.dct().AddDays(n))}
	}},
	// "now that the talks are over" is a conjunction, but its "now" is
	// still the present, and TimeBank tags it so.
	{pattern: "now|nowadays|currently", typ: timex.TypeDate, act: ref(timex.PresentRef)},
	{pattern: "right now", typ: timex.TypeDate, act: ref(timex.PresentRef)},
	{pattern: "more|most|as recently", typ: timex.TypeDate, act: func(c *cx) res {
		if c.first() == "as" && c.next(1) == "as" {
			return res{}
		}
		return res{val: string(timex.PastRef)}
	}},
	{pattern: "these days", typ: timex.TypeDate, act: ref(timex.PresentRef)},
	{pattern: "the present", typ: timex.TypeDate, act: ref(timex.PresentRef)},
	{pattern: "current", typ: timex.TypeDate, act: func(c *cx) res {
		n := c.nextTok(1)
		if n == nil || n.kind != tWord {
			return res{}
		}
		if n.lex != nil && oneOf(n.lex.word, "account", "accounts", "affairs", "events", "assets", "liabilities", "ratio", "and", "or") {
			return res{}
		}
		return res{val: string(timex.PresentRef)}
	}},
	// "previously" and "formerly" are not here: they put an event before
	// another ("Previously, the company advertised..."; "a previously
	// announced merger") rather than at a time, and TimeBank leaves them
	// untagged three times out of four.
	{pattern: "recently|lately|recent", typ: timex.TypeDate, act: func(c *cx) res {
		if c.m.end-c.m.start == 1 && c.s.toks[c.m.start].lex.word == "recent" {
			// "recent" as an adjective of a noun other than a unit ("recent
			// talks") is PAST_REF too in TimeBank, but not "most recent".
			if c.prev(1) == "most" {
				return res{}
			}
		}
		return res{val: string(timex.PastRef)}
	}},
	{pattern: "recent|past:w days|weeks|months|years|decades:u", typ: timex.TypeDate, act: func(c *cx) res {
		if c.word("w") == "past" && c.prev(1) != "in" && c.prev(1) != "over" && c.prev(1) != "for" {
			return res{}
		}
		return res{val: string(timex.PastRef)}
	}},
	{pattern: "the past", typ: timex.TypeDate, act: func(c *cx) res {
		if n := c.nextTok(1); n != nil && (n.kind == tNumber || n.lex != nil && (n.lex.number > 0 || oneOf(n.lex.word, "few", "several", "couple"))) {
			return res{}
		}
		return res{val: string(timex.PastRef)}
	}},
	{pattern: "the? near? future", typ: timex.TypeDate, act: func(c *cx) res {
		if !c.has("the") && !c.has("near") {
			return res{} // "future earnings" describes a thing
		}
		if c.next(1) == "of" {
			return res{} // "the future of our peoples" is a fate, not a time
		}
		return res{val: string(timex.FutureRef)}
	}},
	{pattern: "one|some:w day", typ: timex.TypeDate, act: func(c *cx) res {
		// "Islam will one day be...": an unspecified future.
		if c.word("w") == "one" && !oneOf(c.prev(1), "will", "would", "may", "might", "could", "can", "shall") {
			return res{}
		}
		return res{val: string(timex.FutureRef)}
	}},
	{pattern: "someday", typ: timex.TypeDate, act: ref(timex.FutureRef)},
	{pattern: "soon", typ: timex.TypeDate, act: func(c *cx) res {
		if c.prev(1) == "as" || c.next(1) == "after" || c.next(1) == "as" {
			return res{}
		}
		if i := c.m.start; i > 0 && c.s.tokTenseAt(i-1, true) == past || c.m.end < len(c.s.toks) && c.s.tokTenseAt(c.m.end, false) == past {
			return res{} // "was soon released", "soon became a flood": shortly after, in the past
		}
		return res{val: string(timex.FutureRef)}
	}},
	{pattern: "as soon as possible", typ: timex.TypeDate, act: ref(timex.FutureRef)},
	{pattern: "the near|long|short term", typ: timex.TypeDate, act: ref(timex.FutureRef)},
	// "in the coming weeks", "in the weeks ahead": a stretch of unspecified
	// length starting now, like "the past few weeks".
	{pattern: "the? coming|upcoming UNIT", typ: timex.TypeDuration, act: func(c *cx) res {
		if !c.tok("unit").lex.plural {
			return res{}
		}
		return durRes(c, "X", nil)
	}},
	{pattern: "the UNIT ahead", typ: timex.TypeDuration, act: func(c *cx) res {
		if !c.tok("unit").lex.plural {
			return res{}
		}
		return durRes(c, "X", nil)
	}},

	// last / this / next unit.
	{pattern: "last|past|previous:rel UNIT", typ: timex.TypeDate, act: func(c *cx) res {
		if c.word("rel") != "last" && c.prev(1) != "the" && c.prev(1) != "this" {
			return res{}
		}
		return unitRel(c, -1)
	}},
	{pattern: "the past|previous:rel UNIT", typ: timex.TypeDate, act: func(c *cx) res {
		return unitRel(c, -1)
	}},
	{pattern: "this past UNIT", typ: timex.TypeDate, act: func(c *cx) res { return unitRel(c, -1) }},
	{pattern: "this|current:rel UNIT", typ: timex.TypeDate, act: func(c *cx) res { return unitRel(c, 0) }},
	{pattern: "the current UNIT", typ: timex.TypeDate, act: func(c *cx) res { return unitRel(c, 0) }},
	{pattern: "next|coming:rel UNIT", typ: timex.TypeDate, act: func(c *cx) res {
		if c.word("rel") == "coming" && c.prev(1) != "this" && c.prev(1) != "the" {
			return res{}
		}
		return unitRel(c, 1)
	}},
	{pattern: "the coming UNIT", typ: timex.TypeDate, act: func(c *cx) res { return unitRel(c, 1) }},
	{pattern: "earlier|later:w this|next|last:rel UNIT", typ: timex.TypeDate, act: func(c *cx) res {
		n := map[string]int{"last": -1, "next": 1}[c.word("rel")]
		r := unitRel(c, n)
		r.mod = timex.Start
		if c.word("w") == "later" {
			r.mod = timex.End
		}
		return r
	}},
	{pattern: "earlier|later:w in the UNIT", typ: timex.TypeDate, act: func(c *cx) res {
		r := unitRel(c, 0)
		r.mod = timex.Start
		if c.word("w") == "later" {
			r.mod = timex.End
		}
		return r
	}},
	{pattern: "earlier|later:w today", typ: timex.TypeDate, act: func(c *cx) res {
		return res{val: dayVal(c.dct())}
	}},

	// N units ago.
	{pattern: "NUM UNIT ago", typ: timex.TypeDate, act: func(c *cx) res {
		if c.tok("num").has(fDecimal) {
			return res{}
		}
		return ago(c, c.val("num"))
	}},
	{pattern: "a|an|one:a UNIT ago", typ: timex.TypeDate, act: func(c *cx) res { return ago(c, 1) }},
	{pattern: "a UNIT or so ago", typ: timex.TypeDate, act: func(c *cx) res {
		r := ago(c, 1)
		r.mod = timex.Approx
		return r
	}},
	{pattern: "a? few|several|many|some UNIT ago", typ: timex.TypeDate, act: ref(timex.PastRef)},
	{pattern: "UNIT ago", typ: timex.TypeDate, act: func(c *cx) res {
		if t := c.tok("unit"); t.lex.plural {
			return res{val: string(timex.PastRef)}
		}
		return res{}
	}},
	{pattern: "year ~- ~end", typ: timex.TypeDate, act: yearEnd},
	{pattern: "year end", typ: timex.TypeDate, act: yearEnd},
	{pattern: "year ~' ~s end", typ: timex.TypeDate, act: yearEnd},
}

func yearEnd(c *cx) res {
	if c.prev(1) == "since" {
		return res{val: yearVal(c.dct().Year - 1), mod: timex.End} // the last year-end
	}
	return res{val: yearVal(c.dct().Year), mod: timex.End}
}

func ref(v Value) func(c *cx) res {
	return func(c *cx) res { return res{val: string(v)} }
}

// unitRel resolves "last week", "this month", "next year" and the like:
// the unit containing the DCT, moved by n.
func unitRel(c *cx, n int) res {
	u := unit(c.val("unit"))
	if c.tok("unit").lex.plural {
		return res{}
	}
	d := c.dct()
	switch u {
	case uDay, uHour, uMinute, uSecond, uFortnight, uMillennium:
		return res{}
	case uWeekend:
		if n == 0 && isoWeekday(d) == 7 {
			n = 0
		}
	case uDecade, uCentury:
		if c.prev(1) == "the" || c.first() == "the" {
			return res{} // "the past decade" is a duration
		}
	}
	return res{val: shift(d, u, n)}
}

// ago resolves "N units ago" to the unit that contains the DCT moved back
// by N: "three years ago" is a year, "six weeks ago" a week.
func ago(c *cx, n int) res {
	u := unit(c.val("unit"))
	d := c.dct()
	switch u {
	case uHour, uMinute, uSecond:
		return res{}
	case uDecade:
		return res{val: yearVal(d.Year - 10*n), mod: agoMark}
	case uCentury:
		return res{val: yearVal(d.Year - 100*n), mod: agoMark}
	case uQuarter:
		return res{val: shift(d, uQuarter, -n), mod: agoMark}
	}
	if u == uYear && n == 1 && c.s.lastQuarter.ok {
		// In a quarterly report "a year ago" is the same quarter of the
		// year before.
		return res{val: shift(c.s.lastQuarter.iv.Start, uQuarter, -4), mod: agoMark}
	}
	return res{val: shift(d, u, -n), mod: agoMark}
}
