package serve

import (
	"bytes"
	_ "embed"
	"errors"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// livePrefix is the server's own part of the URL space.
const livePrefix = "/__timeline/"

//go:embed live.js
var liveJS []byte

// liveScript starts the tag injected into every HTML page served.
const liveScript = `<script src="` + livePrefix + `live.js"`

// liveTag is the tag injected into a page: the script, and the key of the
// page (see files.key) that its stream gives back, "" when unknown.
func liveTag(key string) string {
	return liveScript + ` data-page="` + template.HTMLEscapeString(key) + `"></script>`
}

// ServeHTTP serves the site from memory: the last good build's files, each
// rendered when first asked for, HTML pages with the live-reload script
// (and the errors of the last rebuild, if it failed) injected.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.handling != nil {
		s.handling(r)
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case livePrefix + "live.js":
		s.write(w, r, http.StatusOK, "live.js", liveJS)
		return
	case livePrefix + "events":
		c := s.openTab(r)
		s.hub.serveEvents(w, r, c, s.greeting()...)
		return
	}
	st := s.state.Load()
	if st == nil || st.files == nil {
		s.notReady(w, r, st)
		return
	}
	rel, status := s.resolve(r.URL.Path, st)
	switch status {
	case http.StatusOK:
	case http.StatusMovedPermanently:
		target := r.URL.Path + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, status)
		return
	case http.StatusNotFound:
		s.notFound(w, r, st)
		return
	default:
		http.Error(w, http.StatusText(status), status)
		return
	}
	b, err := st.files.file(rel)
	if err != nil {
		s.renderFailed(w, r, st, err)
		return
	}
	s.write(w, r, http.StatusOK, rel, s.inject(b, rel, st, r.URL.EscapedPath()))
}

// resolve maps a URL path to a file of the site, and says why not when it
// cannot: 403 for a path that climbs out of the site (..) or a static file
// that is a symbolic link to a file outside the site, 404 for no such file,
// 301 for a folder asked without its slash.
func (s *Server) resolve(p string, st *state) (string, int) {
	if strings.Contains(p, "\x00") || strings.Contains(p, "\\") {
		return "", http.StatusForbidden
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", http.StatusForbidden
		}
	}
	base := st.files.basePath
	if !strings.HasPrefix(p, base) {
		if p+"/" == base {
			return "", http.StatusMovedPermanently
		}
		return "", http.StatusNotFound
	}
	rel := strings.TrimPrefix(p, base)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if !fs.ValidPath(rel) {
		return "", http.StatusNotFound
	}
	files := st.files.snap.Files
	if !files.Has(rel) {
		if !strings.HasSuffix(p, "/") && files.Has(rel+"/index.html") {
			return "", http.StatusMovedPermanently
		}
		return "", http.StatusNotFound
	}
	if files.IsStatic(rel) && !s.inside(filepath.Join(s.src, "static", filepath.FromSlash(rel))) {
		return "", http.StatusForbidden
	}
	return rel, http.StatusOK
}

// inside reports whether the file p of the site's own static/ (if it is
// one: the theme's files are not on disk) resolves, through any symbolic
// links, to a file inside the site folder.
func (s *Server) inside(p string) bool {
	real, err := filepath.EvalSymlinks(p)
	if errors.Is(err, fs.ErrNotExist) {
		return true // not the site's: the built-in theme's
	}
	if err != nil {
		return false
	}
	root, err := filepath.EvalSymlinks(s.src)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(root, real)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// write sends a file with its content type; HEAD gets the headers only.
func (s *Server) write(w http.ResponseWriter, r *http.Request, status int, name string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType(name, b))
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// types are the content types of the files a site has; others come from
// the system's table, or are sniffed.
var types = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
	".woff":  "font/woff",
	".pdf":   "application/pdf",
}

func contentType(name string, b []byte) string {
	if path.Base(name) == "feed.xml" {
		return "application/atom+xml; charset=utf-8"
	}
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(b)
}

// inject adds the live-reload script, with the key of the page at the URL
// path (see files.key), and the overlay of the last rebuild's errors, to
// an HTML page.
func (s *Server) inject(b []byte, name string, st *state, urlPath string) []byte {
	if path.Ext(name) != ".html" {
		return b
	}
	key := st.files.key(urlPath)
	var add bytes.Buffer
	if st.err != nil {
		add.WriteString(overlayHTML(st.err))
	}
	add.WriteString(liveTag(key))
	i := bytes.LastIndex(bytes.ToLower(b), []byte("</body>"))
	if i < 0 {
		i = len(b)
	}
	out := make([]byte, 0, len(b)+add.Len())
	out = append(out, b[:i]...)
	out = append(out, add.Bytes()...)
	return append(out, b[i:]...)
}

var overlayTmpl = template.Must(template.New("overlay").Parse(`<div id="timeline-error-overlay" role="alert" ` +
	`style="position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:rgba(24,4,4,.94);color:#fde8e8;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace">` +
	`<p style="font-weight:bold;color:#ff9b9b;margin:0 0 1rem">{{.Title}}</p>` +
	`{{range .Errors}}<pre style="white-space:pre-wrap;margin:0 0 1rem">{{.Detail}}</pre>{{end}}</div>`))

// overlayHTML shows a failed rebuild's errors over the page.
func overlayHTML(err error) string {
	var b strings.Builder
	if e := overlayTmpl.Execute(&b, reportOf(err)); e != nil {
		return ""
	}
	return b.String()
}

// notReady answers before the first build: a page that reloads when the
// site is ready, or shows why it is not.
func (s *Server) notReady(w http.ResponseWriter, r *http.Request, st *state) {
	status, body := http.StatusServiceUnavailable, "<p>Building the site… this page reloads when it is ready.</p>"
	if st != nil && st.err != nil {
		status, body = http.StatusInternalServerError, overlayHTML(st.err)
	}
	page := "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>timeline serve</title></head><body>" +
		body + liveTag("") + "</body></html>"
	s.write(w, r, status, "index.html", []byte(page))
}

// notFound serves the site's 404 page.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state) {
	b, err := st.files.file("404.html")
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	s.write(w, r, http.StatusNotFound, "404.html", s.inject(b, "404.html", st, r.URL.EscapedPath()))
}

// renderFailed answers a page whose template failed to execute: the
// error, as the overlay, and the live script so the fix reloads it.
func (s *Server) renderFailed(w http.ResponseWriter, r *http.Request, st *state, err error) {
	s.logf(s.stderr, "%s\n", detail(err))
	page := "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>timeline serve: error</title></head><body>" +
		overlayHTML(err) + liveTag("") + "</body></html>"
	s.write(w, r, http.StatusInternalServerError, "error.html", []byte(page))
}

// pagePath is the URL path a tab shows, cleaned, for comparing pages.
func pagePath(p string) string {
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	return p
}
