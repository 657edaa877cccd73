package mentions

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

type cues struct {
	reporting      bool // a reporting verb or "according to"
	present        bool // the report is in the present or present perfect
	denial         bool // the sentence denies or disputes
	pronounSpeaker bool // "he said", "she added": the speaker is the last one named
	verb           int  // byte offset of the first reporting verb, or -1
	past           bool // a verb in the simple past tells what happened: "pledged"
	background     bool // the past perfect or "previously": what happened before
	now            bool // "is", "are", "has", "have": the present or present perfect
}

// Reporting verbs in their present and past forms.
var (
	presentReporting = wordSet(`says say tells tell claims claim adds argues argue denies deny insists insist
reports report writes write confirms confirm announces announce indicates indicate states warns warn
explains notes suggests believes believe estimates estimate maintains maintain admits admit acknowledges
quotes cites describes`)
	pastReporting = wordSet(`said told claimed added argued denied insisted reported wrote confirmed announced
indicated stated warned explained noted suggested estimated maintained admitted acknowledged quoted cited
described declined dismissed replied refused revealed disclosed alleged asserted accused urged called
remarked commented testified decried condemned criticised criticized praised welcomed hailed blamed`)
	perfectAux = wordSet(`has have`)
	nowVerbs   = wordSet(`is are am has have`)
)

// denialPhrases mark a sentence that denies or disputes a happening.
var denialPhrases = []string{
	"denied", "denies", "deny", "denying",
	"don't know anything", "do not know anything", "didn't know", "did not know", "not aware", "no knowledge",
	"does not discuss", "doesn't discuss", "do not discuss", "don't discuss", "did not discuss",
	"is false", "was false", "are false", "were false", "untrue", "not true", "baseless", "fabricated",
	"no such", "never happened", "there has been no", "there have been no", "has not been any", "have not been any",
	"not under my auspices",
}

// Verbs that deny only when their object is a claim: "rejected the
// report" denies, "dismissed the possibility" does not.
var (
	rejectVerbs = wordSet(`rejected rejects dismissed dismisses refuted refutes disputed disputes contradicted`)
	claimNouns  = wordSet(`claim claims report reports allegation allegations accusation accusations suggestion suggestions account accounts assertion assertions statement statements story stories rumor rumors rumour rumours`)
)

func analyze(sentence string) cues { return analyzeWords(sentence, sentenceWords(sentence, "", nil)) }

// analyzeWords is analyze of a sentence whose words (sentenceWords) are
// known.
func analyzeWords(sentence string, words []word) cues {
	c := cues{verb: -1}
	for i, wd := range words {
		w := wd.low
		// A capitalized word inside the sentence is a name ("United
		// States"), and a word after a determiner is a noun ("the report").
		if i > 0 && wd.raw != w || i > 0 && (words[i-1].class&determinerWord != 0 || possessive(words[i-1].raw)) {
			continue
		}
		if i > 0 && wd.pastVerb() {
			c.past = true
		}
		if i > 0 && wd.class&nowVerb != 0 {
			c.now = true
		}
		found := true
		switch {
		case wd.class&presentReportingVerb != 0:
			c.reporting, c.present = true, true
		case wd.class&pastReportingVerb != 0:
			c.reporting = true
			if i > 0 && words[i-1].class&perfectAuxVerb != 0 {
				c.present = true // "has told", "have said"
			}
		case w == "according" && i+1 < len(words) && words[i+1].raw == "to":
			c.reporting, c.present = true, true
		default:
			found = false
		}
		if found && c.verb < 0 {
			c.verb = wd.start
		}
		if wd.class&subjectPronoun != 0 {
			// "he said", "she also claims", "he later told"
			for k := i + 1; k < len(words) && k <= i+2; k++ {
				n := words[k].class
				if n&(presentReportingVerb|pastReportingVerb) != 0 {
					c.pronounSpeaker = true
					break
				}
				if n&adverbWord == 0 {
					break
				}
			}
		}
	}
	c.denial = denies(sentence)
	for i, wd := range words {
		if wd.class&rejectVerb != 0 {
			for k := i + 1; k < len(words) && k <= i+3; k++ {
				if words[k].class&claimNoun != 0 {
					c.denial = true
				}
			}
		}
	}
	// Background: the past perfect ("had ruled out") or "previously" tells
	// what happened before the news, not the news.
	for i, wd := range words {
		lw := wd.low
		if lw == "previously" || lw == "formerly" || lw == "had" && i+1 < len(words) && (words[i+1].pastVerb() || words[i+1].class&adverbWord != 0) {
			c.background = true
		}
	}
	return c
}

