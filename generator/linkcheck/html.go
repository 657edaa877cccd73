package linkcheck

import (
	"bytes"
	"io"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
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
	// redirect is set for a page that sends the reader on to another
	// (<meta http-equiv=refresh> with a URL), such as an event's old
	// address: it need not be in the sitemap.
	redirect bool
}

// hasID reports whether the page has the id.
func (p *pageInfo) hasID(id string) bool {
	i := sort.SearchStrings(p.ids, id)
	return i < len(p.ids) && p.ids[i] == id
}

// fragLink is a link to a fragment of a page that had not been scanned
// when the link was found: it is checked once every page has been.
type fragLink struct {
	from   string
	at     at
	target int32 // the target file, in the tree
	frag   string
	href   string
}

// occurrence is where an external URL is linked from.
type occurrence struct {
	file string
	at   at
	href string
}

// pageScanner scans HTML pages; each worker has its own.
//
// Most of a page needs nothing but the tokenizer's pass over it: text,
// comments and the tags that hold neither a link nor an id are skipped
// without asking the tokenizer for their attributes (which copies them).
// Positions are byte offsets of tags; lines and columns are computed only
// for findings, at the end (see at).
type pageScanner struct {
	c        *checker
	attrs    []attrKV
	spans    []attrSpan
	idSeen   map[string]int // id → offset of the tag it first occurs in
	idList   []string       // the ids, in the order of their first occurrence
	frags    []fragLink
	ext      []occurrence
	extURLs  []string
	captures []*captureState // elements whose text is being collected, outermost first
	spare    []*captureState
	interned map[string]string
	// Per page:
	file    string
	idx     int32  // the page's index in the tree
	tag     int    // offset of the current token
	docBase string // URL path of <base href>, if any
	links   int
	texts   map[string]string
	want    map[string]bool
	// redirect: the page has a refresh to another URL.
	redirect bool
}

// attrKV is an attribute of the current tag, as the tokenizer returns it:
// the bytes may change with the next token.
type attrKV struct {
	key, val []byte
}

// captureState collects the text of an element whose id is wanted. Wanted
// elements may nest: text goes to every open one.
type captureState struct {
	id    string
	tag   string
	depth int
	buf   []byte
}

// scan tokenizes one page, the file of index idx in the tree. want lists
// the ids whose text is needed.
func (s *pageScanner) scan(file string, idx int32, r io.Reader, want map[string]bool) (*pageInfo, error) {
	s.file, s.idx, s.docBase, s.links = file, idx, "", 0
	if s.idSeen == nil || len(s.idSeen) > 1024 {
		s.idSeen = map[string]int{} // clearing a map costs its capacity
	} else {
		clear(s.idSeen)
	}
	s.idList = s.idList[:0]
	s.frags, s.ext, s.extURLs = s.frags[:0], s.ext[:0], s.extURLs[:0]
	s.want, s.texts, s.redirect = want, nil, false
	s.captures = s.captures[:0]
	z := html.NewTokenizer(r)
	off := 0
	for {
		tt := z.Next()
		raw := z.Raw()
		s.tag = off
		off += len(raw)
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				return nil, err
			}
			return s.finish(), nil
		case html.StartTagToken, html.SelfClosingTagToken:
			s.startTag(z, raw, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			if len(s.captures) > 0 {
				s.endTag(rawTagName(raw, 2))
			}
		case html.TextToken:
			if len(s.captures) > 0 {
				t := z.Text()
				for _, c := range s.captures {
					c.buf = append(c.buf, t...)
				}
			}
		}
	}
}

func (s *pageScanner) finish() *pageInfo {
	for len(s.captures) > 0 { // elements left open at the end of the file
		s.endCapture(len(s.captures) - 1)
	}
	info := &pageInfo{ids: make([]string, len(s.idList)), texts: s.texts, redirect: s.redirect}
	copy(info.ids, s.idList)
	sort.Strings(info.ids)
	return info
}

