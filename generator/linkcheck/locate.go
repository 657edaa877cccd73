package linkcheck

import "strings"

// locate gives the findings that come from the site's sources their place
// there, with Options.Sources. A finding made from events.json knows its
// origin already (a citation, an event); a link's is found from where the
// link is and where it leads (see linkOrigin).
func (c *checker) locate() {
	if c.opts.Sources == nil {
		return
	}
	l := c.newLocator()
	c.out.mu.Lock()
	defer c.out.mu.Unlock()
	for i := range c.out.list {
		f := &c.out.list[i]
		o := f.origin
		if o.IsZero() && f.link != "" {
			o = l.linkOrigin(f.File, f.link)
		}
		if o.IsZero() {
			continue
		}
		if p, ok := c.opts.Sources.Locate(o); ok {
			f.Source = p
		}
	}
}

// locator finds the origin of links from events.json.
type locator struct {
	c *checker
	// anchors maps a citation's anchor, "articles/<id>/#<fragment>" with
	// the fragment decoded, to the citation.
	anchors map[string]Origin
	// urls maps the articles' original URLs to their ids.
	urls map[string]string
}

func (c *checker) newLocator() *locator {
	l := &locator{c: c, anchors: map[string]Origin{}, urls: map[string]string{}}
	if c.model == nil {
		return l
	}
	for _, a := range c.model.articleList() {
		if a.ID != nil && a.URL != "" {
			l.urls[a.URL] = *a.ID
		}
	}
	for _, e := range c.model.eventList() {
		if e.Citations == nil {
			continue
		}
		for _, ct := range *e.Citations {
			if ct.Article == nil || ct.Quote == nil || ct.Anchor == nil {
				continue
			}
			page, frag, ok := strings.Cut(*ct.Anchor, "#")
			if !ok {
				continue
			}
			k := strings.TrimPrefix(page, "/") + "#" + unescapeFragment(frag)
			if _, dup := l.anchors[k]; !dup {
				l.anchors[k] = Origin{Article: *ct.Article, Quote: *ct.Quote}
			}
		}
	}
	return l
}

// linkOrigin returns what a link on the page file may come from: the
// citation whose anchor it links to (as event pages and the home page
// link to the sentences they quote); else a link written in the body of
// the article whose page it is on, an article's original URL (its front
// matter url) wherever it is linked, and the event it links to, which an
// editor may have named (the sources say which of them they have).
func (l *locator) linkOrigin(file, href string) Origin {
	r := l.c.base.resolve(file, "", href)
	if r.kind == refInternal && r.frag != "" {
		page := strings.TrimSuffix(r.path, "index.html")
		if o, ok := l.anchors[page+"#"+r.frag]; ok {
			return o
		}
	}
	var o Origin
	if id, ok := articleOfPage(file); ok {
		o.Article, o.Link = id, href
	}
	switch r.kind {
	case refExternal:
		for _, u := range []string{href, r.path} {
			if id, ok := l.urls[u]; ok && (o.Article == "" || o.Article == id) {
				o.Article, o.Key = id, "url"
				break
			}
		}
	case refInternal:
		if ev, ok := eventOfPath(r.path); ok {
			o.Event = ev
		}
	}
	return o
}

// articleOfPage returns the article id of the page "articles/<id>/index.html".
func articleOfPage(file string) (string, bool) {
	rest, ok := strings.CutPrefix(file, "articles/")
	if !ok {
		return "", false
	}
	id, ok := strings.CutSuffix(rest, "/index.html")
	if !ok || id == "" || strings.Contains(id, "/") {
		return "", false
	}
	return id, true
}