// denies reports one of denialPhrases in a sentence, at word boundaries.
func denies(sentence string) bool {
	if !denialSet.mayContain(sentence) {
		return false // most sentences: no need to lower their case
	}
	low := strings.ToLower(strings.ReplaceAll(sentence, "’", "'"))
	for _, g := range denialGroups {
		if !strings.Contains(low, g.key) {
			continue
		}
		for _, p := range g.phrases {
			if containsPhrase(low, p) {
				return true
			}
		}
	}
	return false
}

// denialKeys are the keys of denialGroups: a sentence that holds none,
// ignoring case, denies nothing (the keys hold no apostrophe, which
// denies writes the same whether curly or straight).
var denialKeys = func() []string {
	var keys []string
	for _, g := range denialGroups {
		keys = append(keys, g.key)
	}
	return keys
}()

var denialSet = newFoldSet(denialKeys...)

// denialGroups are denialPhrases by a part they share, which a sentence
// must hold for one of them to be in it: most sentences hold none, and
// are looked through for a dozen parts instead of forty phrases.
var denialGroups = func() []struct {
	key     string
	phrases []string
} {
	keys := []string{"den", "know", "aware", "discuss", "false", "true", "baseless", "fabricated", "no such",
		"never happened", "been no", "been any", "auspices"}
	groups := make([]struct {
		key     string
		phrases []string
	}, len(keys))
	for _, p := range denialPhrases {
		k := slices.IndexFunc(keys, func(k string) bool { return strings.Contains(p, k) })
		if k < 0 {
			panic("mentions: denial phrase " + p + " in no group")
		}
		groups[k].key = keys[k]
		groups[k].phrases = append(groups[k].phrases, p)
	}
	return groups
}()

// word is a word of a sentence, as rawWordsIndex finds them, with what is
// asked of it again and again.
type word struct {
	start    int
	raw, low string // as written, and in lower case
	class    wordClass
}

// sentenceWords returns the words of a sentence, appended to words[:0]
// (a slice of the last sentence's, or nil). low is "" or the sentence
// with its ASCII capitals in lower case (see lowerASCII), made for the
// first word that needs it when "".
func sentenceWords(sentence, low string, words []word) []word {
	// One pass, as rawWordsIndex finds them, into a slice about the size
	// of an English sentence's words (one in six bytes).
	if words == nil {
		words = make([]word, 0, len(sentence)/6+1)
	}
	words = words[:0]
	eachWord(sentence, func(i, j int) {
		lw := lowerWord(sentence, &low, i, j)
		words = append(words, word{start: i, raw: sentence[i:j], low: lw, class: wordClasses[lw]})
	})
	return words
}

// lowerWord returns strings.ToLower(s[i:j]) without making a string for
// each word: a word in lower case is itself, and an ASCII word is cut
// from *low, s in lower case, made for the first that needs it.
func lowerWord(s string, low *string, i, j int) string {
	w := s[i:j]
	upper := false
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return w
	}
	if *low == "" {
		*low = lowerASCII(s)
	}
	return (*low)[i:j]
}