// rawTagName returns the name of the tag whose raw bytes are raw, from
// offset start (1 for a start tag, 2 for an end tag), as the tokenizer
// reads it: up to white space, '/' or '>'. It is not lower-cased.
func rawTagName(raw []byte, start int) []byte {
	if start >= len(raw) {
		return nil
	}
	i := start + 1 // the first byte is a letter
	for i < len(raw) && !isSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' {
		i++
	}
	if i > len(raw) {
		i = len(raw)
	}
	return raw[start:i]
}

// endTag closes the captures of elements named name that it ends.
func (s *pageScanner) endTag(name []byte) {
	for i := len(s.captures) - 1; i >= 0; i-- {
		c := s.captures[i]
		if sameTag(name, c.tag) {
			if c.depth--; c.depth == 0 {
				s.endCapture(i)
			}
		}
	}
}

// sameTag reports whether the raw tag name b is t, a lower-cased name.
func sameTag(b []byte, t string) bool {
	return len(b) == len(t) && equalFoldASCII(b, unsafe.Slice(unsafe.StringData(t), len(t)))
}

func (s *pageScanner) endCapture(i int) {
	c := s.captures[i]
	if s.texts == nil {
		s.texts = map[string]string{}
	}
	s.texts[c.id] = normalizeSpaceBytes(c.buf)
	s.captures = append(s.captures[:i], s.captures[i+1:]...)
	c.buf = c.buf[:0]
	s.spare = append(s.spare, c)
}

// The tags whose attributes are read for links.
const (
	tagOther = iota
	tagA
	tagArea
	tagLink
	tagImg
	tagSource
	tagScript
	tagIframe
	tagEmbed
	tagAudio
	tagVideo
	tagTrack
	tagInput
	tagObject
	tagForm
	tagMeta
	tagBase
)

// lowerShort returns a tag name of at most 6 bytes in ASCII lower case,
// in an array (the names the check reads are that short), without
// allocating; ok is false for a longer name.
func lowerShort(name []byte) (b [6]byte, ok bool) {
	if len(name) > len(b) {
		return b, false
	}
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return b, true
}

// kindOfTag classifies a raw tag name, ignoring ASCII case (the tokenizer
// lower-cases names that way), without allocating.
func kindOfTag(name []byte) int {
	b, ok := lowerShort(name)
	if !ok {
		return tagOther
	}
	switch string(b[:len(name)]) {
	case "a":
		return tagA
	case "area":
		return tagArea
	case "link":
		return tagLink
	case "img":
		return tagImg
	case "source":
		return tagSource
	case "script":
		return tagScript
	case "iframe":
		return tagIframe
	case "embed":
		return tagEmbed
	case "audio":
		return tagAudio
	case "video":
		return tagVideo
	case "track":
		return tagTrack
	case "input":
		return tagInput
	case "object":
		return tagObject
	case "form":
		return tagForm
	case "meta":
		return tagMeta
	case "base":
		return tagBase
	}
	return tagOther
}

// mayMatter reports whether the attributes of a tag of kind t, the raw
// bytes b after its name, may hold an id or what the check reads in such
// a tag. The tokenizer lower-cases attribute names: a tag whose bytes do
// not contain a name in some case has no attribute of that name, and its
// attributes need not be asked for (which copies each one).
func (s *pageScanner) mayMatter(t int, b []byte) bool {
	var keys string // the attributes read, by their first letters
	switch t {
	case tagA, tagArea, tagLink, tagBase:
		keys = "href"
	case tagImg:
		return true // checked for src and alt in any case
	case tagSource, tagScript, tagIframe, tagEmbed, tagAudio, tagTrack, tagInput:
		keys = "src"
	case tagVideo:
		return true // src or poster
	case tagObject:
		keys = "data"
	case tagForm:
		keys = "action"
	case tagMeta:
		keys = "http-equiv"
	}
	// The key first: most tags of a kind that links have the link.
	return keys != "" && containsFold(b, keys) || containsFold(b, "id") || t == tagA && containsFold(b, "name")
}

