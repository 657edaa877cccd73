// Package mentions finds, in each article, the sentences that report a
// datable happening and the date of what they report: a mention is a
// sentence plus the time expression that dates it (or the context that
// does). Mentions are what the timeline groups into events.
//
// The rules:
//
//   - Every time expression on the calendar (a DATE or TIME whose value has
//     a day interval) makes a mention of its sentence; a sentence with two
//     ("Hollande said Tuesday ..., while Hague said on Monday ...") makes
//     two. Durations ("three-year-old"), sets ("every week") and references
//     ("recently", PRESENT_REF) date nothing. When a sentence has a day and
//     also a coarser expression that contains it ("on Wednesday ... in
//     2014"), the coarser one is dropped as redundant. A report dated by
//     its saying and by what it tells makes one mention (dropSaid): "said
//     Thursday that the lander bounced ... on Wednesday" is Wednesday's,
//     "said yesterday they hoped it would wake up next year" yesterday's.
//     A dateline at the head of an article ("WASHINGTON, Jan. 15
//     (Reuters) —") is the publication date, not a happening.
//   - A sentence without an expression of its own continues its paragraph:
//     it inherits the date of the paragraph's last dated sentence.
//   - A sentence whose speaker is a pronoun ("he said", "she added")
//     continues the sentence before it: it reports the same thing, and is
//     dated and grouped with it.
//   - Otherwise a reporting sentence (said, told, denied, according to, ...)
//     is dated by its tense: a present-tense report ("says", "has told",
//     "according to") is the publication day; a past-tense one ("told
//     reporters") is the article's news day: the first day named in the
//     opening paragraphs within a week before publication (the happening
//     the article leads with), or the publication day.
//   - So is a sentence that tells in the simple past what happened
//     ("Qatar and Saudi Arabia pledged $60 million each"); it can join an
//     event but not start one.
//   - Other sentences without a date make no mention, and neither do
//     captions without a date of their own or sentences of fewer than
//     three content words (a photo credit).
//   - Nor does what reports nothing (furniture.go): a news site's
//     standard lines (disclaimers, the outlet's caveats about what it
//     could verify, credits, notes about the page), a caption kept as
//     text (the simple present, ending with a day already past), a
//     sentence that starts in lower case (the tail of one cut short). A
//     photo credit or a page stamp before a sentence is cut off it.
//
// The article's own outlet is no entity of a sentence that names it as
// its source (outlet.go): "told CNN", "CNN's Ben Wedeman", "(CNN)".
//
// Each mention carries what grouping needs: its day interval, the named
// entities and stemmed content words of its sentence, the words that name
// the happening it tells ("landed", "the landing"), whether it denies or
// disputes something, and where in the article it stands.
package mentions

import (
	"regexp"
	"slices"
	"strings"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/entities"
	"github.com/timeline-dev/timeline/generator/markdown"
	"github.com/timeline-dev/timeline/generator/sentences"
	"github.com/timeline-dev/timeline/generator/temporal"
	"github.com/timeline-dev/timeline/generator/timex"
)

// Basis says how a mention got its date.
type Basis string

// Bases, from strongest to weakest.
const (
	Expression Basis = "expression" // a time expression in the sentence
	Paragraph  Basis = "paragraph"  // the date of the paragraph it continues
	Continues  Basis = "continues"  // the date of the sentence before, whose speaker it quotes
	Present    Basis = "present"    // a present-tense report: the publication day
	NewsDay    Basis = "news-day"   // a past-tense report: the article's news day
	// Report is the date of the report a sentence goes on telling: "AFP
	// reported in November that ..." dates the undated past-tense
	// sentences of the next paragraphs.
	Report Basis = "report"
)

