package temporal

import (
	"strconv"

	"github.com/timeline-dev/timeline/generator/timex"
)

// Recurring times (TIMEX3 type SET): "daily", "every week", "each year",
// "every Tuesday", "Tuesdays", "every two years", "each July", "per year".
// Test cases: testdata/sets.txt.
var setRules = []*rule{
	{pattern: "daily|weekly|monthly|yearly|annually|annual|hourly|quarterly|nightly|biweekly|biannually|semiannually:w", typ: timex.TypeSet, act: func(c *cx) res {
		w := c.word("w")
		if w == "annual" || w == "quarterly" && c.nextTok(1) != nil && c.nextTok(1).kind == tWord {
			return res{} // "annual report", "quarterly dividend" describe a thing
		}
		if n := c.nextTok(1); w == "daily" && n != nil && n.kind == tWord && n.has(fCap) && n.sent == c.s.toks[c.m.start].sent {
			return res{} // "the Communist Party daily Granma": a newspaper
		}
		if (w == "annually" || w == "yearly" || w == "monthly" || w == "weekly" || w == "daily") && setContext(c) {
			return res{} // "rise 8.5% annually", "10,000 units annually": a rate
		}
		if w == "daily" && oneOf(c.prev(1), "the", "a", "an", "u.s.", "its", "this") && (c.nextTok(1) == nil || c.nextTok(1).kind != tWord || c.nextTok(1).lex != nil && c.nextTok(1).lex.tense != 0) {
			return res{} // "the U.S. daily said": a newspaper
		}
		return res{val: map[string]string{
			"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
			"yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H", "quarterly": "P3M",
			"biannually": "P6M", "semiannually": "P6M",
		}[w]}
	}},
	{pattern: "every|each|per:w UNIT", typ: timex.TypeSet, act: func(c *cx) res {
		if c.tok("unit").lex.plural {
			return res{}
		}
		return unitSet(c, "1")
	}},
	{pattern: "every NUM UNIT", typ: timex.TypeSet, act: func(c *cx) res {
		return unitSet(c, strconv.Itoa(c.val("num")))
	}},
	{pattern: "every other UNIT", typ: timex.TypeSet, act: func(c *cx) res { return unitSet(c, "2") }},
	{pattern: "every|each WEEKDAY", typ: timex.TypeSet, act: func(c *cx) res {
		return res{val: "XXXX-WXX-" + strconv.Itoa(c.val("weekday"))}
	}},
	{pattern: "mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays:w", typ: timex.TypeSet, act: func(c *cx) res {
		if !c.tok("w").has(fCap) {
			return res{}
		}
		d := map[string]int{"mondays": 1, "tuesdays": 2, "wednesdays": 3, "thursdays": 4, "fridays": 5, "saturdays": 6, "sundays": 7}[c.word("w")]
		return res{val: "XXXX-WXX-" + strconv.Itoa(d)}
	}},
	{pattern: "every|each MONTH", typ: timex.TypeSet, act: func(c *cx) res {
		return res{val: "XXXX-" + string(pad(nil, c.val("month"), 2))}
	}},
	{pattern: "every|each SEASON", typ: timex.TypeSet, act: func(c *cx) res {
		return res{val: "XXXX-" + c.tok("season").lex.season}
	}},
	{pattern: "every|each POD", typ: timex.TypeSet, act: func(c *cx) res {
		return res{val: "XXXX-XX-XXT" + c.tok("pod").lex.pod}
	}},
	{pattern: "every|each WEEKDAY POD", typ: timex.TypeSet, act: func(c *cx) res {
		return res{val: "XXXX-WXX-" + strconv.Itoa(c.val("weekday")) + "T" + c.tok("pod").lex.pod}
	}},
}

func unitSet(c *cx, n string) res {
	u := unit(c.val("unit"))
	if u == uWeekend {
		return res{val: "XXXX-WXX-WE"}
	}
	code := unitCodes[u]
	if code == "" {
		return res{}
	}
	if code[0] == 'T' {
		return res{val: "PT" + n + code[1:]}
	}
	return res{val: "P" + n + code}
}
