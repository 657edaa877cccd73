package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer renders figures and marks.
type nodeRenderer struct {
	unsafe bool
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFigure, r.renderFigure)
	reg.Register(KindMark, r.renderMark)
}

func (r *nodeRenderer) renderFigure(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Figure)
	if !entering {
		_, _ = w.WriteString("</figcaption></figure>\n")
		return ast.WalkContinue, nil
	}
	if len(n.Destination) == 0 || !r.unsafe && html.IsDangerousURL(n.Destination) {
		// A caption whose photo the article does not have (an import
		// keeps the caption of a photo it cannot bring): said so, so it
		// does not read as a quotation.
		_, _ = w.WriteString(`<figure class="no-image"><figcaption><span class="no-image-label">Photo, not shown here: </span>`)
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<figure>")
	{
		tw := &textWalker{src: src}
		tw.block(n)
		_, _ = w.WriteString(`<img src="`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape(n.Destination, true)))
		_, _ = w.WriteString(`" alt="`)
		_, _ = w.Write(util.EscapeHTML([]byte(tw.buf.String())))
		_, _ = w.WriteString(`" loading="lazy">`)
	}
	_, _ = w.WriteString("<figcaption>")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderMark(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*MarkNode)
	if n.Datetime != "" {
		if entering {
			_, _ = w.WriteString(`<time datetime="`)
			_, _ = w.Write(util.EscapeHTML([]byte(n.Datetime)))
			if n.Class != "" {
				_, _ = w.WriteString(`" class="`)
				_, _ = w.Write(util.EscapeHTML([]byte(n.Class)))
			}
			_, _ = w.WriteString(`">`)
		} else {
			_, _ = w.WriteString("</time>")
		}
		return ast.WalkContinue, nil
	}
	if entering {
		class := n.Class
		if class == "" {
			class = "cited"
		}
		_, _ = w.WriteString(`<span id="`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.ID)))
		_, _ = w.WriteString(`" class="`)
		_, _ = w.Write(util.EscapeHTML([]byte(class)))
		_, _ = w.WriteString(`">`)
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</span>")
	for _, l := range n.Links {
		_, _ = w.WriteString(`<a class="cite-ref" href="`)
		_, _ = w.Write(util.EscapeHTML([]byte(l.Href)))
		_, _ = w.WriteString(`"`)
		if l.Title != "" {
			_, _ = w.WriteString(` title="`)
			_, _ = w.Write(util.EscapeHTML([]byte(l.Title)))
			_, _ = w.WriteString(`"`)
		}
		_, _ = w.WriteString(`>`)
		_, _ = w.Write(util.EscapeHTML([]byte(strings.TrimSpace(l.Text))))
		_, _ = w.WriteString(`</a>`)
	}
	return ast.WalkContinue, nil
}