// Mention is a sentence that reports something, with its date.
type Mention struct {
	Article    string // article id
	Block      int    // index of the block in the article's Doc
	Start, End int    // the sentence: block text [Start, End)
	Sentence   string
	Sentences  int // index of the sentence in the article, from 0

	// Expression is the time expression that dates the mention, and
	// ExprStart/ExprEnd its range in the block text (all empty/zero unless
	// Basis is Expression).
	Expression         string
	ExprStart, ExprEnd int
	Type               timex.Type
	Value              timex.Value
	Mod                timex.Mod
	Interval           timex.Interval
	Basis              Basis

	Reporting bool // the sentence reports speech or a report
	Denial    bool // the sentence denies or disputes something
	// Attributed is set when a named person or organization speaks or
	// reports before the reporting verb: the sentence reports a happening
	// of its own ("Kerry told reporters ...").
	Attributed bool
	// Speaker is the entity key of the person named as the speaker, if any.
	Speaker string
	// PronounSpeaker is set when the speaker is "he", "she" or "they": the
	// person named last before.
	PronounSpeaker bool
	// Source is the entity key of who reports what the sentence tells:
	// the outlet of "according to X" or "a report in X", else the person
	// speaking, else the organization before the reporting verb ("the
	// Foreign Office told the BBC"); "" if the sentence names none. A
	// sentence that continues another (Basis Continues) has its source.
	Source string
	// Dates is the number of calendar expressions in the sentence.
	Dates int
	// Continues is the index, among the article's mentions, of the mention
	// this one continues (Basis Continues or Report), or -1.
	Continues int
	Kind      markdown.Kind
	Entities  []entities.Entity
	Terms     []string // stemmed content words
	// Happenings are the stems (as Terms has them) of the words that name
	// what the sentence tells happened: "landed", "the landing", "to
	// land" (see happenings).
	Happenings []string
	Position   float64 // where the sentence stands in the article: 0 first, 1 last
}

// Options configures Extract. The zero value reads numeric dates month
// first.
type Options struct {
	DateOrder temporal.DateOrder
}

// Extract returns the mentions of an article in text order.
func Extract(a *content.Article, opts Options) []Mention {
	doc := a.Doc
	if doc == nil || len(doc.Blocks) == 0 {
		return nil
	}
	// Tag the whole article at once, paragraphs separated by blank lines,
	// so that anaphora and tense carry within a paragraph.
	size := 0
	for _, blk := range doc.Blocks {
		size += len(blk.Text) + 2
	}
	b := make([]byte, 0, size)
	offs := make([]int, len(doc.Blocks))
	for i, blk := range doc.Blocks {
		if i > 0 {
			b = append(b, "\n\n"...)
		}
		offs[i] = len(b)
		from := len(b)
		b = append(b, blk.Text...)
		for k := from; k < len(b); k++ {
			if b[k] == '\n' {
				b[k] = ' '
			}
		}
	}
	text := string(b)
	dct := a.Date.Time()
	timexes := temporal.Tag(text, dct, temporal.WithDateOrder(opts.DateOrder))

	// Assign expressions to blocks.
	byBlock := make([][]temporal.Timex, len(doc.Blocks))
	k := 0
	for _, tx := range timexes {
		for k+1 < len(offs) && tx.Start >= offs[k+1] {
			k++
		}
		tx.Start -= offs[k]
		tx.End -= offs[k]
		if tx.End <= len(doc.Blocks[k].Text) {
			byBlock[k] = append(byBlock[k], tx)
		}
	}

	stems := getStems()
	defer putStems(stems)
	x := &extractor{a: a, dct: a.Date, report: -1, stems: stems, outlet: outletKeys(a.Outlet), lowBlock: -1}
	x.newsDay = x.findNewsDay(byBlock)
	total := 0
	var sents [][]sentences.Span
	for _, blk := range doc.Blocks {
		s := sentences.Split(blk.Text)
		sents = append(sents, s)
		total += len(s)
	}
	n := 0
blocks:
	for bi, blk := range doc.Blocks {
		var para *Mention // the paragraph's last mention dated by an expression
		if blk.Kind == markdown.Heading || x.report >= 0 && x.out[x.report].Block < bi-reportReach {
			x.report = -1
		}
		for _, sp := range sents[bi] {
			pos := 0.0
			if total > 1 {
				pos = float64(n) / float64(total-1)
			}
			if readerComments(blk.Text[sp.Start:sp.End]) {
				break blocks // the page's comment thread: the rest is readers', not the article's
			}
			ms := x.sentence(bi, blk, sp, byBlock[bi], para, n, pos)
			if len(ms) > 0 && ms[0].Basis == Expression {
				last := ms[len(ms)-1]
				para = &last
				x.report = -1
				if len(ms) == 1 && last.Reporting && last.Interval.End.Before(x.newsDay) {
					x.report = len(x.out) // the report goes on in what follows
				}
			}
			x.out = append(x.out, ms...)
			n++
		}
	}
	// A build holds the mentions of every article until it has found
	// the repeated sentences among them: not the room append left.
	if cap(x.out)-len(x.out) > len(x.out)/8 {
		return slices.Clone(x.out)
	}
	return x.out
}

