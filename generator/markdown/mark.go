package markdown

import (
	"github.com/yuin/goldmark/ast"
)

// KindMark is the node kind of a MarkNode.
var KindMark = ast.NewNodeKind("Mark")

// MarkNode wraps the inline nodes of a mark.
type MarkNode struct {
	ast.BaseInline
	ID, Class string
	Links     []Link
	Datetime  string // a <time> element when set
}

// Kind implements ast.Node.
func (n *MarkNode) Kind() ast.NodeKind { return KindMark }

// Dump implements ast.Node.
func (n *MarkNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.ID}, nil)
}

// leavesOf re-extracts the leaves of block b, into buf, and the length
// of its text.
func leavesOf(b ast.Node, src []byte, buf []leaf) ([]leaf, int) {
	w := &textWalker{src: src, lengths: true, leaves: buf[:0]}
	w.block(b)
	return w.leaves, w.n
}

// applyMark wraps the text range of mk in block b. scratch holds the
// leaves found, for the next call.
func applyMark(b ast.Node, src []byte, mk Mark, scratch *[]leaf) {
	leaves, n := leavesOf(b, src, *scratch)
	defer func() { *scratch = leaves }()
	if mk.Start < 0 || mk.End > n || mk.Start >= mk.End {
		return
	}
	// Split text leaves so that the mark's ends fall on leaf boundaries;
	// the leaves are found again only when a split changed them.
	for _, at := range []int{mk.Start, mk.End} {
		for _, l := range leaves {
			if l.start < at && at < l.end {
				if splitLeaf(src, l, at) {
					leaves, _ = leavesOf(b, src, leaves)
				}
				break
			}
		}
	}
	var first, last ast.Node
	for _, l := range leaves {
		if l.end > mk.Start && l.start < mk.End && l.end > l.start {
			if first == nil {
				first = l.node
			}
			last = l.node
		}
	}
	if first == nil {
		return
	}
	// Wrap the run of siblings, under the lowest common ancestor, that holds
	// first..last.
	c1, c2 := siblingsUnderLCA(first, last)
	parent := c1.Parent()
	node := &MarkNode{ID: mk.ID, Class: mk.Class, Links: mk.Links, Datetime: mk.Datetime}
	parent.InsertBefore(parent, c1, node)
	for c := c1; c != nil; {
		next := c.NextSibling()
		parent.RemoveChild(parent, c)
		node.AppendChild(node, c)
		if c == c2 {
			break
		}
		c = next
	}
}

// splitLeaf splits the text node of l at block text offset at, and
// reports whether it did. Leaves that are not plain text nodes
// (typographic quotes, autolinks) are left whole.
func splitLeaf(src []byte, l leaf, at int) bool {
	t, ok := l.node.(*ast.Text)
	if !ok {
		return false
	}
	// Find the source offset of the text offset: re-walk this one node.
	w := &textWalker{src: src}
	w.inline(t)
	blk := Block{segs: w.segs, Start: t.Segment.Start}
	p := blk.SourceOffset(at - l.start)
	if p <= t.Segment.Start || p >= t.Segment.Stop {
		return false
	}
	second := ast.NewTextSegment(t.Segment.WithStart(p))
	second.SetSoftLineBreak(t.SoftLineBreak())
	second.SetHardLineBreak(t.HardLineBreak())
	second.SetRaw(t.IsRaw())
	t.Segment = t.Segment.WithStop(p)
	t.SetSoftLineBreak(false)
	t.SetHardLineBreak(false)
	t.Parent().InsertAfter(t.Parent(), t, second)
	return true
}

func ancestors(n ast.Node) []ast.Node {
	var path []ast.Node
	for ; n != nil; n = n.Parent() {
		path = append(path, n)
	}
	// root first
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return path
}

// siblingsUnderLCA returns the children of the lowest common ancestor of a
// and b that contain a and b.
func siblingsUnderLCA(a, b ast.Node) (ast.Node, ast.Node) {
	pa, pb := ancestors(a), ancestors(b)
	i := 0
	for i < len(pa) && i < len(pb) && pa[i] == pb[i] {
		i++
	}
	if i == len(pa) || i == len(pb) { // one contains the other (a == b)
		return a, b
	}
	return pa[i], pb[i]
}
