package content

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/timeline-dev/timeline/generator/markdown"
)

// FindQuote finds quote in the document's text blocks. The match ignores
// differences a reader does not see or an editor cannot easily type:
// typographic versus straight quotes and apostrophes, dashes versus "--",
// runs of white space, and the ellipsis character versus "...". It returns
// the block and the byte range of the match in the block's Text.
func FindQuote(doc *markdown.Document, quote string) (block, start, end int, ok bool) {
	q, _ := normalize(strings.TrimSpace(quote))
	if q == "" {
		return 0, 0, 0, false
	}
	for i, b := range doc.Blocks {
		t, offs := normalize(b.Text)
		if k := strings.Index(t, q); k >= 0 {
			return i, offs[k], offs[k+len(q)], true
		}
	}
	return 0, 0, 0, false
}

// normalize folds text for quote matching and returns, for every byte of
// the result (and one past its end), the offset in s it came from.
func normalize(s string) (string, []int) {
	var b strings.Builder
	offs := make([]int, 0, len(s)+1)
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		var rep string
		switch {
		case unicode.IsSpace(r):
			if space || b.Len() == 0 {
				i += n
				continue
			}
			space = true
			rep = " "
		case r == '‘' || r == '’' || r == '‚' || r == '′':
			rep = "'"
		case r == '“' || r == '”' || r == '„' || r == '″' || r == '«' || r == '»':
			rep = `"`
		case r == '–' || r == '—' || r == '‒' || r == '―':
			rep = "-"
		case r == '-' && strings.HasPrefix(s[i:], "--"):
			rep = "-"
			n = 2
			if strings.HasPrefix(s[i:], "---") {
				n = 3
			}
		case r == '…':
			rep = "..."
		default:
			rep = s[i : i+n]
		}
		if rep != " " {
			space = false
		}
		for j := 0; j < len(rep); j++ {
			offs = append(offs, i)
		}
		b.WriteString(rep)
		i += n
	}
	offs = append(offs, len(s))
	out := b.String()
	if strings.HasSuffix(out, " ") { // trailing space: drop it
		out = out[:len(out)-1]
		offs = append(offs[:len(out)], len(s))
	}
	return out, offs
}

// quoteHint explains how far the quote matches: the longest run of its
// leading words that occurs in the body.
func quoteHint(doc *markdown.Document, quote string) string {
	words := strings.Fields(quote)
	best := 0
	var at string
	for k := 1; k <= len(words); k++ {
		prefix := strings.Join(words[:k], " ")
		b, s, e, ok := FindQuote(doc, prefix)
		if !ok {
			break
		}
		best = k
		text := doc.Blocks[b].Text
		at = text[s:min(len(text), e+40)]
	}
	if best == 0 {
		return "no part of the quote's first word occurs in the body; copy the sentence from the body exactly"
	}
	if best == len(words) {
		return ""
	}
	first := fmt.Sprintf("first %d words", best)
	if best == 1 {
		first = "first word"
	}
	return fmt.Sprintf("the body matches the %s, then reads %q where the quote has %q", first, shorten(at, 100), strings.Join(words[best:min(len(words), best+6)], " "))
}
