// Package markdown parses article bodies with goldmark (CommonMark with GFM
// tables, autolinks, strikethrough, footnotes and typographic punctuation)
// and exposes them two ways:
//
//   - Parse returns the document's text blocks (paragraphs, headings,
//     captions, list items, table cells) as the reader sees them, with a map
//     from every text offset back to a byte offset in the Markdown source, so
//     later stages can tag dates in plain text and still say file:line.
//   - Render returns the HTML, wrapping given text ranges ("marks": the cited
//     sentences) in an element with an id and following each with links, so
//     a citation can link to the exact sentence it quotes.
//
// An image alone in its paragraph is a figure whose alt text is the caption
// (the Pandoc convention). Leave the destination empty, ![caption](<>), to
// keep a photo's caption without the photo.
package markdown

import (
	"bytes"
	"io"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configures the Markdown dialect. The zero value is safe: raw HTML
// in the source is omitted from the output.
type Options struct {
	// UnsafeHTML passes raw HTML and dangerous URLs through to the output.
	UnsafeHTML bool
}

// Markdown parses and renders article bodies. It is safe for concurrent use.
type Markdown struct {
	gm     goldmark.Markdown
	unsafe bool
}

// New returns a Markdown for the given options.
func New(o Options) *Markdown {
	rOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{unsafe: o.UnsafeHTML}, 100)),
	}
	if o.UnsafeHTML {
		rOpts = append(rOpts, html.WithUnsafe())
	}
	gm := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(figureTransformer{}, 100)),
		),
		goldmark.WithRendererOptions(rOpts...),
	)
	return &Markdown{gm: gm, unsafe: o.UnsafeHTML}
}

func (m *Markdown) parse(src []byte) ast.Node {
	return m.gm.Parser().Parse(text.NewReader(src))
}

// Parse returns the text blocks of src in document order.
func (m *Markdown) Parse(src []byte) *Document {
	doc := &Document{}
	walkBlocks(m.parse(src), func(b ast.Node, kind Kind, level int) {
		w := &textWalker{src: src}
		w.block(b)
		start, end := blockRange(b, w)
		// The text and its map as long as they are: a build keeps every
		// article's, and the builder and the slice grew by doubling.
		text := w.buf.String()
		if w.buf.Cap() > len(text)+len(text)/8 {
			text = strings.Clone(text)
		}
		doc.Blocks = append(doc.Blocks, Block{
			Kind: kind, Level: level, Text: text,
			Start: start, End: end, segs: w.segs,
		})
		if cap(w.segs) > len(w.segs)+len(w.segs)/8 {
			doc.Blocks[len(doc.Blocks)-1].segs = slices.Clone(w.segs)
		}
	})
	return doc
}

// Mark is a range of a block's text to wrap in an element with an id, e.g.
// a sentence that a citation quotes, followed by links (to the events that
// cite it).
type Mark struct {
	Block      int    // index into Document.Blocks
	Start, End int    // byte offsets into the block's Text
	ID         string // the element id (a URL fragment)
	Class      string // the element class; "cited" if empty
	Links      []Link
	// Datetime makes the mark a <time datetime> element: the words of a
	// date inside a cited sentence.
	Datetime string
}

// Link is a link rendered after a mark.
type Link struct {
	Href, Text, Title string
}

// Render renders src to HTML with the marks applied. Marks must not
// overlap, unless one holds the other and comes first in marks (a date's
// words in a cited sentence); a mark whose boundary falls inside an inline
// element (emphasis, a link) grows to cover that element. Marks with an out-of-range block or offsets
// are ignored.
func (m *Markdown) Render(src []byte, marks []Mark) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(2*len(src) + 1024) // about the HTML of an article with its sentences marked
	if err := m.render(&buf, src, marks); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// RenderString is Render returning the HTML as a string, which it does
// not copy.
func (m *Markdown) RenderString(src []byte, marks []Mark) (string, error) {
	var b strings.Builder
	b.Grow(2*len(src) + 1024)
	if err := m.render(&b, src, marks); err != nil {
		return "", err
	}
	return b.String(), nil
}

// render renders src with the marks applied to w.
func (m *Markdown) render(w io.Writer, src []byte, marks []Mark) error {
	root := m.parse(src)
	if len(marks) > 0 {
		byBlock := map[int][]Mark{}
		for _, mk := range marks {
			byBlock[mk.Block] = append(byBlock[mk.Block], mk)
		}
		i := 0
		var leaves []leaf
		walkBlocks(root, func(b ast.Node, _ Kind, _ int) {
			for _, mk := range byBlock[i] {
				applyMark(b, src, mk, &leaves)
			}
			i++
		})
	}
	return m.gm.Renderer().Render(w, src, root)
}