type extractor struct {
	a       *content.Article
	dct     timex.Date
	newsDay timex.Date
	out     []Mention
	// report is the index in out of the last sentence that reports, with
	// a date of its own before the news day, what was said or reported
	// then ("AFP reported in November that ..."), or -1: the undated
	// past-tense sentences of the paragraphs after it go on telling that
	// report, up to reportReach paragraphs on, and until a sentence dated
	// by its own expression or a heading.
	report int
	stems  map[string]string // the stems of words, once each (see stemCaches)
	words  []word            // the words of the sentence read last
	// low is block lowBlock's text with its ASCII capitals in lower case.
	low      string
	lowBlock int
	outlet   []string // the entity keys of the article's outlet
}

// reportReach is how many paragraphs after a dated report its date
// carries to.
const reportReach = 2

// onCalendar returns the expressions that date a happening.
func onCalendar(txs []temporal.Timex) []temporal.Timex {
	var out []temporal.Timex
	for _, tx := range txs {
		if tx.Type != timex.TypeDate && tx.Type != timex.TypeTime {
			continue
		}
		if _, ok := tx.Value.Interval(); !ok {
			continue
		}
		out = append(out, tx)
	}
	// Drop an expression that contains a finer one of the same sentence.
	var kept []temporal.Timex
	for i, tx := range out {
		iv, _ := tx.Value.Interval()
		redundant := false
		for j, other := range out {
			if i == j {
				continue
			}
			ov, _ := other.Value.Interval()
			if other.Value.Granularity() >= timex.Day && tx.Value.Granularity() < timex.Day && iv.Contains(ov) {
				redundant = true
			}
		}
		if !redundant {
			kept = append(kept, tx)
		}
	}
	return kept
}

// findNewsDay returns the first day named in the first three paragraphs
// that falls in the week before publication, or the publication date
// (datelines and timestamps name no day of the news).
func (x *extractor) findNewsDay(byBlock [][]temporal.Timex) timex.Date {
	seen := 0
	for bi, txs := range byBlock {
		if x.a.Doc.Blocks[bi].Kind != markdown.Paragraph {
			continue
		}
		cal, _ := dropTimestamps(x.a.Doc.Blocks[bi].Text, 0, onCalendar(txs), x.dct)
		if bi == 0 {
			cal = dropDateline(x.a.Doc.Blocks[bi].Text, 0, cal, x.dct)
		}
		for _, tx := range cal {
			if tx.Value.Granularity() < timex.Day {
				continue
			}
			iv, _ := tx.Value.Interval()
			if d := iv.Start.DaysUntil(x.dct); d >= 0 && d <= 7 {
				return iv.Start
			}
		}
		if seen++; seen == 3 {
			break
		}
	}
	return x.dct
}

