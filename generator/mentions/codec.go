package mentions

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"sync"
	"time"
	"unique"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/entities"
	"github.com/timeline-dev/timeline/generator/markdown"
	"github.com/timeline-dev/timeline/generator/timex"
)

// The mentions of an article are encoded (Encode) field by field, each
// string once per article (later uses name it by its number), and a
// sentence or an expression that is the article's text at its offsets
// not at all: Decode takes it from the article, as extraction does. The
// mentions cache (package tagcache) keeps them so on disk, and a build
// holds them so while it looks for the sentences articles repeat.
// encoding/gob, tried first, decoded an article's mentions in 14 µs a
// mention (its types compiled again for every article, which the cache
// decodes one by one) and made a copy of every string; this codec
// decodes in about a twentieth of that. TestCodecEveryField fails when
// Mention gains a field this codec does not carry.

// Encode returns the encoding of ms, the mentions of article a, in a
// slice of its length: an encoder's buffer and string table are reused
// from one article to the next (encoders), so that encoding every
// article of a cold build makes little garbage.
func Encode(ms []Mention, a *content.Article) []byte {
	e := encoders.Get().(*encoder)
	defer encoders.Put(e)
	e.b = e.b[:0]
	clear(e.strs)
	e.mentions(ms, a)
	return bytes.Clone(e.b)
}

var encoders = sync.Pool{New: func() any { return &encoder{strs: map[string]int{}} }}

// mentions writes ms.
func (e *encoder) mentions(ms []Mention, a *content.Article) {
	e.size(ms == nil, len(ms))
	for k := range ms {
		m := &ms[k]
		e.int(m.Block)
		e.int(m.Start)
		e.int(m.End)
		e.text(a, m.Block, m.Start, m.End, m.Sentence)
		e.int(m.Sentences)
		e.int(m.ExprStart)
		e.int(m.ExprEnd)
		e.text(a, m.Block, m.ExprStart, m.ExprEnd, m.Expression)
		e.str(string(m.Type))
		e.str(string(m.Value))
		e.str(string(m.Mod))
		e.date(m.Interval.Start)
		e.date(m.Interval.End)
		e.str(string(m.Basis))
		e.bools(m.Reporting, m.Denial, m.Attributed, m.PronounSpeaker)
		e.str(m.Speaker)
		e.str(m.Source)
		e.int(m.Dates)
		e.int(m.Continues)
		e.int(int(m.Kind))
		e.size(m.Entities == nil, len(m.Entities))
		for _, en := range m.Entities {
			e.str(en.Text)
			e.str(string(en.Kind))
			e.str(en.Key)
			e.int(en.Start)
			e.int(en.End)
		}
		e.strs2(m.Terms)
		e.strs2(m.Happenings)
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(m.Position))
	}
}

type encoder struct {
	b    []byte
	strs map[string]int // the strings written, by number
}

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int)     { e.b = binary.AppendVarint(e.b, int64(v)) }

