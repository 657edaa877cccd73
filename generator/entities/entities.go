// Package entities finds the named people, organizations and places in a
// sentence of news prose, and gives each a key under which different
// spellings of the same name meet: "Faisal Mekdad", "Mekdad" and "Faisal
// Miqdad" are the person "mekdad"; "U.S.", "US", "the United States" and
// "American" are the place "united states"; "Al-Qaida" and "al-Qaeda" are
// one organization.
//
// It is a rule-based finder built for grouping news reports into events,
// not a general named-entity recognizer: sequences of capitalized words
// (with "of", "al-" and the like inside), classified by gazetteers of
// countries, cities, demonyms and news organizations, by titles before a
// name ("Foreign Minister Walid al-Moallem"), by organization words
// ("State Department", "Islamic Front"), and by what follows ("Mekdad
// said").
package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Kind is the kind of a named entity.
type Kind string

// Entity kinds.
const (
	Person       Kind = "person"
	Organization Kind = "organization"
	Place        Kind = "place"
	Other        Kind = "other" // a name of unknown kind
)

// Entity is a name found in a text.
type Entity struct {
	Text       string // as written, without a leading "the" or a possessive 's
	Kind       Kind
	Key        string // the identity: equal keys name the same entity
	Start, End int    // byte range of Text in the input
}

// Same reports whether two keys name the same entity: equal, or, for
// people, surnames at most two letters apart (Mekdad and Miqdad, Moallem
// and Muallem).
func Same(a, b Entity) bool {
	if a.Key == b.Key {
		return true
	}
	if a.Kind == Person && b.Kind == Person || (a.Kind == Person || b.Kind == Person) && (a.Kind == Other || b.Kind == Other) {
		return len(a.Key) >= 5 && len(b.Key) >= 5 && a.Key[0] == b.Key[0] && close2(a.Key, b.Key)
	}
	return false
}

// close2 reports an edit distance of at most 2 (substitutions only, or one
// insertion or deletion).
func close2(a, b string) bool {
	if len(a) == len(b) {
		d := 0
		for i := 0; i < len(a); i++ {
			if a[i] != b[i] {
				d++
			}
		}
		return d <= 2
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) != 1 {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			return a[i:] == b[i+1:]
		}
	}
	return true
}

type token struct {
	text       string
	start, end int
}

// tokens splits text into words (letters, digits and inner ' - . &) and
// single punctuation marks.
func tokens(text string) []token {
	toks := make([]token, 0, len(text)/5+4) // about a word in five bytes
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		if !isWordRune(r) {
			toks = append(toks, token{text[i : i+n], i, i + n})
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			r2, n2 := utf8.DecodeRuneInString(text[j:])
			if isWordRune(r2) {
				j += n2
				continue
			}
			// Inner punctuation: U.S., al-Assad, King's, AT&T.
			if (r2 == '.' || r2 == '-' || r2 == '\'' || r2 == '’' || r2 == '&') && j+n2 < len(text) {
				r3, _ := utf8.DecodeRuneInString(text[j+n2:])
				if isWordRune(r3) {
					j += n2
					continue
				}
				if r2 == '.' && strings.Contains(text[i:j], ".") { // the final period of U.S.
					j += n2
				}
			}
			break
		}
		toks = append(toks, token{text[i:j], i, j})
		i = j
	}
	return toks
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// firstRune is the first rune of a token (tokens are never empty): what
// []rune(w)[0] is, without making the slice.
func firstRune(w string) rune {
	r, _ := utf8.DecodeRuneInString(w)
	return r
}

func capitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// Find returns the entities of a sentence, in order.
func Find(sentence string) []Entity {
	toks := tokens(sentence)
	// names[k] is nameWord(toks[k].text), asked for again and again as
	// names grow; classify changes a token only once the loop is past it.
	names := make([]bool, len(toks))
	for k, t := range toks {
		names[k] = nameWord(t.text)
	}
	first := firstWordStart(toks)
	initial := initials(toks)
	var out []Entity
	for i := 0; i < len(toks); {
		t := toks[i]
		if !names[i] {
			i++
			continue
		}
		// A known multi-word name wins: "Islamic State in Iraq and the Levant",
		// without a leading "The" unless it is part of it ("The Week").
		if starters[t.text] && i+1 < len(toks) {
			if n, e, ok := knownName(sentence, toks[i+1:], names[i+1:]); ok {
				out = append(out, e)
				i += n + 1
				continue
			}
		}
		if n, e, ok := knownName(sentence, toks[i:], names[i:]); ok {
			out = append(out, e)
			i += n
			continue
		}
		// Grow the capitalized run, with connectors inside; a possessive
		// ends it ("Britain's MI6" is two names).
		j := i + 1
		for j < len(toks) && !possessive(toks[j-1].text) {
			w := toks[j].text
			if names[j] {
				j++
				continue
			}
			if connectors[w] && j+1 < len(toks) && names[j+1] {
				j += 2
				continue
			}
			break
		}
		run := toks[i:j]
		i = j
		// A word that is never a name by itself, or a common word that is
		// capitalized only because it starts the sentence, is dropped.
		for len(run) > 0 && (starters[run[0].text] || connectors[run[0].text] ||
			(run[0].start == first && common[strings.ToLower(run[0].text)] && !known(run[0].text))) {
			run = run[1:]
		}
		if len(run) == 0 {
			continue
		}
		ents := classify(sentence, toks, run)
		// An unknown single word that opens a sentence or a quotation is
		// an ordinary word ("Certainly not"), unless someone speaks.
		if len(ents) == 1 && ents[0].Kind == Other && len(run) == 1 && initial[run[0].start] {
			continue
		}
		out = append(out, ents...)
	}
	return out
}