func (x *extractor) sentence(bi int, blk markdown.Block, sp sentences.Span, txs []temporal.Timex, para *Mention, n int, pos float64) []Mention {
	if blk.Kind == markdown.Caption {
		return nil // a photo's caption reports no happening of the story
	}
	if k := sentenceStart(blk.Text[sp.Start:sp.End]); k > 0 {
		sp.Start += k // a credit or a stamp before it is not the sentence's
	}
	text := blk.Text[sp.Start:sp.End]
	if x.lowBlock != bi {
		// The block in lower case, once for its sentences, for the words
		// of each that have capitals.
		x.lowBlock, x.low = bi, lowerASCII(blk.Text)
	}
	words := sentenceWords(text, x.low[sp.Start:sp.End], x.words)
	x.words = words // for the next sentence: none of the mention's fields holds it
	if fragment(text, words) || standardLine(text) || caveat(text, x.a.Outlet) {
		return nil
	}
	var inside []temporal.Timex
	for _, tx := range txs {
		if tx.Start >= sp.Start && tx.End <= sp.End {
			inside = append(inside, tx)
		}
	}
	base := Mention{
		Article: x.a.ID, Block: bi, Start: sp.Start, End: sp.End, Sentence: text, Sentences: n,
		Kind: blk.Kind, Position: pos, Continues: -1,
	}
	cues := analyzeWords(text, words)
	cal := onCalendar(describing(text, sp.Start, inside))
	if bi == 0 && n == 0 {
		cal = dropDateline(text, sp.Start, cal, x.dct)
	}
	cal, stamped := dropTimestamps(text, sp.Start, cal, x.dct)
	cal = dropSaid(text, sp.Start, cal)
	if len(cal) == 0 && !x.mayDate(blk, bi, cues, para) {
		return nil // no date of its own, and none from its context (see below): the names and words are not needed
	}
	base.Reporting, base.Denial = cues.reporting, cues.denial
	base.Entities = entities.Find(text)
	base.Attributed = attributed(text, cues.verb, base.Entities)
	base.Speaker = speaker(text, cues.verb, base.Entities)
	base.PronounSpeaker = cues.pronounSpeaker && base.Speaker == ""
	base.Source = source(text, cues.verb, base.Speaker, base.Entities)
	if stamped && len(cal) == 0 && pageNote(text) {
		return nil // "This article appeared ... on 01.35 GMT on Saturday": the page's furniture
	}
	if blk.Kind != markdown.Heading && caption(text, sp.Start, cal, cues, x.dct) {
		return nil // a photo's caption kept as text
	}
	base.Dates = len(cal)
	// Content words leave out every time expression and every name (names
	// count as entities).
	var skip [][2]int
	for _, tx := range inside {
		skip = append(skip, [2]int{tx.Start - sp.Start, tx.End - sp.Start})
	}
	for _, e := range base.Entities {
		skip = append(skip, [2]int{e.Start, e.End})
	}
	base.Terms = terms(text, skip, x.stems)
	base.Happenings = happenings(words, skip, x.stems)
	base.Entities = dropOwnOutlet(text, base.Entities, x.outlet, cues.reporting)
	if len(base.Terms)+len(base.Entities) < 2 {
		return nil // a date alone ("April 2024" in a table) reports nothing
	}
	var out []Mention
	for _, tx := range cal {
		m := base
		// A copy: tx.Text is cut from the whole article's text, which
		// the mention would otherwise keep in memory to the build's end.
		m.Expression, m.ExprStart, m.ExprEnd = strings.Clone(tx.Text), tx.Start, tx.End
		m.Type, m.Value, m.Mod, m.Basis = tx.Type, tx.Value, tx.Mod, Expression
		m.Interval, _ = tx.Value.IntervalMod(tx.Mod)
		out = append(out, m)
	}
	if len(out) > 0 || blk.Kind == markdown.Heading {
		return out
	}
	m := base
	m.Type = timex.TypeDate
	if len(m.Terms)+len(m.Entities) < 3 {
		return nil
	}
	prev := len(x.out) - 1
	switch {
	case cues.pronounSpeaker && !namedSpeaker(text, cues.verb, m.Entities) && prev >= 0 && x.out[prev].Block >= bi-1:
		p := x.out[prev]
		m.Value, m.Mod, m.Interval, m.Basis, m.Continues = p.Value, p.Mod, p.Interval, Continues, prev
		if p.Continues >= 0 { // continue what it continues
			m.Continues = p.Continues
		}
		if m.Source == "" {
			m.Source = p.Source
		}
	case para != nil && !(cues.reporting && cues.present):
		m.Value, m.Mod, m.Interval, m.Basis = para.Value, para.Mod, para.Interval, Paragraph
	case x.report >= 0 && !cues.present && !cues.now && (cues.reporting || cues.past) && !cues.background:
		r := x.out[x.report]
		m.Value, m.Mod, m.Interval, m.Basis, m.Continues = r.Value, r.Mod, r.Interval, Report, x.report
	case cues.reporting && cues.present:
		m.Value, m.Basis = timex.Value(x.dct.String()), Present
		m.Interval = timex.Interval{Start: x.dct, End: x.dct}
	case cues.reporting && !cues.background || cues.past && !cues.background && len(m.Terms) >= 3:
		// A past-tense report, or a sentence that tells in the past what
		// happened ("Qatar and Saudi Arabia pledged $60 million each"): the
		// day the article reports on.
		m.Value, m.Basis = timex.Value(x.newsDay.String()), NewsDay
		m.Interval = timex.Interval{Start: x.newsDay, End: x.newsDay}
	default:
		return nil
	}
	return []Mention{m}
}

