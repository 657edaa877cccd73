package timeline

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/mentions"
)

// Explanation records how Build placed every dated sentence, for editors
// reviewing extraction (timeline events --explain): set Options.Explain to
// a new Explanation; after Build, Sentences says what became of each
// sentence and Steps what grouping changed after placing them. Its
// methods do nothing on a nil Explanation, so Build calls them freely.
type Explanation struct {
	placed    []*Placement
	steps     []Step
	articles  []*content.Article
	overrides *content.Overrides
	before    map[*Citation]string // the event citing it before the overrides applied
}

// Outcome is what grouping did with a dated sentence.
type Outcome string

// The outcomes of a dated sentence.
const (
	Declared   Outcome = "declared"   // an editor's citation: its event is the editor's (Pos says where)
	Started    Outcome = "started"    // it started an event: none of the Candidates was alike enough
	Joined     Outcome = "joined"     // it joined the event whose first sentence is With
	Continued  Outcome = "continued"  // it went with the sentence it continues, With
	Dropped    Outcome = "dropped"    // left out (Reason says why)
	Repeated   Outcome = "repeated"   // a line its outlet repeats in other articles: left out
	Suppressed Outcome = "suppressed" // an editor suppressed it (Pos: the [[suppress]] table)
)

// Placement is how one dated sentence was placed.
type Placement struct {
	// Citation is the sentence: its article, text and place in it, the
	// time expression that dates it, its value and basis.
	Citation *Citation
	Outcome  Outcome
	// With is, for Joined, the first sentence of the event it joined; for
	// Continued, the sentence it continues.
	With *Citation
	// Similarity is, for Joined, its similarity to that event.
	Similarity float64
	// Candidates is the number of events it was compared with (those
	// sharing one of its heaviest terms in a month its date spans).
	Candidates int
	// Reason says why a sentence was Dropped.
	Reason string
	// Pos is, for Declared and Suppressed, where the editor wrote it.
	Pos content.Pos

	exprStart int // orders the dates of one sentence
}

// Step is a change grouping made to events after placing the sentences:
// a merge of two events found alike, or the sentences of one source split
// off an event.
type Step struct {
	Kind       string    // "merge" or "split"
	From       *Citation // merge: the first sentence of the event merged away
	Into       *Citation // the first sentence of the event merged into, or split from
	Similarity float64   // merge: how alike the events were
	// Happening is, for a merge of events that two outlets tell of one
	// happening on one day, the word of the happening they share
	// (mergeHappenings); "" for a merge of alike events.
	Happening string
	Source    string // split: the entity key of the source split off
	Moved     int    // split: the number of sentences split off
}

// Sentence is what became of one dated sentence.
type Sentence struct {
	Placement
	// Event is the event that cites the sentence, nil if none does.
	Event *Event
	// Before is the id its event had before the editor's overrides
	// applied, "" when it had none or no override applies.
	Before string
	// Overrides are the editor's corrections that applied to it.
	Overrides []Applied
}

// Applied is an editor's correction (content/_events.toml) that applied to
// a sentence or its event.
type Applied struct {
	Kind   string // suppressed, split, merged, renamed, headline, summary, re-dated, event suppressed
	Detail string // what it did, for people
	Pos    content.Pos
}

// Steps returns the merges and splits grouping made, in order.
func (x *Explanation) Steps() []Step {
	if x == nil {
		return nil
	}
	return x.steps
}

// begin records what Build works from.
func (x *Explanation) begin(articles []*content.Article, ov *content.Overrides) {
	if x == nil {
		return
	}
	*x = Explanation{articles: articles, overrides: ov}
}

// removed records the mentions extracted that were left out before
// grouping: those an editor suppressed, and the lines an outlet repeats.
func (x *Explanation) removed(extracted, kept [][]mentions.Mention) {
	if x == nil {
		return
	}
	for ai := range extracted {
		left := map[[4]int]bool{}
		for _, m := range kept[ai] {
			left[mentionKey(&m)] = true
		}
		for k := range extracted[ai] {
			m := &extracted[ai][k]
			if left[mentionKey(m)] {
				continue
			}
			p := &Placement{Citation: citationOf(m), Outcome: Repeated, exprStart: m.ExprStart}
			if s, ok := x.suppression(m.Article, m.Block, m.Start, m.End); ok {
				p.Outcome, p.Pos = Suppressed, s.Pos
			} else if m.Continues >= 0 && !left[mentionKey(&extracted[ai][m.Continues])] {
				p.Outcome, p.Reason = Dropped, "it continues a sentence that was left out"
			}
			x.placed = append(x.placed, p)
		}
	}
}

func mentionKey(m *mentions.Mention) [4]int {
	return [4]int{m.Block, m.Start, m.ExprStart, m.ExprEnd}
}

// suppression returns the editor's [[suppress]] of a sentence, if any.
func (x *Explanation) suppression(article string, block, start, end int) (content.SentenceRef, bool) {
	for _, s := range x.overrides.Suppress {
		if s.ID == "" && s.Article == article && s.Block == block && s.Start < end && start < s.End {
			return s, true
		}
	}
	return content.SentenceRef{}, false
}

// place records how grouping placed item it.
func (x *Explanation) place(it *item, p Placement) {
	if x == nil {
		return
	}
	p.Citation = it.c
	if it.m != nil {
		p.exprStart = it.m.ExprStart
	}
	x.placed = append(x.placed, &p)
}