// containsFold reports whether b contains the lower-case ASCII key in any
// case.
func containsFold(b []byte, key string) bool {
	k0 := key[0]
	for i := 0; i+len(key) <= len(b); i++ {
		if b[i]|0x20 != k0 {
			continue
		}
		j := 1
		for j < len(key) && b[i+j]|0x20 == key[j] {
			j++
		}
		if j == len(key) {
			return true
		}
	}
	return false
}

// startTag handles the attributes of a start tag.
func (s *pageScanner) startTag(z *html.Tokenizer, raw []byte, selfClosing bool) {
	name := rawTagName(raw, 1)
	if !selfClosing {
		for _, c := range s.captures {
			if sameTag(name, c.tag) {
				c.depth++
			}
		}
	}
	t := kindOfTag(name)
	if !s.mayMatter(t, raw[1+len(name):]) {
		return
	}
	// The attributes are read in place from the raw tag when they are as
	// it reads; TagAttr copies each one.
	var ok bool
	if s.attrs, s.spans, ok = rawAttrs(raw, s.attrs[:0], s.spans); !ok {
		for {
			k, v, more := z.TagAttr()
			if k == nil {
				break
			}
			s.attrs = append(s.attrs, attrKV{k, v})
			if !more {
				break
			}
		}
	}
	for i, a := range s.attrs {
		switch string(a.key) {
		case "id":
			s.addID(a.val, name, i, true)
		case "name":
			if t == tagA {
				s.addID(a.val, name, i, false)
			}
		}
	}
	switch t {
	case tagA, tagArea:
		if i := s.attr("href"); i >= 0 {
			s.link(i, "href", false)
		}
	case tagLink:
		if i := s.attr("href"); i >= 0 && !s.hintRel() {
			s.link(i, "href", false)
		}
	case tagImg:
		if i := s.attr("src"); i >= 0 {
			s.link(i, "src", false)
		} else if s.attr("srcset") < 0 {
			s.c.out.addAt(s.file, tagAt(s.tag, -1), EmptyLink, "image without src")
		}
		if i := s.attr("srcset"); i >= 0 {
			s.srcset(i)
		}
		if s.attr("alt") < 0 {
			s.c.out.addLink(s.file, tagAt(s.tag, -1), s.value("src"), MissingAlt, "image %q has no alt text", s.value("src"))
		}
	case tagSource:
		if i := s.attr("src"); i >= 0 {
			s.link(i, "src", false)
		}
		if i := s.attr("srcset"); i >= 0 {
			s.srcset(i)
		}
	case tagScript, tagIframe, tagEmbed, tagAudio, tagVideo, tagTrack, tagInput:
		if t == tagInput {
			if i := s.attr("type"); i < 0 || !bytes.EqualFold(s.attrs[i].val, []byte("image")) {
				break
			}
		}
		if i := s.attr("src"); i >= 0 {
			s.link(i, "src", false)
		}
		if i := s.attr("poster"); i >= 0 && t == tagVideo {
			s.link(i, "poster", false)
		}
	case tagObject:
		if i := s.attr("data"); i >= 0 {
			s.link(i, "data", false)
		}
	case tagForm:
		if i := s.attr("action"); i >= 0 {
			s.link(i, "action", true)
		}
	case tagMeta:
		if i := s.attr("http-equiv"); i >= 0 && bytes.EqualFold(bytes.TrimSpace(s.attrs[i].val), []byte("refresh")) {
			if i := s.attr("content"); i >= 0 {
				s.refresh(i)
			}
		}
	case tagBase:
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

// hintRel reports whether a <link>'s rel only names a host to connect to
// early, not a document.
func (s *pageScanner) hintRel() bool {
	i := s.attr("rel")
	if i < 0 {
		return false
	}
	rel := s.attrs[i].val
	for _, c := range rel {
		if c >= utf8.RuneSelf { // the rare case, as strings.Fields and ToLower see it
			for _, r := range strings.Fields(strings.ToLower(string(rel))) {
				if r == "preconnect" || r == "dns-prefetch" {
					return true
				}
			}
			return false
		}
	}
	for len(rel) > 0 {
		j := 0
		for j < len(rel) && !asciiSpace(rel[j]) {
			j++
		}
		if f := rel[:j]; j > 0 && (equalFoldLower(f, "preconnect") || equalFoldLower(f, "dns-prefetch")) {
			return true
		}
		for j < len(rel) && asciiSpace(rel[j]) {
			j++
		}
		rel = rel[j:]
	}
	return false
}

// asciiSpace reports whether c is white space for strings.Fields.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// equalFoldLower reports whether the ASCII b lower-cased is t.
func equalFoldLower(b []byte, t string) bool {
	return sameTag(b, t)
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

func (s *pageScanner) addID(b []byte, name []byte, i int, isID bool) {
	if len(b) == 0 {
		return
	}
	if first, dup := s.idSeen[string(b)]; dup {
		if isID {
			s.c.out.addPending(pendingFinding{
				f:   Finding{File: s.file, Kind: DuplicateID, Severity: Warning, Msg: "duplicate id " + quote(b)},
				tag: s.tag, attr: i, first: first,
			})
		}
		return
	}
	id := s.intern(b)
	s.idSeen[id] = s.tag
	s.idList = append(s.idList, id)
	if s.want[id] && !voidElement(name) {
		var c *captureState
		if n := len(s.spare); n > 0 {
			c, s.spare = s.spare[n-1], s.spare[:n-1]
		} else {
			c = &captureState{}
		}
		c.id, c.tag, c.depth = id, lowerASCII(name), 1
		s.captures = append(s.captures, c)
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

// lowerASCII returns b lower-cased the way the tokenizer lower-cases names.
func lowerASCII(b []byte) string {
	out := []byte(string(b))
	for i, c := range out {
		if 'A' <= c && c <= 'Z' {
			out[i] = c + 'a' - 'A'
		}
	}
	return string(out)
}

func voidElement(name []byte) bool {
	b, ok := lowerShort(name)
	if !ok {
		return false
	}
	switch string(b[:len(name)]) {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// link checks the URL in attribute i.
func (s *pageScanner) link(i int, attr string, emptyOK bool) {
	// The URL is looked at in place: it is copied only when kept (see
	// check and resolved).
	v := s.attrs[i].val
	if len(v) == 0 {
		s.check(i, attr, "", emptyOK)
		return
	}
	s.check(i, attr, unsafe.String(&v[0], len(v)), emptyOK)
}

func (s *pageScanner) check(i int, attr, href string, emptyOK bool) {
	r := s.c.base.resolve(s.file, s.docBase, href)
	if r.kind == refEmpty && emptyOK {
		return
	}
	a := tagAt(s.tag, i)
	if r.kind == refInternal && r.hash && r.frag == "" && strings.TrimSpace(href) == "#" && !emptyOK {
		s.c.out.addLink(s.file, a, href, EmptyLink, "empty link %s=%q (a bare #)", attr, href)
		return
	}
	switch r.kind {
	case refSkip:
		return
	case refExternal:
		if s.c.opts.External {
			s.ext = append(s.ext, occurrence{file: s.file, at: a, href: strings.Clone(href)})
			s.extURLs = append(s.extURLs, strings.Clone(r.path))
		}
		return
	}
	s.c.resolved(s.file, a, attr, href, r, &s.links, &s.frags)
}

// srcset checks each candidate URL of a srcset attribute.
func (s *pageScanner) srcset(i int) {
	v := string(s.attrs[i].val)
	if strings.TrimSpace(v) == "" {
		s.c.out.addAt(s.file, tagAt(s.tag, i), EmptyLink, "empty srcset")
		return
	}
	for _, cand := range strings.Split(v, ",") {
		f := strings.Fields(cand)
		if len(f) == 0 {
			continue
		}
		s.check(i, "srcset", f[0], false)
	}
}

// refresh checks the URL of <meta http-equiv=refresh content="0; url=…">.
func (s *pageScanner) refresh(i int) {
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
	s.redirect = true
	s.check(i, "refresh", after, false)
}

// resolved checks an internal reference found at a of file; n counts the
// links checked. A fragment link to a page not scanned yet is appended to
// frags, and checked later.
func (c *checker) resolved(file string, a at, attr, href string, r ref, n *int, frags *[]fragLink) {
	switch r.kind {
	case refEmpty:
		c.out.addAt(file, a, EmptyLink, "empty %s", attr)
		return
	case refJavaScript:
		c.out.addLink(file, a, href, JavaScriptLink, "javascript: link %q", shorten(href, 60))
		return
	case refMalformed:
		c.out.addLink(file, a, href, BrokenLink, "broken link %q (not a URL: %s)", href, r.err)
		return
	case refOutside:
		c.out.addLink(file, a, href, BrokenLink, "broken link %q (outside the site's base path %s)", href, c.base.path)
		return
	}
	*n++
	target, ok := c.tree.target(r.path)
	if !ok {
		if ev, isEvent := eventOfPath(r.path); isEvent {
			c.out.addLink(file, a, href, UnknownEvent, "broken link %q (event %q does not exist)", href, ev)
			return
		}
		what := "broken link"
		if attr == "src" || attr == "srcset" || attr == "poster" {
			what = "missing file"
			if kindOfTarget(r.path) == "image" {
				what = "missing image"
			}
		}
		c.out.addLink(file, a, href, BrokenLink, "%s %q (target missing)", what, href)
		return
	}
	if ev, isEvent := eventOfPath(r.path); isEvent && c.model != nil && !c.model.hasEvent(ev) {
		c.out.addLink(file, a, href, UnknownEvent, "link %q to event %q, which is not in events.json", href, ev)
		return
	}
	if r.frag != "" && strings.HasSuffix(c.tree.paths[target], ".html") {
		l := fragLink{from: file, at: a, target: target, frag: r.frag, href: href}
		if c.tree.page(target) != nil {
			c.checkFragment(l)
			return
		}
		l.frag, l.href = strings.Clone(r.frag), strings.Clone(href)
		*frags = append(*frags, l)
	}
}

// checkFragment checks a link to a fragment of a page that has been
// scanned.
func (c *checker) checkFragment(l fragLink) {
	info := c.tree.page(l.target)
	if info == nil || info.hasID(l.frag) || l.frag == "top" {
		return
	}
	c.out.addLink(l.from, l.at, l.href, BrokenFragment, "broken fragment %q (no id %q on %s)", l.href, l.frag, c.tree.paths[l.target])
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
	if normalized(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// normalized reports whether s is ASCII with single spaces between words
// and none around them: normalizeSpace(s) is s.
func normalized(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c != ' ' && asciiSpace(c) || c == ' ' && s[i+1] == ' ' {
			return false
		}
	}
	return true
}

// normalizeSpaceBytes is normalizeSpace of string(b), with one allocation.
func normalizeSpaceBytes(b []byte) string {
	out := make([]byte, 0, len(b))
	space := false // a space is due before the next word
	for i := 0; i < len(b); {
		c := b[i]
		n := 1
		isSp := asciiSpace(c)
		if c >= utf8.RuneSelf {
			var r rune
			r, n = utf8.DecodeRune(b[i:])
			isSp = unicode.IsSpace(r)
		}
		if isSp {
			space = len(out) > 0
		} else {
			if space {
				out = append(out, ' ')
				space = false
			}
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return unsafe.String(unsafe.SliceData(out), len(out))
}

// quote is strconv.Quote of b, as %q prints it.
func quote(b []byte) string { return sprintf("%q", b) }

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