// mayDate reports whether a sentence with no date of its own may take one
// from its context, as the end of sentence does: it may when one of the
// cases there may hold, whatever the sentence's names and words. It
// spares the work of finding them in the many sentences that report
// nothing dated.
func (x *extractor) mayDate(blk markdown.Block, bi int, cues cues, para *Mention) bool {
	if blk.Kind == markdown.Heading {
		return false // a heading is dated by its own words only
	}
	prev := len(x.out) - 1
	return cues.pronounSpeaker && prev >= 0 && x.out[prev].Block >= bi-1 ||
		para != nil && !(cues.reporting && cues.present) ||
		x.report >= 0 && !cues.present && !cues.now && (cues.reporting || cues.past) && !cues.background ||
		cues.reporting && cues.present ||
		cues.reporting && !cues.background || cues.past && !cues.background
}

// objectNouns are nouns whose date describes the thing, not when the
// sentence's happening took place: "a target for 2014", "the 2015
// budget".
var objectNouns = wordSet(`target targets budget budgets goal goals plan plans forecast forecasts deadline
projection projections estimate outlook season fiscal vintage model election elections`)

// describing drops the expressions that describe an object rather than
// date what the sentence reports: a year or month after "target for", "the
// budget of", or before "budget" ("the 2015 budget"). A day ("approved the
// budget on Tuesday") always dates the happening.
func describing(text string, base int, txs []temporal.Timex) []temporal.Timex {
	var out []temporal.Timex
	for _, tx := range txs {
		s, e := tx.Start-base, tx.End-base
		before := rawWords(text[max(0, s-50):s])
		after := rawWords(text[e:min(len(text), e+20)])
		object := false
		if tx.Value.Granularity() < timex.Day && len(before) > 0 {
			switch strings.ToLower(before[len(before)-1]) {
			case "for", "of", "in":
				for k := len(before) - 2; k >= 0 && k >= len(before)-5; k-- {
					if objectNouns[strings.ToLower(before[k])] {
						object = true
					}
				}
			}
		}
		if len(after) > 0 && objectNouns[strings.ToLower(after[0])] {
			object = true
		}
		if !object {
			out = append(out, tx)
		}
	}
	return out
}

