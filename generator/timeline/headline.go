package timeline

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/timeline-dev/timeline/generator/entities"
	"github.com/timeline-dev/timeline/generator/mentions"
)

// compress makes a headline of a mention's sentence: the clause that holds
// its date, without the date (the timeline shows it), without attribution
// to a newspaper ("..., the U.S. daily said"), a quotation as "Speaker:
// “quote”", and cut at a clause boundary when it is too long.
func compress(m *mentions.Mention) string {
	s := m.Sentence
	es, ee := -1, -1
	if m.Basis == mentions.Expression {
		es, ee = m.ExprStart-m.Start, m.ExprEnd-m.Start
	}
	s, es, ee = clauseOf(s, es, ee)
	if es >= 0 {
		s = removeExpression(s, es, ee)
	}
	s = tidy(dropAsides(dropDateline(s)))
	if q, ok := quotation(s); ok {
		return finish(q)
	}
	s = stripAttribution(s)
	return finish(s)
}

// dateline matches a dateline at the head of a sentence: places (and an
// outlet) before a dash, "Washington and Beirut, Asharq Al-Awsat—", with
// the agency in parentheses after them, "DARMSTADT, Germany (TP) — ", or
// one place and the agency, "CAIRO (AFP) – ".
var dateline = regexp.MustCompile(`^(?:(?:[A-Z][\p{L}.'’]*(?: and | |, ))+[A-Z][\p{L}.'’-]*(?:\s*` + agency + `)?|[A-Z][\p{L}.'’-]*\s*` + agency + `)\s*[—–]\s*`)

// agency is a news agency's name or initials in parentheses.
const agency = `\([A-Z][\p{L}.&'’ -]{0,30}\)`

// pageHead matches what a page taken from the web puts before an
// article's first words: its title, the place and the agency ("U.S. to
// keep heat on BP - Salazar WASHINGTON | Sun May 2, 2010 9:05 am EDT
// WASHINGTON May 2 (Reuters) - "), a stamp ("NEW ORLEANS | Mon Jul 12,
// 2010 7:47 pm EDT NEW ORLEANS - ", "Friday 14 January 2005 02.44 GMT "),
// a byline ("By the CNN Wire Staff ").
var pageHead = regexp.MustCompile(`^(?:.{0,250}?\((?:Reuters|AP|AFP|CNN|UPI|Bloomberg)\)\s*(?:--?|–|—)\s*|` +
	`(?:.{0,200}?\| )?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? [A-Z][a-z]{2,8}\.? \d{1,2},? \d{4},? \d{1,2}:\d\d ?[ap]m [A-Z]{2,4} [^-–—|]{0,40}?(?:--?|–|—)\s*|` +
	`(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? \d{1,2} [A-Z][a-z]+ \d{4},? \d{1,2}[.:]\d\d (?:GMT|BST|CET|UTC) |` +
	`By (?:the )?CNN Wire Staff )`)

// pageHeadWords are words one of which every match of pageHead holds:
// the agency in parentheses, the clock's colon, the time zone, the
// byline. Most sentences have none, and the expression runs on few.
var pageHeadWords = []string{"(Reuters)", "(AP)", "(AFP)", "(CNN)", "(UPI)", "(Bloomberg)", ":",
	"GMT ", "BST ", "CET ", "UTC ", "CNN Wire Staff "}

// findPageHead is pageHead.FindStringIndex(s).
func findPageHead(s string) []int {
	for _, w := range pageHeadWords {
		if strings.Contains(s, w) {
			return pageHead.FindStringIndex(s)
		}
	}
	return nil
}

// dropDateline removes a dateline such as "Washington and Beirut, Asharq
// Al-Awsat—" from the head of a sentence, and what a page puts before an
// article's first words (see pageHead).
func dropDateline(s string) string {
	if loc := findPageHead(s); loc != nil && loc[1] < len(s)-20 {
		s = s[loc[1]:]
	}
	if s == "" || s[0] < 'A' || s[0] > 'Z' || !strings.ContainsAny(s, "—–") {
		return s // what the expression needs
	}
	if loc := dateline.FindStringIndex(s); loc != nil && loc[1] < 80 {
		return s[loc[1]:]
	}
	return s
}

