package linkcheck

import (
	"fmt"
	"net/url"
	"path"
	"strings"
)

// base is where the site is published: its path ("/" or "/sub/path/") and,
// for an absolute base URL, its scheme and host. Links to that host under
// that path are internal.
type base struct {
	url  string // as given, normalized with a trailing slash
	path string // leading and trailing slash
	host string // lower-case host[:port], or ""
}

// parseBase parses a base URL: "", "/", "/sub/path" or "https://host/sub/".
func parseBase(s string) (base, error) {
	if s == "" || s == "/" {
		return base{url: "/", path: "/"}, nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return base{}, fmt.Errorf("base URL %q: %v", s, err)
	}
	if u.Host == "" && u.Scheme != "" || u.Host != "" && u.Scheme != "http" && u.Scheme != "https" {
		return base{}, fmt.Errorf("base URL %q: want a path such as /sub/ or an http(s) URL", s)
	}
	if u.Host == "" && !strings.HasPrefix(u.Path, "/") {
		return base{}, fmt.Errorf("base URL %q: want a path starting with / or an http(s) URL", s)
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	u.Path, u.RawPath = p, ""
	return base{url: u.String(), path: p, host: strings.ToLower(u.Host)}, nil
}

// refKind says what a reference points to.
type refKind uint8

const (
	refInternal   refKind = iota // a file of the site
	refExternal                  // another site, over http(s)
	refSkip                      // mailto:, tel:, data: and other schemes not checked
	refEmpty                     // an empty reference
	refJavaScript                // javascript:
	refMalformed                 // not a URL
	refOutside                   // a path on this host outside the base path
)

// ref is a resolved reference.
type ref struct {
	kind refKind
	// path is the site path of an internal target without the base path,
	// "" for the root, e.g. "events/x/" or "style.css"; for an external
	// one, the absolute URL without its fragment.
	path string
	frag string // the decoded fragment, without '#'
	hash bool   // the reference has a '#'
	err  string // why a reference is malformed
}

// resolve resolves href found on the page whose site path is page (e.g.
// "events/x/index.html"). docBase, when not empty, is the URL path of the
// page's <base href>.
func (b *base) resolve(page, docBase, href string) ref {
	href = strings.TrimSpace(href)
	if href == "" {
		return ref{kind: refEmpty}
	}
	var r ref
	if i := strings.IndexByte(href, '#'); i >= 0 {
		r.hash = true
		r.frag = unescapeFragment(href[i+1:])
		href = href[:i]
	}
	if i := strings.IndexByte(href, '?'); i >= 0 {
		href = href[:i]
	}
	switch {
	case href == "":
		r.path = pageURLPath(page)
		return r
	case strings.HasPrefix(href, "//"):
		return b.absolute("https:"+href, r)
	case href[0] == '/':
		return b.internal(href, r)
	}
	if scheme, ok := schemeOf(href); ok {
		switch scheme {
		case "http", "https":
			return b.absolute(href, r)
		case "javascript":
			return ref{kind: refJavaScript}
		}
		return ref{kind: refSkip}
	}
	// A relative path: resolve against the page's folder.
	dir := docBase
	if dir == "" {
		dir = b.path + pageDir(page)
	}
	return b.internal(joinURLPath(dir, href), r)
}

// internal finishes a reference to an absolute URL path on the site's host.
func (b *base) internal(p string, r ref) ref {
	if strings.IndexByte(p, '%') >= 0 {
		u, err := url.PathUnescape(p)
		if err != nil {
			return ref{kind: refMalformed, err: err.Error()}
		}
		p = u
	}
	if strings.Contains(p, "/.") {
		p = cleanURLPath(p)
	}
	if !strings.HasPrefix(p, b.path) {
		if p+"/" == b.path {
			r.path = ""
			return r
		}
		return ref{kind: refOutside, path: p}
	}
	r.kind = refInternal
	r.path = p[len(b.path):]
	return r
}

// absolute handles an http(s) URL: internal when it is on the site's host
// under its base path.
func (b *base) absolute(href string, r ref) ref {
	u, err := url.Parse(href)
	if err != nil {
		return ref{kind: refMalformed, err: strings.TrimPrefix(err.Error(), "parse ")}
	}
	if u.Host == "" {
		return ref{kind: refMalformed, err: "no host"}
	}
	if b.host != "" && strings.EqualFold(u.Host, b.host) {
		p := u.Path
		if p == "" {
			p = "/"
		}
		if r2 := b.internal(p, r); r2.kind == refInternal {
			return r2
		}
	}
	u.Fragment, u.RawFragment = "", ""
	r.kind = refExternal
	r.path = u.String()
	return r
}

// schemeOf returns the lower-cased scheme of an absolute URL.
func schemeOf(s string) (string, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':':
			if i == 0 {
				return "", false
			}
			return strings.ToLower(s[:i]), true
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return "", false
		}
	}
	return "", false
}

// pageDir returns the folder part of a site path: "events/x/" for
// "events/x/index.html", "" for "index.html".
func pageDir(page string) string {
	if i := strings.LastIndexByte(page, '/'); i >= 0 {
		return page[:i+1]
	}
	return ""
}

// pageURLPath returns the site path a page is linked as: "events/x/" for
// "events/x/index.html", "404.html" for itself.
func pageURLPath(page string) string {
	if page == "index.html" {
		return ""
	}
	if strings.HasSuffix(page, "/index.html") {
		return strings.TrimSuffix(page, "index.html")
	}
	return page
}

// joinURLPath resolves a relative path against a folder URL path.
func joinURLPath(dir, rel string) string {
	return cleanURLPath(dir + rel)
}

// cleanURLPath removes "." and ".." segments, keeping a trailing slash.
func cleanURLPath(p string) string {
	trailing := strings.HasSuffix(p, "/") || strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..")
	c := path.Clean(p)
	if trailing && c != "/" {
		c += "/"
	}
	return c
}

func unescapeFragment(f string) string {
	if strings.IndexByte(f, '%') < 0 {
		return f
	}
	if u, err := url.PathUnescape(f); err == nil {
		return u
	}
	return f
}

// target returns the index of the file a site path refers to: "x/" and ""
// are folders served by their index.html, and "x" may be a folder too.
func (t *tree) target(p string) (int32, bool) {
	if p == "" || strings.HasSuffix(p, "/") {
		var buf [256]byte
		k := append(append(buf[:0], p...), "index.html"...)
		i, ok := t.index[string(k)]
		return i, ok
	}
	if i, ok := t.lookup(p); ok {
		return i, true
	}
	if t.hasDir(p) {
		var buf [256]byte
		k := append(append(buf[:0], p...), "/index.html"...)
		i, ok := t.index[string(k)]
		return i, ok
	}
	return -1, false
}

// targetFile returns the file a site path refers to (see target), or, when
// there is none, the file it would be.
func (t *tree) targetFile(p string) (string, bool) {
	if i, ok := t.target(p); ok {
		return t.paths[i], true
	}
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html", false
	}
	return p, false
}