// initials returns the starts of the words that open the sentence or a
// quotation, or follow a colon.
func initials(toks []token) map[int]bool {
	m := map[int]bool{}
	open := true
	for _, t := range toks {
		switch t.text {
		case "“", "\"", ":", "‘", "(", "—":
			open = true
			continue
		}
		if open && isWordRune(firstRune(t.text)) {
			m[t.start] = true
		}
		open = false
	}
	return m
}

// nameWord reports a word that can be part of a name: capitalized, or a
// particle such as al- before a capitalized name ("al-Moallem"), and not a
// month or weekday.
func nameWord(w string) bool {
	if isDateWord(w) {
		return false
	}
	if capitalized(w) {
		return true
	}
	for _, p := range []string{"al-", "el-", "bin-", "ibn-", "ad-", "as-", "ash-"} {
		if strings.HasPrefix(w, p) && len(w) > len(p) && capitalized(w[len(p):]) {
			return true
		}
	}
	return false
}

func possessive(w string) bool { return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") }

func known(w string) bool {
	_, p := placeAlias(w)
	_, o := orgAlias(w)
	return p || o
}

// knownName matches the longest organization or place of two words or
// more at the start of toks; names[k] is nameWord(toks[k].text).
func knownName(sentence string, toks []token, names []bool) (int, Entity, bool) {
	for n := min(len(toks), 8); n >= 2; n-- {
		if !names[n-1] {
			continue
		}
		text := sentence[toks[0].start:toks[n-1].end]
		if possessive(text) {
			continue
		}
		// orgAlias, then placeAlias, folding the text once.
		f := fold(strings.TrimPrefix(text, "The "))
		if key, ok := organizations[f]; ok {
			return n, Entity{Text: text, Kind: Organization, Key: key, Start: toks[0].start, End: toks[n-1].end}, true
		}
		if key, ok := places[f]; ok {
			return n, Entity{Text: text, Kind: Place, Key: key, Start: toks[0].start, End: toks[n-1].end}, true
		}
	}
	return 0, Entity{}, false
}

func firstWordStart(toks []token) int {
	for _, t := range toks {
		if isWordRune(firstRune(t.text)) {
			return t.start
		}
	}
	return -1
}

// classify turns a capitalized run into entities: a title before a name
// makes the name a person; gazetteer runs are places or organizations.
func classify(sentence string, toks []token, run []token) []Entity {
	// Strip possessives and suffixes such as -linked from the last word.
	last := &run[len(run)-1]
	for _, suf := range []string{"'s", "’s", "-linked", "-affiliated", "-backed", "-led", "-based", "-born"} {
		if strings.HasSuffix(last.text, suf) && len(last.text) > len(suf) {
			last.text = last.text[:len(last.text)-len(suf)]
			last.end -= len(suf)
		}
	}
	words := make([]string, len(run))
	for k, t := range run {
		words[k] = t.text
	}
	// Titles: "Foreign Minister Walid al-Moallem", "Gen. Ali Mamluk",
	// "Secretary of State John Kerry".
	k := 0
	for k < len(words)-1 && (titles[strings.TrimSuffix(words[k], ".")] || connectors[words[k]] && k+1 < len(words)-1 && titles[words[k+1]]) {
		k++
	}
	if k > 0 {
		name := run[k:]
		return []Entity{entity(sentence, name, Person)}
	}
	full := strings.Join(words, " ")
	if key, ok := orgAlias(full); ok {
		e := entity(sentence, run, Organization)
		e.Key = key
		return []Entity{e}
	}
	if key, ok := placeAlias(full); ok {
		e := entity(sentence, run, Place)
		e.Key = key
		return []Entity{e}
	}
	if orgWords[words[len(words)-1]] || (len(words) > 1 && orgWords[words[0]]) {
		return []Entity{entity(sentence, run, Organization)}
	}
	// A multi-word run that starts with a known place or demonym and goes on
	// with other names is split: "Syrian President Bashar al-Assad".
	if len(words) > 1 {
		if key, ok := placeAlias(words[0]); ok {
			e := entity(sentence, run[:1], Place)
			e.Key = key
			return append([]Entity{e}, classify(sentence, toks, run[1:])...)
		}
	}
	kind := Other
	if len(words) >= 2 && len(words) <= 4 && allNameLike(words) {
		kind = Person
	} else if len(words) == 1 && followedByReporting(toks, run[0]) {
		kind = Person
	}
	if len(words) == 1 && common[strings.ToLower(words[0])] {
		return nil
	}
	return []Entity{entity(sentence, run, kind)}
}

// upper reports strings.ToUpper(w) == w without making the string: each
// rune is its own upper case, and none is an invalid byte (which ToUpper
// replaces).
func upper(w string) bool {
	for i, r := range w {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(w[i:]); n == 1 {
				return false
			}
		} else if unicode.ToUpper(r) != r {
			return false
		}
	}
	return true
}