var asides = regexp.MustCompile(` [–—] [^–—]{3,120}? [–—] | \([^()]{3,120}\)`)

// dropAsides removes asides between dashes or in parentheses, and what
// is left of one whose start went with the date ("– before ... –").
func dropAsides(s string) string {
	if strings.ContainsAny(s, "–—(") {
		s = asides.ReplaceAllString(s, " ")
	}
	// "As early as 2013 – before X – Y" lost its date: "– before X – Y".
	for _, d := range []string{"– ", "— "} {
		if strings.HasPrefix(strings.TrimSpace(s), d) {
			rest := strings.TrimPrefix(strings.TrimSpace(s), d)
			if k := strings.Index(rest, " "+strings.TrimSpace(d)+" "); k >= 0 {
				s = rest[k+len(d)+1:]
			}
		}
	}
	return s
}

// clauseBreaks separate clauses that report different things.
var clauseBreaks = regexp.MustCompile(`(, while |; |, and that |, whereas |, but )`)

// clauseOf returns the clause that holds the expression [es, ee) (or the
// first clause), with the expression's offsets in it.
func clauseOf(s string, es, ee int) (string, int, int) {
	if !strings.Contains(s, ", ") && !strings.Contains(s, "; ") {
		return s, es, ee
	}
	locs := clauseBreaks.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return s, es, ee
	}
	start := 0
	for _, l := range locs {
		if es < 0 || es < l[0] {
			return s[start:l[0]], shift(es, start), shift(ee, start)
		}
		start = l[1]
	}
	return strings.TrimPrefix(s[start:], "that "), shift(es, start+len(s[start:])-len(strings.TrimPrefix(s[start:], "that "))), shift(ee, start+len(s[start:])-len(strings.TrimPrefix(s[start:], "that ")))
}

func shift(x, by int) int {
	if x < 0 {
		return x
	}
	return x - by
}

// datePreps are the words that introduce a date and go with it.
var datePreps = []string{"as early as ", "as late as ", "as of ", "since ", "until ", "on ", "in ", "at ", "over ", "during ", "by ", "from ", "for "}

// removeExpression cuts the expression [es, ee) out with its preposition
// ("on Wednesday"), or when it opens the clause ("Last month the United
// States ...", "But yesterday the WHO ...") or follows a reporting verb
// ("said Tuesday that"). Elsewhere ("an appeal launched last month that",
// "Thursday’s vote") it stays: cutting it would break the sentence.
func removeExpression(s string, es, ee int) string {
	if es < 0 || ee > len(s) || es >= ee {
		return s
	}
	if after := s[ee:]; strings.HasPrefix(after, "’s") || strings.HasPrefix(after, "'s") {
		return s // "from Thursday’s vote": the date belongs to a noun
	}
	before := s[:es]
	low := strings.ToLower(before)
	for _, p := range datePreps {
		if strings.HasSuffix(low, p) && (len(low) == len(p) || !unicode.IsLetter(rune(low[len(low)-len(p)-1]))) {
			return before[:len(before)-len(p)] + s[ee:]
		}
	}
	words := strings.Fields(low)
	switch {
	case len(words) == 0, strings.HasSuffix(strings.TrimSpace(low), ","), strings.HasSuffix(strings.TrimSpace(low), "–"), strings.HasSuffix(strings.TrimSpace(low), "—"):
		return before + s[ee:]
	case verbsBeforeDate[words[len(words)-1]]:
		return before + s[ee:]
	case openers(words):
		return before + s[ee:] // "But yesterday the WHO ...": it opens the clause
	}
	return s
}

// openers reports words that only join a clause to what came before
// ("But", "And then"): an expression after them opens the clause.
func openers(words []string) bool {
	for _, w := range words {
		if !openingWords[strings.Trim(w, ",")] {
			return false
		}
	}
	return true
}

var openingWords = map[string]bool{"but": true, "and": true, "yet": true, "so": true, "also": true, "then": true, "meanwhile": true, "however": true, "still": true}

// verbsBeforeDate are verbs a bare date may follow: "said Tuesday that".
var verbsBeforeDate = map[string]bool{"said": true, "says": true, "announced": true, "told": true, "reported": true, "confirmed": true, "denied": true, "met": true, "arrived": true, "left": true, "died": true}

