package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// KindFigure is the node kind of a Figure.
var KindFigure = ast.NewNodeKind("Figure")

// Figure is an image alone in its paragraph, with the image's alt text as
// its caption (its children). Destination may be empty: a caption kept
// without its photo.
type Figure struct {
	ast.BaseBlock
	Destination []byte
	Title       []byte
}

// Kind implements ast.Node.
func (n *Figure) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (n *Figure) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Destination": string(n.Destination)}, nil)
}

// figureTransformer turns paragraphs that hold only an image into figures.
type figureTransformer struct{}

func (figureTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var paras []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			if onlyImage(p, src) != nil {
				paras = append(paras, p)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, p := range paras {
		img := onlyImage(p, src)
		fig := &Figure{Destination: img.Destination, Title: img.Title}
		fig.SetLines(p.Lines())
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			img.RemoveChild(img, c)
			fig.AppendChild(fig, c)
			c = next
		}
		p.Parent().ReplaceChild(p.Parent(), p, fig)
	}
}

// onlyImage returns the image if it is the paragraph's only non-blank child.
func onlyImage(p *ast.Paragraph, src []byte) *ast.Image {
	var img *ast.Image
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Image:
			if img != nil {
				return nil
			}
			img = c
		case *ast.Text:
			if strings.TrimSpace(string(c.Segment.Value(src))) != "" {
				return nil
			}
		default:
			return nil
		}
	}
	return img
}