// lowerASCII returns s with its ASCII capitals in lower case, and every
// other byte as it is.
func lowerASCII(s string) string {
	b := []byte(s)
	for k, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[k] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// pastVerb is pastVerb(w.low).
func (w word) pastVerb() bool {
	if w.class&irregularPastVerb != 0 {
		return true
	}
	return len(w.low) > 4 && strings.HasSuffix(w.low, "ed") && w.class&notPastWord == 0
}

// wordClass says which of the word sets a word (in lower case) is in.
type wordClass uint16

const (
	presentReportingVerb wordClass = 1 << iota
	pastReportingVerb
	perfectAuxVerb
	nowVerb
	rejectVerb
	claimNoun
	irregularPastVerb
	notPastWord
	determinerWord
	subjectPronoun
	adverbWord
	lightVerb
	stopWord
	dateWord
)

// wordClasses are the classes of the words of the sets, looked up once
// for all.
var wordClasses = func() map[string]wordClass {
	m := map[string]wordClass{}
	for _, s := range []struct {
		set   map[string]bool
		class wordClass
	}{
		{presentReporting, presentReportingVerb}, {pastReporting, pastReportingVerb}, {perfectAux, perfectAuxVerb},
		{nowVerbs, nowVerb}, {rejectVerbs, rejectVerb}, {claimNouns, claimNoun}, {irregularPast, irregularPastVerb},
		{notPast, notPastWord}, {determiners, determinerWord}, {subjectPronouns, subjectPronoun}, {adverbs, adverbWord},
		{lightVerbs, lightVerb}, {stopWords, stopWord}, {dateWords, dateWord},
	} {
		for w := range s.set {
			m[w] |= s.class
		}
	}
	return m
}()

// pastVerb reports a word that looks like a verb in the simple past:
// "pledged", "met", "promised" (adjectives in -ed are let through; the
// cost is a few more candidate sentences, which must still be similar to
// an event to join it).
func pastVerb(w string) bool {
	if irregularPast[w] {
		return true
	}
	return len(w) > 4 && strings.HasSuffix(w, "ed") && !notPast[w]
}

var irregularPast = wordSet(`met went came gave took made sent left won lost began fought fell rose struck
shot hit flew led held brought bought sold paid spent built broke drove ran sought caught fled froze
found kept knew saw thought told said wrote`)

var notPast = wordSet(`armed concerned united based alleged so-called detailed limited advanced
red need seed feed breed speed proceed exceed succeed indeed hundred`)

// determiners and prepositions before a word make it a noun: "the report",
// "following claims".
var determiners = wordSet(`the a an this that these those his her their its our my your such following by of no any some
about on in for with from to into amid over after despite against conflicting new latest`)

// possessive reports "union's", "Kerry’s": the next word is a noun.
func possessive(w string) bool { return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") }

var subjectPronouns = wordSet(`he she they`)

var adverbs = wordSet(`also later then further again even still however separately repeatedly previously earlier`)

// containsPhrase reports p in s at word boundaries.
func containsPhrase(s, p string) bool {
	for i := 0; ; {
		k := strings.Index(s[i:], p)
		if k < 0 {
			return false
		}
		k += i
		before, _ := utf8.DecodeLastRuneInString(s[:k])
		after, _ := utf8.DecodeRuneInString(s[k+len(p):])
		if (k == 0 || !unicode.IsLetter(before)) && (k+len(p) == len(s) || !unicode.IsLetter(after)) {
			return true
		}
		i = k + 1
	}
}

// rawWordsIndex returns the byte ranges of the words of s.
func rawWordsIndex(s string) [][2]int {
	var out [][2]int
	eachWord(s, func(i, j int) { out = append(out, [2]int{i, j}) })
	return out
}

// eachWord calls f with the byte range of each word of s: a run of
// letters and apostrophes.
func eachWord(s string, f func(i, j int)) {
	start := -1
	for i, r := range s {
		letter := unicode.IsLetter(r) || r == '\'' || r == '’'
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			f(start, i)
			start = -1
		}
	}
	if start >= 0 {
		f(start, len(s))
	}
}

// rawWords splits a sentence into words of letters (and apostrophes).
func rawWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
}

