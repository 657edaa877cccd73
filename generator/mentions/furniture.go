package mentions

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/timeline-dev/timeline/generator/temporal"
	"github.com/timeline-dev/timeline/generator/timex"
)

// A news site's standard lines, which report nothing: disclaimers, the
// outlet's caveats about what it could verify, credits, and notes about
// the page or where to follow it.
var boilerplate = regexp.MustCompile(`(?i)` +
	`\b(?:opinions|views) expressed\b.{0,80}\b(?:solely|those of|not (?:necessarily )?(?:reflect|represent))|` +
	`\b(?:has|have) not (?:yet )?been (?:granted|given|allowed|permitted) (?:access|to report)\b|` +
	`\b(?:could not|couldn't|couldn’t|cannot|can't|can’t|can not) be independently (?:confirmed|verified)\b|` +
	`\bcontributed to this (?:report|story|article)\b|` +
	`^\(?(?:additional )?(?:reporting|writing|editing|compiled|compiling) by\b|` +
	`^this (?:article|story|report|post|page) (?:was|has been) (?:amended|corrected|updated|changed)\b|` +
	`\ba version of this (?:article|story) (?:appears|appeared)\b|` +
	`^follow\b.{0,80}\bon twitter\b|` +
	`\ball rights reserved\b|\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)\b|` +
	`\bletters for publication should be sent to\b|` +
	`^(?:watch|click)\b`)

// boilerplateWords are words one of which every match of boilerplate
// holds at the start of a word (after a byte that is not a letter, a
// digit or "_", as \b has it), and boilerplateStarts what its matches
// anchored at the start of the sentence begin with, in lower case: a
// sentence with none of them cannot match, and most have none, so the
// expression runs on few.
var (
	boilerplateWords = []string{"expressed", "not been granted", "not been given", "not been allowed",
		"not been permitted", "not yet been ", "independently", "contributed to this", "a version of this",
		"on twitter", "all rights reserved", "may not be ", "letters for publication"}
	boilerplateSet    = newFoldSet(boilerplateWords...)
	boilerplateStarts = []string{"(", "additional ", "reporting", "writing", "editing", "compil", "this ", "follow",
		"watch", "click"}
)

// standardLine reports a sentence that boilerplate matches: a news site's
// standard line.
func standardLine(text string) bool {
	if !mayMatchFold(text, boilerplateSet, boilerplateStarts) {
		return false
	}
	return boilerplate.MatchString(text)
}

// mayMatchFold reports that text, ignoring case as (?i) does, holds one
// of words at the start of a word or starts with one of starts (all in
// lower case ASCII). Under (?i) "k" and "s" also match the Kelvin sign and
// the long s, which a text holds hardly ever: mayMatchFold then says yes.
func mayMatchFold(text string, words *foldSet, starts []string) bool {
	for _, w := range starts {
		if hasPrefixASCIIFold(text, w) {
			return true
		}
	}
	for i := 0; i < len(text); i++ {
		if (i == 0 || !isWordByte(text[i-1])) && words.at(text, i) {
			return true
		}
	}
	return strings.Contains(text, "ſ") || strings.Contains(text, "\u212a")
}

// foldSet is a set of words in lower case ASCII, found by their first
// byte in either case, that a text may hold ignoring case (mayContain,
// mayMatchFold).
type foldSet [256][]string

func newFoldSet(words ...string) *foldSet {
	var s foldSet
	for _, w := range words {
		s[w[0]] = append(s[w[0]], w)
		if 'a' <= w[0] && w[0] <= 'z' {
			s[w[0]-'a'+'A'] = append(s[w[0]-'a'+'A'], w)
		}
	}
	return &s
}

