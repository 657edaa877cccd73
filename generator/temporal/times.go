package temporal

import (
	"github.com/timeline-dev/timeline/generator/timex"
)

// Times of day (TIMEX3 type TIME): "10:35 a.m.", "9 a.m. Tuesday", "5 p.m.
// EST Nov. 9", "noon Thursday", "Tuesday night", "yesterday morning", "this
// morning", "tonight", "last night". Test cases: testdata/times.txt.
var timeRules = []*rule{
	{pattern: "CLOCK est|edt|cst|cdt|mst|mdt|pst|pdt|gmt|utc|bst|cet:zone? ,? on? WEEKDAY? ,? MONTH? DAY? ,? YEAR?", typ: timex.TypeTime, act: clockRes},
	{pattern: "CLOCK est|edt|cst|cdt|mst|mdt|pst|pdt|gmt|utc|bst|cet:zone? ,? today|yesterday|tomorrow|tonight:rel", typ: timex.TypeTime, act: clockRes},
	{pattern: "WEEKDAY POD", typ: timex.TypeTime, act: podRes},
	{pattern: "today|yesterday|tomorrow:day POD", typ: timex.TypeTime, act: podRes},
	{pattern: "POD WEEKDAY|today|yesterday|tomorrow:day", typ: timex.TypeTime, act: podRes},
	{pattern: "POD WEEKDAY", typ: timex.TypeTime, act: podRes},
	{pattern: "WEEKDAY at CLOCK", typ: timex.TypeTime, act: clockRes},
	{pattern: "today|yesterday|tomorrow:day at CLOCK", typ: timex.TypeTime, act: clockRes},
	{pattern: "this|tomorrow|yesterday:rel POD", typ: timex.TypeTime, act: func(c *cx) res {
		n := map[string]int{"yesterday": -1, "tomorrow": 1}[c.word("rel")]
		return res{val: dayVal(c.dct().AddDays(n)) + "T" + c.tok("pod").lex.pod}
	}},
	{pattern: "tonight", typ: timex.TypeTime, act: func(c *cx) res { return res{val: dayVal(c.dct()) + "TNI"} }},
	{pattern: "last night", typ: timex.TypeTime, act: func(c *cx) res { return res{val: dayVal(c.dct().AddDays(-1)) + "TNI"} }},
	{pattern: "overnight", typ: timex.TypeTime, act: func(c *cx) res {
		if c.tense() == future {
			return res{val: dayVal(c.dct()) + "TNI"}
		}
		return res{val: dayVal(c.dct().AddDays(-1)) + "TNI"}
	}},
	{pattern: "NUM in the morning|afternoon|evening:pod", typ: timex.TypeTime, act: func(c *cx) res {
		h := c.val("num")
		if h < 1 || h > 12 {
			return res{}
		}
		if c.word("pod") != "morning" && h < 12 {
			h += 12
		}
		return res{val: dayVal(c.dct()) + "T" + string(pad(nil, h, 2)) + ":00"}
	}},
}

func podRes(c *cx) res {
	if c.m.start > 0 && c.tok("pod") == &c.s.toks[c.m.start] {
		// "afternoon yesterday" needs a modifier or "the" before it.
		if p := c.prev(1); !oneOf(p, "mid", "-", "early", "late", "the") {
			return res{}
		}
	}
	d, ok := dayOf(c)
	if !ok {
		return res{}
	}
	return res{val: dayVal(d) + "T" + c.tok("pod").lex.pod}
}

// dayOf resolves the day part of a time expression: a weekday, today,
// yesterday or tomorrow, or the DCT when there is none.
func dayOf(c *cx) (timex.Date, bool) {
	dct := c.dct()
	if c.has("weekday") {
		return weekdayDate(dct, c.val("weekday"), c.tenseRaw()), true
	}
	w := c.word("day")
	if w == "" {
		w = c.word("rel")
	}
	switch w {
	case "yesterday":
		return dct.AddDays(-1), true
	case "tomorrow":
		return dct.AddDays(1), true
	case "today", "tonight", "":
		return dct, true
	}
	if t := c.tok("day"); t != nil && t.lex != nil && t.lex.weekday > 0 {
		return weekdayDate(dct, t.lex.weekday, c.tenseRaw()), true
	}
	return dct, true
}

func clockRes(c *cx) res {
	v := c.val("clock")
	hourOnly := v >= 10000
	if hourOnly {
		v -= 10000
	}
	h, m := v/60, v%60
	var d timex.Date
	switch {
	case c.has("month") && c.has("day"):
		if c.has("year") {
			r := dateRes(c.val("year"), c.val("month"), c.val("day"))
			if r.val == "" {
				return r
			}
			d, _ = timexDate(r.val)
		} else {
			var ok bool
			d, ok = dayMonthDate(c.dct(), c.val("month"), c.val("day"), c.tense())
			if !ok {
				return res{}
			}
		}
	case c.has("month") || c.has("day") || c.has("year"):
		return res{}
	case !c.has("weekday") && !c.has("day") && !c.has("rel"):
		// A bare time of day is on the day last mentioned.
		a := c.anchor()
		d = a.iv.Start
		if a.gran < timex.Day {
			d = c.dct()
		}
	default:
		var ok bool
		d, ok = dayOf(c)
		if !ok {
			return res{}
		}
	}
	val := dayVal(d) + "T" + string(pad(nil, h, 2)) + ":" + string(pad(nil, m, 2))
	_ = hourOnly
	return res{val: val}
}

func timexDate(v string) (timex.Date, bool) {
	iv, ok := timex.Value(v).Interval()
	return iv.Start, ok
}