// tidy collapses runs of white space, removes the space before closing
// punctuation (, . ; : ! ? ” ’ ")") and after an opening quotation mark
// or bracket, a comma left before other punctuation by a cut (", ." →
// "."), and punctuation or dashes left at the start. It runs on every
// headline candidate, so it is written out rather than made of regular
// expressions (tidy_test.go checks that it does what they did).
func tidy(s string) string {
	s = collapseSpaces(s)
	var b strings.Builder
	b.Grow(len(s))
	// No space before closing punctuation.
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && i+1 < len(s) && closesAfter(s[i+1:]) {
			continue
		}
		b.WriteByte(s[i])
	}
	s = b.String()
	// A comma before other punctuation goes.
	if strings.IndexByte(s, ',') >= 0 {
		b.Reset()
		for i := 0; i < len(s); i++ {
			if s[i] == ',' {
				j := i + 1
				for j < len(s) && asciiSpace(s[j]) {
					j++
				}
				if j < len(s) && strings.IndexByte(",.;:", s[j]) >= 0 {
					b.WriteByte(s[j])
					i = j
					continue
				}
			}
			b.WriteByte(s[i])
		}
		s = b.String()
	}
	// No space after an opening quotation mark or bracket.
	if strings.IndexByte(s, '(') >= 0 || strings.Contains(s, "“") {
		b.Reset()
		for i := 0; i < len(s); {
			n := 0
			switch {
			case s[i] == '(':
				n = 1
			case strings.HasPrefix(s[i:], "“"):
				n = len("“")
			}
			if n == 0 {
				b.WriteByte(s[i])
				i++
				continue
			}
			b.WriteString(s[i : i+n])
			for i += n; i < len(s) && asciiSpace(s[i]); i++ {
			}
		}
		s = b.String()
	}
	// Nothing but words at the start.
	s = strings.TrimLeftFunc(s, func(r rune) bool {
		return r < utf8.RuneSelf && asciiSpace(byte(r)) || strings.ContainsRune(",;:.–—-", r)
	})
	return strings.TrimSpace(s)
}

