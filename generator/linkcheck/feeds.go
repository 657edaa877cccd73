package linkcheck

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"strings"
	"time"

	"github.com/timeline-dev/timeline/generator/internal/jsonstream"
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
	children  []childCount // for required children
}

// childCount counts the children of an element with a local name.
type childCount struct {
	local string
	n     int
}

func (e *xmlElem) attr(local string) (string, bool) {
	for _, a := range e.attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// count returns the number of children with the local name.
func (e *xmlElem) count(local string) int {
	for _, c := range e.children {
		if c.local == local {
			return c.n
		}
	}
	return 0
}

func (e *xmlElem) addChild(local string) {
	for i := range e.children {
		if e.children[i].local == local {
			e.children[i].n++
			return
		}
	}
	e.children = append(e.children, childCount{local, 1})
}

// xmlWalk reads a whole XML document, calling end for every element once
// it is closed, with its ancestors' names; end must not keep e, which is
// reused, but the root. It reports a document that is not well-formed as
// a finding and returns false.
func (c *checker) xmlWalk(file string, r io.Reader, kind Kind, keepText func(depth int, name string) bool, end func(stack []*xmlElem, e *xmlElem)) (root *xmlElem, ok bool) {
	d := xml.NewDecoder(r)
	d.Strict = true
	var stack, free []*xmlElem
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
			var e *xmlElem
			if n := len(free); n > 0 && len(stack) > 0 {
				e, free = free[n-1], free[:n-1]
			} else {
				e = &xmlElem{}
			}
			// The names and attribute values are strings the decoder
			// does not reuse; only byte slices need copying.
			e.name, e.attrs, e.line, e.col = t.Name, t.Attr, line, col
			if len(stack) == 0 {
				if root != nil {
					c.out.addf(file, line, col, kind, "not well-formed XML: a second root element <%s>", t.Name.Local)
					return nil, false
				}
				root = e
			} else {
				stack[len(stack)-1].addChild(t.Name.Local)
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
			if len(stack) > 0 {
				e.attrs, e.text, e.children = nil, strings.Builder{}, e.children[:0]
				free = append(free, e)
			}
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
			switch k := e.count(n); {
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
	var entriesWithoutAuthor []at
	// The entries' HTML is checked in runs of about a megabyte.
	var texts []htmlText
	textBytes := 0
	flushTexts := func() {
		c.htmlTexts(file, texts, &frags)
		texts, textBytes = texts[:0], 0
	}
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
				texts = append(texts, htmlText{e.line, e.col, e.text.String()})
				if textBytes += e.text.Len(); textBytes > 1<<20 {
					flushTexts()
				}
			}
		case e.name.Local == "entry" && parent == "feed":
			required(e, "<entry>", "id", "title", "updated")
			if e.count("link") == 0 && e.count("content") == 0 {
				c.out.addf(file, e.line, e.col, Feed, "<entry> has neither <link rel=\"alternate\"> nor <content>")
			}
			if e.count("author") == 0 {
				entriesWithoutAuthor = append(entriesWithoutAuthor, at{line: e.line, col: e.col})
			}
		}
	})
	flushTexts()
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

// feedLink checks one link of feed.xml, sitemap.xml or timeline.json;
// href may be valid during the call only.
func (c *checker) feedLink(file string, line, col int, attr, href string, frags *[]fragLink) {
	r := c.base.resolve(file, "", href)
	a := at{line: line, col: col}
	switch r.kind {
	case refSkip:
		return
	case refExternal:
		if c.opts.External {
			c.mu.Lock()
			c.ext[r.path] = append(c.ext[r.path], occurrence{file: file, at: a, href: strings.Clone(href)})
			c.mu.Unlock()
			c.links.Add(1)
		}
		return
	}
	n := 0
	c.resolved(file, a, attr, href, r, &n, frags)
	c.links.Add(int64(n))
}

