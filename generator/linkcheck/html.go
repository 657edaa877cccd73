package linkcheck

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"unsafe"

	"golang.org/x/net/html"
)

// pageInfo is what the rest of the check needs to know about a page once
// it has been scanned.
type pageInfo struct {
	ids []string // the page's ids and <a name>s, sorted, interned
	// texts holds the white-space-normalized text of the elements whose
	// ids were asked for (the citations' anchors).
	texts map[string]string
}

// hasID reports whether the page has the id.
func (p *pageInfo) hasID(id string) bool {
	i := sort.SearchStrings(p.ids, id)
	return i < len(p.ids) && p.ids[i] == id
}

// fragLink is a link to a fragment of a page, checked once every page has
// been scanned.
type fragLink struct {
	from      string
	line, col int
	target    string // the target file
	frag      string
	href      string
}

// occurrence is where an external URL is linked from.
type occurrence struct {
	file      string
	line, col int
	href      string
}

// pageScanner scans HTML pages; each worker has its own.
type pageScanner struct {
	c     *checker
	attrs []attrKV
	spans []attrSpan
	// Per page:
	file      string
	docBase   string         // URL path of <base href>, if any
	ids       map[string]int // id → line of its first occurrence
	frags     []fragLink
	ext       []occurrence
	extURLs   []string
	links     int
	captures  []*captureState // elements whose text is being collected, outermost first
	texts     map[string]string
	wantTexts map[string]bool
	interned  map[string]string
}

type attrKV struct {
	key, val []byte
}

// captureState collects the text of an element whose id is wanted. Wanted
// elements may nest: text goes to every open one.
type captureState struct {
	id    string
	tag   string
	depth int
	buf   strings.Builder
}

// pos tracks line and column while tokenizing.
type pos struct {
	off, line, lineStart int
}

// at returns the line and column of offset k within the token that
// starts at p (whose raw bytes are raw).
func (p pos) at(raw []byte, k int) (line, col int) {
	pre := raw[:k]
	n := bytes.Count(pre, []byte{'\n'})
	if n == 0 {
		return p.line, p.off + k - p.lineStart + 1
	}
	return p.line + n, k - bytes.LastIndexByte(pre, '\n')
}

// advance moves p past a token's raw bytes.
func (p *pos) advance(raw []byte) {
	if n := bytes.Count(raw, []byte{'\n'}); n > 0 {
		p.line += n
		p.lineStart = p.off + bytes.LastIndexByte(raw, '\n') + 1
	}
	p.off += len(raw)
}

// scan tokenizes one page. want lists the ids whose text is needed.
func (s *pageScanner) scan(file string, r io.Reader, want map[string]bool) (*pageInfo, error) {
	s.file, s.docBase, s.links = file, "", 0
	if s.ids == nil {
		s.ids = map[string]int{}
	}
	clear(s.ids)
	s.frags, s.ext, s.extURLs = s.frags[:0], s.ext[:0], s.extURLs[:0]
	s.wantTexts, s.texts = want, nil
	s.captures = s.captures[:0]
	z := html.NewTokenizer(r)
	p := pos{line: 1}
	for {
		tt := z.Next()
		raw := z.Raw()
		cur := p
		p.advance(raw)
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				return nil, err
			}
			return s.finish(), nil
		case html.StartTagToken, html.SelfClosingTagToken:
			s.startTag(z, raw, cur, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			if len(s.captures) > 0 {
				name, _ := z.TagName()
				s.endTag(string(name))
			}
		case html.TextToken:
			if len(s.captures) > 0 {
				t := z.Text()
				for _, c := range s.captures {
					c.buf.Write(t)
				}
			}
		}
	}
}

func (s *pageScanner) finish() *pageInfo {
	for len(s.captures) > 0 { // elements left open at the end of the file
		s.endCapture(len(s.captures) - 1)
	}
	info := &pageInfo{ids: make([]string, 0, len(s.ids)), texts: s.texts}
	for id := range s.ids {
		info.ids = append(info.ids, id)
	}
	sort.Strings(info.ids)
	return info
}

