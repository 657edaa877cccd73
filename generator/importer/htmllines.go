package importer

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// textLines returns the input line of each text node of the parsed
// tree (of its first non-blank character). golang.org/x/net/html's
// parser keeps no positions, so the source is also tokenized, counting
// newlines, and each text node of the tree is found, in document order,
// among the tokenizer's text tokens: the parser builds its text nodes
// from those tokens, in the same order but for rare repairs
// (foster-parented table text), which the search skips.
func textLines(src string, doc *html.Node) map[*html.Node]int {
	m := newLineMap(src)
	lines := map[*html.Node]int{}
	for n := range doc.Descendants() {
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			lines[n] = m.lineOf(n.Data)
		}
	}
	return lines
}

// lineMap finds text nodes among the text tokens.
type lineMap struct {
	toks []textToken
	at   int // index of the token the last text node was found in
	off  int // offset in it after that text node's start
	last int // line of the last text node found
}

type textToken struct {
	line int    // line the token starts on
	text string // unescaped text
}

// maxLookahead bounds the search for a text node's token, among the
// tokens that are not blank.
const maxLookahead = 400

func newLineMap(src string) *lineMap {
	m := &lineMap{last: 1}
	z := html.NewTokenizer(strings.NewReader(src))
	line := 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		// Count before Text, which unescapes the raw bytes in place.
		nl := bytes.Count(z.Raw(), []byte("\n"))
		if tt == html.TextToken {
			if t := string(z.Text()); strings.TrimSpace(t) != "" {
				m.toks = append(m.toks, textToken{line: line, text: t})
			}
		}
		line += nl
	}
	return m
}

// lineOf returns the line of the first non-blank character of the text
// node data, which must come after the text nodes asked about before.
func (m *lineMap) lineOf(data string) int {
	trimmed := strings.TrimLeft(data, " \t\n\r\f")
	if trimmed == "" {
		return m.last
	}
	needle := trimmed
	if len(needle) > 40 {
		needle = needle[:40]
		for len(needle) > 0 && needle[len(needle)-1] >= 0x80 { // keep whole runes
			needle = needle[:len(needle)-1]
		}
	}
	for i := m.at; i < len(m.toks) && i < m.at+maxLookahead; i++ {
		t := m.toks[i].text
		from := 0
		if i == m.at {
			from = m.off
		}
		if from > len(t) {
			continue
		}
		j := strings.Index(t[from:], needle)
		if j < 0 {
			continue
		}
		j += from
		m.last = m.toks[i].line + strings.Count(t[:j], "\n")
		// Move past the node's text, which may span tokens the parser
		// joined.
		rest := len(trimmed)
		for i < len(m.toks) && rest > len(m.toks[i].text)-j {
			rest -= len(m.toks[i].text) - j
			i, j = i+1, 0
		}
		m.at, m.off = i, j+rest
		return m.last
	}
	return m.last
}