func allNameLike(words []string) bool {
	for _, w := range words {
		if orgWords[w] || common[strings.ToLower(w)] {
			return false
		}
		if len(w) > 1 && upper(w) { // an acronym
			return false
		}
	}
	return true
}

func followedByReporting(toks []token, t token) bool {
	for k, x := range toks {
		if x.start == t.start && k+1 < len(toks) {
			return reportingVerbs[strings.ToLower(toks[k+1].text)]
		}
	}
	return false
}

func entity(sentence string, run []token, kind Kind) Entity {
	text := sentence[run[0].start:run[len(run)-1].end]
	e := Entity{Text: text, Kind: kind, Start: run[0].start, End: run[len(run)-1].end}
	e.Key = keyOf(run, kind)
	return e
}

// keyOf normalizes a name: a person by surname without "al-", anything
// else by its words.
func keyOf(run []token, kind Kind) string {
	if kind == Person || kind == Other && len(run) == 1 {
		s := fold(run[len(run)-1].text)
		for _, p := range []string{"al-", "el-", " al", "bin-"} {
			if strings.HasPrefix(s, p) && len(s) > len(p)+2 && strings.HasSuffix(p, "-") {
				s = s[len(p):]
			}
		}
		return s
	}
	parts := make([]string, len(run))
	for k, t := range run {
		parts[k] = fold(t.text)
	}
	return strings.Join(parts, " ")
}

// fold lowercases, removes accents and periods: "U.S." → "us", "Université" → "universite".
func fold(s string) string {
	// Most names are ASCII (with ’ perhaps), which NFKD leaves as they are:
	// lowercase them and drop the periods in one pass.
	buf := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			if strings.HasPrefix(s[i:], "’") {
				buf = append(buf, '\'')
				i += len("’") - 1
				continue
			}
			return foldSlow(s)
		case c == '.':
		case 'A' <= c && c <= 'Z':
			buf = append(buf, c+'a'-'A')
		default:
			buf = append(buf, c)
		}
	}
	return string(buf)
}

// foldSlow is fold of any text: its NFKD decomposition without the
// combining marks and periods, lowercase.
func foldSlow(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '.':
		case r == '’':
			b.WriteByte('\'')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func orgAlias(s string) (string, bool) {
	k, ok := organizations[fold(strings.TrimPrefix(s, "The "))]
	return k, ok
}

func placeAlias(s string) (string, bool) {
	k, ok := places[fold(strings.TrimPrefix(s, "The "))]
	return k, ok
}

func isDateWord(w string) bool {
	w = strings.TrimSuffix(w, ".")
	if len(w) < dateWordMin {
		return false // a date word of n letters is lowered from n runes, n bytes at least
	}
	// dateWords are short and ASCII: lowercase an ASCII word on the stack.
	var buf [16]byte
	if len(w) > len(buf) {
		return dateWords[strings.ToLower(w)]
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return dateWords[strings.ToLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return len(w) <= dateWordMax && dateWords[string(buf[:len(w)])]
}

// dateWordMin and dateWordMax are the lengths of the shortest and longest
// dateWords.
var dateWordMin, dateWordMax = func() (lo, hi int) {
	lo = 1 << 30
	for w := range dateWords {
		lo, hi = min(lo, len(w)), max(hi, len(w))
	}
	return lo, hi
}()

// particles are the words inside a name written in lower case ("Bashar
// al-Assad", "Osama bin Laden", "Charles de Gaulle"), alone or before a
// hyphen.
var particles = map[string]bool{"al": true, "el": true, "bin": true, "ibn": true, "ben": true, "de": true, "del": true,
	"della": true, "di": true, "da": true, "du": true, "van": true, "von": true, "der": true}

// Name returns a name as it is shown: the particles after its first word
// in lower case, so that spellings that differ only in their case
// ("Bashar Al-Assad", "Bashar al-Assad") read alike. The first word
// keeps its case ("Al-Qaida", "El-Sisi").
func Name(text string) string {
	words := strings.Split(text, " ")
	changed := false
	for i := 1; i < len(words); i++ {
		w := words[i]
		head, rest, hyphen := strings.Cut(w, "-")
		particle := particles[strings.ToLower(head)] && (hyphen && rest != "" || !hyphen && i+1 < len(words))
		if !particle || head == strings.ToLower(head) {
			continue
		}
		words[i] = strings.ToLower(head) + w[len(head):]
		changed = true
	}
	if !changed {
		return text
	}
	return strings.Join(words, " ")
}
