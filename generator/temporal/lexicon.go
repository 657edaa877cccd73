package temporal

// The lexicon: every word the rules know, with what it means. It is built
// once at init from the tables below and from the literal words of the
// rules, and never changes afterwards.

type unit uint8

const (
	uNone unit = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeek
	uWeekend
	uFortnight
	uMonth
	uQuarter
	uHalf
	uYear
	uDecade
	uCentury
	uMillennium
)

// lexeme is a word (or punctuation mark) of the lexicon.
type lexeme struct {
	word    string
	month   int  // 1-12
	weekday int  // ISO 1 (Monday) - 7 (Sunday)
	number  int  // a spelled number: one = 1, twenty = 20
	tens    bool // twenty ... ninety: may be followed by a unit number
	ordinal int  // first = 1 ... thirty-first = 31
	unit    unit
	plural  bool   // plural unit (years)
	season  string // SP SU FA WI
	pod     string // MO AF EV NI MI
	decade  int    // nineties = 9
	abbrev  bool   // an abbreviation that may take a period (Jan., Tues.)
	// ambiguous marks month names that are also common words (May, March).
	ambiguous bool
	ampm      int // 1 for a.m., 2 for p.m.
	tense     tokFlags
	countNoun bool   // a noun that follows a count, never a year ("1990 people")
	eventNoun bool   // a noun of something that lasts (see agedEvent)
	intent    bool   // a word of intention before "to" ("plans to", "agreed to")
	holiday   string // a holiday name's key in holidayDates
	rules     []int
}

var monthNames = []struct {
	m     int
	names []string
}{
	{1, []string{"january", "jan"}},
	{2, []string{"february", "feb"}},
	{3, []string{"march", "mar"}},
	{4, []string{"april", "apr"}},
	{5, []string{"may"}},
	{6, []string{"june", "jun"}},
	{7, []string{"july", "jul"}},
	{8, []string{"august", "aug"}},
	{9, []string{"september", "sept", "sep"}},
	{10, []string{"october", "oct"}},
	{11, []string{"november", "nov"}},
	{12, []string{"december", "dec"}},
}

var weekdayNames = []struct {
	d     int
	names []string
}{
	{1, []string{"monday", "mon"}},
	{2, []string{"tuesday", "tues", "tue"}},
	{3, []string{"wednesday", "wed"}},
	{4, []string{"thursday", "thurs", "thu", "thur"}},
	{5, []string{"friday", "fri"}},
	{6, []string{"saturday", "sat"}},
	{7, []string{"sunday", "sun"}},
}

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}

var ordinalWords = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
	"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20, "thirtieth": 30, "twenty-first": 21,
}

var unitWords = map[string]unit{
	"second": uSecond, "seconds": uSecond, "sec": uSecond, "secs": uSecond,
	"minute": uMinute, "minutes": uMinute, "min": uMinute, "mins": uMinute,
	"hour": uHour, "hours": uHour, "hrs": uHour,
	"day": uDay, "days": uDay,
	"week": uWeek, "weeks": uWeek,
	"weekend": uWeekend, "weekends": uWeekend,
	"fortnight": uFortnight, "fortnights": uFortnight,
	"month": uMonth, "months": uMonth,
	"quarter": uQuarter, "quarters": uQuarter,
	"year": uYear, "years": uYear,
	"decade": uDecade, "decades": uDecade,
	"century": uCentury, "centuries": uCentury,
	"millennium": uMillennium, "millennia": uMillennium,
}