// collapseSpaces replaces every run of ASCII white space with one space.
func collapseSpaces(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if asciiSpace(s[i]) && (s[i] != ' ' || i+1 < len(s) && asciiSpace(s[i+1])) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if asciiSpace(s[i]) {
			b.WriteByte(' ')
			for i+1 < len(s) && asciiSpace(s[i+1]) {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// asciiSpace reports the white space of regular expressions' \s.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// closesAfter reports whether s starts with punctuation that takes no
// space before it.
func closesAfter(s string) bool {
	if strings.IndexByte(",.;:!?)", s[0]) >= 0 {
		return true
	}
	return strings.HasPrefix(s, "”") || strings.HasPrefix(s, "’")
}

var (
	// “Quote,” Speaker said ...
	quoteFirst = regexp.MustCompile(`^[“"](.+?)[,.]?[”"],? ([^“”"]{1,60}?) (?:said|says|told|tells|added|adds|claimed|claims|argued|argues|insisted|insists|wrote|writes)\b`)
	// Speaker said/told X: “Quote”
	quoteLast = regexp.MustCompile(`^([^“”"]{1,80}?) (?:said|says|told [^:“”"]{1,40}|added|claimed|claims|argued|argues):? [“"](.+?)[.,]?[”"]\.?$`)
	pronouns  = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true, "i": true}
)

// quotation formats a sentence that is a quotation and its attribution as
// "Speaker: “quote”" (or just the quotation when the speaker is a pronoun).
func quotation(s string) (string, bool) {
	var quote, speaker string
	if !strings.ContainsAny(s, "“\"") {
		return "", false // what both expressions need
	}
	var first []string
	if s[0] == '"' || strings.HasPrefix(s, "“") {
		first = quoteFirst.FindStringSubmatch(s)
	}
	if m := first; m != nil {
		quote, speaker = m[1], m[2]
	} else if m := quoteLast.FindStringSubmatch(s); m != nil {
		speaker, quote = m[1], m[2]
	} else {
		return "", false
	}
	if strings.ContainsAny(quote, "“”\"") {
		return "", false
	}
	who := speakerName(speaker)
	if who == "" {
		return "“" + quote + "”", true
	}
	return who + ": “" + quote + "”", true
}

// speakerName returns the name to show for a speaker: a person's surname,
// or "" for pronouns and descriptions without a name.
func speakerName(speaker string) string {
	if pronouns[strings.ToLower(strings.TrimSpace(speaker))] {
		return ""
	}
	found := entities.Find(speaker + " said")
	for _, e := range found {
		if e.Kind == entities.Person || e.Kind == entities.Other {
			words := strings.Fields(e.Text)
			return words[len(words)-1]
		}
	}
	for _, e := range found {
		if e.Kind == entities.Organization {
			return e.Text
		}
	}
	return ""
}

var (
	// "..., the U.S. daily said." / "..., Mekdad claims." / "..., sources said."
	tailAttribution = regexp.MustCompile(`,\s*([^,“”"]{1,50}?)\s+(?:said|says|claimed|claims|added|adds|reported|reports|indicated|according to [^,]+)\.?$`)
	// "According to X(, which ...,)? "
	accordingTo = regexp.MustCompile(`^(?:According to|Citing) [^,]+(?:, (?:which|who) [^,]+)?, `)
	// "Separately ", "Also, ", "Meanwhile, "
	leadAdverb = regexp.MustCompile(`^(?:Separately|Also|Meanwhile|However|Indeed|Moreover|Still|Yet|But|And|Asked about [^,]+),? `)
	// "SUBJ (, ...,)? said (...) that CLAUSE" / "SUBJ said CLAUSE"
	reportedThat = regexp.MustCompile(`^([^“”",]{1,80}?)(?:, [^“”"]{1,130}?,)? (?:said|says|reported|reports|told|tells|indicated|indicates|confirmed|confirms|claimed|claims|announced|announces|added|adds|noted|wrote|argued|insisted)(?: [^,“”"]{1,40}?)? that (.+)$`)
	reported     = regexp.MustCompile(`^([^“”",]{1,80}?)(?:, [^,“”"]{1,60},)? (?:said|says|reported|reports|indicated|confirmed|claimed|claims|announced|added) (.+)$`)
)

// leadAdverbs are the words leadAdverb starts with; reportingVerbs the
// verbs reported needs, between spaces.
var (
	leadAdverbs    = []string{"Separately", "Also", "Meanwhile", "However", "Indeed", "Moreover", "Still", "Yet", "But", "And", "Asked about "}
	reportingVerbs = []string{" said ", " says ", " reported ", " reports ", " indicated ", " confirmed ", " claimed ", " claims ", " announced ", " added "}
)

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func containsAny(s string, subs []string) bool {
	for _, p := range subs {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// stripAttribution removes who reported a statement when the statement
// stands on its own: "The Wall Street Journal ... said a retired officer
// ... was the first to visit" becomes "A retired officer ... was the
// first to visit". A person's statement keeps its speaker: "Mekdad: ...".
func stripAttribution(s string) string {
	s = strings.TrimSuffix(s, ".")
	// Each expression runs only where the words it needs are.
	speaker := ""
	if strings.IndexByte(s, ',') >= 0 {
		if m := tailAttribution.FindStringSubmatchIndex(s); m != nil && m[0] > 30 {
			// "..., Mekdad claims": a person's claim keeps its speaker;
			// a newspaper's report is the news ("..., the daily said").
			speaker = personSurname(s[m[2]:m[3]])
			s = s[:m[0]]
		}
	}
	if speaker != "" {
		return speaker + ": " + lowerArticle(s)
	}
	if strings.HasPrefix(s, "According to ") || strings.HasPrefix(s, "Citing ") {
		s = accordingTo.ReplaceAllString(s, "")
	}
	if hasAnyPrefix(s, leadAdverbs) {
		s = leadAdverb.ReplaceAllString(s, "")
	}
	var m []string
	if strings.Contains(s, " that ") {
		m = reportedThat.FindStringSubmatch(s)
	}
	if m == nil && containsAny(s, reportingVerbs) {
		m = reported.FindStringSubmatch(s)
	}
	if m == nil || len(strings.Fields(m[2])) < 4 {
		return s
	}
	person := personSurname(m[1])
	switch {
	case person == "":
		// A newspaper, a report, sources: the statement is the news.
		return m[2]
	case utf8.RuneCountInString(s) <= MaxHeadline:
		// A person's statement that fits stays as it is written.
		return s
	}
	return person + ": " + m[2]
}

// finish capitalizes, drops the final period, and shortens to
// MaxHeadline at a clause boundary when there is one.
func finish(s string) string {
	s = tidy(s)
	s = strings.TrimRight(s, " ,;:")
	if strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "..") && !strings.HasSuffix(s, ".”") {
		s = s[:len(s)-1]
	}
	s = capitalizeFirst(s)
	if utf8.RuneCountInString(s) > MaxHeadline {
		s = cutHeadline(s)
	} else if c, ok := closeQuotation(s); ok && c != "" {
		s += c // a quotation that goes on in the next sentence
	}
	return dropSubordinator(s)
}

// cutHeadline cuts s at the last clause boundary that leaves a readable
// headline: a punctuation mark, or a word that starts a clause or a phrase
// the happening stands without ("... had argued for cooperation with the
// Assad regime | as the lesser of two evils"). Inside a quotation the cut
// closes it: a quotation cut at a clause boundary is a partial quotation,
// not a truncated one ("Diab: ... Miqdad “was not new”"). Without such a
// boundary s is returned whole, for Headline to cut at a word.
func cutHeadline(s string) string {
	if c := cutAt(s, headlineBreaks, 45); c != "" {
		return c
	}
	// No clause boundary: before a phrase the statement stands without,
	// keeping most of it ("... unleashed their biggest attack yet against
	// a rebel stronghold | in the east").
	if c := cutAt(s, phraseBreaks, 60); c != "" {
		return c
	}
	// Last, before "and" ("... attacked Libyan air-defense | and other
	// military targets"), when what comes before it is a statement.
	if c := cutAt(s, []string{" and "}, 60); c != "" {
		return c
	}
	return s
}

// cutAt cuts s before the last of breaks that leaves at least min and
// at most MaxHeadline characters, a prefix that does not dangle; "" if
// there is none.
func cutAt(s string, breaks []string, min int) string {
	cut, closer := -1, ""
	for _, sep := range breaks {
		for i := strings.Index(s, sep); i >= 0; {
			if n := utf8.RuneCountInString(s[:i]); n >= min && n < MaxHeadline && i > cut && !dangles(s[:i]) && (sep != " that " || !thatComplement(s[:i])) && (sep != " to " || !toComplement(s[:i])) && statement(s[:i]) {
				if c, ok := closeQuotation(strings.TrimRight(s[:i], " ,;:")); ok && n+len([]rune(c)) <= MaxHeadline {
					cut, closer = i, c
				}
			}
			k := strings.Index(s[i+1:], sep)
			if k < 0 {
				break
			}
			i += 1 + k
		}
	}
	if cut < 0 {
		return ""
	}
	return strings.TrimRight(s[:cut], " ,;:") + closer
}

// closeQuotation returns what closes a prefix of a headline: nothing if
// its quotation marks and parentheses are balanced, a closing quotation
// mark if it stops inside a quotation of three words or more; ok is false
// otherwise (a cut inside parentheses, or after a quotation's first word).
func closeQuotation(s string) (closer string, ok bool) {
	if strings.Count(s, "(") != strings.Count(s, ")") {
		return "", false
	}
	open, closeMark := -1, ""
	switch curly := strings.Count(s, "“") - strings.Count(s, "”"); {
	case curly == 0 && strings.Count(s, `"`)%2 == 0:
		return "", true
	case curly == 1 && strings.Count(s, `"`)%2 == 0:
		open, closeMark = strings.LastIndex(s, "“")+len("“"), "”"
	case curly == 0:
		open, closeMark = strings.LastIndexByte(s, '"')+1, `"`
	default:
		return "", false
	}
	if len(strings.Fields(s[open:])) < 3 {
		return "", false
	}
	return closeMark, true
}

// subordinators open a clause that asserts what it says ("While some
// nations are waiting ..., others ..."): when a cut leaves only that
// clause, the word goes and the clause stands as a statement.
var subordinators = []string{"While ", "Although ", "Though ", "Whereas "}

// dropSubordinator removes a subordinator that opens a headline (after its
// speaker, "Mekdad: While ...") when the main clause it needs was cut.
func dropSubordinator(s string) string {
	head, body := "", s
	if i := strings.Index(s, ": "); i > 0 && i < 40 && !strings.ContainsAny(s[:i], "“\"") {
		head, body = s[:i+2], s[i+2:]
	}
	if strings.Contains(body, ", ") {
		return s // "While X, Y": the main clause is there
	}
	for _, w := range subordinators {
		if strings.HasPrefix(body, w) || head != "" && strings.HasPrefix(body, strings.ToLower(w)) {
			body = body[len(w):]
			if head == "" {
				return capitalizeFirst(body)
			}
			return head + body
		}
	}
	return s
}

// thatComplement reports whether " that " after s opens what the last
// word of s needs ("said that ...", "the fact that ..."), not a relative
// clause a headline can end before ("recognition behind the scenes that
// ...").
func thatComplement(s string) bool {
	w := strings.ToLower(s[strings.LastIndexByte(s, ' ')+1:])
	return thatWords[w] || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") && thatWords[strings.TrimSuffix(w, "s")]
}

// toComplement reports whether " to " after s opens what the last word
// of s needs ("agreed to pay", "is due to"), not a phrase a statement can
// end before ("a deal with Kurdish parties | to end the deadlock").
func toComplement(s string) bool {
	w := strings.ToLower(s[strings.LastIndexByte(s, ' ')+1:])
	return toWords[w] || strings.HasSuffix(w, "ed") || toWords[strings.TrimSuffix(w, "s")]
}

// toWords take an infinitive with "to" after them.
var toWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`want plan agree decide try tried begin began begun going need have has had use expect hope refuse fail
		seem continue able unable likely unlikely set due about promise threaten vow pledge order ask urge allow force help appear
		decline chose choose ready willing move sought seek aim intend prepare is was are were be been will would could should
		how what where when whether who which agreement plan plans attempt effort efforts bid right left way order chance time enough`) {
		m[w] = true
	}
	return m
}()

// thatWords take a clause with "that" after them: verbs of saying,
// thinking and knowing, and the nouns and adjectives of the same.
var thatWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`say said tell told think thought believe know knew claim add note report indicate warn argue insist
		announce confirm deny suggest state hope fear agree acknowledge concede realize realise show mean meant find found reveal learn
		saw see feel felt expect decide rule assure promise admit allege explain stress declare recall predict estimate conclude assert
		maintain contend determine emphasize emphasise ensure write wrote seem appear
		saying adding noting claiming arguing warning insisting suggesting indicating stating writing
		fact evidence sign news word belief view idea hope fear concern charge rumor rumour assurance
		is was are were be been so such now given clear sure aware likely possible unlikely true`) {
		m[w] = true
	}
	return m
}()

