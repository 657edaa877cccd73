// Command readability measures article extraction on the importer's HTML
// test pages: for each page of ../html, the paragraphs of the cleaned
// article in content/ that an extractor loses, and the furniture blocks
// it keeps (blocks that are no article paragraph, caption, title or
// standfirst), for the importer's own HTML reader and for
// codeberg.org/readeck/go-readability/v2.
//
//	cd generator/importer/testdata/readability && go run .
package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/timeline-dev/timeline/generator/importer"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pages maps each test page to the content file it must give.
var pages = map[string]string{
	"the-week.html":        "the-week-west-sends-spies-to-syria.md",
	"naharnet.html":        "naharnet-western-intelligence-talking-to-damascus.md",
	"haaretz.html":         "haaretz-european-intelligence-seeking-info-on-jihadis.md",
	"asharq-al-awsat.html": "asharq-al-awsat-assad-not-partner-in-war-on-terror.md",
	"middle-east-eye.html": "middle-east-eye-us-and-syria-coordinating-intelligence.md",
}

func main() {
	names := make([]string, 0, len(pages))
	for n := range pages {
		names = append(names, n)
	}
	sortStrings(names)
	var tot [3][2]int
	fmt.Printf("%-22s %18s %26s %34s\n", "page", "own: lost / kept", "readability: lost / kept", "readability+cleaner: lost / kept")
	for _, name := range names {
		src, err := os.ReadFile(filepath.Join("../html", name))
		check(err)
		md, err := os.ReadFile(filepath.Join("../../../../content", pages[name]))
		check(err)
		want, extra := expected(md)
		extra = append(extra, captions(src)...)
		own := ownBlocks(name, src)
		rd := readabilityBlocks(src)
		rc := cleaned(rd)
		var res [3][2]int
		for i, got := range [][]string{own, rd, rc} {
			lost, kept := score(want, extra, got)
			res[i] = [2]int{len(lost), len(kept)}
			tot[i][0] += len(lost)
			tot[i][1] += len(kept)
			for _, l := range lost {
				fmt.Fprintf(os.Stderr, "%s: %s lost: %.70s\n", name, which(i), l)
			}
			for _, k := range kept {
				fmt.Fprintf(os.Stderr, "%s: %s kept: %.70s\n", name, which(i), k)
			}
		}
		fmt.Printf("%-22s %11d / %-4d %19d / %-4d %27d / %-4d\n", name, res[0][0], res[0][1], res[1][0], res[1][1], res[2][0], res[2][1])
	}
	fmt.Printf("%-22s %11d / %-4d %19d / %-4d %27d / %-4d\n", "total", tot[0][0], tot[0][1], tot[1][0], tot[1][1], tot[2][0], tot[2][1])
	if dir := readabilityPages(); dir != "" {
		corpus(dir)
		debugLost(dir)
	}
}

// readabilityPages returns the folder of readability's test pages in the
// module cache, or "".
func readabilityPages() string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "codeberg.org/readeck/go-readability/v2").Output()
	if err != nil {
		return ""
	}
	return filepath.Join(strings.TrimSpace(string(out)), "test-pages")
}

// importerHTML returns the body blocks the importer's HTML reader keeps.
func importerHTML(src []byte) ([]string, error) {
	a, err := importer.HTML(src, importer.Options{Outlet: "x", Published: "2014-01-15"})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, b := range a.Body {
		if !strings.HasPrefix(b, "![") {
			out = append(out, strings.NewReplacer(`\[`, "[", `\]`, "]", `\*`, "*", `\_`, "_").Replace(strings.TrimPrefix(b, "## ")))
		}
	}
	return out, nil
}

func which(i int) string { return [...]string{"own", "readability", "readability+cleaner"}[i] }

// cleaned runs readability's blocks, one a line, through the importer's
// text reader: its furniture rules without the markup.
func cleaned(blocks []string) []string {
	a, err := importer.Text([]byte(strings.Join(blocks, "\n")), importer.Options{Title: "x", Outlet: "x", Published: "2014-01-15"})
	check(err)
	var out []string
	for _, b := range a.Body {
		if strings.HasPrefix(b, "![") {
			b = strings.TrimSuffix(strings.TrimPrefix(b, "!["), "](<>)")
		}
		b = strings.TrimPrefix(b, "## ")
		out = append(out, strings.NewReplacer(`\[`, "[", `\]`, "]").Replace(b))
	}
	return out
}

