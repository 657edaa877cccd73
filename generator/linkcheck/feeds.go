package linkcheck

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/net/html"
)

const (
	atomNS    = "http://www.w3.org/2005/Atom"
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
)

// xmlElem is an element being read, with the text of its character data
// when the check needs it.
type xmlElem struct {
	name      xml.Name
	attrs     []xml.Attr
	line, col int
	text      strings.Builder
	children  map[string]int // local name → count, for required children
}

func (e *xmlElem) attr(local string) (string, bool) {
	for _, a := range e.attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// xmlWalk reads a whole XML document, calling end for every element once
// it is closed, with its ancestors' names. It reports a document that is
// not well-formed as a finding and returns false.
func (c *checker) xmlWalk(file string, r io.Reader, kind Kind, keepText func(depth int, name string) bool, end func(stack []*xmlElem, e *xmlElem)) (root *xmlElem, ok bool) {
	d := xml.NewDecoder(r)
	d.Strict = true
	var stack []*xmlElem
	for {
		line, col := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			if root == nil {
				c.out.addf(file, line, col, kind, "not well-formed XML: no root element")
				return nil, false
			}
			return root, true
		}
		if err != nil {
			var se *xml.SyntaxError
			msg := err.Error()
			if errors.As(err, &se) {
				line, col = d.InputPos()
				msg = se.Msg
			}
			c.out.addf(file, line, col, kind, "not well-formed XML: %s", msg)
			return nil, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			e := &xmlElem{name: t.Name, attrs: t.Copy().Attr, line: line, col: col}
			if len(stack) == 0 {
				if root != nil {
					c.out.addf(file, line, col, kind, "not well-formed XML: a second root element <%s>", t.Name.Local)
					return nil, false
				}
				root = e
			} else {
				p := stack[len(stack)-1]
				if p.children == nil {
					p.children = map[string]int{}
				}
				p.children[t.Name.Local]++
			}
			stack = append(stack, e)
		case xml.CharData:
			if n := len(stack); n > 0 && keepText(n, stack[n-1].name.Local) {
				stack[n-1].text.Write(t)
			}
		case xml.EndElement:
			e := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			end(stack, e)
		}
	}
}

// checkFeed checks that feed.xml is Atom (RFC 4287) and that its links,
// including those in entries' HTML content, resolve.
func (c *checker) checkFeed(file string, r io.Reader) error {
	var frags []fragLink
	entryIDs := map[string]int{}
	checkLink := func(e *xmlElem, href string) {
		c.feedLink(file, e.line, e.col, "href", href, &frags)
	}
	required := func(e *xmlElem, what string, names ...string) {
		for _, n := range names {
			switch k := e.children[n]; {
			case k == 0:
				c.out.addf(file, e.line, e.col, Feed, "%s has no <%s>", what, n)
			case k > 1:
				c.out.addf(file, e.line, e.col, Feed, "%s has %d <%s> elements, want one", what, k, n)
			}
		}
	}
	updated := func(e *xmlElem) {
		if _, err := time.Parse(time.RFC3339, strings.TrimSpace(e.text.String())); err != nil {
			c.out.addf(file, e.line, e.col, Feed, "<updated> %q is not an RFC 3339 date-time", shorten(e.text.String(), 40))
		}
	}
	feedAuthor := false
	var entriesWithoutAuthor []*xmlElem
	keep := func(depth int, name string) bool {
		switch name {
		case "id", "updated", "published", "content":
			return depth <= 3
		}
		return false
	}
	root, ok := c.xmlWalk(file, r, Feed, keep, func(stack []*xmlElem, e *xmlElem) {
		if e.name.Space != atomNS {
			return
		}
		depth := len(stack)
		parent := ""
		if depth > 0 {
			parent = stack[depth-1].name.Local
		}
		switch {
		case e.name.Local == "link" && (parent == "feed" || parent == "entry"):
			href, ok := e.attr("href")
			if !ok {
				c.out.addf(file, e.line, e.col, Feed, "<link> has no href")
				return
			}
			checkLink(e, href)
		case (e.name.Local == "updated" || e.name.Local == "published") && (parent == "feed" || parent == "entry"):
			updated(e)
		case e.name.Local == "author" && parent == "feed":
			feedAuthor = true
		case e.name.Local == "id" && parent == "entry":
			id := strings.TrimSpace(e.text.String())
			if first, dup := entryIDs[id]; dup {
				c.out.addf(file, e.line, e.col, Feed, "duplicate entry id %q (first at line %d)", id, first)
			} else {
				entryIDs[id] = e.line
			}
		case e.name.Local == "content" && parent == "entry":
			if typ, _ := e.attr("type"); typ == "html" {
				c.htmlInText(file, e.line, e.col, e.text.String(), &frags)
			}
		case e.name.Local == "entry" && parent == "feed":
			required(e, "<entry>", "id", "title", "updated")
			if e.children["link"] == 0 && e.children["content"] == 0 {
				c.out.addf(file, e.line, e.col, Feed, "<entry> has neither <link rel=\"alternate\"> nor <content>")
			}
			if e.children["author"] == 0 {
				entriesWithoutAuthor = append(entriesWithoutAuthor, e)
			}
		}
	})
	if ok {
		if root.name.Space != atomNS || root.name.Local != "feed" {
			c.out.addf(file, root.line, root.col, Feed, "root element is <%s> in namespace %q, want <feed> in %q", root.name.Local, root.name.Space, atomNS)
		} else {
			required(root, "<feed>", "id", "title", "updated")
			if !feedAuthor {
				for _, e := range entriesWithoutAuthor {
					c.out.addf(file, e.line, e.col, Feed, "<entry> has no <author> and the feed has none")
				}
			}
		}
	}
	c.mu.Lock()
	c.frags = append(c.frags, frags...)
	c.mu.Unlock()
	return nil
}