// personSurname returns the surname of the person a speaker names ("The
// BBC's chief international correspondent Lyse Doucet": "Doucet"), or ""
// when it names none.
func personSurname(speaker string) string {
	person := ""
	for _, e := range entities.Find(speaker + " said") {
		if e.Kind == entities.Person || e.Kind == entities.Other {
			words := strings.Fields(e.Text)
			person = words[len(words)-1]
		}
	}
	return person
}

// lowerArticle lowers the first letter of a statement that follows its
// speaker ("Salazar: the Obama administration ...") when its first word is
// not a name.
func lowerArticle(s string) string {
	w, _, _ := strings.Cut(s, " ")
	if lowerable[w] {
		return strings.ToLower(w[:1]) + s[1:]
	}
	return s
}

var lowerable = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`The A An It There This That These Those Some Many Most All We They He She Our Its His Her Their No Any Every One Two Three`) {
		m[w] = true
	}
	return m
}()

// dangles reports a prefix that ends in a word that needs what follows.
func dangles(s string) bool {
	s = strings.TrimRight(s, " ,;:")
	w := s[strings.LastIndexByte(s, ' ')+1:]
	return danglingWords[strings.ToLower(w)]
}

// statement reports whether a prefix a cut leaves is a statement: it has
// a verb ("An international military coalition including France" has
// none, nor "Libya's deputy U.N. ambassador, Ibrahim al-Dabashi"), and
// does not end with a scrap of a phrase after a comma, of three words or
// fewer and no verb ("... military allies, some", "... with France, one
// day"): the cut belongs at that comma.
func statement(s string) bool {
	s = strings.TrimRight(s, " ,;:")
	if !hasVerb(s) {
		return false
	}
	if k := strings.LastIndex(s, ", "); k >= 0 {
		if tail := s[k+2:]; len(strings.Fields(tail)) <= 3 && !hasVerb(tail) && balanced(tail) {
			return false
		}
	}
	return true
}