// dropSaid drops the date of the saying when a sentence reports, with a
// date of its own, what happened shortly before it was said: "Ulamec said
// Thursday that the lander bounced twice after it first touched the
// surface on Wednesday" reports Wednesday's happening, and makes one
// mention, on Wednesday (the saying is news of the next day, which the
// article's other sentences tell). The date of the saying is an
// expression that the reporting verb just before it governs ("said
// Thursday", "told reporters on Thursday", not "will be revealed
// Saturday"); the happening's is a day (or a time of day) of the week
// before the saying, named in the same sentence not as a saying, nor in
// parentheses (a page's stamp) or a relative clause. Two sayings
// ("Hollande said Tuesday ..., while Hague said on Monday ...") keep
// their dates, and so does a saying of what happened long before ("said
// Thursday that the economy shrank in 2009": the figures are Thursday's
// news). A saying of what is to come in a month, a season or a year
// ("said yesterday they hoped the lander would wake up next year") is one
// mention too, on the day of the saying: a hope or a plan has not
// happened, its telling is the news. A day to come ("said Monday the
// vote will be held on Friday") is a happening scheduled, and keeps its
// mention.
func dropSaid(text string, base int, cal []temporal.Timex) []temporal.Timex {
	if len(cal) < 2 {
		return cal
	}
	said := -1
	for k, tx := range cal {
		if saidOn(text, tx.Start-base) {
			if said >= 0 {
				return cal // two sayings
			}
			said = k
		}
	}
	if said < 0 {
		return cal
	}
	siv, _ := cal[said].Value.Interval()
	happened := false
	var planned []int // what is to come, not to the day, told after the saying
	for k, tx := range cal {
		if k == said || inParentheses(text, tx.Start-base) || inRelative(text, tx.Start-base) {
			continue
		}
		iv, _ := tx.Value.Interval()
		if d := iv.End.DaysUntil(siv.Start); d >= 1 && d <= 7 && tx.Value.Granularity() >= timex.Day {
			happened = true
		}
		if siv.End.Before(iv.Start) && tx.Start > cal[said].Start && tx.Value.Granularity() < timex.Day {
			planned = append(planned, k)
		}
	}
	switch {
	case happened:
		return slices.Delete(slices.Clone(cal), said, said+1)
	case len(planned) > 0:
		// "Mission managers said yesterday that they hoped the lander
		// would wake up next year": what is to come has not happened;
		// the saying is the news.
		var kept []temporal.Timex
		for k, tx := range cal {
			if !slices.Contains(planned, k) {
				kept = append(kept, tx)
			}
		}
		return kept
	}
	return cal
}

// inParentheses reports that byte at of text is inside parentheses: a
// page's stamp ("(Update 6:58 p.m. in Cairo, 11:58 a.m. ET)"), an aside.
func inParentheses(text string, at int) bool {
	return strings.Count(text[:at], "(") > strings.Count(text[:at], ")")
}

// inRelative reports that byte at of text is in a relative clause, which
// tells of someone or something rather than the happening: "A protester,
// who was shot in the head on Friday, has died, hospital sources said
// Monday" (the death is Monday's news).
func inRelative(text string, at int) bool {
	clause := text[strings.LastIndexAny(text[:at], ",;—(")+1 : at]
	for _, w := range rawWords(clause) {
		switch strings.ToLower(w) {
		case "who", "whom", "whose", "which":
			return true
		}
	}
	return false
}

// saidOn reports a time expression (at byte at of text) that dates the
// reporting verb in the past just before it: "said Thursday", "said on
// Thursday", "told reporters on Thursday", "said in a statement on
// Thursday" (at most four words between, with no punctuation, and none
// of them "that" or a verb: in "said Hayward would testify on
// Wednesday" the date is not the saying's).
func saidOn(text string, at int) bool {
	ws := rawWordsIndex(text[:at])
	for k := len(ws) - 1; k >= 0 && k >= len(ws)-5; k-- {
		w := strings.ToLower(text[ws[k][0]:ws[k][1]])
		if strings.ContainsAny(text[ws[k][1]:at], ",;:“”\"()—|") {
			return false
		}
		if pastReporting[w] {
			// not "will be revealed Saturday", "to be announced Monday"
			return k == 0 || !auxiliaries[strings.ToLower(text[ws[k-1][0]:ws[k-1][1]])]
		}
		if w == "that" || auxiliaries[w] || pastVerb(w) || presentReporting[w] {
			return false
		}
	}
	return false
}

// auxiliaries are the verbs that go with another: "would testify".
var auxiliaries = wordSet(`would will could can should may might must shall is are was were be been being has have had do does did to`)

// namedSpeaker reports a person named before the reporting verb, outside
// quotation marks: then "he" is not the speaker of the sentence before.
func namedSpeaker(text string, verb int, es []entities.Entity) bool {
	return speaker(text, verb, es) != ""
}

// speaker returns the key of the last person named before the reporting
// verb outside quotation marks, or "" (the person is then in the sentence
// but does not speak in it).
func speaker(text string, verb int, es []entities.Entity) string {
	who := ""
	for _, e := range es {
		if e.Kind != entities.Person || verb >= 0 && e.Start > verb {
			continue
		}
		if inQuotation(text, e.Start) {
			continue
		}
		who = e.Key
	}
	return who
}

