package timeline

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/internal/parallel"
	"github.com/timeline-dev/timeline/generator/mentions"
	"github.com/timeline-dev/timeline/generator/timex"
)

// Options configures Build.
type Options struct {
	Site Site
	// Declared turns off extraction: only the events editors declared are
	// built.
	Declared bool
	// Mentions configures the extraction of mentions.
	Mentions mentions.Options
	// Explain, if set, records how every dated sentence was placed, for
	// editors reviewing extraction (see Explanation).
	Explain *Explanation
	// Overrides are the editor's corrections (content/_events.toml).
	Overrides *content.Overrides
	// Cache, if set, keeps the mentions of each article (and the headlines
	// made of them) for the next Build, which then re-tags only the
	// articles that changed. The model is the same with or without it.
	Cache *Cache
	// Store, if set, keeps the mentions of each article between processes
	// (package tagcache keeps them on disk): articles whose mentions it
	// has, and the Cache has not, are not tagged again. The model is the
	// same with or without it.
	Store Store
	// Extracted, if set, is called once the mentions of every article are
	// found, before they are grouped: Build no longer uses Store then, and
	// a build may save it (package tagcache) while the mentions are
	// grouped, and let it go, rather than hold it to the end.
	Extracted func()
	// Previous, if set, gives the timeline of the last build (its
	// events.json): an event citing mostly the same sentences as one of
	// its events keeps that event's id, and the ids that disappear answer
	// to the event that took their sentences (see ids.go). Build calls it
	// once, when it names the events, after grouping: a build may read
	// the file meanwhile (see Extracted) rather than before it starts.
	Previous func() *Previous
	// KeepGoing makes the overrides that cannot apply (an id that no
	// event has) no error: Build leaves them out and returns the model
	// with them in Model.Unapplied, so that an editor can list the ids
	// (timeline events) while content/_events.toml names a wrong one.
	KeepGoing bool
	// Release lets Build drop each article's Source and Doc (set them to
	// nil) as soon as it has found the article's mentions: the model does
	// not refer to them, and the quotes it cites are what it keeps of the
	// articles' text. For a build that reads each article's file again
	// when it needs it (see render.Options.Body).
	Release bool
	// Mark, if set, is called with the name of each stage of Build as it
	// ends: relevance, extract, group, assemble, link (see package
	// timing).
	Mark func(stage string)

	// work, if set, counts the steps whose number must grow about as the
	// input does (see workCounts); bounds replace the product's. For
	// tests.
	work   *workCounts
	bounds bounds
}

