// Package sentences splits the text blocks of news articles into
// sentences, keeping byte offsets into the block so that a citation can
// quote and anchor the exact sentence.
//
// News prose defeats the naive split at every period: abbreviations (U.S.,
// Gen., Jan. 2, Mr., No. 10), initials (P. T. Barnum), decimal numbers
// ($1.4 billion), ellipses, and quotations whose last sentence ends inside
// the quotation marks (“...the border,” he said.) or that run over several
// sentences (He said: “Yes. Many have.”). The rules here:
//
//   - A sentence ends at ".", "!", "?" or "…", plus any closing quotes and
//     brackets, when white space follows and the next word starts like a
//     sentence (a capital letter, a digit, an opening quote or bracket).
//   - Not after a known abbreviation or a single initial; after an
//     acronym with periods (U.S.) only when the next word is one that
//     starts sentences (The, He, But, ...).
//   - Not inside a quotation that opened in the same sentence and closes
//     later in the block, so a quoted passage stays with the words that
//     report it.
//   - A heading or caption is a block of its own; a block's end always ends
//     a sentence.
package sentences

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a sentence: block text [Start, End), without surrounding space.
type Span struct {
	Start, End int
}

// Split returns the sentences of a block of text.
func Split(text string) []Span {
	var spans []Span
	start := skipSpace(text, 0)
	quoteOpen := -1 // offset of an open double quote of the current sentence, or -1
	for i := start; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case isOpenQuote(r, text, i):
			if quoteOpen < 0 && closesLater(text, i+n) {
				quoteOpen = i
			}
		case isCloseQuote(r, text, i):
			quoteOpen = -1
		}
		if !isTerminal(r) {
			i += n
			continue
		}
		// Extend over repeated terminals and closing punctuation.
		end := i + n
		for end < len(text) {
			r2, n2 := utf8.DecodeRuneInString(text[end:])
			if isTerminal(r2) || isCloser(r2) {
				if isCloseQuote(r2, text, end) {
					quoteOpen = -1
				}
				end += n2
				continue
			}
			break
		}
		next := skipSpace(text, end)
		if next == end || next >= len(text) {
			i = end
			continue
		}
		if quoteOpen >= 0 || !boundary(text, i, r, next) {
			i = end
			continue
		}
		spans = append(spans, Span{start, end})
		start = next
		quoteOpen = -1
		i = next
	}
	if e := trimEnd(text, len(text)); e > start {
		spans = append(spans, Span{start, e})
	}
	return spans
}

// boundary decides whether the terminal r at i, followed by the word at
// next, ends a sentence.
func boundary(text string, i int, r rune, next int) bool {
	nr, _ := utf8.DecodeRuneInString(text[next:])
	if !(unicode.IsUpper(nr) || unicode.IsDigit(nr) || isOpenQuote(nr, text, next) || nr == '(' || nr == '[' || nr == '‘') {
		return false
	}
	if r != '.' {
		return true
	}
	word := wordBefore(text, i)
	lower := strings.ToLower(strings.TrimRight(word, "."))
	switch {
	case word == "":
		return true
	case isInitial(word):
		// "P. T. Barnum", "George W. Bush": an initial is not a sentence.
		return false
	case abbreviations[lower]:
		return false
	case monthAbbrev[lower]:
		// "Jan. 2": a month abbreviation before a number.
		return !unicode.IsDigit(nr)
	case strings.Count(word, ".") >= 1 && isAcronym(word):
		// "U.S." ends a sentence only before a word that starts one.
		return sentenceStarters[nextWord(text, next)]
	}
	return true
}

// wordBefore returns the non-space run ending at the period at i,
// including internal periods ("U.S" for "U.S."), without opening quotes.
func wordBefore(text string, i int) string {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:j])
		if unicode.IsSpace(r) || r == '(' || r == '[' || r == '"' || r == '“' || r == '‘' {
			break
		}
		j -= n
	}
	return text[j:i]
}

func nextWord(text string, i int) string {
	j := i
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += n
	}
	return text[i:j]
}

// isInitial reports a single capital letter: "P", "W".
func isInitial(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsUpper(r)
}

// isAcronym reports letters separated by periods: "U.S", "U.N", "a.m".
func isAcronym(w string) bool {
	for _, part := range strings.Split(w, ".") {
		if utf8.RuneCountInString(part) > 2 || part == "" {
			return false
		}
		for _, r := range part {
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}

func isTerminal(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

func isCloser(r rune) bool {
	return r == '"' || r == '”' || r == '’' || r == '\'' || r == ')' || r == ']' || r == '»'
}

// isOpenQuote reports an opening double quote: “ or a straight " that
// starts a word.
func isOpenQuote(r rune, text string, i int) bool {
	switch r {
	case '“', '«':
		return true
	case '"':
		if i == 0 {
			return true
		}
		p, _ := utf8.DecodeLastRuneInString(text[:i])
		return unicode.IsSpace(p) || p == '(' || p == '[' || p == '—' || p == '–'
	}
	return false
}

func isCloseQuote(r rune, text string, i int) bool {
	switch r {
	case '”', '»':
		return true
	case '"':
		return !isOpenQuote(r, text, i)
	}
	return false
}

// closesLater reports whether a closing double quote follows in the text.
func closesLater(text string, from int) bool {
	for i := from; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if isCloseQuote(r, text, i) {
			return true
		}
		if isOpenQuote(r, text, i) {
			return false // another quotation opens first: this one is unbalanced
		}
		i += n
	}
	return false
}

func skipSpace(text string, i int) int {
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

func trimEnd(text string, e int) int {
	for e > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return e
}

// abbreviations are words that take a period and never end a sentence in
// news prose (lowercase, without the period).
var abbreviations = setOf(
	"mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt",
	"gov", "sen", "rep", "rev", "fr", "sr", "jr", "st", "mt", "ft", "pres", "supt", "insp", "det", "amb", "hon",
	"no", "nos", "vs", "v", "etc", "approx", "est", "fig", "vol", "pp", "p", "ch", "art", "sec", "para",
	"inc", "corp", "co", "ltd", "bros", "dept", "univ", "assn", "intl", "govt",
	"i.e", "e.g", "cf", "al", "ca", "c",
)

var monthAbbrev = setOf("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

// sentenceStarters are words that begin a sentence after an acronym such
// as "U.S." ends one.
var sentenceStarters = setOf(
	"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those", "There",
	"But", "And", "Or", "So", "Yet", "In", "On", "At", "For", "As", "After", "Before", "When", "While",
	"If", "Since", "Although", "However", "Meanwhile", "Last", "Earlier", "Later", "Many", "Some", "Its", "His", "Her", "Their",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
