package importer

import (
	"encoding/json"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what a page says about itself outside its text: meta
// tags (Open Graph, article:*, name=...), <link rel=canonical>, JSON-LD
// and <title>.
type pageMeta struct {
	meta      map[string]string // first content of each meta property or name, lowercased key
	canonical string
	title     string // <title>
	ld        ldArticle
}

// ldArticle is the part of a JSON-LD NewsArticle (or Article,
// BlogPosting...) the importer uses.
type ldArticle struct {
	headline, published, url, description, publisher string
	authors                                          []string
}

func readMeta(doc *html.Node) *pageMeta {
	m := &pageMeta{meta: map[string]string{}}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Meta:
			key := strings.ToLower(strings.TrimSpace(first(attr(n, "property"), attr(n, "name"), attr(n, "itemprop"))))
			val := strings.TrimSpace(attr(n, "content"))
			if key != "" && val != "" {
				if _, ok := m.meta[key]; !ok {
					m.meta[key] = val
				}
			}
		case atom.Link:
			if hasWord(attr(n, "rel"), "canonical") && m.canonical == "" {
				m.canonical = strings.TrimSpace(attr(n, "href"))
			}
		case atom.Title:
			if m.title == "" && n.FirstChild != nil && inHead(n) {
				m.title = normText(n.FirstChild.Data)
			}
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil && m.ld.headline == "" {
				var v any
				if json.Unmarshal([]byte(n.FirstChild.Data), &v) == nil {
					if a := findLDArticle(v); a != nil {
						m.ld = readLDArticle(a)
					}
				}
			}
		}
	}
	return m
}

func inHead(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Head {
			return true
		}
		if p.DataAtom == atom.Body || p.DataAtom == atom.Svg {
			return false
		}
	}
	return false
}

// findLDArticle returns the first object of an article type in a JSON-LD
// value: an object, an array of them, or a graph.
func findLDArticle(v any) map[string]any {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			if a := findLDArticle(x); a != nil {
				return a
			}
		}
	case map[string]any:
		if isLDArticle(v["@type"]) {
			return v
		}
		if g, ok := v["@graph"]; ok {
			return findLDArticle(g)
		}
	}
	return nil
}

func isLDArticle(t any) bool {
	switch t := t.(type) {
	case string:
		return strings.HasSuffix(t, "Article") || t == "BlogPosting" || t == "Report"
	case []any:
		for _, x := range t {
			if isLDArticle(x) {
				return true
			}
		}
	}
	return false
}

func readLDArticle(a map[string]any) ldArticle {
	var r ldArticle
	r.headline = normText(ldString(a["headline"]))
	r.published = ldString(a["datePublished"])
	r.url = ldString(a["url"])
	if r.url == "" {
		r.url = ldString(a["mainEntityOfPage"])
	}
	r.description = normText(ldString(a["description"]))
	r.publisher = normText(ldString(a["publisher"]))
	switch au := a["author"].(type) {
	case []any:
		for _, x := range au {
			if s := normText(ldString(x)); s != "" && !isURL(s) {
				r.authors = append(r.authors, s)
			}
		}
	default:
		if s := normText(ldString(au)); s != "" && !isURL(s) {
			r.authors = append(r.authors, s)
		}
	}
	return r
}

// ldString returns a JSON-LD value as a string: a string itself, an
// object's name or @id, the first of an array.
func ldString(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case map[string]any:
		if s := ldString(v["name"]); s != "" {
			return s
		}
		return ldString(v["@id"])
	case []any:
		if len(v) > 0 {
			return ldString(v[0])
		}
	}
	return ""
}

func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// pageFacts returns the facts the metadata gives: title from og:title,
// JSON-LD headline, twitter:title; outlet from og:site_name or the JSON-LD
// publisher; url from the canonical link, og:url or JSON-LD; published
// from article:published_time, JSON-LD datePublished and the like;
// author from JSON-LD or meta author; summary from og:description or
// the meta description.
func (m *pageMeta) pageFacts() facts {
	var f facts
	f.Title = first(m.meta["og:title"], m.ld.headline, m.meta["twitter:title"])
	f.Outlet = first(m.meta["og:site_name"], m.ld.publisher, m.meta["application-name"])
	for _, u := range []string{m.canonical, m.meta["og:url"], m.ld.url} {
		if isURL(u) {
			f.URL = u
			break
		}
	}
	for _, p := range []string{m.meta["article:published_time"], m.ld.published, m.meta["datepublished"],
		m.meta["og:published_time"], m.meta["pubdate"], m.meta["publishdate"], m.meta["date"], m.meta["dc.date"], m.meta["dc.date.issued"], m.meta["sailthru.date"]} {
		if d := metaDate(p); d != "" {
			f.Published = d
			break
		}
	}
	if len(m.ld.authors) > 0 {
		f.Author = strings.Join(m.ld.authors, ", ")
	}
	for _, a := range []string{m.meta["author"], m.meta["article:author"], m.meta["byl"], m.meta["dc.creator"]} {
		if f.Author == "" && a != "" && !isURL(a) {
			f.Author = strings.TrimSpace(strings.TrimPrefix(a, "By "))
		}
	}
	f.Summary = first(m.meta["og:description"], m.meta["description"], m.ld.description, m.meta["twitter:description"])
	return f
}

// attr returns the value of the attribute key of n, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

// hasWord reports whether the space-separated list s holds w, case aside.
func hasWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, w) {
			return true
		}
	}
	return false
}
