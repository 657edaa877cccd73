// Package temporal finds the temporal expressions in English news text and
// normalizes each one against the article's publication date (the document
// creation time, DCT) into a TIMEX3 value, following the TimeML 1.2.1
// annotation guidelines and the TimeBank conventions for extents.
//
// Tag returns the expressions in order, each with its byte extent in the
// input, its TIMEX3 type (DATE, TIME, DURATION, SET), value and modifier:
//
//	"Mekdad said in a broadcast aired Tuesday night" (DCT 2014-01-15)
//	  → "Tuesday night" TIME 2014-01-14TNI
//	"since mid-2013"            → "mid-2013" DATE 2013 MID
//	"a nearly three-year-old civil war" → "nearly three-year-old" DURATION P3Y LESS_THAN
//
// How it works: the text is tokenized once (words, numbers and punctuation
// with byte offsets, sentence and paragraph boundaries); each token is looked
// up in a lexicon of month and day names, numbers, units and the literal
// words of the rules; at each token that can start an expression the rules
// whose first element fits are tried, and the longest match wins. Rules are
// token patterns with an action that computes the value; they live in one
// table per family of expressions:
//
//   - explicit.go: calendar dates ("January 2, 2014", "2 Jan 2014", "2014-01-02", "1/2/2014")
//   - names.go: month and weekday names ("in November", "on Wednesday", "last Friday")
//   - relative.go: deictic expressions ("yesterday", "next week", "two years ago", "recently")
//   - durations.go: durations ("three years", "a 30-year bond", "nearly three-year-old")
//   - sets.go: recurring times ("daily", "every Tuesday", "each year")
//   - times.go: times of day ("10:35 a.m.", "Tuesday night", "this morning")
//   - periods.go: decades, centuries, seasons, quarters and halves ("the 1990s", "last summer", "the third quarter")
//   - mods.go: modifiers that widen an expression ("early", "mid-", "the end of", "nearly", "more than")
//   - anaphora.go: expressions that refer to an earlier date ("that day", "the following month")
//   - holidays.go: named days ("Thanksgiving Day", "last Christmas", "Easter 2000"), tested with the names
//
// Each table's test cases are in testdata/<family>.txt.
//
// Resolution follows the reader: a month or weekday name without a year is
// placed by the tense of its clause (the previous occurrence in a past-tense
// clause, the next one in a future clause, the nearest otherwise);
// anaphoric expressions refer to the last explicit date of the paragraph.
package temporal

import (
	"sync"
	"time"

	"github.com/timeline-dev/timeline/generator/timex"
)

// Type is the TIMEX3 type of an expression.
type Type = timex.Type

// Value is a TIMEX3 value such as "2014-01-15", "2013-SU" or "P3Y".
type Value = timex.Value

// Mod is a TIMEX3 modifier such as START, MID or APPROX.
type Mod = timex.Mod

// Timex is a temporal expression found in a text.
type Timex struct {
	Start, End int    // byte offsets of the extent in the input
	Text       string // the input's text[Start:End]
	Type       Type
	Value      Value
	Mod        Mod
}

// DateOrder says how to read all-numeric dates such as 1/2/2014.
type DateOrder int

// Date orders for numeric dates.
const (
	// MonthFirst reads 1/2/2014 as January 2 (the US convention, the default).
	MonthFirst DateOrder = iota
	// DayFirst reads 1/2/2014 as 1 February (the British and European convention).
	DayFirst
)

// Option configures Tag.
type Option func(*options)

type options struct {
	order       DateOrder
	noTense     bool
	noAnaphora  bool
	paragraphNL bool
}

// WithDateOrder sets how numeric dates like 1/2/2014 are read: MonthFirst
// (the default) or DayFirst. Dates whose first number is over 12 are read
// day first whatever the order, and ISO dates (2014-01-02) are always
// year-month-day.
func WithDateOrder(o DateOrder) Option { return func(op *options) { op.order = o } }

// WithoutTense turns off the use of verb tense: month and weekday names
// without a year resolve to the nearest occurrence around the DCT. Use it
// for text whose tense says nothing about the dates, such as headlines or
// lists of events.
func WithoutTense() Option { return func(op *options) { op.noTense = true } }

// WithoutAnaphora turns off resolving "that day", "the following month" and
// similar expressions against the last date mentioned; they are then
// resolved against the DCT.
func WithoutAnaphora() Option { return func(op *options) { op.noAnaphora = true } }

// WithLineParagraphs makes every line break end a paragraph, for text that
// puts one paragraph per line (as many web captures do) rather than
// separating paragraphs with blank lines.
func WithLineParagraphs() Option { return func(op *options) { op.paragraphNL = true } }

// Tag finds the temporal expressions in text and resolves them against dct,
// the document creation time (only its calendar date is used). The result
// is sorted by Start, the extents do not overlap, and every Value is a
// valid TIMEX3 value. Tag never panics and is deterministic.
func Tag(text string, dct time.Time, opts ...Option) []Timex {
	var o options
	for _, f := range opts {
		f(&o)
	}
	s := newState(text, timex.DateOf(dct), o)
	buf := tokenBufs.Get().(*[]token)
	s.toks = (*buf)[:0]
	out := s.run()
	*buf = s.toks[:0]
	tokenBufs.Put(buf)
	return out
}

// tokenBufs keeps the slices the tokens of a text are made in, for the
// next text: those of a build's articles were a twentieth of what it
// allocated. Timex holds no token.
var tokenBufs = sync.Pool{New: func() any { return new([]token) }}