// expected returns the article's paragraphs and headings, and the other
// text that is no furniture: its title, summary and captions.
func expected(md []byte) (paras, extra []string) {
	parts := bytes.SplitN(md, []byte("+++\n"), 3)
	for _, l := range strings.Split(string(parts[1]), "\n") {
		if k, v, ok := strings.Cut(l, " = "); ok && (k == "title" || k == "summary") {
			extra = append(extra, strings.Trim(v, `"`))
		}
	}
	for _, b := range strings.Split(strings.TrimSpace(string(parts[2])), "\n\n") {
		b = strings.NewReplacer(`\[`, "[", `\]`, "]").Replace(b)
		if strings.HasPrefix(b, "![") {
			extra = append(extra, strings.TrimSuffix(strings.TrimPrefix(b, "!["), "](<>)"))
			continue
		}
		paras = append(paras, strings.TrimPrefix(b, "## "))
	}
	return paras, extra
}

// captions returns the page's figure captions: an extractor may keep
// them, though the article in content/ has none (a text capture).
func captions(src []byte) []string {
	doc, err := html.Parse(bytes.NewReader(src))
	check(err)
	var out []string
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Figcaption {
			var b strings.Builder
			for t := range n.Descendants() {
				if t.Type == html.TextNode {
					b.WriteString(t.Data)
				}
			}
			out = append(out, b.String())
		}
	}
	return out
}

func ownBlocks(name string, src []byte) []string {
	a, err := importer.Import(name, src, importer.Options{})
	check(err)
	var out []string
	for _, b := range a.Body {
		if strings.HasPrefix(b, "![") {
			b = strings.TrimSuffix(strings.TrimPrefix(b, "!["), "](<>)")
		}
		b = strings.TrimPrefix(b, "## ")
		out = append(out, strings.NewReplacer(`\[`, "[", `\]`, "]").Replace(b))
	}
	return out
}

// readabilityBlocks returns the text blocks of the article readability
// finds: its block elements, and the loose text between them.
func readabilityBlocks(src []byte) []string {
	art, err := readability.FromReader(bytes.NewReader(src), nil)
	check(err)
	var out []string
	var cur strings.Builder
	flush := func() {
		if s := strings.Join(strings.Fields(cur.String()), " "); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				cur.WriteString(c.Data)
			case c.Type != html.ElementNode:
			case isInline(c.DataAtom):
				walk(c)
			case c.DataAtom == atom.Br:
				cur.WriteString(" ")
			default:
				flush()
				walk(c)
				flush()
			}
		}
	}
	if art.Node != nil {
		walk(art.Node)
	}
	flush()
	return out
}

func isInline(a atom.Atom) bool {
	switch a {
	case atom.A, atom.Span, atom.Em, atom.Strong, atom.B, atom.I, atom.U, atom.Small, atom.Sup, atom.Sub,
		atom.Abbr, atom.Cite, atom.Q, atom.Time, atom.Mark, atom.Code, atom.Font, atom.Label, atom.Img:
		return true
	}
	return false
}

// score returns the paragraphs of want that no block of got holds, and
// the blocks of got that are none of want's paragraphs nor extra.
func score(want, extra, got []string) (lost, kept []string) {
	for _, w := range want {
		found := false
		for _, g := range got {
			if strings.Contains(norm(g), norm(w)) {
				found = true
			}
		}
		if !found {
			lost = append(lost, w)
		}
	}
	for _, g := range got {
		ok := false
		for _, w := range append(append([]string{}, want...), extra...) {
			if strings.Contains(norm(g), norm(w)) || strings.Contains(norm(w), norm(g)) {
				ok = true
			}
		}
		if !ok {
			kept = append(kept, g)
		}
	}
	return lost, kept
}

// norm keeps the words of s, lowercase, one space apart.
func norm(s string) string {
	return " " + strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ") + " "
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