// hasVerb reports a word that looks like a finite verb: an auxiliary or a
// modal, a verb in the simple past ("attacked", "met"), or a present
// after a name ("Obama visits"). It knows no grammar: a word in -ed
// after an article is taken for an adjective ("the embattled
// government").
func hasVerb(s string) bool {
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-' })
	for i, w := range words {
		lw := strings.ToLower(w)
		prev := ""
		if i > 0 {
			prev = strings.ToLower(words[i-1])
		}
		switch {
		case finiteWords[lw], irregularPast[lw]:
			return true
		case len(lw) > 4 && strings.HasSuffix(lw, "ed") && prev != "the" && prev != "a" && prev != "an" && w == lw:
			return true
		case i > 0 && w == lw && strings.HasSuffix(lw, "s") && !strings.HasSuffix(lw, "ss") && !strings.HasSuffix(lw, "'s") && !strings.HasSuffix(lw, "’s") &&
			capitalized(words[i-1]) && !possessiveWord(words[i-1]) && !strings.HasSuffix(words[i-1], "s"):
			return true
		}
	}
	return false
}

func capitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func possessiveWord(w string) bool { return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") }

// finiteWords are auxiliaries and modals, and the verbs of saying a
// headline keeps.
var finiteWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`is are was were be been has have had will would can could may might must shall should did does do
		says said tells told claims claimed denies denied warns warned urges urged calls called`) {
		m[w] = true
	}
	return m
}()