// endTag closes the captures of elements named name that it ends.
func (s *pageScanner) endTag(name string) {
	for i := len(s.captures) - 1; i >= 0; i-- {
		c := s.captures[i]
		if c.tag == name {
			if c.depth--; c.depth == 0 {
				s.endCapture(i)
			}
		}
	}
}

func (s *pageScanner) endCapture(i int) {
	c := s.captures[i]
	if s.texts == nil {
		s.texts = map[string]string{}
	}
	s.texts[c.id] = normalizeSpace(c.buf.String())
	s.captures = append(s.captures[:i], s.captures[i+1:]...)
}

// startTag handles the attributes of a start tag.
func (s *pageScanner) startTag(z *html.Tokenizer, raw []byte, p pos, selfClosing bool) {
	nameB, more := z.TagName()
	name := tagName(nameB)
	s.attrs = s.attrs[:0]
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		s.attrs = append(s.attrs, attrKV{k, v})
	}
	if !selfClosing {
		for _, c := range s.captures {
			if c.tag == name {
				c.depth++
			}
		}
	}
	s.spans = nil
	for i, a := range s.attrs {
		switch string(a.key) {
		case "id":
			s.addID(a.val, raw, p, i)
		case "name":
			if name == "a" {
				s.addID(a.val, raw, p, i)
			}
		}
	}
	switch name {
	case "a", "area":
		if i := s.attr("href"); i >= 0 {
			s.link(raw, p, i, "href", false)
		}
	case "link":
		if i := s.attr("href"); i >= 0 && !hintRel(s.value("rel")) {
			s.link(raw, p, i, "href", false)
		}
	case "img":
		if i := s.attr("src"); i >= 0 {
			s.link(raw, p, i, "src", false)
		} else if s.attr("srcset") < 0 {
			line, col := p.at(raw, 0)
			s.c.out.addf(s.file, line, col, EmptyLink, "image without src")
		}
		if i := s.attr("srcset"); i >= 0 {
			s.srcset(raw, p, i)
		}
		if s.attr("alt") < 0 {
			line, col := p.at(raw, 0)
			s.c.out.addf(s.file, line, col, MissingAlt, "image %q has no alt text", s.value("src"))
		}
	case "source":
		if i := s.attr("src"); i >= 0 {
			s.link(raw, p, i, "src", false)
		}
		if i := s.attr("srcset"); i >= 0 {
			s.srcset(raw, p, i)
		}
	case "script", "iframe", "embed", "audio", "video", "track", "input":
		if name == "input" && !strings.EqualFold(s.value("type"), "image") {
			break
		}
		if i := s.attr("src"); i >= 0 {
			s.link(raw, p, i, "src", false)
		}
		if i := s.attr("poster"); i >= 0 && name == "video" {
			s.link(raw, p, i, "poster", false)
		}
	case "object":
		if i := s.attr("data"); i >= 0 {
			s.link(raw, p, i, "data", false)
		}
	case "form":
		if i := s.attr("action"); i >= 0 {
			s.link(raw, p, i, "action", true)
		}
	case "meta":
		if strings.EqualFold(strings.TrimSpace(s.value("http-equiv")), "refresh") {
			if i := s.attr("content"); i >= 0 {
				s.refresh(raw, p, i)
			}
		}
	case "base":
		if i := s.attr("href"); i >= 0 {
			r := s.c.base.resolve(s.file, "", string(s.attrs[i].val))
			if r.kind == refInternal {
				s.docBase = s.c.base.path + r.path
				if !strings.HasSuffix(s.docBase, "/") {
					s.docBase = pageDir(s.docBase)
				}
			}
		}
	}
}

// tagName returns a constant string for the tag names that matter, so that
// comparing them does not allocate.
func tagName(b []byte) string {
	switch string(b) {
	case "a":
		return "a"
	case "area":
		return "area"
	case "link":
		return "link"
	case "img":
		return "img"
	case "source":
		return "source"
	case "script":
		return "script"
	case "iframe":
		return "iframe"
	case "embed":
		return "embed"
	case "audio":
		return "audio"
	case "video":
		return "video"
	case "track":
		return "track"
	case "input":
		return "input"
	case "object":
		return "object"
	case "form":
		return "form"
	case "meta":
		return "meta"
	case "base":
		return "base"
	case "span":
		return "span"
	case "p":
		return "p"
	case "div":
		return "div"
	}
	return string(b)
}

