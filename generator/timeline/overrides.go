package timeline

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/mentions"
)

// addedEvents are the events an editor adds by hand in the overrides file.
func addedEvents(ov *content.Overrides, articles []*content.Article) []*draft {
	text := map[string]*content.Article{}
	for _, a := range articles {
		text[a.ID] = a
	}
	var out []*draft
	for _, eo := range ov.Events {
		if eo.ID != "" {
			continue
		}
		r := eo.Ref
		out = append(out, &draft{
			headline: eo.Headline, summary: eo.Summary, id: eo.Rename, aliases: eo.Aliases,
			where: fmt.Sprintf("%s:%d", eo.Pos.File, eo.Pos.Line),
			citations: []*Citation{{
				Article: r.Article, Value: eo.Date, Mod: eo.Mod, Origin: Editor, Basis: "editor",
				Block: r.Block, Start: r.Start, End: r.End,
				Quote: text[r.Article].Doc.Blocks[r.Block].Text[r.Start:r.End],
			}},
		})
	}
	return out
}

// suppressMentions drops the mentions of the sentences an editor
// suppressed; a suppressed sentence that extraction does not date is an
// error, so that an override never silently stops working.
func suppressMentions(all [][]mentions.Mention, articles []*content.Article, ov *content.Overrides) ([][]mentions.Mention, error) {
	found := make([]bool, len(ov.Suppress))
	for i, which := range suppressions(articles, ov) {
		all[i] = suppress(all[i], ov, which, found)
	}
	return all, suppressErrors(ov, found)
}

// suppressions returns, by article index, the indexes in ov.Suppress of
// the editor's suppressions of sentences of that article.
func suppressions(articles []*content.Article, ov *content.Overrides) map[int][]int {
	index := map[string]int{}
	for i, a := range articles {
		index[a.ID] = i
	}
	out := map[int][]int{}
	for k, s := range ov.Suppress {
		if s.ID == "" {
			out[index[s.Article]] = append(out[index[s.Article]], k)
		}
	}
	return out
}

// suppress removes from the mentions of one article those that the
// suppressions ov.Suppress[k], k in which, name, one suppression after
// the other, and sets found[k] when the k-th removes any. The slice is a
// new one (filterMentions): the mentions may be a Cache's, which stay as
// extracted.
func suppress(ms []mentions.Mention, ov *content.Overrides, which []int, found []bool) []mentions.Mention {
	for _, k := range which {
		s := ov.Suppress[k]
		ms = filterMentions(ms, func(_ int, m *mentions.Mention) bool {
			if m.Block == s.Block && m.Start < s.End && s.Start < m.End {
				found[k] = true
				return true
			}
			return false
		})
	}
	return ms
}

// suppressErrors reports the suppressions that removed nothing.
func suppressErrors(ov *content.Overrides, found []bool) error {
	var errs diag.List
	for k, s := range ov.Suppress {
		if s.ID == "" && !found[k] {
			errs = append(errs, s.Pos.Errorf("suppress: the quote is in %s, but no dated sentence is there: nothing to suppress", s.Article))
		}
	}
	return errs.Err()
}