// str writes a string the first time as 0, its length and bytes, and
// after that as its number + 1.
func (e *encoder) str(s string) {
	if n, ok := e.strs[s]; ok {
		e.uint(uint64(n) + 1)
		return
	}
	e.strs[s] = len(e.strs)
	e.uint(0)
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// text writes s, which is a's text of block [start, end) or not: a 1 for
// the first, a 0 and the string for the second.
func (e *encoder) text(a *content.Article, block, start, end int, s string) {
	if t, ok := blockText(a, block, start, end); ok && t == s {
		e.uint(1)
		return
	}
	e.uint(0)
	e.str(s)
}

func blockText(a *content.Article, block, start, end int) (string, bool) {
	if a.Doc == nil || block < 0 || block >= len(a.Doc.Blocks) {
		return "", false
	}
	text := a.Doc.Blocks[block].Text
	if start < 0 || start > end || end > len(text) {
		return "", false
	}
	return text[start:end], true
}

func (e *encoder) date(d timex.Date) {
	e.int(d.Year)
	e.int(int(d.Month))
	e.int(d.Day)
}

func (e *encoder) bools(bs ...bool) {
	var v uint64
	for i, b := range bs {
		if b {
			v |= 1 << i
		}
	}
	e.uint(v)
}

// size writes the length of a slice, nil and empty apart: 0 for nil.
func (e *encoder) size(isNil bool, n int) {
	if isNil {
		e.uint(0)
		return
	}
	e.uint(uint64(n) + 1)
}

// strs2 writes a list of strings.
func (e *encoder) strs2(ss []string) {
	e.size(ss == nil, len(ss))
	for _, s := range ss {
		e.str(s)
	}
}

// ErrCorrupt is the error of Decode when its input is not what Encode
// wrote for the article.
var ErrCorrupt = errors.New("mentions: corrupt encoding")

// Decode decodes the mentions of article a that Encode wrote. Their
// sentences and expressions are a's text; their other strings (words,
// names, dates) are interned (package unique): the mentions of every
// article share one copy of each, rather than each article's holding a
// copy of all of b.
func Decode(b []byte, a *content.Article) (ms []Mention, err error) {
	d := decoder{b: b, all: string(b)}
	defer func() {
		if recover() != nil {
			ms, err = nil, ErrCorrupt
		}
	}()
	n, ok := d.size()
	if ok {
		ms = make([]Mention, n)
	}
	for k := range ms {
		m := &ms[k]
		m.Article = a.ID
		m.Block = d.int()
		m.Start = d.int()
		m.End = d.int()
		m.Sentence = d.text(a, m.Block, m.Start, m.End)
		m.Sentences = d.int()
		m.ExprStart = d.int()
		m.ExprEnd = d.int()
		m.Expression = d.text(a, m.Block, m.ExprStart, m.ExprEnd)
		m.Type = timex.Type(d.str())
		m.Value = timex.Value(d.str())
		m.Mod = timex.Mod(d.str())
		m.Interval.Start = d.date()
		m.Interval.End = d.date()
		m.Basis = Basis(d.str())
		flags := d.uint()
		m.Reporting, m.Denial, m.Attributed, m.PronounSpeaker = flags&1 != 0, flags&2 != 0, flags&4 != 0, flags&8 != 0
		m.Speaker = d.str()
		m.Source = d.str()
		m.Dates = d.int()
		m.Continues = d.int()
		m.Kind = markdown.Kind(d.int())
		if ne, ok := d.size(); ok {
			m.Entities = make([]entities.Entity, ne)
			for i := range m.Entities {
				en := &m.Entities[i]
				en.Text = d.str()
				en.Kind = entities.Kind(d.str())
				en.Key = d.str()
				en.Start = d.int()
				en.End = d.int()
			}
		}
		m.Terms = d.strs2()
		m.Happenings = d.strs2()
		if len(d.b) < 8 {
			return nil, ErrCorrupt
		}
		m.Position = math.Float64frombits(binary.LittleEndian.Uint64(d.b))
		d.b = d.b[8:]
	}
	if len(d.b) != 0 {
		return nil, ErrCorrupt
	}
	return ms, nil
}

// decoder reads what encoder wrote; a short or malformed input panics
// with ErrCorrupt, which Decode recovers. The strings it reads are parts
// of all, a copy of the input made at once, until they are interned.
type decoder struct {
	b    []byte
	all  string
	strs []string
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		panic(ErrCorrupt)
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 || v != int64(int(v)) {
		panic(ErrCorrupt)
	}
	d.b = d.b[n:]
	return int(v)
}

// len reads a length, which cannot exceed the bytes left.
func (d *decoder) len() int {
	v := d.uint()
	if v > uint64(len(d.b)) {
		panic(ErrCorrupt)
	}
	return int(v)
}

func (d *decoder) str() string {
	n := d.uint()
	if n > 0 {
		if n > uint64(len(d.strs)) {
			panic(ErrCorrupt)
		}
		return d.strs[n-1]
	}
	l := d.len()
	off := len(d.all) - len(d.b)
	s := unique.Make(d.all[off : off+l]).Value()
	d.b = d.b[l:]
	d.strs = append(d.strs, s)
	return s
}

func (d *decoder) text(a *content.Article, block, start, end int) string {
	if d.uint() == 1 {
		t, ok := blockText(a, block, start, end)
		if !ok {
			panic(ErrCorrupt)
		}
		return t
	}
	return d.str()
}

func (d *decoder) date() timex.Date {
	return timex.Date{Year: d.int(), Month: time.Month(d.int()), Day: d.int()}
}

// size reads what encoder.size wrote: ok is false for nil.
func (d *decoder) size() (n int, ok bool) {
	v := d.uint()
	if v == 0 {
		return 0, false
	}
	if v-1 > uint64(len(d.b)) {
		panic(ErrCorrupt)
	}
	return int(v - 1), true
}

func (d *decoder) strs2() []string {
	n, ok := d.size()
	if !ok {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}
