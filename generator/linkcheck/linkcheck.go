// Package linkcheck verifies a built timeline site before it is published.
// It reads the output folder, not the sources, and reports every problem as a
// Finding at a real file:line:column of the built file:
//
//   - HTML (tokenized with golang.org/x/net/html, each file once, in
//     parallel): every href, src, srcset, <link>, <meta http-equiv=refresh>,
//     <form action>, <base href> and the like. Internal targets must exist,
//     with the site's base path (read from events.json, or Options.BaseURL),
//     "…/" meaning "…/index.html", percent-encoding decoded and query strings
//     ignored; #fragments must name an id (or <a name>) on the target page;
//     links must not be empty or javascript:; images need alt text; ids must
//     be unique.
//   - feed.xml is well-formed Atom whose links resolve; sitemap.xml lists
//     exactly the built pages; events.json matches its schema and its pages
//     and anchors resolve; timeline.json loads as TimelineJS data.
//   - Citations: every event has a citation, every cited article exists, and
//     every citation's quote occurs verbatim (white space normalized) in the
//     element its anchor points to; no page links to an event that does not
//     exist.
//   - External links, when Options.External is set: HEAD, then GET when a
//     server refuses HEAD, a bounded pool with a per-host limit, timeouts,
//     retries with exponential backoff honoring Retry-After, redirects
//     followed and reported as warnings, and a cache file between runs.
//
// Findings are sorted by file, line and column, one per problem. With
// Options.Sources, a finding that comes from what an editor wrote (a
// citation's sentence, a link in an article's body, an article's url, an
// event named in content/_events.toml) also says where that is in the
// site's sources (Finding.Source), so that it can be fixed there: the
// built files are generated and usually not in version control.
package linkcheck

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// Kind classifies a finding.
type Kind string

// The kinds of findings.
const (
	BrokenLink     Kind = "broken-link"     // an internal target that does not exist
	BrokenFragment Kind = "broken-fragment" // a #fragment with no id on the target page
	EmptyLink      Kind = "empty-link"      // href="", src="" or href="#"
	JavaScriptLink Kind = "javascript-link" // href="javascript:…"
	MissingAlt     Kind = "missing-alt"     // <img> without alt
	DuplicateID    Kind = "duplicate-id"    // two elements with one id on a page (a warning)
	Feed           Kind = "feed"            // feed.xml is not well-formed Atom
	Sitemap        Kind = "sitemap"         // sitemap.xml does not list exactly the pages
	EventsJSON     Kind = "events-json"     // events.json does not match its schema
	TimelineJS     Kind = "timelinejs"      // timeline.json is not TimelineJS data
	Citation       Kind = "citation"        // a quote, anchor or cited article is missing
	UncitedEvent   Kind = "uncited-event"   // an event without citations
	UnknownEvent   Kind = "unknown-event"   // a link to an event that does not exist
	External       Kind = "external"        // an external link that is broken
	Redirect       Kind = "redirect"        // an external link that redirects (a warning)
)

// Severity says whether a finding fails the check.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Finding is one problem at a position in a file of the site.
type Finding struct {
	File     string   `json:"file"` // slash path relative to the site folder, e.g. events/x/index.html
	Line     int      `json:"line"` // 1-based; 0 when the problem concerns the whole file
	Col      int      `json:"col"`  // 1-based byte column; 0 when unknown
	Kind     Kind     `json:"kind"`
	Severity Severity `json:"severity"`
	Msg      string   `json:"message"`
	// Source is where the problem is written in the site's sources, when
	// Options.Sources can tell (see Origin); zero otherwise.
	Source Position `json:"source,omitzero"`

	origin Origin // what the problem comes from, found by locate
	link   string // for a link's finding, the link as written in File
}

// Position is a place in a file of the site's sources.
type Position struct {
	File string `json:"file"` // a slash path, e.g. content/a.md (with the site folder, when not ".")
	Line int    `json:"line"` // 1-based
	Col  int    `json:"col"`  // 1-based byte column; 0 when unknown
}

// IsZero reports whether p is no position.
func (p Position) IsZero() bool { return p == Position{} }

// String formats the position as file:line:col.
func (p Position) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Origin is what in the site's sources a finding comes from, as far as the
// built site tells: the fields that are set say it, the first found in
// the sources (in the order of the fields) being the place to show.
type Origin struct {
	// Article is the id of the article it comes from.
	Article string
	// Quote is a sentence of the article's text: a citation's quote.
	Quote string
	// Link is a link or image target, as the built page has it, that may
	// be written in the article's body.
	Link string
	// Key is a key of the article's front matter: "url", the original.
	Key string
	// Event is the id of the event it concerns, which an editor may have
	// named (content/_events.toml, or an [[event]] of an article).
	Event string
}

// IsZero reports whether o says nothing.
func (o Origin) IsZero() bool { return o == Origin{} }

// Sources locates in a site's sources what findings come from.
type Sources interface {
	// Locate returns where o is written, if it can tell.
	Locate(o Origin) (Position, bool)
}