// applyOverrides splits, merges, renames, re-dates, retitles and
// suppresses events by their ids, as assembled from drafts, and returns
// the new drafts. Every draft comes with the id it was assembled with, so
// untouched events keep their ids. An override may name an event by its
// id, by the id its content derives (Event.derived), or by an id of the
// last build's event it continues (namer.known): the last of these, which
// a build without the last one would not find, makes a note in m.
func applyOverrides(drafts []*draft, ov *content.Overrides, nm *namer, m *Model) ([]*draft, error) {
	byID := map[string]*draft{}
	for _, dr := range drafts {
		dr.id = dr.event.ID
		byID[dr.id] = dr
	}
	// The other names of events: the ids their content derives, then
	// the ids of the last build's events they continue.
	derived := map[string]*draft{}
	for _, dr := range drafts {
		if d := dr.event.derived; d != "" && derived[d] == nil {
			derived[d] = dr
		}
	}
	// The ids that renames and merges give, by the id they give them to,
	// so that a table may name an event by its new id wherever it is in
	// the file.
	becomes := map[string]string{}
	for _, eo := range ov.Events {
		if eo.ID != "" && eo.Rename != "" {
			becomes[eo.Rename] = eo.ID
		}
	}
	for _, mg := range ov.Merges {
		if mg.Into != "" && len(mg.IDs) > 0 {
			becomes[mg.Into] = mg.IDs[0]
		}
	}
	var errs diag.List
	// find returns the event an override names, but none of not.
	var find func(p content.Pos, id string, not ...*draft) *draft
	find = func(p content.Pos, id string, not ...*draft) *draft {
		alive := func(dr *draft) bool { return dr != nil && byID[dr.id] == dr && !slices.Contains(not, dr) }
		if dr := byID[id]; alive(dr) {
			return dr
		}
		if old, ok := becomes[id]; ok {
			delete(becomes, id) // no loop
			dr := find(p, old, not...)
			becomes[id] = old
			return dr
		}
		if dr := derived[id]; alive(dr) {
			return dr
		}
		for _, dr := range nm.known[id] {
			if alive(dr) {
				m.Notes = append(m.Notes, lastOnlyNote(p, id, dr))
				return dr
			}
		}
		errs = append(errs, unknownID(p, id, byID, derived))
		return nil
	}
	// Split: the sentence leaves its event for one of its own.
	for _, s := range ov.Splits {
		dr, k := findCitation(drafts, s)
		if dr == nil {
			errs = append(errs, s.Pos.Errorf("split: the quote is in %s, but no event cites it", s.Article))
			continue
		}
		if len(dr.citations) == 1 {
			errs = append(errs, s.Pos.Errorf("split: the sentence is already the only citation of event %q", dr.id))
			continue
		}
		nd := &draft{id: s.ID, headline: s.Headline, where: fmt.Sprintf("%s:%d", s.Pos.File, s.Pos.Line)}
		nd.citations = []*Citation{dr.citations[k]}
		if off := dr.editorCitations(); k >= off {
			nd.mentions = []*mentions.Mention{dr.mentions[k-off]}
			dr.mentions = append(dr.mentions[:k-off:k-off], dr.mentions[k-off+1:]...)
		}
		if k < len(dr.vectors) {
			nd.vectors = []vector{dr.vectors[k]}
			dr.vectors = append(dr.vectors[:k:k], dr.vectors[k+1:]...)
		}
		dr.citations = append(dr.citations[:k:k], dr.citations[k+1:]...)
		if nd.id != "" {
			if _, taken := byID[nd.id]; taken {
				errs = append(errs, s.Pos.Errorf("split: the id %q is taken", nd.id))
				continue
			}
			byID[nd.id] = nd
		}
		drafts = append(drafts, nd)
	}
	// Merge: the events become one, which answers to the ids of all.
	for _, mg := range ov.Merges {
		var parts []*draft
		ok := true
		for _, id := range mg.IDs {
			if dr := find(mg.Pos, id, parts...); dr != nil {
				parts = append(parts, dr)
			} else {
				ok = false
			}
		}
		if !ok || len(parts) < 2 {
			continue
		}
		into := parts[0]
		for _, dr := range parts[1:] {
			into.merge(dr)
			delete(byID, dr.id)
			into.aliases = append(into.aliases, dr.id)
		}
		if mg.Into != "" && mg.Into != into.id {
			if o := byID[mg.Into]; o != nil && o != into {
				errs = append(errs, mg.Pos.Errorf("merge: into: the id %q is another event's", mg.Into))
				continue
			}
			delete(byID, into.id)
			into.aliases = append(into.aliases, into.id)
			into.id = mg.Into
			byID[into.id] = into
		}
		into.aliases = append(into.aliases, mg.IDs...)
	}
	// Headlines, summaries, dates, new ids and aliases.
	for _, eo := range ov.Events {
		if eo.ID == "" {
			continue
		}
		dr := find(eo.Pos, eo.ID)
		if dr == nil {
			continue
		}
		if eo.Headline != "" {
			dr.headline = eo.Headline
		}
		if eo.Summary != "" {
			dr.summary = eo.Summary
		}
		if eo.Date != "" {
			d, ok := NewDate(eo.Date, eo.Mod)
			if !ok {
				errs = append(errs, eo.DatePos.Errorf("date: %q is not a place on the calendar", eo.Date))
			} else {
				dr.redate = &d
			}
		}
		if eo.Rename != "" && eo.Rename != dr.id {
			if o := byID[eo.Rename]; o != nil {
				errs = append(errs, eo.Pos.Errorf("rename: the id %q is another event's", eo.Rename))
				continue
			}
			delete(byID, dr.id)
			dr.aliases = append(dr.aliases, dr.id)
			dr.id = eo.Rename
			byID[dr.id] = dr
		}
		if eo.Rename != "" {
			dr.aliases = append(dr.aliases, eo.ID)
		}
		dr.aliases = append(dr.aliases, eo.Aliases...)
	}
	// Suppress whole events.
	for _, s := range ov.Suppress {
		if s.ID == "" {
			continue
		}
		dr := find(s.Pos, s.ID)
		if dr == nil {
			continue
		}
		dr.citations = nil
		delete(byID, dr.id)
	}
	var out []*draft
	for _, dr := range drafts {
		if len(dr.citations) > 0 && byID[dr.id] == dr || len(dr.citations) > 0 && dr.id == "" {
			out = append(out, dr)
		}
	}
	return out, errs.Err()
}

