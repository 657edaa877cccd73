package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/diag"
)

// PageTemplates are the templates a site can override, by file name.
// base.html is the layout; each page template defines "main" (and may
// define "head"); partials.html holds shared pieces.
var PageTemplates = []string{"index.html", "event.html", "article.html", "sources.html", "404.html"}

// LayoutTemplates are parsed with every page template.
var LayoutTemplates = []string{"base.html", "partials.html"}

func (r *renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"url":        r.url,
		"abs":        r.absURL,
		"capitalize": capitalize,
		"plural":     plural,
	}
}

// parseTemplates parses the layout with each page template.
func (r *renderer) parseTemplates() (map[string]*template.Template, error) {
	base := template.New("").Funcs(r.funcs())
	var errs diag.List
	for _, name := range LayoutTemplates {
		src, err := fs.ReadFile(r.opts.Templates, name)
		if errors.Is(err, fs.ErrNotExist) && name != "base.html" {
			continue
		}
		if err != nil {
			errs = append(errs, &diag.Error{File: r.templatePath(name), Msg: fmt.Sprintf("cannot read template: %v", err)})
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
	for _, name := range PageTemplates {
		src, err := fs.ReadFile(r.opts.Templates, name)
		if err != nil {
			errs = append(errs, &diag.Error{File: r.templatePath(name), Msg: fmt.Sprintf("cannot read template: %v", err)})
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
func (r *renderer) page(name string, p *Page) ([]byte, error) {
	var buf bytes.Buffer
	if err := r.tmpl[name].ExecuteTemplate(&buf, "base.html", p); err != nil {
		return nil, r.templateError(err, name)
	}
	return buf.Bytes(), nil
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

// plural formats a count with the singular or plural noun: "1 event", "2 events".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
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