// String formats the finding as "file:line:col: message".
func (f Finding) String() string {
	switch {
	case f.Line == 0:
		return fmt.Sprintf("%s: %s", f.File, f.Msg)
	case f.Col == 0:
		return fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", f.File, f.Line, f.Col, f.Msg)
}

// Options configures Check. The zero value checks internal links only, with
// the base URL read from the site's events.json.
type Options struct {
	// BaseURL is the URL the site was built for ("/", "/sub/path/" or
	// "https://example.org/sub/"). Empty: site.base_url of events.json,
	// or "/" when there is none.
	BaseURL string
	// External enables checking links to other sites over HTTP.
	External bool
	// HTTP configures the external checks.
	HTTP HTTPOptions
	// Workers is the number of files processed at once; 0 means twice
	// GOMAXPROCS (reading files blocks in system calls).
	Workers int
	// Sources, if set, gives findings that come from the site's sources
	// their place there (Finding.Source).
	Sources Sources
}

// Report is the result of a check.
type Report struct {
	// Dir is the folder that was checked, as given to Check.
	Dir string
	// Findings are sorted by file, line, column and message.
	Findings []Finding
	// BaseURL is the base URL the check used.
	BaseURL string
	// Pages is the number of HTML files; Files all files; Bytes their size.
	Pages, Files int
	Bytes        int64
	// Links is the number of links checked (internal and external
	// occurrences); ExternalURLs the number of distinct external URLs.
	Links, ExternalURLs int
	// Citations is the number of citations verified.
	Citations int
	Duration  time.Duration
}

// Errors returns the number of findings of severity Error.
func (r *Report) Errors() int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings returns the number of findings of severity Warning.
func (r *Report) Warnings() int { return len(r.Findings) - r.Errors() }

// Check verifies the site in dir. It returns an error only when the check
// itself cannot run (dir is missing or unreadable, ctx is done); problems in
// the site are findings.
func Check(ctx context.Context, dir string, opts Options) (*Report, error) {
	start := time.Now()
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	if opts.Workers <= 0 {
		opts.Workers = 2 * runtime.GOMAXPROCS(0)
	}
	c := &checker{dir: dir, opts: opts, out: &findings{}}
	if err := c.run(ctx); err != nil {
		return nil, err
	}
	r := &Report{
		Dir: dir, Findings: c.out.sorted(), BaseURL: c.base.url,
		Pages: c.tree.nPages, Files: len(c.tree.paths), Bytes: c.bytes,
		Links: int(c.links.Load()), ExternalURLs: c.externalURLs, Citations: c.citations,
		Duration: time.Since(start),
	}
	return r, nil
}

// findings collects findings from many goroutines.
type findings struct {
	mu      sync.Mutex
	list    []Finding
	pending []pendingFinding // in HTML pages, placed at the end
}

// at is where a problem is: a line and column, or, in an HTML page, line 0
// and the offset of a tag in the file with the index of one of its
// attributes (-1: the tag itself). Pages are scanned keeping only offsets;
// the few that end up in findings get their line and column at the end,
// from the file (see checker.placeFindings).
type at struct {
	line, col int
	tag, attr int
}

// tagAt returns the position of attribute attr of the tag at offset tag.
func tagAt(tag, attr int) at { return at{tag: tag, attr: attr} }

// pendingFinding is a finding at an offset of an HTML page.
type pendingFinding struct {
	f         Finding
	tag, attr int
	// first, when not negative, is the offset of the tag where a
	// duplicate id first occurs: the message ends with its line.
	first int
}

func (f *findings) add(x Finding) {
	if x.Severity == "" {
		x.Severity = Error
	}
	f.mu.Lock()
	f.list = append(f.list, x)
	f.mu.Unlock()
}

func (f *findings) addf(file string, line, col int, kind Kind, format string, args ...any) {
	f.add(Finding{File: file, Line: line, Col: col, Kind: kind, Msg: fmt.Sprintf(format, args...)})
}

// addAt adds a finding at a position of file.
func (f *findings) addAt(file string, a at, kind Kind, format string, args ...any) {
	f.addLink(file, a, "", kind, format, args...)
}

// addLink adds a finding about the link href at a position of file.
func (f *findings) addLink(file string, a at, href string, kind Kind, format string, args ...any) {
	x := Finding{File: file, Line: a.line, Col: a.col, Kind: kind, Severity: Error, Msg: fmt.Sprintf(format, args...), link: strings.Clone(href)}
	if a.line != 0 {
		f.add(x)
		return
	}
	f.addPending(pendingFinding{f: x, tag: a.tag, attr: a.attr, first: -1})
}

func (f *findings) addPending(p pendingFinding) {
	f.mu.Lock()
	f.pending = append(f.pending, p)
	f.mu.Unlock()
}

// place gives the pending findings their lines and columns, reading each
// file that has some once (see at).
func (f *findings) place(osPath func(string) string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := f.pending
	f.pending = nil
	sort.SliceStable(p, func(i, j int) bool { return p[i].f.File < p[j].f.File })
	for i := 0; i < len(p); {
		j := i
		for j < len(p) && p[j].f.File == p[i].f.File {
			j++
		}
		data, err := os.ReadFile(osPath(p[i].f.File))
		if err != nil {
			data = nil
		}
		lines := newLineIndex(data)
		var spans []attrSpan
		for _, pf := range p[i:j] {
			x := pf.f
			if pf.tag < len(data) {
				off := pf.tag
				if pf.attr >= 0 {
					spans = attrSpans(data[pf.tag:], spans)
					if pf.attr < len(spans) {
						off += spans[pf.attr].key
					}
				}
				x.Line, x.Col = lines.position(off)
			}
			if pf.first >= 0 {
				line := 0
				if data != nil {
					line, _ = lines.position(pf.first)
				}
				x.Msg += fmt.Sprintf(" (first at line %d)", line)
			}
			f.list = append(f.list, x)
		}
		i = j
	}
}

// sorted returns the findings sorted, without exact duplicates.
func (f *findings) sorted() []Finding {
	f.mu.Lock()
	defer f.mu.Unlock()
	l := f.list
	sort.Slice(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
	out := l[:0]
	for i, x := range l {
		if i > 0 && x == l[i-1] {
			continue
		}
		out = append(out, x)
	}
	if out == nil {
		out = []Finding{}
	}
	return out
}