// mayContain reports that strings.ToLower(text) may contain one of the
// set's words: it does not when this is false. Only two runes other than
// ASCII letters lower to ASCII letters, "İ" (to "i") and the Kelvin sign
// (to "k"); a text with neither lowers to one that holds an ASCII word
// exactly where the text holds it, ignoring case. Most bytes of a text
// begin none of the words, and are passed over with one look in the set.
func (s *foldSet) mayContain(text string) bool {
	if strings.Contains(text, "İ") || strings.Contains(text, "\u212a") {
		return true
	}
	for i := 0; i < len(text); i++ {
		if s.at(text, i) {
			return true
		}
	}
	return false
}

// at reports that one of the set's words begins at text[i], ignoring the
// case of ASCII letters.
func (s *foldSet) at(text string, i int) bool {
	for _, w := range s[text[i]] {
		if hasPrefixASCIIFold(text[i:], w) {
			return true
		}
	}
	return false
}

// hasPrefixASCIIFold reports that s starts with prefix (in lower case),
// ignoring the case of ASCII letters.
func hasPrefixASCIIFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		if lowerByte(s[k]) != prefix[k] {
			return false
		}
	}
	return true
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// isWordByte reports a byte of \w: an ASCII letter or digit, or "_".
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// newsOutlets are the outlets whose caveats news pages print most ("CNN
// could not independently confirm the report"), besides the article's
// own.
var newsOutlets = []string{"CNN", "the network", "BBC", "Reuters", "AP", "the Associated Press", "AFP", "the Guardian",
	"The Washington Post", "the Post", "The New York Times", "Al Jazeera", "NBC", "ABC", "CBS", "Fox News", "Sky News"}

// caveatVerb is the verb of an outlet's caveat, after its name: "could not
// independently confirm", "was unable to verify".
var caveatVerb = regexp.MustCompile(`^(?:,? however,)? (?:could not|couldn't|couldn’t|cannot|can't|can’t|can not|was not able to|wasn't able to|is not able to|was unable to|is unable to|has been unable to|did not immediately|has not (?:yet )?been able to|has not (?:yet )?)\s*(?:immediately |independently |yet )*(?:confirm|verify|vet)`)

// caveatWords are the words caveatVerb ends with.
var caveatWords = newFoldSet("confirm", "verif", "vet")