// feedLink checks one link of feed.xml, sitemap.xml or timeline.json.
func (c *checker) feedLink(file string, line, col int, attr, href string, frags *[]fragLink) {
	r := c.base.resolve(file, "", href)
	switch r.kind {
	case refSkip:
		return
	case refExternal:
		if c.opts.External {
			c.mu.Lock()
			c.ext[r.path] = append(c.ext[r.path], occurrence{file: file, line: line, col: col, href: href})
			c.mu.Unlock()
			c.links.Add(1)
		}
		return
	}
	c.resolved(file, line, col, attr, href, r, frags)
}

// htmlInText checks the links of an HTML fragment held in a text value
// (Atom content, TimelineJS text). They are reported at the position of
// the value.
func (c *checker) htmlInText(file string, line, col int, text string, frags *[]fragLink) {
	z := html.NewTokenizer(strings.NewReader(text))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		want := ""
		switch string(name) {
		case "a", "area":
			want = "href"
		case "img", "source", "iframe", "video", "audio":
			want = "src"
		}
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			if want != "" && string(k) == want {
				c.feedLink(file, line, col, want, string(v), frags)
			}
		}
	}
}

// checkSitemap checks that sitemap.xml lists every page a reader can
// visit (every HTML file but 404 pages) exactly once, and nothing else.
func (c *checker) checkSitemap(file string, r io.Reader) error {
	listed := map[string]int{} // page file → line
	keep := func(depth int, name string) bool { return depth == 3 && (name == "loc" || name == "lastmod") }
	root, ok := c.xmlWalk(file, r, Sitemap, keep, func(stack []*xmlElem, e *xmlElem) {
		if len(stack) != 2 || e.name.Space != sitemapNS {
			if len(stack) == 1 && e.name.Local == "url" {
				switch n := e.children["loc"]; {
				case n == 0:
					c.out.addf(file, e.line, e.col, Sitemap, "<url> has no <loc>")
				case n > 1:
					c.out.addf(file, e.line, e.col, Sitemap, "<url> has %d <loc> elements, want one", n)
				}
			}
			return
		}
		v := strings.TrimSpace(e.text.String())
		switch e.name.Local {
		case "lastmod":
			if !w3cDate(v) {
				c.out.addf(file, e.line, e.col, Sitemap, "<lastmod> %q is not a W3C date (YYYY-MM-DD or an RFC 3339 date-time)", v)
			}
		case "loc":
			c.sitemapLoc(file, e, v, listed)
		}
	})
	if !ok {
		return nil
	}
	if root.name.Space != sitemapNS || root.name.Local != "urlset" {
		c.out.addf(file, root.line, root.col, Sitemap, "root element is <%s> in namespace %q, want <urlset> in %q", root.name.Local, root.name.Space, sitemapNS)
		return nil
	}
	for _, p := range c.tree.sortedFiles() {
		if !isPage(p) || p == "404.html" || strings.HasSuffix(p, "/404.html") {
			continue
		}
		if _, ok := listed[p]; !ok {
			c.out.addf(file, root.line, root.col, Sitemap, "page /%s is missing from the sitemap", pageURLPath(p))
		}
	}
	return nil
}

