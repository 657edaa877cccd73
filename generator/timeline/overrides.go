package timeline

import (
	"fmt"

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
			headline: eo.Headline, summary: eo.Summary, id: eo.Rename,
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
	index := map[string]int{}
	for i, a := range articles {
		index[a.ID] = i
	}
	var errs diag.List
	for _, s := range ov.Suppress {
		if s.ID != "" {
			continue
		}
		i := index[s.Article]
		// A new slice (filterMentions): the mentions may be a Cache's,
		// which stay as extracted.
		found := false
		all[i] = filterMentions(all[i], func(m *mentions.Mention) bool {
			if m.Block == s.Block && m.Start < s.End && s.Start < m.End {
				found = true
				return true
			}
			return false
		})
		if !found {
			errs = append(errs, s.Pos.Errorf("suppress: the quote is in %s, but no dated sentence is there: nothing to suppress", s.Article))
		}
	}
	return all, errs.Err()
}

// applyOverrides splits, merges, renames, retitles and suppresses events
// by their ids, as assembled from drafts, and returns the new drafts.
// Every draft comes with the id it was assembled with, so untouched
// events keep their ids.
func applyOverrides(drafts []*draft, ov *content.Overrides) ([]*draft, error) {
	byID := map[string]*draft{}
	for _, dr := range drafts {
		dr.id = dr.event.ID
		byID[dr.id] = dr
	}
	var errs diag.List
	unknown := func(p content.Pos, id string) {
		e := p.Errorf("no event has the id %q", id)
		e.Hint = "run 'timeline events --json' to list the event ids; ids follow the date and headline, so they change when extraction changes"
		errs = append(errs, e)
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
	// Merge: the events become one.
	for _, m := range ov.Merges {
		var parts []*draft
		for _, id := range m.IDs {
			if dr, ok := byID[id]; ok {
				parts = append(parts, dr)
			} else {
				unknown(m.Pos, id)
			}
		}
		if len(parts) != len(m.IDs) {
			continue
		}
		into := parts[0]
		for _, dr := range parts[1:] {
			into.merge(dr)
			delete(byID, dr.id)
		}
		if m.Into != "" && m.Into != into.id {
			delete(byID, into.id)
			into.id = m.Into
			byID[into.id] = into
		}
	}
	// Headlines, summaries and new ids.
	for _, eo := range ov.Events {
		if eo.ID == "" {
			continue
		}
		dr, ok := byID[eo.ID]
		if !ok {
			unknown(eo.Pos, eo.ID)
			continue
		}
		if eo.Headline != "" {
			dr.headline = eo.Headline
		}
		if eo.Summary != "" {
			dr.summary = eo.Summary
		}
		if eo.Rename != "" {
			delete(byID, dr.id)
			dr.id = eo.Rename
			byID[dr.id] = dr
		}
	}
	// Suppress whole events.
	for _, s := range ov.Suppress {
		if s.ID == "" {
			continue
		}
		dr, ok := byID[s.ID]
		if !ok {
			unknown(s.Pos, s.ID)
			continue
		}
		dr.citations = nil
		delete(byID, s.ID)
	}
	var out []*draft
	for _, dr := range drafts {
		if len(dr.citations) > 0 && byID[dr.id] == dr || len(dr.citations) > 0 && dr.id == "" {
			out = append(out, dr)
		}
	}
	return out, errs.Err()
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
	if dr.headline == "" {
		dr.headline = o.headline
	}
	if dr.summary == "" {
		dr.summary = o.summary
	}
	o.citations = nil
}