// terms returns the stemmed content words of a sentence, leaving out the
// byte ranges in skip (the time expressions): stop words, date words and
// the commonest reporting verbs are dropped; numbers are kept ("1.4",
// "700") because they identify a happening.
func terms(sentence string, skip [][2]int, stems map[string]string) []string {
	var out []string
	low := "" // the sentence in lower case, made when a word needs it
	i := 0
	for i < len(sentence) {
		r, n := utf8.DecodeRuneInString(sentence[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		j := i
		for j < len(sentence) {
			r2, n2 := utf8.DecodeRuneInString(sentence[j:])
			if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
				j += n2
				continue
			}
			// Keep "1.4", "1,200" and hyphenated words together.
			if (r2 == '.' || r2 == ',') && unicode.IsDigit(r) && j+1 < len(sentence) && isDigit(sentence[j+1]) {
				j += n2
				continue
			}
			break
		}
		start := i
		i = j
		if inSpans(start, skip) {
			continue
		}
		lw := lowerWord(sentence, &low, start, j)
		if (lw == "million" || lw == "billion" || lw == "trillion") && len(out) > 0 && out[len(out)-1] == "·money" {
			continue // part of the sum
		}
		if wordClasses[lw]&(stopWord|dateWord) != 0 || utf8.RuneCountInString(lw) < 2 && !unicode.IsDigit(r) {
			continue
		}
		if unicode.IsDigit(r) {
			out = append(out, strings.ReplaceAll(lw, ",", ""))
			if start > 0 && (sentence[start-1] == '$' || strings.HasSuffix(sentence[:start], "€") || strings.HasSuffix(sentence[:start], "£")) {
				out = append(out, "·money") // any sum of money
			}
			continue
		}
		st, ok := stems[lw]
		if !ok {
			st = english.Stem(lw, false)
			if c, ok := synonyms[st]; ok {
				st = c
			}
			if stems != nil {
				stems[strings.Clone(lw)] = st // lw may hold on to the whole article
			}
		}
		out = append(out, st)
	}
	return out
}

// stemCaches hold the stems of words, as terms makes them, for the
// articles extracted one after another: Snowball stemming is pure, and
// articles share most of their words. A cache is cleared when it holds
// stemCacheMax words.
var stemCaches = sync.Pool{New: func() any { return map[string]string{} }}

const stemCacheMax = 1 << 16

func getStems() map[string]string { return stemCaches.Get().(map[string]string) }

func putStems(stems map[string]string) {
	if len(stems) > stemCacheMax {
		clear(stems)
	}
	stemCaches.Put(stems)
}

// happenings returns the stems, as terms makes them, of the words of a
// sentence (sentenceWords) that name what it tells happened: verbs in the simple past
// ("landed", "resigned") or after "to" ("to land"), and nouns in -ing
// after a determiner ("the landing", "the shooting"); "touched" is
// "land". Outlets tell one happening in different words, and
// these are the words they keep: "has landed a probe on a comet",
// "Confirmation of the landing reached mission control", "the first
// spacecraft to land on a comet". Reporting verbs ("said") name the
// telling, not the happening, and light verbs ("made", "became") no
// happening of their own; names, and the byte ranges in skip (the time
// expressions), are left out.
func happenings(words []word, skip [][2]int, stems map[string]string) []string {
	var out []string
	for i, wd := range words {
		if i == 0 || inSpans(wd.start, skip) {
			continue
		}
		raw, w := wd.raw, wd.low
		if raw != w || wd.class&(presentReportingVerb|pastReportingVerb|lightVerb|stopWord|dateWord) != 0 {
			continue
		}
		prev := words[i-1].low
		afterDeterminer := words[i-1].class&determinerWord != 0 || possessive(prev)
		switch {
		case wd.pastVerb() && !afterDeterminer && prev != "be": // "landed"; not "the planned site", "will be lowered"
		case prev == "to" && len(w) > 2 && (i < 2 || !strings.EqualFold(words[i-2].raw, w)): // "to land"; not "door to door"
		case afterDeterminer && happeningNoun(w): // "the landing"
		default:
			continue
		}
		st := terms(raw, nil, stems)
		if len(st) == 0 {
			continue
		}
		if st[0] == "touch" {
			st[0] = "land" // "touched down", "first touched the comet's surface"
		}
		if !slices.Contains(out, st[0]) {
			out = append(out, st[0])
		}
	}
	return out
}

// happeningNoun reports a noun made of a verb, as a happening is named:
// "the landing", "the shooting" (not "the morning", "the king"; nouns
// in -ion and -ment name things as often: "the government", "the
// opposition").
func happeningNoun(w string) bool {
	return len(w) > 6 && strings.HasSuffix(w, "ing") && !notHappenings[w]
}

// notHappenings are nouns in -ing that name no happening.
var notHappenings = wordSet(`something nothing anything everything building buildings ceiling wedding clothing
housing funding spending earnings feeling thinking understanding standing`)

// lightVerbs name no happening of their own: "made history", "became
// the first", "had left".
var lightVerbs = wordSet(`made became came went got took gave kept seemed appeared used had did was were been being
remained continued began started tried wanted needed looked felt`)

// synonyms fold stems that news prose uses for the same happening onto
// one: pledged, promised, contributed; aid, assistance; talks, meetings.
var synonyms = func() map[string]string {
	groups := [][]string{
		{"pledg", "promis", "contribut", "donat", "commit"},
		{"aid", "assist", "relief", "help"},
		{"talk", "meet", "negoti", "discuss", "contact", "communic"},
		{"visit", "trip", "travel"},
		{"attack", "strike", "bomb", "assault", "raid", "airstrik"},
		{"kill", "die", "dead", "death", "slain"},
		{"deni", "reject", "refut", "dismiss"},
		{"cooper", "coordin", "collabor"},
		{"interview", "broadcast", "remark"},
		{"agenc", "servic"},
		{"minist", "ministri"},
		{"conferenc", "summit"},
	}
	m := map[string]string{}
	for _, g := range groups {
		for _, w := range g[1:] {
			m[w] = g[0]
		}
	}
	return m
}()

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func inSpans(i int, spans [][2]int) bool {
	for _, s := range spans {
		if i >= s[0] && i < s[1] {
			return true
		}
	}
	return false
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

var dateWords = wordSet(`january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
today yesterday tomorrow tonight week weeks month months year years day days ago last next earlier later
recently recent morning afternoon evening night weekend summer winter spring autumn fall decade`)

var stopWords = wordSet(`a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
down during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here
here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's
me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own
same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them
themselves then there there's these they they'd they'll they're they've this those through to too under
until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which
while who who's whom why why's with won't would wouldn't you you'd you'll you're you've your yours yourself
yourselves said says say told tells tell according would will also however one two many much yes per
its it’s s t`)

// Stem returns the term a word makes among a mention's Terms: its
// Snowball stem, folded with its synonyms ("promised" and "pledged" are
// both "pledg"), or the number itself; "" for a stop word or a date word,
// which make no term.
func Stem(word string) string {
	stems := getStems()
	defer putStems(stems)
	t := terms(word, nil, stems)
	if len(t) != 1 {
		return ""
	}
	return t[0]
}
