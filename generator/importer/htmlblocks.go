package importer

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// hblock is a block of the page with the element it comes from.
type hblock struct {
	*block
	node        *html.Node // the block element, or the container of loose text
	letters     int
	linkLetters int
	timeLetters int
	hidden      bool
}

func (b *hblock) linkShare() float64 {
	if b.letters == 0 {
		return 0
	}
	return float64(b.linkLetters) / float64(b.letters)
}

// prose reports whether b reads as an article paragraph: a sentence of
// eight words or more (a <p> need not end with a full stop), mostly not
// links.
func (b *hblock) prose() bool {
	return (isProse(b.text) || b.kind == kindPara && words(b.text) >= 8) && b.linkShare() < 0.5
}

// up returns the element to look for furniture from: the block's own
// element, or its parent when it is a paragraph of prose, whose class
// tells little ("paywall" marks paragraphs behind a paywall, not a
// paywall box).
func (b *hblock) up() *html.Node {
	if b.prose() && b.node.DataAtom == atom.P && b.node.Parent != nil {
		return b.node.Parent
	}
	return b.node
}

// The elements whose text the walker never reads.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Math: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Select: true, atom.Option: true,
	atom.Textarea: true, atom.Input: true, atom.Head: true, atom.Title: true, atom.Video: true, atom.Audio: true,
	atom.Picture: true, atom.Map: true, atom.Datalist: true,
}

// The elements that are inline: their text joins the block around them.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Span: true, atom.Em: true, atom.Strong: true, atom.B: true, atom.I: true, atom.U: true,
	atom.Small: true, atom.Sup: true, atom.Sub: true, atom.Abbr: true, atom.Cite: true, atom.Q: true,
	atom.Time: true, atom.Mark: true, atom.Code: true, atom.Font: true, atom.Label: true, atom.S: true,
	atom.Del: true, atom.Ins: true, atom.Bdi: true, atom.Bdo: true, atom.Data: true, atom.Var: true,
	atom.Kbd: true, atom.Samp: true, atom.Dfn: true, atom.Wbr: true, atom.Img: true, atom.Nobr: true,
	atom.Tt: true, atom.Big: true, atom.Strike: true, atom.Acronym: true,
}

// blockKinds are the kinds of the elements that make a block of their own.
var blockKinds = map[atom.Atom]kind{
	atom.P: kindPara, atom.H1: kindTitle, atom.H2: kindHeading, atom.H3: kindHeading, atom.H4: kindHeading,
	atom.H5: kindHeading, atom.H6: kindHeading, atom.Li: kindItem, atom.Dd: kindItem, atom.Dt: kindItem,
	atom.Blockquote: kindQuote, atom.Figcaption: kindCaption, atom.Caption: kindCaption,
}

// wctx is what the walker knows of the elements around a node.
type wctx struct {
	kind   kind       // the kind of loose text here
	node   *html.Node // the nearest block element
	link   bool       // inside <a>
	time   bool       // inside <time>
	hidden bool       // inside a hidden element
}

// walker turns the body into blocks, in document order.
type walker struct {
	lines map[*html.Node]int
	out   []*hblock
	cur   *hblock
	brs   int // <br>s since the last text
}

func (w *walker) flush() {
	if w.cur != nil && strings.TrimSpace(w.cur.text) != "" {
		w.cur.text = normText(w.cur.text)
		if w.cur.text != "" {
			w.out = append(w.out, w.cur)
		}
	}
	w.cur, w.brs = nil, 0
}

func (w *walker) walk(n *html.Node, c wctx) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			w.text(ch, c)
		case html.ElementNode:
			w.element(ch, c)
		}
	}
}

func (w *walker) element(n *html.Node, c wctx) {
	a := n.DataAtom
	switch {
	case skipped[a]:
		return
	case a == atom.Br:
		w.brs++
		if w.brs == 2 {
			w.flush()
		}
		return
	}
	if isHidden(n) {
		c.hidden = true
	}
	if inline[a] || a == 0 && n.Namespace == "" && strings.Contains(n.Data, "-") { // custom elements are inline
		if a == atom.A {
			c.link = true
		}
		if a == atom.Time {
			c.time = true
		}
		w.walk(n, c)
		return
	}
	w.flush()
	c.node = n
	if k, ok := blockKinds[a]; ok && !(a == atom.P && c.kind != kindUnknown) {
		c.kind = k
	}
	if a == atom.Button {
		c.kind = kindUnknown
	}
	w.walk(n, c)
	w.flush()
}

func (w *walker) text(n *html.Node, c wctx) {
	if strings.TrimSpace(n.Data) == "" {
		if w.cur != nil {
			w.cur.text += " "
		}
		return
	}
	line := w.lines[n]
	if w.cur == nil {
		w.cur = &hblock{block: &block{line: line, kind: c.kind}, node: c.node, hidden: c.hidden}
	} else if w.brs == 1 {
		w.cur.text += " "
	}
	w.brs = 0
	w.cur.text += n.Data
	l := letters(n.Data)
	w.cur.letters += l
	if c.link {
		w.cur.linkLetters += l
	}
	if c.time {
		w.cur.timeLetters += l
	}
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if r > ' ' {
			n++
		}
	}
	return n
}

// isHidden reports whether the element is not shown: the hidden
// attribute, aria-hidden, or an inline display:none.
func isHidden(n *html.Node) bool {
	if hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	s := strings.ReplaceAll(strings.ToLower(attr(n, "style")), " ", "")
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}