var seasonWords = map[string]string{
	"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}

var podWords = map[string]string{
	"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "midday": "MI",
}

var decadeWords = map[string]int{
	"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
	"eighties": 8, "nineties": 9,
}

// Tense markers: verb forms that say whether a clause is about the past or
// the future. Regular past forms (-ed) are recognized by their ending.
var pastWords = []string{
	"was", "were", "had", "did", "said", "told", "went", "came", "made", "took", "gave", "met",
	"left", "sent", "began", "rose", "fell", "won", "lost", "saw", "got", "held", "paid", "sold",
	"bought", "led", "brought", "thought", "knew", "became", "spent", "wrote", "spoke", "ran",
	"broke", "chose", "drove", "ate", "flew", "fought", "found", "grew", "heard", "hit", "hung",
	"kept", "laid", "lay", "meant", "quit", "rang", "sat", "shot", "shut", "slid", "sought", "stood",
	"struck", "swore", "taught", "threw", "understood", "woke", "wore", "withdrew", "been", "ago",
	"earlier", "previously", "last", "yesterday", "since", "done", "gone", "seen", "taken", "given",
	"known", "shown", "written", "spoken", "begun", "fallen", "risen", "stolen", "chosen", "driven",
	"arisen", "forgotten", "hidden", "beaten", "eaten", "undertaken", "overtaken", "sunk", "sank", "bore",
}

var futureWords = []string{
	"will", "ll", "shall", "would", "scheduled", "expected", "expects", "expect",
	"upcoming", "tomorrow", "due", "intends", "aims", "hopes",
	"until", "till", "slated", "going", "soon", "forthcoming",
}

// intentWords before "to" and a verb announce something ahead: "agreed to
// buy it in January".
var intentWords = []string{
	"plan", "plans", "planned", "planning", "agree", "agreed", "agrees", "expect", "expected", "expects",
	"going", "want", "wants", "wanted", "decided", "decide", "seek", "seeks", "sought", "aim", "aims",
	"hope", "hopes", "hoped", "intend", "intends", "intended", "promised", "promise", "vowed", "vow",
	"threatened", "voted", "set", "due", "scheduled", "likely", "able", "ready", "prepared", "preparing",
	"offered", "asked", "urged", "called", "tried", "trying", "try", "proposed", "pledged", "slated",
	"poised", "moving", "moved", "needs", "need", "would", "will", "order", "ordered", "allowed",
	"is", "are", "plan", "plans",
}

var presentWords = []string{"is", "are", "says", "say", "am", "now", "today", "this", "currently"}

// countNouns follow a count and show that a four-digit number is not a
// year ("1,200 jihadists", "2000 people").
var countNouns = []string{
	"people", "persons", "men", "women", "children", "troops", "soldiers", "fighters", "jihadists",
	"workers", "employees", "members", "shares", "units", "cars", "homes", "houses", "jobs", "votes",
	"dollars", "euros", "pounds", "yen", "tons", "tonnes", "barrels", "miles", "kilometers", "km",
	"meters", "feet", "acres", "points", "percent", "cases", "deaths", "students", "copies", "words",
	"pages", "users", "refugees", "civilians", "rebels", "militants", "police", "officers", "sites",
	"companies", "firms", "banks", "stores", "patients", "prisoners", "delegates", "seats", "times",
	"rounds", "attacks", "planes", "aircraft", "vehicles", "tanks", "missiles", "rockets", "guns",
	"weapons", "calories", "degrees", "pieces", "items", "visitors", "tourists", "families", "votes",
	"bushels", "ounces", "contracts", "issues", "accounts", "customers", "subscribers", "deaths",
}

// contextWords are words the rules look at around a match (prepositions
// and determiners) without their being part of any pattern.
var contextWords = []string{
	"in", "since", "of", "by", "until", "till", "from", "during", "before", "after", "through", "to",
	"and", "or", "the", "a", "an", "on", "at", "for", "within", "over", "between", "this", "that",
	"last", "next", "each", "every", "early", "late", "mid", "as", "than", "but", "also", "then",
	"account", "accounts", "affairs", "events", "assets", "liabilities", "ratio", "prices", "price",
	"rate", "rates", "value", "values", "share", "dollar", "yield", "fiscal", "per", "once", "twice",
	"times", "noon", "midnight", "most", "number", "id", "page", "route", "flight", "room", "channel", "model", "code", "still", "newly", "very", "well", "already", "less", "more", "its", "their", "his", "her", "our", "these", "those", "may", "might", "could", "can", "post", "pre", "period", "term", "effective", "latter", "day", "eve", "midday", "long", "possible", "planned", "be", "soon", "has", "have", "ended", "ending", "being", "compared", "with", "versus", "up", "down", "million", "billion", "trillion", "percent", "%", "cents", "old", "aged", "age",
	"another", "scheduling", "my", "your", "considering", "contemplating", "weighing",
}

// abbreviations that take a period and do not end a sentence.
var abbreviations = []string{"mr", "mrs", "ms", "dr", "gen", "col", "lt", "sen", "rep", "gov", "st", "no", "vs", "inc", "corp", "co", "ltd", "jr", "sr", "prof", "capt", "sgt", "u.s.", "u.n.", "est", "edt", "pst", "pdt", "cst", "cdt"}

type lexiconT struct {
	words map[string]*lexeme
	punct [128]*lexeme
	// suffixes of numbers with a letter suffix: am, pm
	am, pm *lexeme
}

func (lx *lexiconT) get(w string) *lexeme {
	if w == "" {
		return nil
	}
	if len(w) == 1 && !isLetter(w[0]) && w[0] < 128 {
		if lx.punct[w[0]] == nil {
			lx.punct[w[0]] = &lexeme{word: w}
		}
		return lx.punct[w[0]]
	}
	l := lx.words[w]
	if l == nil {
		l = &lexeme{word: w}
		lx.words[w] = l
	}
	return l
}

func buildLexicon() *lexiconT {
	lx := &lexiconT{words: make(map[string]*lexeme, 1024)}
	for _, m := range monthNames {
		for i, n := range m.names {
			l := lx.get(n)
			l.month = m.m
			l.abbrev = i > 0
			l.ambiguous = n == "may" || n == "march" || n == "mar" || n == "jan" || n == "jun" || n == "sep"
		}
	}
	for _, d := range weekdayNames {
		for i, n := range d.names {
			l := lx.get(n)
			l.weekday = d.d
			l.abbrev = i > 0
		}
	}
	for w, n := range numberWords {
		l := lx.get(w)
		l.number = n
		l.tens = n >= 20 && n < 100
	}
	for w, n := range ordinalWords {
		lx.get(w).ordinal = n
	}
	for w, u := range unitWords {
		l := lx.get(w)
		l.unit = u
		l.plural = w[len(w)-1] == 's' || w == "centuries" || w == "millennia"
		if w == "sec" || w == "min" || w == "hrs" || w == "secs" || w == "mins" {
			l.abbrev = true
		}
	}
	for w, s := range seasonWords {
		lx.get(w).season = s
	}
	for w, p := range podWords {
		lx.get(w).pod = p
	}
	for w, d := range decadeWords {
		lx.get(w).decade = d
	}
	for _, w := range pastWords {
		lx.get(w).tense |= fPast
	}
	for _, w := range futureWords {
		lx.get(w).tense |= fFuture
	}
	for _, w := range presentWords {
		lx.get(w).tense |= fPresent
	}
	for w, k := range map[string]string{
		"christmas": "christmas", "thanksgiving": "thanksgiving", "halloween": "halloween",
		"easter": "easter", "election": "election", "valentine's": "valentine", "labor": "labor",
		"memorial": "memorial", "new-year": "new-year",
	} {
		lx.get(w).holiday = k
	}
	for _, w := range intentWords {
		lx.get(w).intent = true
	}
	for _, w := range eventNouns {
		lx.get(w).eventNoun = true
	}
	for _, w := range countNouns {
		lx.get(w).countNoun = true
	}
	for _, c := range `.,;:!?'"()-/$%#&*+[]{}<>@_` {
		lx.get(string(c))
	}
	for _, w := range contextWords {
		lx.get(w)
	}
	for _, w := range abbreviations {
		lx.get(w).abbrev = true
	}
	lx.am, lx.pm = lx.get("a.m."), lx.get("p.m.")
	lx.am.ampm, lx.pm.ampm = 1, 2
	for _, w := range []string{"am", "a.m"} {
		lx.get(w).ampm = 1
	}
	for _, w := range []string{"pm", "p.m"} {
		lx.get(w).ampm = 2
	}
	return lx
}

// wordLex returns the lexeme of a word, ignoring case, or nil.
func wordLex(w string) *lexeme {
	if len(w) > 24 {
		return nil
	}
	var buf [24]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return grammar.lex.words[string(buf[:len(w)])]
}

func punctLex(c byte) *lexeme {
	if c == 0 || c >= 128 {
		return nil
	}
	return grammar.lex.punct[c]
}

// numberSuffixLex returns the lexeme of the suffix of a number like 5pm.
func numberSuffixLex(s string) *lexeme {
	if len(s) == 2 && s[1]|0x20 == 'm' {
		switch s[0] | 0x20 {
		case 'a':
			return grammar.lex.am
		case 'p':
			return grammar.lex.pm
		}
	}
	return nil
}
