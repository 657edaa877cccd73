package render

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/diag"
)

// PageTemplates are the templates a site can override, by file name.
// base.html is the layout; each page template defines "main" (and may
// define "head"); partials.html holds shared pieces.
var PageTemplates = []string{"index.html", "event.html", "article.html", "sources.html", "entity.html", "404.html"}

// LayoutTemplates are parsed with every page template, in this order: a
// definition in partials.html replaces one of fragments.html.
var LayoutTemplates = []string{"base.html", "fragments.html", "partials.html"}

func (r *renderer) funcs() template.FuncMap {
	// The functions do not hold the renderer, so that a TemplateCache may
	// give the parsed templates to the next one.
	l := links{basePath: r.basePath, host: r.host}
	return template.FuncMap{
		"url":        l.url,
		"abs":        l.absURL,
		"capitalize": capitalize,
		"plural":     plural,
		"thousands":  thousands,
	}
}

// links makes the links of a site published at basePath on host.
type links struct{ basePath, host string }

func (l links) url(p string) string    { return l.basePath + strings.TrimPrefix(p, "/") }
func (l links) absURL(p string) string { return l.host + l.url(p) }

// TemplateCache keeps the parsed templates of the last Render (or New) for
// the next one, which reuses them when every template file and the base URL
// are the same: a preview server rebuilding after an edit of an article
// does not parse the templates again. The zero value is ready to use; it is
// safe for concurrent use.
type TemplateCache struct {
	mu   sync.Mutex
	key  [sha256.Size]byte
	tmpl map[string]*template.Template
	hits int
}

// Hits returns how many times parsed templates were reused.
func (c *TemplateCache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

// templateSource is a template file as read, or the error reading it.
type templateSource struct {
	name string
	src  []byte
	err  error
}

// parseTemplates parses the layout with each page template, or takes them
// from the cache when the sources are the same.
func (r *renderer) parseTemplates() (map[string]*template.Template, error) {
	var srcs []templateSource
	h := sha256.New()
	fmt.Fprintf(h, "%q %q\n", r.basePath, r.host)
	for _, name := range append(append([]string{}, LayoutTemplates...), PageTemplates...) {
		src, err := fs.ReadFile(r.opts.Templates, name)
		srcs = append(srcs, templateSource{name, src, err})
		fmt.Fprintf(h, "%s %d %d %v\n", name, r.opts.Templates.Origin(name), len(src), err)
		h.Write(src)
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	c := r.opts.TemplateCache
	if c != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.tmpl != nil && c.key == key {
			c.hits++
			return c.tmpl, nil
		}
	}
	tmpl, err := r.parse(srcs)
	if c != nil && err == nil {
		c.key, c.tmpl = key, tmpl
	}
	return tmpl, err
}

// parse parses the layout with each page template.
func (r *renderer) parse(srcs []templateSource) (map[string]*template.Template, error) {
	base := template.New("").Funcs(r.funcs())
	var errs diag.List
	for _, ts := range srcs[:len(LayoutTemplates)] {
		name, src, err := ts.name, ts.src, ts.err
		if errors.Is(err, fs.ErrNotExist) && name != "base.html" {
			continue
		}
		if err != nil {
			errs = append(errs, r.readError(name, err))
			continue
		}
		if _, err := base.New(name).Parse(string(src)); err != nil {
			errs = append(errs, r.templateError(err, name))
		}
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	out := map[string]*template.Template{}
	for _, ts := range srcs[len(LayoutTemplates):] {
		name, src, err := ts.name, ts.src, ts.err
		if err != nil {
			errs = append(errs, r.readError(name, err))
			continue
		}
		t, err := base.Clone()
		if err == nil {
			_, err = t.New(name).Parse(string(src))
		}
		if err != nil {
			errs = append(errs, r.templateError(err, name))
			continue
		}
		out[name] = t
	}
	return out, errs.Err()
}

// page executes a page template through the layout.
func (r *renderer) page(w io.Writer, name string, p *Page) error {
	if err := r.tmpl[name].ExecuteTemplate(w, "base.html", p); err != nil {
		return r.templateError(err, name)
	}
	return nil
}

// readError reports a template that cannot be read.
func (r *renderer) readError(name string, err error) *diag.Error {
	var de *diag.Error
	if errors.As(err, &de) {
		return de
	}
	return &diag.Error{File: r.templatePath(name), Msg: fmt.Sprintf("cannot read template: %v", err)}
}

// templatePath names a template file as the user knows it.
func (r *renderer) templatePath(name string) string {
	i := r.opts.Templates.Origin(name)
	if i >= 0 && i < len(r.opts.TemplateNames) {
		return r.opts.TemplateNames[i] + "/" + name
	}
	return "templates/" + name
}

var templateErrRE = regexp.MustCompile(`^(?:html/)?template: ([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// templateError places a parse or execution error of text/template at its
// file:line:column.
func (r *renderer) templateError(err error, fallback string) *diag.Error {
	msg := err.Error()
	if m := templateErrRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		e := &diag.Error{File: r.templatePath(m[1]), Line: line, Col: col, Msg: m[4]}
		if src, err := fs.ReadFile(r.opts.Templates, m[1]); err == nil {
			e.Source = diag.LineText(src, line)
		}
		return e
	}
	// html/template escaping errors: "html/template:event.html:12:5: ..."
	if m := regexp.MustCompile(`^html/template:([^:]+):(\d+):(\d+): (.*)$`).FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return &diag.Error{File: r.templatePath(m[1]), Line: line, Col: col, Msg: m[4]}
	}
	return &diag.Error{File: r.templatePath(fallback), Msg: strings.TrimPrefix(msg, "template: ")}
}

// plural formats a count, with thousands separators, and the singular or
// plural noun: "1 event", "3,375 events".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

func shortHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])[:10]
}

func slugOrHash(s string) string {
	if sl := content.Slug(s); sl != "" {
		return sl
	}
	return shortHash([]byte(s))
}