// hintRel reports whether a <link rel> only names a host to connect to
// early, not a document.
func hintRel(rel string) bool {
	for _, r := range strings.Fields(strings.ToLower(rel)) {
		switch r {
		case "preconnect", "dns-prefetch":
			return true
		}
	}
	return false
}

func (s *pageScanner) attr(key string) int {
	for i, a := range s.attrs {
		if string(a.key) == key {
			return i
		}
	}
	return -1
}

func (s *pageScanner) value(key string) string {
	if i := s.attr(key); i >= 0 {
		return string(s.attrs[i].val)
	}
	return ""
}

// attrPos returns the line and column of the name of attribute i.
func (s *pageScanner) attrPos(raw []byte, p pos, i int) (int, int) {
	if s.spans == nil {
		s.spans = attrSpans(raw, make([]attrSpan, 0, len(s.attrs)))
	}
	if i < len(s.spans) {
		return p.at(raw, s.spans[i].key)
	}
	return p.at(raw, 0)
}

func (s *pageScanner) addID(b []byte, raw []byte, p pos, i int) {
	if len(b) == 0 {
		return
	}
	if first, dup := s.ids[string(b)]; dup {
		if string(s.attrs[i].key) == "id" {
			line, col := s.attrPos(raw, p, i)
			s.c.out.add(Finding{File: s.file, Line: line, Col: col, Kind: DuplicateID, Severity: Warning,
				Msg: fmt.Sprintf("duplicate id %q (first at line %d)", b, first)})
		}
		return
	}
	id := s.intern(b)
	s.ids[id] = p.line
	if s.wantTexts[id] {
		if t := tagNameOf(raw); !voidElement(t) {
			s.captures = append(s.captures, &captureState{id: id, tag: t, depth: 1})
		}
	}
}

// intern returns a shared copy of the ids many pages have ("main", the
// headings' ids), from a small per-worker table.
func (s *pageScanner) intern(b []byte) string {
	if v, ok := s.interned[string(b)]; ok {
		return v
	}
	id := string(b)
	if s.interned == nil {
		s.interned = map[string]string{}
	}
	if len(s.interned) < 4096 {
		s.interned[id] = id
	}
	return id
}

// tagNameOf returns the lower-case tag name of a raw start tag.
func tagNameOf(raw []byte) string {
	i := 1
	for i < len(raw) && !isSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' {
		i++
	}
	return strings.ToLower(string(raw[1:i]))
}

