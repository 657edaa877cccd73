package linkcheck

import (
	"io"
	"strings"
	"unsafe"

	"golang.org/x/net/html"
)

// htmlText is an HTML fragment held in a text value (an Atom entry's
// content, a TimelineJS slide's text). Its links are reported at the
// position of the value.
type htmlText struct {
	line, col int
	text      string
}

// htmlTexts checks the links of HTML fragments of file.
func (c *checker) htmlTexts(file string, texts []htmlText, frags *[]fragLink) {
	linksInTexts(texts, func(i int, attr, href string) {
		c.feedLink(file, texts[i].line, texts[i].col, attr, href, frags)
	})
}

// linksInTexts calls link with every link (attr is "href" or "src") of
// the HTML fragments texts, the index of its text and its URL, which is
// valid during the call only, in order.
//
// A tokenizer costs a 4 KB buffer to make and the fragments are small, so
// one tokenizer reads a run of fragments one after the other. Its tokens
// are those of each fragment read alone as long as no token runs over the
// end of a fragment and no fragment ends with the start tag of an element
// whose content is raw text (<script>, <title>…), the only state the
// tokenizer keeps from one token to the next. A fragment that breaks the
// first rule is read again alone; the run starts again after it.
func linksInTexts(texts []htmlText, link func(i int, attr, href string)) {
	b := textBatch{link: link}
	for i := 0; i < len(texts); {
		if texts[i].text == "" {
			i++
			continue
		}
		done, alone := b.run(texts, i)
		i += done
		if alone {
			b.links, b.buf = b.links[:0], b.buf[:0]
			b.alone(texts[i].text)
			b.flush(i)
			i++
		}
	}
}

// textBatch collects the links of the fragment being read until it is
// known to have been read as if alone.
type textBatch struct {
	link  func(i int, attr, href string)
	buf   []byte
	links []textLink
	r     textsReader
}

type textLink struct {
	attr       string
	start, end int // the URL, in buf
}

// run reads texts[from:] with one tokenizer; it returns the number of
// fragments read and checked, and whether the next one must be read alone.
func (b *textBatch) run(all []htmlText, from int) (done int, alone bool) {
	texts := all[from:]
	b.r = textsReader{texts: texts}
	b.links, b.buf = b.links[:0], b.buf[:0]
	total := 0
	for _, t := range texts {
		total += len(t.text)
	}
	z := html.NewTokenizer(&b.r)
	k, end, off := 0, len(texts[0].text), 0
	rawNext := false // the last token opens raw text
	for {
		tt := z.Next()
		start := off
		if tt == html.ErrorToken {
			// The end of the input, which may cut a last token short:
			// it is taken to run to the end.
			off = total
		} else {
			off += len(z.Raw())
		}
		if start >= end && start < total {
			// The token starts a next fragment: fragment k was read whole.
			b.flush(from + k)
			if rawNext {
				return k + 1, false
			}
			for start >= end {
				k++
				end += len(texts[k].text)
			}
		}
		if off > end {
			return k, true
		}
		if tt == html.ErrorToken {
			b.flush(from + k)
			return len(texts), false
		}
		rawNext = b.token(z, tt, z.Raw())
	}
}

// alone reads a fragment with a tokenizer of its own.
func (b *textBatch) alone(text string) {
	z := html.NewTokenizer(strings.NewReader(text))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		b.token(z, tt, z.Raw())
	}
}

// token notes the links of a token; it reports whether the token is the
// start tag of an element whose content the tokenizer reads as raw text.
func (b *textBatch) token(z *html.Tokenizer, tt html.TokenType, raw []byte) (rawText bool) {
	if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
		return false
	}
	name := rawTagName(raw, 1)
	want, t := "", kindOfTag(name)
	switch t {
	case tagA, tagArea:
		want = "href"
	case tagImg, tagSource, tagIframe, tagVideo, tagAudio:
		want = "src"
	default:
		return rawTextTag(name)
	}
	for {
		k, v, more := z.TagAttr()
		if k == nil {
			break
		}
		if string(k) == want {
			b.links = append(b.links, textLink{want, len(b.buf), len(b.buf) + len(v)})
			b.buf = append(b.buf, v...)
		}
		if !more {
			break
		}
	}
	return t == tagIframe
}

// rawTextTag reports whether the tokenizer reads the content of the
// element named name (raw, any case) as raw text.
func rawTextTag(name []byte) bool {
	switch len(name) {
	case 3, 5, 6, 7, 8, 9:
	default:
		return false
	}
	for _, t := range [...]string{"iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp"} {
		if sameTag(name, t) {
			return true
		}
	}
	return false
}

// flush passes on the links collected for fragment i.
func (b *textBatch) flush(i int) {
	for _, l := range b.links {
		var href string
		if l.end > l.start {
			href = unsafe.String(&b.buf[l.start], l.end-l.start)
		}
		b.link(i, l.attr, href)
	}
	b.links, b.buf = b.links[:0], b.buf[:0]
}

// textsReader reads fragments one after the other.
type textsReader struct {
	texts []htmlText
	i     int // the fragment being read
	off   int // in it
}

func (r *textsReader) Read(p []byte) (int, error) {
	for r.i < len(r.texts) && r.off == len(r.texts[r.i].text) {
		r.i++
		r.off = 0
	}
	if r.i == len(r.texts) {
		return 0, io.EOF
	}
	n := copy(p, r.texts[r.i].text[r.off:])
	r.off += n
	return n, nil
}