// unknownID is the error of an override naming an id that no event has,
// with the closest id that one has (or its content derives).
func unknownID(p content.Pos, id string, byID, derived map[string]*draft) *diag.Error {
	e := p.Errorf("no event has the id %q", id)
	names := make([]string, 0, len(byID)+len(derived))
	for k := range byID {
		names = append(names, k)
	}
	for k, dr := range derived {
		if byID[dr.id] == dr && byID[k] == nil {
			names = append(names, k)
		}
	}
	if c := closestID(id, names); c != "" {
		if dr := derived[c]; dr != nil && byID[c] == nil {
			c = dr.id // the event's id, rather than another of its names
		}
		e.Msg += fmt.Sprintf(" (did you mean %q?)", c)
	}
	e.Hint = "'timeline events' lists the events with their ids. An event keeps its id while it cites mostly the same sentences " +
		"as in the last build (the output folder's events.json); without one, the id comes from the event's date and heaviest words"
	return e
}

// lastOnlyNote says that an override names an event by an id only the
// last build gives it: a build without that one (a clean checkout, CI)
// would not find it.
func lastOnlyNote(p content.Pos, id string, dr *draft) *diag.Error {
	e := p.Errorf("note: %q names this event only through the last build (its sentences were edited since); "+
		"a build without the last one (a clean checkout, CI) calls it %q, and would not find %q", id, dr.event.derived, id)
	e.Hint = fmt.Sprintf("name it %q here; /events/%s/ keeps answering on a clean checkout too if the event's [[event]] table lists it: aliases = [%q]", dr.event.derived, id, id)
	return e
}

// closestID returns the id of ids nearest to id: a few letters away (at
// most a third of its length), or, on the same date, sharing more than
// half of its words; "" if none is.
func closestID(id string, ids []string) string {
	sort.Strings(ids)
	best, bestD := "", len(id)/3+1
	for _, c := range ids {
		if d := editDistance(id, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best != "" {
		return best
	}
	words := strings.Split(id, "-")
	bestN := len(words) / 2
	for _, c := range ids {
		cw := strings.Split(c, "-")
		n := 0
		for _, w := range cw {
			if slices.Contains(words, w) {
				n++
			}
		}
		if n > bestN && idSameDate(id, c) {
			best, bestN = c, n
		}
	}
	return best
}

// idSameDate reports whether two ids start with the same date.
func idSameDate(a, b string) bool {
	date := func(s string) string {
		parts := strings.Split(s, "-")
		n := 0
		for n < len(parts) && n < 3 && parts[n] != "" && (parts[n][0] >= '0' && parts[n][0] <= '9' || n > 0 && len(parts[n]) <= 3) {
			n++
		}
		return strings.Join(parts[:n], "-")
	}
	return date(a) != "" && date(a) == date(b)
}

// editDistance is the Levenshtein distance of two strings, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// findCitation returns the draft and index of the citation of a sentence.
func findCitation(drafts []*draft, s content.SentenceRef) (*draft, int) {
	for _, dr := range drafts {
		for k, c := range dr.citations {
			if c.Article == s.Article && c.Block == s.Block && c.Start < s.End && s.Start < c.End {
				return dr, k
			}
		}
	}
	return nil, 0
}

// merge moves the citations of o into dr, keeping the editor's citations
// first.
func (dr *draft) merge(o *draft) {
	off, ooff := dr.editorCitations(), o.editorCitations()
	cites := append([]*Citation{}, dr.citations[:off]...)
	cites = append(cites, o.citations[:ooff]...)
	cites = append(cites, dr.citations[off:]...)
	cites = append(cites, o.citations[ooff:]...)
	dr.citations = cites
	dr.mentions = append(dr.mentions, o.mentions...)
	vecs := append([]vector{}, dr.vectors[:min(off, len(dr.vectors))]...)
	vecs = append(vecs, o.vectors[:min(ooff, len(o.vectors))]...)
	vecs = append(vecs, dr.vectors[min(off, len(dr.vectors)):]...)
	vecs = append(vecs, o.vectors[min(ooff, len(o.vectors)):]...)
	dr.vectors = vecs
	dr.aliases = append(dr.aliases, o.aliases...)
	if dr.headline == "" {
		dr.headline = o.headline
	}
	if dr.summary == "" {
		dr.summary = o.summary
	}
	o.citations = nil
}