// irregularPast are verbs in the simple past that do not end in -ed (not
// those spelled as their present: "set to air" is no statement).
var irregularPast = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`met went came gave took made sent left won lost began fought fell rose struck shot hit flew led held
		brought bought sold paid spent built broke drove ran sought caught fled froze found kept knew saw thought wrote felt spoke
		stood sat lay laid threw blew grew drew dug wore tore became chose rode rang sang sank swam woke forgot got stole heard
		meant hid sprang slid sped swept taught told`) {
		m[w] = true
	}
	return m
}()

// headlineBreaks are where a long headline may end: before them.
var headlineBreaks = []string{", ", " — ", " – ", "; ",
	" which ", " who ", " whose ", " as ", " after ", " before ", " because ", " while ", " when ", " where ",
	" although ", " though ", " since ", " until ", " amid ", " despite ", " following ", " saying ",
	" in order to ", " to discuss ", " to talk ", " but ", " that "}

// phraseBreaks start a phrase a statement can end before when it has no
// clause boundary to end at.
var phraseBreaks = []string{" in ", " on ", " at ", " for ", " with ", " against ", " over ", " from ", " into ",
	" during ", " to ", " including ", " near ", " across ", " through ", " under ", " by ", " about "}

// danglingWords may not end a headline cut short: the cut would leave a
// phrase unfinished ("quoted Turkish President Gul as").
var danglingWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the as to of and or but that with for by in on at from into than this these those its his her their
		some just only even also not including such very more most less many much few several each every both either neither one`) {
		m[w] = true
	}
	return m
}()

func balanced(s string) bool {
	return strings.Count(s, "“") == strings.Count(s, "”") && strings.Count(s, `"`)%2 == 0 && strings.Count(s, "(") == strings.Count(s, ")")
}

func capitalizeFirst(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			if unicode.IsLower(r) {
				return s[:i] + string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
			}
			return s
		}
		if r != '“' && r != '"' && r != '‘' && r != '(' {
			return s
		}
	}
	return s
}