// step records a merge or split.
func (x *Explanation) step(s Step) {
	if x != nil {
		x.steps = append(x.steps, s)
	}
}

// assembled records the events as extraction made them, before the
// editor's overrides.
func (x *Explanation) assembled(events []*Event) {
	if x == nil {
		return
	}
	x.before = map[*Citation]string{}
	for _, e := range events {
		for _, c := range e.Citations {
			x.before[c] = e.ID
		}
	}
}

// Sentences returns what became of every dated sentence in m, the model
// Build made: by article (in the order Build had them), then in text
// order.
func (x *Explanation) Sentences(m *Model) []Sentence {
	if x == nil {
		return nil
	}
	eventOf := map[*Citation]*Event{}
	for _, e := range m.Events {
		for _, c := range e.Citations {
			eventOf[c] = e
		}
	}
	order := map[string]int{}
	for i, a := range x.articles {
		order[a.ID] = i
	}
	placed := x.placed
	seen := map[*Citation]bool{}
	for _, p := range placed {
		seen[p.Citation] = true
	}
	for _, e := range m.Events { // without extraction, nothing was grouped
		for _, c := range e.Citations {
			if !seen[c] {
				placed = append(placed, &Placement{Citation: c, Outcome: Declared})
			}
		}
	}
	out := make([]Sentence, 0, len(placed))
	for _, p := range placed {
		s := Sentence{Placement: *p, Event: eventOf[p.Citation]}
		if s.Outcome == Declared {
			s.Pos = x.declaredAt(p.Citation)
		}
		x.attribute(&s)
		out = append(out, s)
	}
	slices.SortStableFunc(out, func(a, b Sentence) int {
		x, y := a.Citation, b.Citation
		return cmp.Or(
			cmp.Compare(order[x.Article], order[y.Article]),
			cmp.Compare(x.Block, y.Block),
			cmp.Compare(x.Start, y.Start),
			cmp.Compare(a.exprStart, b.exprStart),
		)
	})
	return out
}

// declaredAt returns where an editor declared a citation: its [[event]]
// table in the article's front matter or in the overrides file.
func (x *Explanation) declaredAt(c *Citation) content.Pos {
	for _, eo := range x.overrides.Events {
		r := eo.Ref
		if eo.ID == "" && r.Article == c.Article && r.Block == c.Block && r.Start == c.Start && r.End == c.End {
			return eo.Pos
		}
	}
	for _, a := range x.articles {
		if a.ID != c.Article {
			continue
		}
		for _, d := range a.Events {
			if d.Block == c.Block && d.Start == c.Start && d.End == c.End {
				return content.Pos{File: a.Path, Line: d.Line, Col: d.Col}
			}
		}
	}
	return content.Pos{}
}

// attribute finds the overrides that applied to the sentence, following
// its event's id through them as applyOverrides does: splits, then
// merges, then headlines, summaries, dates and new ids, then suppressed
// events.
func (x *Explanation) attribute(s *Sentence) {
	ov, c := x.overrides, s.Citation
	if ov == nil {
		return
	}
	if s.Outcome == Suppressed {
		s.Overrides = append(s.Overrides, Applied{Kind: "suppressed", Detail: "sentence suppressed", Pos: s.Pos})
		return
	}
	id, ok := x.before[c]
	if !ok {
		return
	}
	add := func(kind string, pos content.Pos, format string, args ...any) {
		s.Overrides = append(s.Overrides, Applied{Kind: kind, Detail: fmt.Sprintf(format, args...), Pos: pos})
	}
	for _, sp := range ov.Splits {
		if sp.Article == c.Article && sp.Block == c.Block && sp.Start < c.End && c.Start < sp.End {
			to := "an event of its own"
			if sp.ID != "" {
				to = fmt.Sprintf("event %q", sp.ID)
			}
			add("split", sp.Pos, "split from %q into %s", id, to)
			id = sp.ID
			break
		}
	}
	for _, mg := range ov.Merges {
		if id == "" || !slices.Contains(mg.IDs, id) {
			continue
		}
		into := mg.IDs[0]
		if mg.Into != "" {
			into = mg.Into
		}
		var others []string
		for _, o := range mg.IDs {
			if o != id {
				others = append(others, fmt.Sprintf("%q", o))
			}
		}
		add("merged", mg.Pos, "%q merged with %s into %q", id, joinList(others), into)
		id = into
	}
	for _, eo := range ov.Events {
		if id == "" || eo.ID != id {
			continue
		}
		if eo.Headline != "" {
			add("headline", eo.Pos, "headline set: %q", eo.Headline)
		}
		if eo.Summary != "" {
			add("summary", eo.Pos, "summary set")
		}
		if eo.Date != "" {
			d, _ := NewDate(eo.Date, eo.Mod)
			add("re-dated", eo.Pos, "re-dated to %s (%s)", eo.Date, d.Label)
		}
		if eo.Rename != "" {
			add("renamed", eo.Pos, "renamed %q to %q", id, eo.Rename)
			id = eo.Rename
		}
	}
	for _, sp := range ov.Suppress {
		if sp.ID != "" && sp.ID == id {
			add("event suppressed", sp.Pos, "event %q suppressed", id)
		}
	}
	if len(s.Overrides) > 0 {
		s.Before = x.before[c]
	}
}

// joinList joins names as "a", "a and b" or "a, b and c".
func joinList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	out := names[0]
	for _, n := range names[1 : len(names)-1] {
		out += ", " + n
	}
	return out + " and " + names[len(names)-1]
}