// Build builds the timeline model of the articles (sorted as content.Load
// returns them) from the events their editors declared.
func Build(ctx context.Context, articles []*content.Article, opts Options) (*Model, error) {
	m := &Model{Site: opts.Site}
	for _, a := range articles {
		m.Articles = append(m.Articles, &Article{
			ID: a.ID, Title: a.Title, Outlet: a.Outlet, Author: a.Author, URL: a.URL,
			Published: a.Date, Page: ArticlePage(a.ID), Language: a.Language,
			Summary: a.Summary, Tags: a.Tags, Events: []string{},
		})
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	drafts, err := declaredEvents(articles)
	if err != nil {
		return nil, err
	}
	ov := opts.Overrides
	if ov == nil {
		ov = &content.Overrides{}
	}
	drafts = append(drafts, addedEvents(ov, articles)...)
	opts.Explain.begin(articles, ov)
	var errs, ovErrs diag.List // ovErrs: the overrides' (see KeepGoing)
	var g *grouper
	var draftOf []*draft
	var repeated map[string][]occurrence // see Update
	// How central each article is to the story, from its words alone:
	// counted now, while the build holds little more than the articles,
	// rather than on top of the mentions and events.
	rel := relevance(articles, opts.Cache)
	opts.mark("relevance")
	if !opts.Declared {
		var all [][]mentions.Mention
		if opts.Cache == nil && opts.Explain == nil {
			// Neither Update nor the explanation needs what was dropped.
			var suppressErr error
			if all, suppressErr, err = extractKept(ctx, articles, opts.Mentions, opts.Store, ov, opts.Release); err != nil {
				return nil, err
			}
			ovErrs.Add("", suppressErr)
		} else {
			if all, err = extractAll(ctx, articles, opts.Mentions, opts.Cache, opts.Store); err != nil {
				return nil, err
			}
			extracted := slices.Clone(all) // suppressMentions replaces articles' slices
			all, err = suppressMentions(all, articles, ov)
			ovErrs.Add("", err)
			repeated = repeatsOf(all, articles)
			all = dropFurniture(all, articles, furniture(repeated))
			opts.Explain.removed(extracted, all)
			if opts.Release { // extractKept lets them go article by article
				for _, a := range articles {
					a.Source, a.Doc = nil, nil
				}
			}
		}
		opts.mark("extract")
		if opts.Extracted != nil {
			opts.Extracted()
		}
		opts.Store = nil // nothing of Build holds it while grouping
		drafts, g, draftOf = groupMentions(ctx, articles, all, drafts, opts)
		opts.mark("group")
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if opts.Cache == nil {
			g.release() // only Update, with a cache, groups again from it
		}
	}
	var canon map[string]string // one key for the spellings of a person's name
	if g != nil {
		canon = g.canon
	}
	nm := newNamer(opts, g, canon)
	m.Events = assemble(ctx, drafts, opts.Cache, nm)
	opts.Explain.assembled(m.Events)
	if len(ov.Merges)+len(ov.Splits)+len(ov.Suppress)+len(ov.Events) > 0 {
		drafts, err = applyOverrides(drafts, ov, nm, m)
		ovErrs.Add("", err)
		m.Events = assemble(ctx, drafts, opts.Cache, nm)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	opts.Cache.sweep()
	if opts.KeepGoing {
		m.Unapplied = ovErrs.Err()
	} else {
		errs = append(errs, ovErrs...)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	opts.mark("assemble")
	nm.aliases(drafts, m)
	m.anchor(ctx, opts.Cache)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ranks := m.link(rel, drafts, g.distinct, opts)
	opts.mark("link")
	if c := opts.Cache; c != nil {
		c.last = nil
		if g != nil && opts.Explain == nil && len(ov.Merges)+len(ov.Splits)+len(ov.Suppress)+len(ov.Events) == 0 {
			c.last = &lastBuild{opts: opts.Mentions, g: g, draftOf: draftOf, model: m, repeated: repeated, ranks: ranks}
		}
	}
	return m, nil
}

// mark calls Mark, if set.
func (o *Options) mark(stage string) {
	if o.Mark != nil {
		o.Mark(stage)
	}
}

// ArticlePage returns the page path of an article.
func ArticlePage(id string) string { return "/articles/" + id + "/" }

// EventPage returns the page path of an event.
func EventPage(id string) string { return "/events/" + id + "/" }

// draft is an event before it has its final id and date.
type draft struct {
	id        string // explicit id, or "" to derive one
	headline  string
	summary   string
	citations []*Citation
	where     string // file:line of the first declaration, for messages

	// mentions are the extracted mentions behind the citations that come
	// after the editor's (citations[len(citations)-len(mentions):]).
	mentions []*mentions.Mention
	// vectors are the citations' sentence vectors, for the headline.
	vectors []vector
	event   *Event

	// redate is the date an editor gives the event in _events.toml, if
	// any: it wins over every other.
	redate *Date
	// aliases are the ids that overrides say it had (a rename's, merged
	// events', an editor's aliases).
	aliases []string
}

// editorCitations returns the number of citations an editor declared.
func (dr *draft) editorCitations() int { return len(dr.citations) - len(dr.mentions) }

// declaredEvents turns [[event]] tables into drafts: tables sharing an id
// are one event.
func declaredEvents(articles []*content.Article) ([]*draft, error) {
	var drafts []*draft
	byID := map[string]*draft{}
	for _, a := range articles {
		for _, d := range a.Events {
			c := &Citation{
				Article: a.ID, Quote: d.Quote, Value: d.Date, Mod: d.Mod, Origin: Editor, Basis: "editor",
				Block: d.Block, Start: d.Start, End: d.End,
			}
			if d.ID != "" {
				if dr, ok := byID[d.ID]; ok {
					dr.citations = append(dr.citations, c)
					if dr.headline == "" {
						dr.headline = d.Headline
					}
					continue
				}
			}
			dr := &draft{id: d.ID, headline: d.Headline, citations: []*Citation{c}, where: fmt.Sprintf("%s:%d", a.Path, d.Line)}
			if d.ID != "" {
				byID[d.ID] = dr
			}
			drafts = append(drafts, dr)
		}
	}
	var errs diag.List
	for _, dr := range drafts {
		if _, ok := dr.date(); !ok {
			errs = append(errs, &diag.Error{File: dr.where, Msg: "event has no date on the calendar"})
		}
	}
	return drafts, errs.Err()
}

// date returns the event's date. An editor's date wins: the most precise
// of the declared values (the finest granularity, then the narrowest
// interval, then the first). Otherwise the sources vote (see consensus).
func (dr *draft) date() (Date, bool) {
	if dr.redate != nil {
		return *dr.redate, true
	}
	if dr.editorCitations() == 0 {
		return dr.consensus()
	}
	var best Date
	found := false
	var bestG timex.Granularity
	for _, c := range dr.citations[:dr.editorCitations()] {
		d, ok := NewDate(c.Value, c.Mod)
		if !ok {
			continue
		}
		g := c.Value.Granularity()
		if !found || g > bestG || (g == bestG && d.Interval().Days() < best.Interval().Days()) {
			best, bestG, found = d, g, true
		}
	}
	return best, found
}

// assemble gives drafts their dates and ids (see namer.name) and sorts
// them into timeline order. cache, if not nil, keeps the headlines made
// of sentences. It stops early, with an incomplete result, when ctx is
// done.
func assemble(ctx context.Context, drafts []*draft, cache *Cache, nm *namer) []*Event {
	// Each event on its own, on every core: making headlines is costly.
	events := make([]*Event, len(drafts))
	if parallel.For(ctx, len(drafts), func(i int) {
		events[i] = assembleEvent(drafts[i], cache, nm.w.canon)
		events[i].derived = derivedBase(drafts[i], events[i], nm.w, cache)
	}) != nil {
		var made []*Event
		for _, e := range events {
			if e != nil {
				made = append(made, e)
			}
		}
		return made
	}
	nm.name(drafts, events)
	sortEvents(events)
	return events
}

// assembleEvent makes the event of a draft, without its id if the draft
// has none: its date, headline, entities (a person under the key canon
// gives the spellings of their name) and lead citation.
func assembleEvent(dr *draft, cache *Cache, canon map[string]string) *Event {
	var d Date
	var ents []Entity
	headline := dr.headline
	lead := -1 // the mention the headline is made of
	memo := cache.event(dr)
	if memo != nil && dr.redate == nil {
		d, ents = memo.date, memo.entities
	} else if memo != nil {
		d, ents = *dr.redate, memo.entities
		d.Disagreement = dr.disagreement(d)
	} else {
		d, _ = dr.date()
		d.Disagreement = dr.disagreement(d)
		ents = dr.entities()
	}
	ents = canonicalEntities(ents, canon)
	// An editor's citations lead in the order the editor gave them; an
	// extracted event leads with the sentence its headline is made of
	// (the most representative, when an editor wrote the headline).
	if dr.editorCitations() == 0 {
		var auto string
		if memo != nil {
			auto, lead = memo.autoHeadline(dr, cache)
		} else {
			auto, lead = dr.autoHeadline(cache)
		}
		if headline == "" {
			headline = auto
		}
	} else if headline == "" {
		headline, _ = dr.autoHeadline(cache)
	}
	e := &Event{ID: dr.id, Headline: Headline(headline), Date: d, Citations: dr.citations, Summary: dr.summary, Entities: ents}
	switch {
	case dr.editorCitations() > 0:
		e.lead = dr.citations[0]
	case lead >= 0:
		e.lead = dr.citations[lead]
	}
	dr.event = e
	return e
}

// deriveIDs gives the events without an id the one their content derives
// (Event.derived, see derivedBase), numbered from 2 when taken already,
// in the order of less; it claims each id it gives. Every event gets its
// page.
func deriveIDs(events []*Event, taken func(string) bool, claim func(string)) {
	order := make([]*Event, 0, len(events))
	for _, e := range events {
		if e.ID == "" {
			order = append(order, e)
		}
	}
	slices.SortStableFunc(order, func(a, b *Event) int {
		if less(a, b) {
			return -1
		}
		if less(b, a) {
			return 1
		}
		return 0
	})
	next := map[string]int{} // base → the number to try first
	for _, e := range order {
		base := e.derived
		id := base
		// The first free number from 2: every number below next[base]
		// was found taken before, and taken ids stay taken.
		n := max(2, next[base])
		for ; taken(id); n++ {
			id = number(base, n)
		}
		next[base] = n
		claim(id)
		e.ID = id
	}
	for _, e := range events {
		e.Page = EventPage(e.ID)
	}
}

// sortEvents sorts events into timeline order: by start date, then end
// date, then id.
func sortEvents(events []*Event) {
	slices.SortStableFunc(events, compareEvents)
}

func compareEvents(a, b *Event) int {
	if c := a.Date.Start.Compare(b.Date.Start); c != 0 {
		return c
	}
	if c := a.Date.End.Compare(b.Date.End); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// less orders events for id assignment: by date, then derived id, then
// the first citation (not the headline, which a copy edit changes).
func less(a, b *Event) bool {
	if c := a.Date.Start.Compare(b.Date.Start); c != 0 {
		return c < 0
	}
	if c := a.Date.End.Compare(b.Date.End); c != 0 {
		return c < 0
	}
	if a.derived != b.derived {
		return a.derived < b.derived
	}
	ca, cb := a.Citations[0], b.Citations[0]
	if ca.Article != cb.Article {
		return ca.Article < cb.Article
	}
	if ca.Block != cb.Block {
		return ca.Block < cb.Block
	}
	return ca.Start < cb.Start
}

var stopWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "to": true, "in": true, "on": true, "and": true, "for": true, "with": true, "at": true, "by": true, "is": true, "was": true, "that": true}

// MaxHeadline is the longest headline, in characters, that the timeline
// shows; longer ones are cut at a word and end with an ellipsis.
const MaxHeadline = 110

// Headline tidies a headline: spaces collapsed, at most MaxHeadline
// characters, cut at a word boundary with an ellipsis; a quotation cut
// short is closed after the ellipsis, so no quotation mark dangles.
func Headline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= MaxHeadline {
		return s
	}
	cut := string(r[:MaxHeadline-2])
	if i := strings.LastIndexByte(cut, ' '); i > MaxHeadline/2 {
		cut = cut[:i]
	}
	cut = strings.TrimRight(cut, " ,;:–—-“\"")
	closeQuote := ""
	if strings.Count(cut, "“") > strings.Count(cut, "”") {
		closeQuote = "”"
	} else if strings.Count(cut, `"`)%2 == 1 {
		closeQuote = `"`
	}
	return cut + "…" + closeQuote
}
