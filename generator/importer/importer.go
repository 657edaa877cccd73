// Package importer turns an article copied from the web, as raw text or as
// an HTML page saved from a browser, into a content article: Markdown with
// TOML front matter, the format of content/*.md. It is the library behind
// `timeline import`.
//
// Both readers turn their input into a list of blocks, each with the line
// of the input it starts on, and hand it to one cleaner, which applies
// general rules rather than lists of known pages:
//
//   - script: the article's script is the one most of its letters are
//     written in (unicode.Scripts); a block written mostly in another one
//     (an Arabic "read this in Arabic" link, Hebrew teasers) is taken out
//     and Flagged.
//   - line shape: separators (no letters), label-and-number lines ("Media
//     ID: 55327349"), bylines of teasers ("By X, The Week UK Published"),
//     reply handles ("@ name"), a button label written twice.
//   - furniture phrases, as data (see furniture.go): newsletter, sign up,
//     subscribe, log in, share, comments, related, navigation... A strong
//     phrase marks a line of up to 30 words unless it reads as reporting
//     (a sentence with no "you", "our" or imperative); a weak one only a
//     line of up to 8 words. A line between two furniture lines is part of
//     the same box.
//   - repetition: a block seen before is taken out (a repeated photo
//     caption is kept once).
//   - position: the article ends at the first furniture box after which no
//     two article paragraphs follow; what comes after is listed as the
//     teasers, comments or boilerplate it is. A reply handle after the
//     article's main run of lines starts a reader comment thread.
//   - header: the lines before the lead paragraph hold the title, a
//     standfirst (the summary), a byline, a date and page headers ("Section
//     | Site"), which go to the front matter or are taken out.
//   - HTML: markup says more (see html.go): nav, footer, aside, class and id
//     hints (cookie, newsletter, share, related, comments...), link density,
//     and metadata in meta tags, JSON-LD and <time>.
//
// Everything taken out is listed in Article.Removed or Article.Flagged with
// its line in the input and the reason, so an editor can check it. Facts
// the page does not give become TODO keys in the front matter, which the
// content parser refuses until the editor fills them in.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// Options are the facts the caller gives; each overrides what is found in
// the input.
type Options struct {
	Title, Outlet, URL, Author, Summary string
	Published                           string // "2014-01-15" or RFC 3339 as given by the editor; "" = find it or TODO
}

// Note is a block taken out of the article: its 1-based line in the input,
// its text (shortened when long) and why.
type Note struct {
	Line   int
	Text   string
	Reason string
}

// Article is an imported article, ready to be written as a content file.
type Article struct {
	Title, Outlet, URL, Author, Summary string
	Published                           string   // as it goes into front matter: "2014-01-15" (a TOML date, unquoted) or "" when missing
	Body                                []string // Markdown blocks (paragraphs, "## heading", "![caption](<>)"), in order
	Removed                             []Note   // furniture taken out, with why
	Flagged                             []Note   // other scripts/languages, taken out and flagged
	Missing                             []string // front matter keys written as TODO: "outlet", "published"
}

// The TODO values written for missing required keys.
const (
	TodoOutlet    = "TODO: the outlet's name"
	TodoPublished = "TODO: the publication date, as 2014-01-15"
)

// Import reads src as HTML when name ends in .html or .htm, or when it
// looks like markup, and as text otherwise.
func Import(name string, src []byte, opts Options) (*Article, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return HTML(src, opts)
	case ".txt", ".text", ".md":
		return Text(src, opts)
	}
	if looksLikeHTML(src) {
		return HTML(src, opts)
	}
	return Text(src, opts)
}

// looksLikeHTML reports whether src starts, after a BOM, blanks and
// comments, with a doctype or an <html>, <head> or <body> tag.
func looksLikeHTML(src []byte) bool {
	s := bytes.TrimPrefix(src, []byte("\ufeff"))
	s = bytes.TrimSpace(s)
	if len(s) > 1024 {
		s = s[:1024]
	}
	l := bytes.ToLower(s)
	for bytes.HasPrefix(l, []byte("<!--")) {
		i := bytes.Index(l, []byte("-->"))
		if i < 0 {
			break
		}
		l = bytes.TrimSpace(l[i+3:])
	}
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<?xml"} {
		if bytes.HasPrefix(l, []byte(p)) {
			return true
		}
	}
	return bytes.Contains(l, []byte("<html")) || bytes.Contains(l, []byte("<body"))
}

// checkInput rejects what cannot be an article: empty input, binary data
// and (for text) bytes that are not UTF-8.
func checkInput(src []byte, needUTF8 bool) error {
	if len(bytes.TrimSpace(bytes.TrimPrefix(src, []byte("\ufeff")))) == 0 {
		return errors.New("empty input: no text to import")
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return fmt.Errorf("binary data, not text: NUL byte at offset %d", i)
	}
	if needUTF8 && !utf8.Valid(src) {
		line, col := 1, 1
		for i := 0; i < len(src); {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n == 1 {
				return fmt.Errorf("not UTF-8 text: invalid byte 0x%02x at line %d, column %d (save the file as UTF-8)", src[i], line, col)
			}
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			i += n
		}
	}
	return nil
}

// finish applies the caller's facts over the found ones, checks the date
// and fills Missing.
func (a *Article) finish(opts Options) error {
	set := func(dst *string, v string) {
		if v = strings.TrimSpace(v); v != "" {
			*dst = v
		}
	}
	set(&a.Title, opts.Title)
	set(&a.Outlet, opts.Outlet)
	set(&a.URL, opts.URL)
	set(&a.Author, opts.Author)
	set(&a.Summary, opts.Summary)
	if p := strings.TrimSpace(opts.Published); p != "" {
		v, ok := tomlDate(p, true)
		if !ok {
			return fmt.Errorf("published: %q is not a date (want 2014-01-15 or an RFC 3339 time such as 2014-01-15T09:30:00Z)", p)
		}
		a.Published = v
	}
	if a.Title == "" {
		return errors.New("no title found: give one")
	}
	if len(a.Body) == 0 {
		return errors.New("no article text found (everything looked like page furniture; see the removed lines)")
	}
	a.Missing = nil
	if a.Outlet == "" {
		a.Missing = append(a.Missing, "outlet")
	}
	if a.Published == "" {
		a.Missing = append(a.Missing, "published")
	}
	return nil
}

// tomlDate returns v as a TOML date (2014-01-15) or, when keepTime is set
// and v has a time of day, as an RFC 3339 offset date-time.
func tomlDate(v string, keepTime bool) (string, bool) {
	v = strings.TrimSpace(v)
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return t.Format("2006-01-02"), true
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(layout, v); err == nil {
			if keepTime {
				return t.Format(time.RFC3339), true
			}
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}
