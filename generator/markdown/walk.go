package markdown

import (
	"bytes"
	"html"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// walkBlocks calls fn for every text block of the document in order. Parse
// and Render both use it, so block indexes agree between them.
func walkBlocks(root ast.Node, fn func(b ast.Node, kind Kind, level int)) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph:
			fn(n, Paragraph, 0)
			return ast.WalkSkipChildren, nil
		case *ast.TextBlock:
			fn(n, ListItem, 0)
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			fn(n, Heading, n.Level)
			return ast.WalkSkipChildren, nil
		case *Figure:
			fn(n, Caption, 0)
			return ast.WalkSkipChildren, nil
		case *east.TableCell:
			fn(n, TableCell, 0)
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// leaf is an inline node that contributes text, with its range in the
// block's text.
type leaf struct {
	node       ast.Node
	start, end int
}

// textWalker extracts the text of a block as rendered, with its map back to
// the source and the inline leaves that produced it.
type textWalker struct {
	src []byte
	// lengths makes the walker count the text rather than keep it: only
	// the leaves and their offsets are wanted (see leavesOf), and buf,
	// segs and the source range are left empty.
	lengths bool
	n       int // the length of the text so far
	buf     strings.Builder
	segs    []seg
	leaves  []leaf
	lastSrc int // source offset after the last mapped text
	minSrc  int
	maxSrc  int
	mapped  bool
}

func (w *textWalker) block(b ast.Node) {
	if l := b.Lines(); l != nil && l.Len() > 0 {
		w.lastSrc = l.At(0).Start
	}
	for c := b.FirstChild(); c != nil; c = c.NextSibling() {
		w.inline(c)
	}
}

// emit appends s, mapped to source offset src (exactly when exact).
func (w *textWalker) emit(s string, src int, exact bool) {
	if s == "" {
		return
	}
	if !w.lengths {
		w.buf.WriteString(s)
	}
	w.mapText(len(s), src, exact)
}

// emitSource appends the source bytes [from, to) as they are.
func (w *textWalker) emitSource(from, to int) {
	if from >= to {
		return
	}
	if !w.lengths {
		w.buf.Write(w.src[from:to])
	}
	w.mapText(to-from, from, true)
}

// emitSegment appends the value of a source segment, mapped to its start.
func (w *textWalker) emitSegment(seg text.Segment) {
	if seg.Padding == 0 && !seg.ForceNewline {
		w.emitSource(seg.Start, seg.Stop) // the source bytes, without a copy
		return
	}
	w.emit(string(seg.Value(w.src)), seg.Start, true)
}

// mapText records that the n bytes of text just appended come from source
// offset src (exactly when exact).
func (w *textWalker) mapText(n, src int, exact bool) {
	t := w.n
	w.n += n
	if w.lengths {
		return
	}
	if k := len(w.segs); k > 0 {
		p := &w.segs[k-1]
		if p.exact && exact && int(p.text+p.n) == t && int(p.src+p.n) == src {
			p.n += int32(n)
			w.track(src, n, exact)
			return
		}
	}
	w.segs = append(w.segs, seg{text: int32(t), src: int32(src), n: int32(n), exact: exact})
	w.track(src, n, exact)
}

func (w *textWalker) track(src, n int, exact bool) {
	end := src
	if exact {
		end = src + n
	}
	if !w.mapped || src < w.minSrc {
		w.minSrc = src
	}
	if !w.mapped || end > w.maxSrc {
		w.maxSrc = end
	}
	w.mapped = true
	w.lastSrc = end
}

func (w *textWalker) inline(n ast.Node) {
	start := w.n
	switch n := n.(type) {
	case *ast.Text:
		seg := n.Segment
		if n.IsRaw() {
			w.emitSegment(seg)
		} else {
			w.decode(seg.Start, seg.Stop)
		}
		switch {
		case n.HardLineBreak():
			w.emit("\n", seg.Stop, false)
		case n.SoftLineBreak():
			w.emit(" ", seg.Stop, false)
		}
	case *ast.String:
		if n.IsCode() {
			w.emit(html.UnescapeString(string(n.Value)), w.lastSrc, false)
		} else {
			w.emit(string(n.Value), w.lastSrc, false)
		}
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				w.emitSegment(t.Segment)
			} else if s, ok := c.(*ast.String); ok {
				w.emit(string(s.Value), w.lastSrc, false)
			}
		}
	case *ast.AutoLink:
		w.emit(string(n.Label(w.src)), w.lastSrc, false)
	case *ast.RawHTML, *east.FootnoteLink, *east.TaskCheckBox, *ast.Image:
		// Tags, footnote numbers, check boxes and inline images add no text.
		return
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.inline(c)
		}
		return
	}
	w.leaves = append(w.leaves, leaf{node: n, start: start, end: w.n})
}

// decode appends the source text [from, to) as goldmark's HTML writer
// renders it: backslash escapes of punctuation removed, entity and numeric
// character references decoded, NUL replaced.
func (w *textWalker) decode(from, to int) {
	s := w.src
	run := from // start of the pending verbatim run
	flush := func(i int) { w.emitSource(run, i) }
	for i := from; i < to; i++ {
		// Only these bytes start what is not verbatim.
		k := bytes.IndexAny(s[i:to], "\\&\x00")
		if k < 0 {
			break
		}
		i += k
		c := s[i]
		switch {
		case c == '\\' && i+1 < to && util.IsPunct(s[i+1]):
			flush(i)
			w.emit(string(s[i+1]), i, false)
			i++
			run = i + 1
		case c == 0:
			flush(i)
			w.emit("\uFFFD", i, false)
			run = i + 1
		case c == '&':
			if r, n := charRef(s[i:to]); n > 0 {
				flush(i)
				w.emit(r, i, false)
				i += n - 1
				run = i + 1
			}
		}
	}
	flush(to)
}

// charRef decodes an entity or numeric character reference at the start of
// b, returning the text and the number of bytes it spans (0 if none).
func charRef(b []byte) (string, int) {
	end := strings.IndexByte(string(b[:min(len(b), 40)]), ';')
	if end < 2 {
		return "", 0
	}
	body := string(b[1:end])
	if body[0] == '#' {
		var v uint64
		var err error
		switch {
		case len(body) > 2 && (body[1] == 'x' || body[1] == 'X') && len(body)-2 < 7:
			v, err = strconv.ParseUint(body[2:], 16, 32)
		case len(body) > 1 && len(body)-1 < 8:
			v, err = strconv.ParseUint(body[1:], 10, 32)
		default:
			return "", 0
		}
		if err != nil {
			return "", 0
		}
		r := rune(v)
		if r == 0 || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return string(r), end + 1
	}
	for _, c := range []byte(body) {
		if !util.IsAlphaNumeric(c) {
			return "", 0
		}
	}
	if e, ok := util.LookUpHTML5EntityByName(body); ok {
		return string(e.Characters), end + 1
	}
	return "", 0
}

// blockRange returns the source byte range of a block.
func blockRange(b ast.Node, w *textWalker) (int, int) {
	if l := b.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start, l.At(l.Len() - 1).Stop
	}
	if w.mapped {
		return w.minSrc, w.maxSrc
	}
	return 0, 0
}
