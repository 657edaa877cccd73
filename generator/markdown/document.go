package markdown

import "sort"

// Kind is the kind of a text block.
type Kind int

// Block kinds.
const (
	Paragraph Kind = iota
	Heading
	Caption   // the caption of a figure
	ListItem  // the text of a tight list item
	TableCell // a cell of a GFM table
)

var kindNames = [...]string{"paragraph", "heading", "caption", "list item", "table cell"}

func (k Kind) String() string { return kindNames[k] }

// Document is the text of a parsed Markdown source.
type Document struct {
	Blocks []Block
}

// Block is one block of text as the reader sees it: escapes and entities
// decoded, typographic quotes and dashes applied, soft line breaks as
// spaces, markup removed.
type Block struct {
	Kind  Kind
	Level int    // heading level, 1-6
	Text  string // the text
	// Start and End are the byte range of the block in the source.
	Start, End int

	segs []seg
}

// seg maps block text [text, text+n) to source bytes: one to one when exact,
// otherwise (a decoded escape or entity, a typographic quote) every byte of
// the run maps to src.
type seg struct {
	text, src, n int32 // an article is at most a few MiB: 16 bytes a seg, not 32
	exact        bool
}

// SourceOffset maps a byte offset in the block's Text to a byte offset in
// the Markdown source. An offset inside a decoded escape maps to its start;
// len(Text) maps to the end of the last character.
func (b *Block) SourceOffset(i int) int {
	if len(b.segs) == 0 {
		return b.Start
	}
	k := sort.Search(len(b.segs), func(k int) bool { return int(b.segs[k].text+b.segs[k].n) > i }) // first seg ending after i
	if k == len(b.segs) {
		last := b.segs[len(b.segs)-1]
		if last.exact {
			return int(last.src + last.n)
		}
		return int(last.src)
	}
	s := b.segs[k]
	if i < int(s.text) {
		return int(s.src)
	}
	if s.exact {
		return int(s.src) + (i - int(s.text))
	}
	return int(s.src)
}
