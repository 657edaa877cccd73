package temporal

import "unicode/utf8"

type tokKind uint8

const (
	tWord tokKind = iota
	tNumber
	tPunct
)

// token is a word, a number or a punctuation mark of the input. Tokens
// always start and end on ASCII bytes or at the ends of multi-byte runes,
// so their offsets are valid UTF-8 boundaries.
type token struct {
	lex        *lexeme // nil for words not in the lexicon
	start, end int
	num        int32 // value of a number (digits only, capped)
	sent, para int32 // sentence and paragraph index
	flags      tokFlags
	kind       tokKind
	digits     uint8 // number of digits of a number token
}

type tokFlags uint16

const (
	fSpace   tokFlags = 1 << iota // white space before the token
	fCap                          // starts with an upper-case letter
	fAllCaps                      // every letter is upper case
	fComma                        // a number with thousands separators (1,200)
	fDecimal                      // a number with a decimal point (1.4)
	fOrdinal                      // a number with an ordinal suffix (21st)
	fPlural                       // a number with an "s" suffix (1990s)
	fSuffix                       // a number with some other letter suffix
	fPast                         // a past-tense verb form
	fFuture                       // a future marker
	fPresent                      // a present-tense verb form
	fNewline                      // a line break before the token
)

func (t *token) has(f tokFlags) bool { return t.flags&f != 0 }

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }

// tokenize splits text into tokens, looking each word up in the lexicon.
func tokenize(text string, lineParagraphs bool, toks []token) []token {
	var sent, para int32
	var flags tokFlags
	newSent := false
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			flags |= fSpace
			i++
			continue
		case c == '\n':
			if flags&fNewline != 0 || lineParagraphs {
				if len(toks) > 0 && toks[len(toks)-1].para == para {
					para++
				}
			}
			flags |= fSpace | fNewline
			newSent = true
			i++
			continue
		}
		if newSent && len(toks) > 0 {
			sent++
			newSent = false
		}
		t := token{start: i, flags: flags, sent: sent, para: para}
		flags = 0
		switch {
		case c >= '0' && c <= '9':
			i = scanNumber(text, i, &t)
		case isLetter(c) || c >= 0x80 && !isPunctRune(text, i):
			i = scanWord(text, i, &t)
		case c >= 0x80:
			// A typographic quote or dash: one punctuation token, looked
			// up under its ASCII equivalent.
			_, n := utf8.DecodeRuneInString(text[i:])
			t.kind, t.end = tPunct, i+n
			t.lex = punctLex(asciiPunct(text[i : i+n]))
			i += n
		default:
			t.kind, t.end = tPunct, i+1
			t.lex = punctLex(c)
			i++
			if (c == '.' || c == '!' || c == '?') && endsSentence(text, i, toks) {
				newSent = true
			}
		}
		toks = append(toks, t)
	}
	return toks
}

// endsSentence reports whether a period, exclamation or question mark just
// before i ends a sentence: white space follows, then a capital, a digit or a
// quote. A period after a single capital (an initial) or a known
// abbreviation does not.
func endsSentence(text string, i int, toks []token) bool {
	j := i
	for j < len(text) && (text[j] == '"' || text[j] == '\'' || text[j] == ')') {
		j++
	}
	if j >= len(text) {
		return true
	}
	if text[j] != ' ' && text[j] != '\n' && text[j] != '\t' {
		return false
	}
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	if j >= len(text) || text[j] == '\n' {
		return true
	}
	if !(isUpper(text[j]) || text[j] == '"' || text[j] == '\'' || text[j] >= 0x80) {
		return false
	}
	if n := len(toks); n > 0 && text[i-1] == '.' {
		prev := toks[n-1]
		if prev.kind == tWord && (prev.end-prev.start == 1 || prev.lex != nil && prev.lex.abbrev) {
			return false
		}
	}
	return true
}

// isPunctRune reports whether the multi-byte rune at i is a typographic
// quote or dash, which the tokenizer treats as punctuation.
func isPunctRune(text string, i int) bool {
	return len(text) >= i+3 && text[i] == 0xE2 && text[i+1] == 0x80 && text[i+2] >= 0x90 && text[i+2] <= 0x9F
}

