package content

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/internal/tomlx"
	"github.com/timeline-dev/timeline/generator/markdown"
	"github.com/timeline-dev/timeline/generator/timex"
)

// Options configures parsing. The zero value works: English, UTC, safe
// Markdown.
type Options struct {
	// Language is the default article language; "en" if empty.
	Language string
	// Location is the time zone in which a published date-time with an
	// offset is turned into a calendar date; UTC if nil.
	Location *time.Location
	// Markdown parses bodies; a safe default if nil.
	Markdown *markdown.Markdown
}

func (o Options) withDefaults() Options {
	if o.Language == "" {
		o.Language = "en"
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Markdown == nil {
		o.Markdown = markdown.New(markdown.Options{})
	}
	return o
}

type frontMatter struct {
	Title     string       `toml:"title"`
	Outlet    string       `toml:"outlet"`
	Published any          `toml:"published"`
	URL       string       `toml:"url"`
	Author    string       `toml:"author"`
	Language  string       `toml:"language"`
	Tags      []string     `toml:"tags"`
	Draft     bool         `toml:"draft"`
	Summary   string       `toml:"summary"`
	Event     []eventTable `toml:"event"`
}

type eventTable struct {
	ID       string `toml:"id"`
	Date     string `toml:"date"`
	Mod      string `toml:"mod"`
	Headline string `toml:"headline"`
	Quote    string `toml:"quote"`
}

const frontMatterUsage = `An article starts with TOML front matter between two +++ lines:
  +++
  title = "..."
  outlet = "..."
  published = 2014-01-15
  +++`

var (
	langRE = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
	idRE   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// Parse parses the article file at path (slash-separated, relative to the
// site, used in messages and for the id) with contents src. Errors are a
// diag.List.
func Parse(path string, src []byte, opts Options) (*Article, error) {
	opts = opts.withDefaults()
	if len(src) > MaxSize {
		return nil, diag.List{sizeError(path, int64(len(src)))}
	}
	if e := checkText(path, src); e != nil {
		return nil, diag.List{e}
	}
	fmStart, fmEnd, bodyStart, err := splitFrontMatter(path, src)
	if err != nil {
		return nil, err
	}
	doc := tomlx.New(path, src, fmStart, fmEnd-fmStart)
	var fm frontMatter
	md, err := doc.DecodeKnown(&fm)
	if err != nil {
		return nil, err
	}
	var errs diag.List
	errs.Add(path, doc.Unknown(md, &fm))
	a := &Article{
		ID:     IDFromPath(path),
		Path:   path,
		Title:  strings.TrimSpace(fm.Title),
		Outlet: strings.TrimSpace(fm.Outlet), URL: strings.TrimSpace(fm.URL),
		Author: strings.TrimSpace(fm.Author), Language: fm.Language, Summary: strings.TrimSpace(fm.Summary),
		Tags: fm.Tags, Draft: fm.Draft,
		Source: src, BodyOffset: bodyStart,
	}
	required := func(key, val, example string) {
		switch {
		case todo(val):
			errs = append(errs, todoError(doc, key, val, example))
		case !md.IsDefined(key):
			e := doc.ErrorAt(-1, "missing required key %q", key)
			e.Line, e.Col = 1, 1
			e.Source = diag.LineText(src, 1)
			e.Hint = "add it to the front matter, e.g. " + example
			errs = append(errs, e)
		case val == "":
			errs = append(errs, doc.ValueError(key, "%s: must not be empty (e.g. %s)", key, example))
		}
	}
	required("title", a.Title, `title = "Western Intelligence Talking to Damascus"`)
	required("outlet", a.Outlet, `outlet = "Naharnet"`)
	if p, ok := fm.Published.(string); ok && todo(p) {
		errs = append(errs, todoError(doc, "published", p, "published = 2014-01-15"))
	} else if !md.IsDefined("published") {
		// Hugo's "date" has its own error, which says what to write.
		if !md.IsDefined("date") && !md.IsDefined("publishDate") && !md.IsDefined("pubdate") {
			required("published", "", "published = 2014-01-15")
		}
	} else if t, err := publishedTime(fm.Published, opts.Location); err != nil {
		e := doc.ValueError("published", "published: %v", err)
		e.Hint = "write a TOML date without quotes: published = 2014-01-15, or a date-time with its offset: published = 2014-01-15T09:30:00+02:00"
		errs = append(errs, e)
	} else {
		a.Published = t
		a.Date = timex.DateOf(t.In(opts.Location))
	}
	for _, f := range []struct {
		key     string
		val     *string
		example string
	}{
		{"url", &a.URL, `url = "https://www.naharnet.com/stories/en/114074"`},
		{"author", &a.Author, `author = "Jack Khoury"`},
		{"summary", &a.Summary, `summary = "Western intelligence seeking info on European jihadists."`},
	} {
		if todo(*f.val) {
			errs = append(errs, todoError(doc, f.key, *f.val, f.example))
			*f.val = ""
		}
	}
	if a.URL != "" {
		if u, err := url.Parse(a.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, doc.ValueError("url", "url: %q is not an absolute http(s) URL", a.URL))
		}
	}
	if a.Language == "" {
		a.Language = opts.Language
	} else if !langRE.MatchString(a.Language) {
		errs = append(errs, doc.ValueError("language", "language: %q is not a language tag (want e.g. \"en\", \"fr\", \"en-GB\")", a.Language))
	}
	for i, tag := range a.Tags {
		if strings.TrimSpace(tag) == "" {
			errs = append(errs, doc.ValueError("tags", "tags: tag %d is empty", i+1))
		}
	}
	a.Doc = opts.Markdown.Parse(a.Body())
	for i, ev := range fm.Event {
		d, err := declared(doc, a, i+1, ev)
		if err != nil {
			errs.Add(path, err)
			continue
		}
		a.Events = append(a.Events, d)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return a, nil
}

// todo reports whether a front matter value is a placeholder left for the
// editor to fill: timeline import writes facts it could not find as
// "TODO: ..." strings, which fail the build until replaced.
func todo(val string) bool {
	return strings.HasPrefix(strings.TrimSpace(val), "TODO")
}

func todoError(doc *tomlx.Doc, key, val, example string) *diag.Error {
	e := doc.ValueError(key, "%s is still a placeholder (%q): fill it in before building", key, val)
	e.Hint = "timeline import could not find it in the page; write it, e.g. " + example
	return e
}

// splitFrontMatter finds the TOML between the +++ lines: it returns the
// byte range of the TOML and the offset where the body starts.
func splitFrontMatter(path string, src []byte) (fmStart, fmEnd, body int, err error) {
	start := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) { // BOM
		start = 3
	}
	firstLine, rest, _ := bytes.Cut(src[start:], []byte("\n"))
	if string(bytes.TrimRight(firstLine, " \t\r")) != "+++" {
		e := diag.At(path, src, start, "missing front matter: the file must start with a +++ line")
		e.Hint = frontMatterUsage
		return 0, 0, 0, diag.List{e}
	}
	fmStart = start + len(firstLine) + 1
	if fmStart > len(src) {
		fmStart = len(src)
	}
	off := fmStart
	for len(rest) > 0 {
		line, after, found := bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(line, " \t\r")) == "+++" {
			body = off + len(line)
			if found {
				body++
			}
			return fmStart, off, body, nil
		}
		off += len(line) + 1
		rest = after
		if !found {
			break
		}
	}
	e := diag.At(path, src, start, "front matter is not closed: no +++ line after this one")
	e.Hint = frontMatterUsage
	return 0, 0, 0, diag.List{e}
}

