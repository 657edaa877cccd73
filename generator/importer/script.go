package importer

import (
	"sort"
	"unicode"
)

// scriptNames are the names of unicode.Scripts, sorted, with the common
// ones of news pages first so most letters are found at once.
var scriptNames = func() []string {
	first := []string{"Latin", "Arabic", "Hebrew", "Cyrillic", "Greek", "Han", "Hiragana", "Katakana", "Hangul", "Devanagari", "Thai", "Armenian", "Georgian", "Ethiopic", "Bengali", "Tamil"}
	seen := map[string]bool{}
	for _, n := range first {
		seen[n] = true
	}
	var rest []string
	for n := range unicode.Scripts {
		if !seen[n] && n != "Common" && n != "Inherited" {
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	return append(first, rest...)
}()

// scriptOf returns the name of the script of the letter r, or "".
func scriptOf(r rune) string {
	if !unicode.IsLetter(r) {
		return ""
	}
	if r < 0x250 {
		return "Latin"
	}
	for _, n := range scriptNames {
		if unicode.Is(unicode.Scripts[n], r) {
			return n
		}
	}
	return ""
}

// scriptCounts counts the letters of s by script.
func scriptCounts(s string, into map[string]int) {
	for _, r := range s {
		if n := scriptOf(r); n != "" {
			into[n]++
		}
	}
}

// mainScript returns the script most letters of counts are in.
func mainScript(counts map[string]int) string {
	best, bestN := "", 0
	for _, n := range scriptNames {
		if counts[n] > bestN {
			best, bestN = n, counts[n]
		}
	}
	return best
}

// otherScript returns the script a block is mostly written in when it is
// not main, or "".
func otherScript(s, main string) string {
	counts := map[string]int{}
	scriptCounts(s, counts)
	total := 0
	for _, c := range counts {
		total += c
	}
	m := mainScript(counts)
	if m == "" || m == main || counts[m]*2 <= total {
		return ""
	}
	return m
}
