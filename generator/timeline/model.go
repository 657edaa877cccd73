// Package timeline builds the timeline model from articles: events, each
// dated and citing the sentences of the articles that report it. The model
// is exported as /events.json, the contract for every later stage and for
// external tools:
//
//	{ "site": {"title", "base_url"},
//	  "articles": [{"id", "title", "outlet", "author", "url", "published", "page"}],
//	  "events": [{"id", "page", "headline",
//	              "date": {"value", "mod", "start", "end", "label"},
//	              "citations": [{"article", "quote", "expression", "value", "anchor", "origin"}]}] }
//
// Fields may be added; these are never renamed. Events sort by start date,
// then end date, then id; ids are slugs that stay the same from build to
// build while an event cites mostly the same sentences (see ids.go).
package timeline

import (
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/timex"
)

// Model is the whole timeline.
type Model struct {
	Site     Site       `json:"site"`
	Articles []*Article `json:"articles"`
	Events   []*Event   `json:"events"`

	// Notes are what a build tells the editor without failing: an id of
	// the last build that only that build knows (see Options.Previous),
	// and the line of content/_events.toml that would keep it.
	Notes []*diag.Error `json:"-"`
	// Unapplied, with Options.KeepGoing, holds the overrides that could
	// not apply (an id no event has), which Build otherwise returns as
	// its error.
	Unapplied error `json:"-"`
}

// Site describes the site.
type Site struct {
	Title       string `json:"title"`
	BaseURL     string `json:"base_url"`
	Description string `json:"description,omitempty"`
	Language    string `json:"language"`
}

// Article is an article as the model knows it.
type Article struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Outlet    string     `json:"outlet"`
	Author    string     `json:"author"`
	URL       string     `json:"url"`
	Published timex.Date `json:"published"`
	Page      string     `json:"page"`
	Language  string     `json:"language"`
	Summary   string     `json:"summary,omitempty"`
	Tags      []string   `json:"tags,omitempty"`
	// Events lists the ids of the events that cite the article, in
	// timeline order.
	Events []string `json:"events"`
	// Anchors are the cited ranges of the article's text, each with its
	// fragment id and the events citing it, in text order.
	Anchors []*Anchor `json:"-"`
}

// Anchor is a cited range of an article's text: Doc.Blocks[Block].Text[Start:End].
type Anchor struct {
	Block, Start, End int
	Fragment          string   // the id of the element that wraps the range
	Events            []string // ids of the events that cite it, in timeline order
}

// Event is one happening on the timeline.
type Event struct {
	ID        string      `json:"id"`
	Page      string      `json:"page"`
	Headline  string      `json:"headline"`
	Date      Date        `json:"date"`
	Citations []*Citation `json:"citations"`
	// Aliases are the ids the event had before, each of which answers
	// with a redirect to its page: the id before an editor's rename,
	// the ids of the events merged into it, those an editor lists in
	// aliases, and the ids it had in the last build (see ids.go).
	Aliases []string `json:"aliases,omitempty"`

	// Summary is a paragraph an editor wrote for the event, if any.
	Summary string `json:"summary,omitempty"`
	// Importance scores events from 0 to 1 (the top one) by how much the
	// happening is looked back on by later articles and reported on its
	// day, and by how many outlets and articles cite the event (see
	// rank.go). Rank orders the events by it, from 1; Key marks the first
	// ones, a quarter of the events and at most 40: the summary view of
	// the story ("key events", timeline events --top).
	Importance float64 `json:"importance"`
	Rank       int     `json:"rank"`
	Key        bool    `json:"key"`
	// Entities are the people, organizations and places involved.
	Entities []Entity `json:"entities"`
	// Disputed lists the events whose citations deny or dispute this one;
	// Disputes lists the events this one denies or disputes.
	DisputedBy []string `json:"disputed_by,omitempty"`
	Disputes   []string `json:"disputes,omitempty"`

	// lead is the citation the event's card leads with, first among its
	// citations: the sentence its headline is made of, or the editor's
	// first (see assembleEvent); nil to follow article order.
	lead *Citation
	// derived is the id the event's content gives it (see derivedBase),
	// unnumbered, which overrides may name it by.
	derived string
}

// Entity is a named person, organization or place.
type Entity struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // person, organization, place or other
	Key  string `json:"key"`  // identity: the same key on two events is the same entity
}

// Date is an event's date: a TIMEX3 value and modifier, the inclusive day
// interval they cover, and a label for readers.
type Date struct {
	Value timex.Value `json:"value"`
	Mod   timex.Mod   `json:"mod"`
	Start timex.Date  `json:"start"`
	End   timex.Date  `json:"end"`
	Label string      `json:"label"`
	// Disagreement lists the other dates that some sources give for the
	// event, when they differ from Value.
	Disagreement []Alternative `json:"disagreement,omitempty"`
}

// Alternative is a date some sources give for an event.
type Alternative struct {
	Value    timex.Value `json:"value"`
	Mod      timex.Mod   `json:"mod"`
	Label    string      `json:"label"`
	Articles []string    `json:"articles"`
}

// NewDate returns the Date of a value with a modifier; ok is false if the
// value is not on the calendar.
func NewDate(v timex.Value, m timex.Mod) (Date, bool) {
	iv, ok := v.IntervalMod(m)
	if !ok {
		return Date{}, false
	}
	return Date{Value: v, Mod: m, Start: iv.Start, End: iv.End, Label: v.Label(m)}, true
}

// Interval returns the day interval of the date.
func (d Date) Interval() timex.Interval { return timex.Interval{Start: d.Start, End: d.End} }

// Origin says where a citation comes from.
type Origin string

// Citation origins.
const (
	Editor    Origin = "editor"    // declared in front matter
	Extracted Origin = "extracted" // found by the temporal tagger
)

// Citation is a sentence of an article that reports an event.
type Citation struct {
	Article    string      `json:"article"`
	Quote      string      `json:"quote"`
	Expression string      `json:"expression"`
	Value      timex.Value `json:"value"`
	Mod        timex.Mod   `json:"mod,omitempty"`
	Anchor     string      `json:"anchor"`
	Origin     Origin      `json:"origin"`
	// Basis says how an extracted citation is dated: "expression" (its
	// own time expression), "paragraph" (the paragraph's date), "present"
	// (a present-tense report: the publication day) or "news-day" (a
	// past-tense report: the day the article reports on); "editor" for
	// citations an editor declared.
	Basis string `json:"basis"`
	// Denies is set when the sentence denies or disputes a happening.
	Denies bool `json:"denies,omitempty"`

	// Block, Start and End locate the quote in the article's text.
	Block, Start, End int `json:"-"`
}