// caveat reports an outlet's caveat about what it could verify: the
// article's outlet, a news outlet or "we" (outside a quotation) before
// caveatVerb.
func caveat(text, outlet string) bool {
	if !caveatWords.mayContain(text) {
		return false // most sentences: no need to lower their case
	}
	low := strings.ToLower(text)
	if !strings.Contains(low, "confirm") && !strings.Contains(low, "verif") && !strings.Contains(low, "vet") {
		return false
	}
	names := newsOutlets
	if outlet != "" {
		names = append([]string{outlet}, names...)
	}
	for _, n := range append(names, "we") {
		n = strings.ToLower(n)
		for i := 0; ; {
			k := strings.Index(low[i:], n)
			if k < 0 {
				break
			}
			k += i
			i = k + 1
			if k > 0 && isLetterByte(low[k-1]) {
				continue
			}
			if caveatVerb.MatchString(low[k+len(n):]) && (n != "we" || !inQuotation(text, k)) {
				return true
			}
		}
	}
	return false
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// creditPrefix matches what a page puts before a sentence that is not
// part of it: a photo's credit, and the caption before it ("... the spill
// Photograph: Staff/Reuters "); a page's stamp ("Page last updated at
// 07:43 GMT, Tuesday, 23 August 2011 08:43 UK ", "Last updated: 19
// January, 2010 - 14:10 GMT "); a blog's label ("Live blog: ").
var creditPrefix = regexp.MustCompile(`^(?:.{0,300}?\bPhotograph: (?:[A-Z][\p{L}.'’-]*(?: [\p{L}.'’-]+){0,3}(?:\\?/[A-Z][\p{L}.&'’-]*(?: [Ii]mages| House| Pictures| Press)?)+|[A-Z][\p{L}&.]*) |` +
	`(?:Page )?[Ll]ast updated(?: at|:)? [^A-Z]{0,12}(?:GMT,? )?(?:[A-Z][a-z]+,? )?\d{1,2},? [A-Z][a-z]+,? \d{4}(?:,? -? ?\d\d[:.]\d\d(?: GMT| UK)?)*(?: \d\d:\d\d UK)? |` +
	`\(an error occurred while processing this directive\) |` +
	`Live blog: )+`)

// sentenceStart returns where the sentence proper starts in text: after
// the credits and stamps creditPrefix matches, when a sentence of some
// length, with a capital, follows them; 0 otherwise.
func sentenceStart(text string) int {
	if !strings.Contains(text, "Photograph: ") && !strings.Contains(text, "ast updated") && !strings.Contains(text, "(an error") && !strings.HasPrefix(text, "Live blog") {
		return 0
	}
	loc := creditPrefix.FindStringIndex(text)
	if loc == nil || len(text)-loc[1] < 20 {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(text[loc[1]:])
	if !unicode.IsUpper(r) && r != '“' && r != '"' {
		return 0
	}
	return loc[1]
}

// fragment reports a sentence that starts in lower case: the tail of one
// cut short ("“How long can we hold on?” | asked a doctor"), a reader's
// scribble or a page's stamp ("updated: Fri May 20 2011 11:41:00 ...").
// A name written in lower case opens a sentence as any name does:
// "al-Qaida", "iPhone", "de Villepin".
// words are the sentence's words (sentenceWords).
func fragment(text string, words []word) bool {
	if len(words) == 0 {
		return false
	}
	w := words[0].raw
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLower(r) || words[0].low != w {
		return false
	}
	if k := strings.Index(text, w) + len(w); k < len(text) && text[k] == '-' {
		return false // al-Qaida: rawWords stops at the hyphen
	}
	if len(words) > 1 && len(w) <= 3 && capitalizedWord(words[1].raw) {
		return false // de Villepin, van Gogh
	}
	return true
}

func capitalizedWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// captionAfter matches what may follow a caption's date: the end, and a
// photo's credit.
var captionAfter = regexp.MustCompile(`^[\s.]*(?:\(?(?:REUTERS|Reuters|AP|AFP|Getty)\b[^.]{0,60})?[\s.)]*$`)

// notCaption are the words that tell a sentence is prose: auxiliaries and
// modals (captions say what a picture shows in the simple present).
var notCaption = wordSet(`is are was were be been being has have had will would shall should can could may might must
did does do 'll ’ll won't won’t going`)

// irregularPast2 are more verbs in the simple past that pastVerb misses.
var irregularPast2 = wordSet(`felt spoke died tried cried lied hid stood sat lay laid threw blew grew drew dug wore tore
swore became chose rode rang sang sank swam woke forgot got gave stole said did heard read meant put set cut let quit`)

// caption reports a photo's caption kept as text (Timeline17 "A rebel
// runs for cover during a government airstrike in the area of Ras Lanuf,
// Libya, on Monday."): what a picture shows, told in the simple present,
// ending with the day it was taken, a day on or before publication.
// Prose tells a past day in the past tense; a present tense names a day
// to come ("The concert takes place on January 18").
func caption(text string, base int, cal []temporal.Timex, c cues, dct timex.Date) bool {
	if len(cal) != 1 || c.reporting || c.past || c.background || c.now {
		return false
	}
	tx := cal[0]
	if tx.Value.Granularity() < timex.Day {
		return false
	}
	iv, ok := tx.Value.Interval()
	if !ok || dct.Before(iv.End) {
		return false
	}
	if !captionAfter.MatchString(text[tx.End-base:]) {
		return false
	}
	words := rawWords(text[:tx.Start-base])
	if len(words) < 4 {
		return false
	}
	for _, w := range words {
		lw := strings.ToLower(w)
		if notCaption[lw] || irregularPast2[lw] || len(lw) > 3 && strings.HasSuffix(lw, "ed") && !notPast[lw] {
			return false
		}
	}
	return true
}