// checkSitemap checks that sitemap.xml lists every page a reader can
// visit (every HTML file but 404 pages and redirects) exactly once, and
// nothing else.
func (c *checker) checkSitemap(file string, r io.Reader) error {
	listed := map[string]int{} // page file → line
	keep := func(depth int, name string) bool { return depth == 3 && (name == "loc" || name == "lastmod") }
	root, ok := c.xmlWalk(file, r, Sitemap, keep, func(stack []*xmlElem, e *xmlElem) {
		if len(stack) != 2 || e.name.Space != sitemapNS {
			if len(stack) == 1 && e.name.Local == "url" {
				switch n := e.count("loc"); {
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
	// Which pages are redirects is known once every page is scanned.
	c.sitemapMissing = func() {
		for i, p := range c.tree.paths {
			if !isPage(p) || p == "404.html" || strings.HasSuffix(p, "/404.html") {
				continue
			}
			if info := c.tree.pages[i].Load(); info != nil && info.redirect {
				continue
			}
			if _, ok := listed[p]; !ok {
				c.out.addf(file, root.line, root.col, Sitemap, "page /%s is missing from the sitemap", pageURLPath(p))
			}
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
//
// It returns the size of the file.
func (c *checker) checkTimelineJS(file string, r io.Reader) (int64, error) {
	var d tjsData
	jf := &jsonFindings{file: file}
	cr := &countingReader{r: r}
	size := int64(0)
	err := jsonstream.DecodeObject(cr, []jsonstream.Field{
		{Name: "title", Whole: &d.Title},
		{Name: "events", Start: func() { d.Events = &[]tjsSlide{} }, Elem: func(dec *json.Decoder) error {
			*d.Events = append(*d.Events, tjsSlide{})
			return dec.Decode(&(*d.Events)[len(*d.Events)-1])
		}},
	})
	if err == nil {
		size = cr.n
	} else {
		// Not valid, or not in the usual shape: decode it whole.
		data, err := os.ReadFile(c.osPath(file))
		if err != nil {
			return 0, err
		}
		size = int64(len(data))
		d = tjsData{}
		if err := json.Unmarshal(data, &d); err != nil {
			je := decodeError(file, data, TimelineJS, err)
			c.out.add(je.finding(""))
			if _, isType := err.(*json.UnmarshalTypeError); !isType {
				return size, nil
			}
		}
	}
	var data []byte // read again only if a finding needs a position
	if d.Events == nil {
		jf.addf("", TimelineJS, "missing \"events\" (an array of slides)")
	}
	var frags []fragLink
	var links []tjsLink
	ids := map[string]int{}
	// slide checks the title slide (i < 0) or event i.
	slide := func(s *tjsSlide, i int) {
		path := func() jsonPath { return tjsSlidePath(i) }
		isEvent := i >= 0
		if isEvent {
			if s.StartDate == nil {
				jf.addf(path(), TimelineJS, "slide has no start_date")
			}
			if s.UniqueID != nil {
				if first, dup := ids[*s.UniqueID]; dup {
					jf.addf(path()+"/unique_id", TimelineJS, "duplicate unique_id %q (also event %d)", *s.UniqueID, first+1)
				}
			}
		}
		start, okS := tjsDateCheck(jf, s.StartDate, path, "/start_date")
		end, okE := tjsDateCheck(jf, s.EndDate, path, "/end_date")
		if okS && okE && end.Before(start) {
			jf.addf(path()+"/end_date", TimelineJS, "end_date is before start_date")
		}
		hasText := s.Text != nil && (s.Text.Headline != nil && *s.Text.Headline != "" || s.Text.Text != nil && *s.Text.Text != "")
		hasMedia := s.Media != nil && s.Media.URL != nil && *s.Media.URL != ""
		if !hasText && !hasMedia {
			jf.addf(path(), TimelineJS, "slide has neither text nor media")
		}
		if s.Text != nil && s.Text.Text != nil && strings.ContainsRune(*s.Text.Text, '<') {
			links = append(links, tjsLink{i, *s.Text.Text, false})
		}
		if hasMedia {
			links = append(links, tjsLink{i, *s.Media.URL, true})
		}
	}
	if d.Title != nil {
		slide(d.Title, -1)
	}
	if d.Events != nil {
		for i := range *d.Events {
			s := &(*d.Events)[i]
			slide(s, i)
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
	c.tjsLinks = links
	var texts []htmlText
	for i, l := range links {
		if l.url {
			c.feedLink(file, -(i + 1), 0, "url", l.text, &frags)
		} else {
			texts = append(texts, htmlText{-(i + 1), 0, l.text})
		}
	}
	c.htmlTexts(file, texts, &frags)
	// placeDeferred needs where each link is, not its text: the slides'
	// HTML is not kept through the rest of the check.
	for i := range links {
		links[i].text = ""
	}
	if len(jf.list) > 0 {
		var err error
		if data, err = os.ReadFile(c.osPath(file)); err != nil {
			return size, err
		}
	}
	for _, f := range jf.place(data) {
		c.out.add(f)
	}
	c.mu.Lock()
	c.frags = append(c.frags, frags...)
	c.mu.Unlock()
	return size, nil
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
		paths[k] = c.tjsLinks[-c.out.list[i].Line-1].path()
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
	slide int // -1 for the title slide
	text  string
	url   bool
}

// path returns the JSON path of the value holding the link.
func (l tjsLink) path() jsonPath {
	if l.url {
		return tjsSlidePath(l.slide) + "/media/url"
	}
	return tjsSlidePath(l.slide) + "/text/text"
}

// tjsSlidePath returns the JSON path of the title slide (i < 0) or of
// event i.
func tjsSlidePath(i int) jsonPath {
	if i < 0 {
		return "title"
	}
	return pathOf("events", i)
}

// tjsDateCheck checks a TimelineJS date, the value key ("/start_date")
// of the slide at slide(); ok is false when there is none or it is
// invalid.
func tjsDateCheck(jf *jsonFindings, d *tjsDate, slide func() jsonPath, key string) (time.Time, bool) {
	if d == nil {
		return time.Time{}, false
	}
	p := func() jsonPath { return slide() + jsonPath(key) }
	num := func(n *json.Number, field string, lo, hi int64) (int, bool) {
		if n == nil {
			return 0, true
		}
		v, err := n.Int64()
		if err != nil || v < lo || v > hi {
			jf.addf(p()+"/"+jsonPath(field), TimelineJS, "%s %s is not between %d and %d", field, n.String(), lo, hi)
			return 0, false
		}
		return int(v), true
	}
	if d.Year == nil {
		jf.addf(p(), TimelineJS, "date has no year")
		return time.Time{}, false
	}
	y, ok1 := num(d.Year, "year", -271820, 275759)
	m, ok2 := num(d.Month, "month", 1, 12)
	day, ok3 := num(d.Day, "day", 1, 31)
	if !ok1 || !ok2 || !ok3 {
		return time.Time{}, false
	}
	if day > 0 && m == 0 {
		jf.addf(p(), TimelineJS, "date has a day but no month")
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
		jf.addf(p()+"/day", TimelineJS, "day %d is not in month %d of %d", day, m, y)
		return time.Time{}, false
	}
	return t, true
}