func asciiPunct(s string) byte {
	if len(s) == 3 && s[0] == 0xE2 && s[1] == 0x80 {
		switch s[2] {
		case 0x98, 0x99, 0x9B: // ‘ ’ ‛
			return '\''
		case 0x9C, 0x9D, 0x9F: // “ ” ‟
			return '"'
		case 0x90, 0x91, 0x92, 0x93, 0x94, 0x95: // hyphens and dashes
			return '-'
		}
	}
	return 0
}

func scanNumber(text string, i int, t *token) int {
	t.kind = tNumber
	n, digits := 0, 0
	for i < len(text) && text[i] >= '0' && text[i] <= '9' {
		if n < 1e8 {
			n = n*10 + int(text[i]-'0')
		}
		digits++
		i++
	}
	// Thousands groups: 1,200 and 1,200,000.
	for i+3 < len(text)+1 && i < len(text) && text[i] == ',' && i+4 <= len(text) && isDigits3(text[i+1:i+4]) && (i+4 == len(text) || text[i+4] < '0' || text[i+4] > '9') {
		t.flags |= fComma
		for k := i + 1; k < i+4; k++ {
			if n < 1e8 {
				n = n*10 + int(text[k]-'0')
			}
		}
		digits += 3
		i += 4
	}
	// Decimals: 1.4
	if i+1 < len(text) && text[i] == '.' && text[i+1] >= '0' && text[i+1] <= '9' {
		t.flags |= fDecimal
		i++
		for i < len(text) && text[i] >= '0' && text[i] <= '9' {
			i++
		}
	}
	// A letter suffix: 21st, 1990s, 5pm.
	if i < len(text) && isLetter(text[i]) {
		j := i
		for j < len(text) && (isLetter(text[j]) || text[j] >= '0' && text[j] <= '9') {
			j++
		}
		switch suf := lower2(text[i:j]); suf {
		case "st", "nd", "rd", "th":
			t.flags |= fOrdinal
		case "s":
			t.flags |= fPlural
		default:
			t.flags |= fSuffix
			t.lex = numberSuffixLex(text[i:j])
		}
		i = j
	}
	t.num, t.digits = int32(n), uint8(min(digits, 255))
	t.end = i
	return i
}

func isDigits3(s string) bool {
	return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9'
}

// lower2 lower-cases a suffix of up to two letters, returning "" for longer ones.
func lower2(s string) string {
	switch len(s) {
	case 1:
		if s[0]|0x20 == 's' {
			return "s"
		}
	case 2:
		a, b := s[0]|0x20, s[1]|0x20
		switch {
		case a == 's' && b == 't':
			return "st"
		case a == 'n' && b == 'd':
			return "nd"
		case a == 'r' && b == 'd':
			return "rd"
		case a == 't' && b == 'h':
			return "th"
		}
	}
	return ""
}

func scanWord(text string, i int, t *token) int {
	start := i
	t.kind = tWord
	upper, lowerSeen := 0, false
	if isUpper(text[i]) {
		t.flags |= fCap
	}
	for i < len(text) {
		c := text[i]
		switch {
		case isLetter(c):
			if isUpper(c) {
				upper++
			} else {
				lowerSeen = true
			}
			i++
		case c >= '0' && c <= '9':
			i++
		case c >= 0x80:
			if isPunctRune(text, i) {
				goto done
			}
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
			lowerSeen = true
		case c == '.' && i-start == 1 && i+2 < len(text) && isLetter(text[i+1]) && text[i+2] == '.':
			// Initials: a.m., p.m., U.S.
			i += 3
			for i+1 < len(text) && isLetter(text[i]) && text[i+1] == '.' {
				i += 2
			}
			goto done
		default:
			goto done
		}
	}
done:
	if upper > 1 && !lowerSeen {
		t.flags |= fAllCaps
	}
	t.end = i
	t.lex = wordLex(text[start:i])
	if t.lex != nil {
		t.flags |= t.lex.tense
	} else if isPastForm(text[start:i]) {
		t.flags |= fPast
	}
	return i
}

// isPastForm guesses that a lower-case word ending in -ed is a past-tense
// verb or participle.
func isPastForm(w string) bool {
	n := len(w)
	return n > 4 && w[n-2] == 'e' && w[n-1] == 'd' && w[0] >= 'a' && w[0] <= 'z' && w[n-3] != 'e'
}