// inQuotation reports that byte at of text is inside quotation marks.
func inQuotation(text string, at int) bool {
	before := text[:at]
	return strings.Count(before, "“") > strings.Count(before, "”") || strings.Count(before, `"`)%2 == 1
}

// sourcePhrases introduce the outlet or body a sentence's content comes
// from.
var sourcePhrases = []string{"according to ", "report in ", "report by ", "reported by ", "reports in ", "article in ", "story in "}

var (
	sourceSet      = newFoldSet(sourcePhrases...)
	accordingToSet = newFoldSet("according to ")
)

// source returns the key of who reports what a sentence tells (see
// Mention.Source), from its first reporting verb (at byte verb) and its
// speaker.
func source(text string, verb int, speaker string, es []entities.Entity) string {
	if sourceSet.mayContain(text) {
		low := strings.ToLower(text)
		for _, p := range sourcePhrases {
			k := strings.Index(low, p)
			if k < 0 {
				continue
			}
			after := k + len(p)
			for _, e := range es {
				if e.Start >= after && e.Start <= after+4 && e.Kind != entities.Place {
					return e.Key // "a report in The Wall Street Journal"
				}
			}
		}
	}
	if speaker != "" {
		return speaker
	}
	if verb < 0 {
		return ""
	}
	who := ""
	for _, e := range es {
		if e.End > verb || e.Kind != entities.Organization && e.Kind != entities.Other {
			continue
		}
		if inQuotation(text, e.Start) {
			continue
		}
		who = e.Key
	}
	return who
}

// attributed reports a named person or organization before the sentence's
// first reporting verb (at byte verb), or after its "according to".
func attributed(text string, verb int, es []entities.Entity) bool {
	if accordingToSet.mayContain(text) { // else no need to lower its case
		if k := strings.Index(strings.ToLower(text), "according to "); k >= 0 {
			for _, e := range es {
				if e.Start > k && (e.Kind == entities.Person || e.Kind == entities.Organization) {
					return true
				}
			}
		}
	}
	if verb < 0 {
		return false
	}
	for _, e := range es {
		if e.End <= verb && (e.Kind == entities.Person || e.Kind == entities.Organization || e.Kind == entities.Other) {
			return true
		}
	}
	return false
}

// dropDateline removes an expression of the publication date that stands
// in a dateline at the head of the article: "WASHINGTON, Jan. 15 (Reuters) -".
func dropDateline(text string, base int, cal []temporal.Timex, dct timex.Date) []temporal.Timex {
	var out []temporal.Timex
	for _, tx := range cal {
		s, e := tx.Start-base, tx.End-base
		iv, _ := tx.Value.Interval()
		head := strings.TrimSpace(text[:s])
		tail := strings.TrimSpace(text[e:min(len(text), e+20)])
		isDateline := iv.Start == dct && iv.End == dct && s < 40 &&
			(head == "" || strings.HasSuffix(head, ",") && strings.ToUpper(head) == head) &&
			(strings.HasPrefix(tail, "(") || strings.HasPrefix(tail, "-") || strings.HasPrefix(tail, "—") || strings.HasPrefix(tail, "–"))
		if !isDateline {
			out = append(out, tx)
		}
	}
	return out
}

// commentStamps are the stamps of readers' comments, or of a blog post's
// footer, as pages taken from the web keep them: "February 13, 2011 at
// 6:53 pm |", "Posted by: eye95 | July 19, 2010 9:25 AM | Report abuse",
// "At 2:10 pm on 02 Jun 2009, ghostofsichuan wrote:", "| Comments (4) |
// Permalink".
var commentStamps = regexp.MustCompile(`(?i)\b\d{4},?(?: \d{1,2}:\d\d ?[ap]m)? at \d{1,2}:\d\d ?[ap]\.?m\.? *\||` +
	`^posted by [^|:]{1,40} \d{1,2}:\d\d ?[ap]m\b|` +
	`posted by:? *[^|]{1,60}\|[^|]{1,40}\d{1,2}:\d\d ?[ap]\.?m\.? *\| *report abuse|` +
	`\bat \d{1,2}:\d\d ?[ap]\.?m\.? on \d{1,2} [a-z]{3,9}\.? \d{4}, *[^:]{1,60} wrote:|` +
	`\| *comments \(\d+\) *\| *permalink`)

