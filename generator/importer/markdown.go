package importer

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Markdown returns the content file: front matter between +++ lines (title,
// outlet, url, published, author, summary, in that order, the missing
// required ones as TODO strings), a blank line, and the body's blocks
// separated by blank lines, with a final newline.
func (a *Article) Markdown() []byte {
	var b bytes.Buffer
	b.WriteString("+++\n")
	str := func(key, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s = %s\n", key, tomlString(v))
		}
	}
	str("title", a.Title)
	if a.Outlet != "" {
		str("outlet", a.Outlet)
	} else {
		str("outlet", TodoOutlet)
	}
	str("url", a.URL)
	if a.Published != "" {
		fmt.Fprintf(&b, "published = %s\n", a.Published)
	} else {
		str("published", TodoPublished)
	}
	str("author", a.Author)
	str("summary", a.Summary)
	b.WriteString("+++\n")
	for _, block := range a.Body {
		b.WriteString("\n")
		b.WriteString(block)
		b.WriteString("\n")
	}
	return b.Bytes()
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// escapeInline escapes the characters that would make Markdown of plain
// text: brackets, emphasis, code spans, backslashes and HTML's <.
func escapeInline(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '[', ']', '*', '_', '`', '<':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

var blockStart = regexp.MustCompile(`^(#{1,6}(\s|$)|>|[-+*](\s|$)|=+\s*$|\d{1,9}[.)](\s|$))`)

// paragraph renders text as a Markdown paragraph.
func paragraph(text string) string {
	s := escapeInline(text)
	if m := blockStart.FindStringIndex(s); m != nil {
		// Escape the character that would start a block: "#", ">", "-",
		// or the "." of "1.".
		i := 0
		if s[0] >= '0' && s[0] <= '9' {
			i = strings.IndexAny(s, ".)")
		}
		s = s[:i] + `\` + s[i:]
	}
	return s
}

func heading(text string) string { return "## " + escapeInline(text) }

func caption(text string) string { return "![" + escapeInline(text) + "](<>)" }

// Slug returns a file name stem for the article: the outlet's and the
// title's words, lowercase ASCII joined by hyphens, at most eight words, not
// ending on a small word ("the-week-west-sends-spies-to-syria").
func (a *Article) Slug() string {
	outlet := a.Outlet
	if i := strings.IndexByte(outlet, '('); i > 0 {
		outlet = outlet[:i] // "The Week (UK)": the name, not the edition
	}
	words := append(slugWords(outlet), slugWords(a.Title)...)
	if len(words) > 8 {
		words = words[:8]
	}
	for len(words) > 1 && smallWords[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	if len(words) == 0 {
		return "article"
	}
	return strings.Join(words, "-")
}

var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "to": true, "in": true,
	"on": true, "at": true, "for": true, "by": true, "with": true, "from": true, "as": true, "is": true,
}

// slugWords splits s into lowercase ASCII words, dropping accents.
func slugWords(s string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '\'' || r == '’':
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}
