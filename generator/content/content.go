// Package content reads a site's articles: Markdown files under content/
// with TOML front matter between +++ lines.
//
//	+++
//	title     = "Western Intelligence Talking to Damascus"   # required
//	outlet    = "Naharnet"                                   # required
//	published = 2014-01-15                                   # required: a TOML date or offset date-time
//	url       = "https://www.naharnet.com/stories/en/114074"  # the original
//	author    = "Jack Khoury"
//	language  = "en"                                         # default: the site's language
//	tags      = ["syria", "intelligence"]
//	draft     = false                                        # drafts are built only with --drafts
//	summary   = "One line shown under the title."
//
//	[[event]]                   # an event declared by hand (any number)
//	date     = "2013-11"        # a TIMEX3 value: 2013, 2013-11, 2014-01-15, 2013-SU, 2014-W04, ...
//	mod      = "START"          # optional: START, MID, END, APPROX, BEFORE, AFTER, ...
//	headline = "German, French and Spanish agencies contact Damascus"
//	quote    = "German, French and Spanish agencies have been speaking to regime officials since November"
//	id       = "european-agencies-contact-damascus"   # optional; articles sharing an id cite one event
//	+++
//
//	The body, in CommonMark.
//
// Every problem is reported at its file:line:column with what was expected:
// unknown keys (with a suggestion), missing required keys, bad dates, and a
// quote that does not occur in the body. Files are untrusted input: one
// larger than MaxSize, not UTF-8 text, or reached through a symbolic link
// that leads outside the site is refused (see ReadFile).
package content

import (
	"time"

	"github.com/timeline-dev/timeline/generator/markdown"
	"github.com/timeline-dev/timeline/generator/timex"
)

// Dir is the folder of a site that holds its articles.
const Dir = "content"

// Article is one parsed article.
type Article struct {
	ID   string // stable slug from the file path: content/a/b.md is "a-b"
	Path string // slash path relative to the site, e.g. content/b.md

	Title, Outlet, URL, Author, Language, Summary string
	Tags                                          []string
	Draft                                         bool

	// Published is the publication time as written; Date is its calendar
	// date in the site's time zone: the document creation time that relative
	// dates in the text resolve against.
	Published time.Time
	Date      timex.Date

	Source     []byte // the whole file
	BodyOffset int    // byte offset of the body in Source
	Doc        *markdown.Document

	Events []Declared
}

// Body returns the Markdown body, Source[BodyOffset:]. Offsets in Doc are
// relative to it.
func (a *Article) Body() []byte { return a.Source[a.BodyOffset:] }

// Position returns the line and column in the file of a byte offset in the
// body.
func (a *Article) Position(bodyOffset int) (line, col int) {
	line, col, _ = positionOf(a.Source, a.BodyOffset+bodyOffset)
	return line, col
}

// Declared is an event declared in front matter.
type Declared struct {
	ID       string // optional: citations with the same id form one event
	Date     timex.Value
	Mod      timex.Mod
	Headline string
	// Quote is the sentence as it appears in the body (typographic quotes
	// and all), found at Doc.Blocks[Block].Text[Start:End].
	Quote             string
	Block, Start, End int
	// Line and Col locate the [[event]] table in the file, for messages
	// from later stages (an id that conflicts with another article's).
	Line, Col int
}