func isPage(p string) bool { return strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".htm") }

func (c *checker) sitemapLoc(file string, e *xmlElem, v string, listed map[string]int) {
	if v == "" {
		c.out.addf(file, e.line, e.col, Sitemap, "empty <loc>")
		return
	}
	r := c.base.resolve(file, "", v)
	if r.kind != refInternal {
		c.out.addf(file, e.line, e.col, Sitemap, "<loc> %q is not a page of this site (base URL %s)", v, c.base.url)
		return
	}
	c.links.Add(1)
	target, ok := c.tree.targetFile(r.path)
	if !ok || !isPage(target) {
		c.out.addf(file, e.line, e.col, Sitemap, "<loc> %q: no such page", v)
		return
	}
	if first, dup := listed[target]; dup {
		c.out.addf(file, e.line, e.col, Sitemap, "<loc> %q is listed twice (first at line %d)", v, first)
		return
	}
	listed[target] = e.line
}

// w3cDate reports whether s is a W3C datetime as sitemaps use them.
func w3cDate(s string) bool {
	for _, layout := range []string{time.DateOnly, time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01", "2006"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// TimelineJS v3 data, the fields the check reads.
type tjsData struct {
	Title  *tjsSlide   `json:"title"`
	Events *[]tjsSlide `json:"events"`
}

type tjsSlide struct {
	StartDate *tjsDate `json:"start_date"`
	EndDate   *tjsDate `json:"end_date"`
	Text      *struct {
		Headline *string `json:"headline"`
		Text     *string `json:"text"`
	} `json:"text"`
	Media *struct {
		URL *string `json:"url"`
	} `json:"media"`
	UniqueID *string `json:"unique_id"`
}

type tjsDate struct {
	Year  *json.Number `json:"year"`
	Month *json.Number `json:"month"`
	Day   *json.Number `json:"day"`
}

// checkTimelineJS checks that timeline.json loads as TimelineJS v3 data:
// an events array whose slides have a start date with a year, months and
// days in range, text or media, unique ids; and that its links resolve.
func (c *checker) checkTimelineJS(file string, r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	var d tjsData
	jf := &jsonFindings{file: file}
	if err := json.Unmarshal(data, &d); err != nil {
		je := decodeError(file, data, TimelineJS, err)
		c.out.add(je.finding(""))
		if _, isType := err.(*json.UnmarshalTypeError); !isType {
			return nil
		}
	}
	data = nil // read again only if a finding needs a position
	if d.Events == nil {
		jf.addf("", TimelineJS, "missing \"events\" (an array of slides)")
	}
	var frags []fragLink
	var links []tjsLink
	ids := map[string]int{}
	slide := func(s *tjsSlide, p jsonPath, isEvent bool) {
		if isEvent {
			if s.StartDate == nil {
				jf.addf(p, TimelineJS, "slide has no start_date")
			}
			if s.UniqueID != nil {
				if first, dup := ids[*s.UniqueID]; dup {
					jf.addf(p+"/unique_id", TimelineJS, "duplicate unique_id %q (also event %d)", *s.UniqueID, first+1)
				}
			}
		}
		start, okS := tjsDateCheck(jf, s.StartDate, p+"/start_date")
		end, okE := tjsDateCheck(jf, s.EndDate, p+"/end_date")
		if okS && okE && end.Before(start) {
			jf.addf(p+"/end_date", TimelineJS, "end_date is before start_date")
		}
		hasText := s.Text != nil && (s.Text.Headline != nil && *s.Text.Headline != "" || s.Text.Text != nil && *s.Text.Text != "")
		hasMedia := s.Media != nil && s.Media.URL != nil && *s.Media.URL != ""
		if !hasText && !hasMedia {
			jf.addf(p, TimelineJS, "slide has neither text nor media")
		}
		if s.Text != nil && s.Text.Text != nil && strings.ContainsRune(*s.Text.Text, '<') {
			links = append(links, tjsLink{p + "/text/text", *s.Text.Text, false})
		}
		if hasMedia {
			links = append(links, tjsLink{p + "/media/url", *s.Media.URL, true})
		}
	}
	if d.Title != nil {
		slide(d.Title, "title", false)
	}
	if d.Events != nil {
		for i := range *d.Events {
			s := &(*d.Events)[i]
			slide(s, pathOf("events", i), true)
			if s.UniqueID != nil {
				if _, dup := ids[*s.UniqueID]; !dup {
					ids[*s.UniqueID] = i
				}
			}
		}
	}
	// Links are checked with a placeholder position, -(index+1), that
	// placeDeferred turns into a line and column only if they are broken:
	// locating JSON values costs a second pass over the file.
	c.tjsPaths = make([]jsonPath, len(links))
	for i, l := range links {
		c.tjsPaths[i] = l.p
		if l.url {
			c.feedLink(file, -(i + 1), 0, "url", l.text, &frags)
		} else {
			c.htmlInText(file, -(i + 1), 0, l.text, &frags)
		}
	}
	if len(jf.list) > 0 {
		if data, err = os.ReadFile(c.osPath(file)); err != nil {
			return err
		}
	}
	for _, f := range jf.place(data) {
		c.out.add(f)
	}
	c.mu.Lock()
	c.frags = append(c.frags, frags...)
	c.mu.Unlock()
	return nil
}

// placeDeferred gives the findings in timeline.json links their real
// positions (see checkTimelineJS).
func (c *checker) placeDeferred() {
	var idx []int
	for i, f := range c.out.list {
		if f.Line < 0 {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return
	}
	data, err := os.ReadFile(c.osPath("timeline.json"))
	if err != nil {
		return
	}
	paths := make([]jsonPath, len(idx))
	for k, i := range idx {
		paths[k] = c.tjsPaths[-c.out.list[i].Line-1]
	}
	offs := locateJSON(data, paths)
	lines := newLineIndex(data)
	for k, i := range idx {
		f := &c.out.list[i]
		f.Line, f.Col = 0, 0
		if offs[k] >= 0 {
			f.Line, f.Col = lines.position(offs[k])
		}
	}
}

// tjsLink is a link in timeline.json: a slide's HTML text or media URL.
type tjsLink struct {
	p    jsonPath
	text string
	url  bool
}

// tjsDateCheck checks a TimelineJS date; ok is false when there is none or
// it is invalid.
func tjsDateCheck(jf *jsonFindings, d *tjsDate, p jsonPath) (time.Time, bool) {
	if d == nil {
		return time.Time{}, false
	}
	num := func(n *json.Number, field string, lo, hi int64) (int, bool) {
		if n == nil {
			return 0, true
		}
		v, err := n.Int64()
		if err != nil || v < lo || v > hi {
			jf.addf(p+"/"+jsonPath(field), TimelineJS, "%s %s is not between %d and %d", field, n.String(), lo, hi)
			return 0, false
		}
		return int(v), true
	}
	if d.Year == nil {
		jf.addf(p, TimelineJS, "date has no year")
		return time.Time{}, false
	}
	y, ok1 := num(d.Year, "year", -271820, 275759)
	m, ok2 := num(d.Month, "month", 1, 12)
	day, ok3 := num(d.Day, "day", 1, 31)
	if !ok1 || !ok2 || !ok3 {
		return time.Time{}, false
	}
	if day > 0 && m == 0 {
		jf.addf(p, TimelineJS, "date has a day but no month")
		return time.Time{}, false
	}
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	t := time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		jf.addf(p+"/day", TimelineJS, "day %d is not in month %d of %d", day, m, y)
		return time.Time{}, false
	}
	return t, true
}