func voidElement(t string) bool {
	switch t {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// link checks the URL in attribute i.
func (s *pageScanner) link(raw []byte, p pos, i int, attr string, emptyOK bool) {
	// The URL is looked at in place: it is copied only when kept (see
	// check and resolved).
	v := s.attrs[i].val
	if len(v) == 0 {
		s.check(raw, p, i, attr, "", emptyOK)
		return
	}
	s.check(raw, p, i, attr, unsafe.String(&v[0], len(v)), emptyOK)
}

func (s *pageScanner) check(raw []byte, p pos, i int, attr, href string, emptyOK bool) {
	s.links++
	r := s.c.base.resolve(s.file, s.docBase, href)
	if r.kind == refEmpty && emptyOK {
		return
	}
	if r.kind == refInternal && r.hash && r.frag == "" && strings.TrimSpace(href) == "#" && !emptyOK {
		line, col := s.attrPos(raw, p, i)
		s.c.out.addf(s.file, line, col, EmptyLink, "empty link %s=%q (a bare #)", attr, href)
		return
	}
	switch r.kind {
	case refSkip:
		return
	case refExternal:
		if s.c.opts.External {
			line, col := s.attrPos(raw, p, i)
			s.ext = append(s.ext, occurrence{file: s.file, line: line, col: col, href: strings.Clone(href)})
			s.extURLs = append(s.extURLs, strings.Clone(r.path))
		}
		return
	}
	line, col := s.attrPos(raw, p, i)
	s.c.resolved(s.file, line, col, attr, href, r, &s.frags)
}

// srcset checks each candidate URL of a srcset attribute.
func (s *pageScanner) srcset(raw []byte, p pos, i int) {
	v := string(s.attrs[i].val)
	if strings.TrimSpace(v) == "" {
		line, col := s.attrPos(raw, p, i)
		s.c.out.addf(s.file, line, col, EmptyLink, "empty srcset")
		return
	}
	for _, cand := range strings.Split(v, ",") {
		f := strings.Fields(cand)
		if len(f) == 0 {
			continue
		}
		s.check(raw, p, i, "srcset", f[0], false)
	}
}

// refresh checks the URL of <meta http-equiv=refresh content="0; url=…">.
func (s *pageScanner) refresh(raw []byte, p pos, i int) {
	v := string(s.attrs[i].val)
	_, after, ok := strings.Cut(v, ";")
	if !ok {
		_, after, ok = strings.Cut(v, ",")
	}
	if !ok {
		return // a plain reload
	}
	after = strings.TrimSpace(after)
	if len(after) >= 4 && strings.EqualFold(after[:3], "url") {
		after = strings.TrimSpace(after[3:])
		after = strings.TrimSpace(strings.TrimPrefix(after, "="))
	}
	after = strings.Trim(after, `"'`)
	s.check(raw, p, i, "refresh", after, false)
}

// resolved checks an internal reference; fragment links to other pages are
// appended to frags for later.
func (c *checker) resolved(file string, line, col int, attr, href string, r ref, frags *[]fragLink) {
	switch r.kind {
	case refEmpty:
		c.out.addf(file, line, col, EmptyLink, "empty %s", attr)
		return
	case refJavaScript:
		c.out.addf(file, line, col, JavaScriptLink, "javascript: link %q", shorten(href, 60))
		return
	case refMalformed:
		c.out.addf(file, line, col, BrokenLink, "broken link %q (not a URL: %s)", href, r.err)
		return
	case refOutside:
		c.out.addf(file, line, col, BrokenLink, "broken link %q (outside the site's base path %s)", href, c.base.path)
		return
	}
	c.links.Add(1)
	target, ok := c.tree.targetFile(r.path)
	if !ok {
		if ev, isEvent := eventOfPath(r.path); isEvent {
			c.out.addf(file, line, col, UnknownEvent, "broken link %q (event %q does not exist)", href, ev)
			return
		}
		what := "broken link"
		if attr == "src" || attr == "srcset" || attr == "poster" {
			what = "missing file"
			if kindOfTarget(r.path) == "image" {
				what = "missing image"
			}
		}
		c.out.addf(file, line, col, BrokenLink, "%s %q (target missing)", what, href)
		return
	}
	if ev, isEvent := eventOfPath(r.path); isEvent && c.model != nil && !c.model.hasEvent(ev) {
		c.out.addf(file, line, col, UnknownEvent, "link %q to event %q, which is not in events.json", href, ev)
		return
	}
	if r.frag != "" && strings.HasSuffix(target, ".html") {
		*frags = append(*frags, fragLink{from: file, line: line, col: col, target: target, frag: strings.Clone(r.frag), href: strings.Clone(href)})
	}
}

// kindOfTarget guesses what a file is from its extension.
func kindOfTarget(p string) string {
	switch strings.ToLower(path.Ext(p)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp":
		return "image"
	}
	return ""
}

// eventOfPath returns the event id of a site path "events/<id>/".
func eventOfPath(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, "events/")
	if !ok {
		return "", false
	}
	rest = strings.TrimSuffix(strings.TrimSuffix(rest, "index.html"), "/")
	if rest == "" || strings.Contains(rest, "/") {
		return "", false
	}
	return rest, true
}

// normalizeSpace collapses runs of white space into one space and trims.
func normalizeSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