// readerComments reports a sentence that starts the comments under an
// article (or ends a blog post): what follows on the page is not the
// article's.
func readerComments(sentence string) bool {
	return (strings.ContainsRune(sentence, '|') || strings.Contains(sentence, " wrote:") || hasPrefixFold(sentence, "posted by ")) &&
		commentStamps.MatchString(sentence)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// clock matches a clock time with its zone or half of the day, as
// timestamps give it: "7:32 pm EDT", "08.47 GMT", "8:45 PM".
var clock = regexp.MustCompile(`(?i)^\d{1,2}[:.]\d\d(\s*(am|pm|a\.m\.|p\.m\.))?(\s*(gmt|bst|utc|edt|est|cdt|cst|pdt|pst|et|cet|cest))?\b`)

// clockBefore matches a clock time and "on" just before a date: "01.35
// GMT on Saturday May 22 2010".
var clockBefore = regexp.MustCompile(`(?i)\b\d{1,2}[:.]\d\d(\s*(am|pm|a\.m\.|p\.m\.))?(\s*(gmt|bst|utc|edt|est|cdt|cst|pdt|pst|et|cet|cest))?\s+on\s+$`)

// dropTimestamps removes the timestamps of the page an article was taken
// from ("Mon May 24, 2010 7:32 pm EDT", "Wednesday 19 January 2005 08.47
// GMT", "Posted by David T on April 2, 2005 11:01 PM", "appeared ... on
// 01.35 GMT on Saturday May 22 2010"): a full date within a day of
// publication next to a clock time. They date the page, not a happening
// (and would count as later articles naming the day). stamped reports
// that one was removed.
func dropTimestamps(text string, base int, cal []temporal.Timex, dct timex.Date) (kept []temporal.Timex, stamped bool) {
	var drop [][2]int // timestamp spans, relative to text
	for _, tx := range cal {
		s, e := tx.Start-base, tx.End-base
		iv, _ := tx.Value.Interval()
		if tx.Type != timex.TypeDate || tx.Value.Granularity() != timex.Day || !yearIn(tx.Text) ||
			dct.DaysUntil(iv.Start) < -1 || dct.DaysUntil(iv.Start) > 1 {
			continue
		}
		after := strings.TrimLeft(text[e:], " ,;|")
		if len(text)-e-len(after) <= 3 {
			if m := clock.FindString(after); m != "" {
				at := len(text) - len(after)
				drop = append(drop, [2]int{s, at + len(m)})
				continue
			}
		}
		if loc := clockBefore.FindStringIndex(text[:s]); loc != nil {
			drop = append(drop, [2]int{loc[0], e})
		}
	}
	if len(drop) == 0 {
		return cal, false
	}
	for _, tx := range cal {
		s, e := tx.Start-base, tx.End-base
		if !slices.ContainsFunc(drop, func(d [2]int) bool { return s < d[1] && d[0] < e }) {
			kept = append(kept, tx)
		}
	}
	return kept, true
}

// pageNote reports a sentence about the page rather than the news: when
// it was posted, updated or published, where it appeared.
func pageNote(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		switch strings.Trim(w, ".,:;") {
		case "posted", "updated", "appeared", "published", "modified":
			return true
		}
	}
	return false
}

// yearIn reports a four-digit year in a date's text.
func yearIn(s string) bool {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			if n++; n == 4 {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}

// Analyze returns what grouping uses of a sentence that has no date of its
// own: its entities, content words and cues. An editor's quote is compared
// with mentions this way.
func Analyze(sentence string) Mention {
	c := analyze(sentence)
	es := entities.Find(sentence)
	stems := getStems()
	defer putStems(stems)
	var skip [][2]int
	for _, e := range es {
		skip = append(skip, [2]int{e.Start, e.End})
	}
	return Mention{
		Sentence: sentence, Reporting: c.reporting, Denial: c.denial,
		Entities: es, Terms: terms(sentence, skip, stems), Continues: -1,
	}
}