func publishedTime(v any, loc *time.Location) (time.Time, error) {
	switch v := v.(type) {
	case time.Time:
		if isLocal(v, "time-local") {
			return time.Time{}, fmt.Errorf("%s is a time of day, not a date", v.Format("15:04:05"))
		}
		if v.Year() < 1 {
			return time.Time{}, fmt.Errorf("year %04d is before year 1: dates run from 0001-01-01 to 9999-12-31", v.Year())
		}
		if isLocal(v, "datetime-local") || isLocal(v, "date-local") {
			// A date or date-time without offset is in the site's zone.
			return time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), v.Nanosecond(), loc), nil
		}
		return v, nil
	case string:
		if _, err := timex.ParseDate(v); err == nil {
			return time.Time{}, fmt.Errorf("%q is a string: write the date without quotes", v)
		}
		return time.Time{}, fmt.Errorf("%q is not a date", v)
	}
	return time.Time{}, fmt.Errorf("want a date such as 2014-01-15, got %v", v)
}

// declared validates one [[event]] table (n counts from 1).
func declared(doc *tomlx.Doc, a *Article, n int, ev eventTable) (Declared, error) {
	key := func(k string) string { return fmt.Sprintf("event[%d].%s", n, k) }
	var errs diag.List
	d := Declared{ID: ev.ID, Headline: strings.TrimSpace(ev.Headline)}
	if l, ok := doc.Loc(fmt.Sprintf("event[%d]", n)); ok {
		d.Line, d.Col, _ = positionOf(a.Source, l.Key)
	}
	if ev.ID != "" && !idRE.MatchString(ev.ID) {
		errs = append(errs, doc.ValueError(key("id"), "id: %q is not a slug (want lowercase letters, digits and single hyphens, e.g. \"kuwait-donor-conference\")", ev.ID))
	}
	switch {
	case ev.Date == "":
		e := doc.KeyError(fmt.Sprintf("event[%d]", n), "event %d: missing required key \"date\"", n)
		e.Hint = "date is a TIMEX3 value such as \"2013-11\", \"2014-01-15\" or \"2013-SU\""
		errs = append(errs, e)
	default:
		v, err := EventDate(ev.Date)
		if err != nil {
			e := doc.ValueError(key("date"), "date: %v", err)
			e.Hint = timex.Usage
			errs = append(errs, e)
		}
		d.Date = v
	}
	if m, err := timex.ParseMod(ev.Mod); err != nil {
		errs = append(errs, doc.ValueError(key("mod"), "mod: %v", err))
	} else {
		d.Mod = m
	}
	if strings.TrimSpace(ev.Quote) == "" {
		e := doc.KeyError(fmt.Sprintf("event[%d]", n), "event %d: missing required key \"quote\"", n)
		if ev.Quote != "" {
			e = doc.ValueError(key("quote"), "quote: must not be empty")
		}
		e.Hint = "quote is the sentence of the body that reports the event, copied exactly"
		errs = append(errs, e)
	} else if b, s, e, ok := FindQuote(a.Doc, ev.Quote); ok {
		d.Block, d.Start, d.End = b, s, e
		d.Quote = a.Doc.Blocks[b].Text[s:e]
	} else {
		err := doc.ValueError(key("quote"), "quote: not found in the body: %q", shorten(ev.Quote, 80))
		err.Hint = quoteHint(a.Doc, ev.Quote)
		errs = append(errs, err)
	}
	return d, errs.Err()
}

// EventDate parses the date of an event declared by hand: a TIMEX3 value
// that names a place on the calendar between the years 1 and 9999.
func EventDate(s string) (timex.Value, error) {
	digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
	if digits > 4 {
		return "", fmt.Errorf("%q: years after 9999 are not supported (a year has at most four digits)", s)
	}
	v, err := timex.Parse(s)
	if err != nil {
		return v, err
	}
	iv, ok := v.Interval()
	if !ok {
		return v, fmt.Errorf("%q does not name a place on the calendar (an event date needs a year, and cannot be a duration or a reference such as PRESENT_REF)", s)
	}
	if iv.Start.Year < 1 {
		return v, fmt.Errorf("%q starts before year 1: dates run from 0001-01-01 to 9999-12-31", s)
	}
	return v, nil
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// isLocal reports whether t was decoded from a TOML local date, date-time
// or time, which BurntSushi/toml marks with a zone of that name.
func isLocal(t time.Time, zone string) bool { return t.Location().String() == zone }

func positionOf(src []byte, off int) (int, int, string) { return diag.Position(src, off) }
