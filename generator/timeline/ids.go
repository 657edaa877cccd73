package timeline

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/entities"
	"github.com/timeline-dev/timeline/generator/mentions"
)

// Event ids.
//
// An id names an event's page (/events/<id>/) and is how content/
// _events.toml refers to it, so it must stay the same while the event
// does. An event's id is, in this order:
//
//  1. an editor's: declared in an article's front matter, or given by a
//     rename (the event then answers to the id it had before too);
//  2. the last build's (Options.Previous): an event that cites mostly the
//     same sentences as an event of the last build keeps that event's id
//     (see previous.go);
//  3. derived from what identifies the happening: its date, then its
//     heaviest features (see deriveID), so that a copy edit that leaves
//     those alone keeps it.
//
// Ids are never made from the date an editor gives an event in
// _events.toml: re-dating an event keeps its id.

// Derived ids take at most idFeatures features after the date, in at most
// idChars characters, and words only while they have fewer than
// idEntities entities.
const (
	idFeatures = 3
	idChars    = 36
	idEntities = 2
)

// idWeights weighs features for derived ids as grouping does: by their
// inverse document frequency in the story, entities boosted, and the
// features too common to tell events apart (in more sentences than the
// grouping index takes) last. A nil idWeights weighs every feature 1.
type idWeights struct {
	vocab *vocabulary
	dfCap int
	canon map[string]string // the key of each spelling of a person's name
}

// weightsOf returns the weights of a grouping; nil without one.
func weightsOf(g *grouper, canon map[string]string) *idWeights {
	if g == nil || g.vocab == nil {
		return &idWeights{canon: canon}
	}
	return &idWeights{vocab: g.vocab, dfCap: g.dfCap, canon: canon}
}

// weigh returns the weight of feature f (a term, or an entity feature)
// and whether it is too common to identify an event.
func (w *idWeights) weigh(f string) (weight float64, common bool) {
	weight = 1
	if isEntityFeature(f) {
		weight = entityBoost
	}
	if w == nil || w.vocab == nil {
		return weight, false
	}
	id, ok := w.vocab.ids[f]
	if !ok {
		id, ok = w.vocab.more[f]
	}
	if !ok { // a feature no sentence had when the vocabulary was made
		return weight * (math.Log(float64(w.vocab.n+1)) + 1), false
	}
	return weight * w.vocab.idf(id), w.vocab.df[id] > w.dfCap
}

// idFeature is a word or a named entity of an event, as deriveID weighs
// it.
type idFeature struct {
	key     string // the feature: a term, or "\x00" and an entity key
	slug    string // an entity's; a word's is made when needed
	quotes  []int  // the event's citations that have it
	support int    // how many
	weight  float64
	common  bool
}

// derivedBase returns the id that the event of dr derives from its
// content: its date, then its heaviest features (see heaviestFeatures),
// words only while it has fewer than two entities, in sort order:
// "2014-01-15-bbc-mekdad-west". An event an editor declared with a
// headline, or one without features (no word but stop words), takes the
// first words of its headline.
func derivedBase(dr *draft, e *Event, w *idWeights, cache *Cache) string {
	date := cache.slug(strings.ToLower(string(e.Date.Value)))
	if dr.headline != "" && dr.editorCitations() > 0 {
		// An editor's event with the editor's headline: the headline
		// is the editor's words, which no copy edit of an article
		// changes.
		return headlineID(date, dr.headline, cache)
	}
	var canon map[string]string
	if w != nil {
		canon = w.canon
	}
	var words []string
	n := 0
	ents := 0
	for _, f := range heaviestFeatures(dr, w, canon) {
		entity := isEntityFeature(f.key)
		if len(words) == idFeatures || !entity && ents >= idEntities {
			break
		}
		if f.slug == "" { // a word: as the sentences write it
			f.slug = surfaceOf(f.key, dr.citations, f.quotes)
		}
		// The same words twice say nothing more ("united-states" the
		// entity and "united" the word are two).
		if f.slug == "" || slices.Contains(words, f.slug) || n > 0 && n+len(f.slug) > idChars {
			continue
		}
		if entity {
			ents++
		}
		words = append(words, f.slug)
		n += len(f.slug) + 1
	}
	// In sort order, so that features that weigh about the same do not
	// change places in the id when a weight changes a little.
	slices.Sort(words)
	if len(words) == 0 {
		return headlineID(date, e.Headline, cache)
	}
	return date + "-" + strings.Join(words, "-")
}

// heaviestFeatures returns the features of the event's citations (its
// words, as stemmed terms, and its named people, organizations and
// places; not numbers), the heaviest first: those that are not too
// common in the story; then the named entities, which a copy edit does
// not change; then those that more of its citations have (an edit of one
// sentence does not take away a word the others have); then the heaviest
// as grouping weighs them (the rarer in the story the heavier); then by
// key.
func heaviestFeatures(dr *draft, w *idWeights, canon map[string]string) []idFeature {
	type acc struct {
		idFeature
	}
	feats := map[string]*acc{}
	var order []string
	off := dr.editorCitations()
	for k, c := range dr.citations {
		var terms []string
		var ents []entities.Entity
		if k >= off && k-off < len(dr.mentions) {
			m := dr.mentions[k-off]
			terms, ents = m.Terms, m.Entities
		} else {
			m := mentions.Analyze(c.Quote)
			terms, ents = m.Terms, m.Entities
		}
		add := func(key, slug string) {
			a := feats[key]
			if a == nil {
				a = &acc{idFeature: idFeature{key: key, slug: slug}}
				feats[key] = a
				order = append(order, key)
			}
			if len(a.quotes) == 0 || a.quotes[len(a.quotes)-1] != k {
				a.quotes = append(a.quotes, k)
			}
		}
		for _, t := range terms {
			// Not "·money" (any sum), nor numbers: "2013-12-1-4-..."
			// would read as a date.
			if t == "" || strings.HasPrefix(t, "·") || t[0] >= '0' && t[0] <= '9' {
				continue
			}
			add(t, "")
		}
		for _, en := range ents {
			if en.Kind == entities.Other {
				continue
			}
			slug := entitySlug(canonicalKey(en, canon))
			if slug == "" {
				continue
			}
			add(entityFeature(en, canon), slug)
		}
	}
	out := make([]idFeature, 0, len(order))
	for _, key := range order {
		a := feats[key]
		a.support = len(a.quotes)
		a.weight, a.common = w.weigh(key)
		out = append(out, a.idFeature)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.common != b.common {
			return !a.common
		}
		if ea, eb := isEntityFeature(a.key), isEntityFeature(b.key); ea != eb {
			return ea
		}
		if a.support != b.support {
			return a.support > b.support
		}
		if a.weight != b.weight {
			// The rarer entity, but the commoner word: a word that is
			// in no other sentence is the likeliest to be a copy
			// editor's, and the commonest are too common to count.
			return a.weight > b.weight == isEntityFeature(a.key)
		}
		return a.key < b.key
	})
	return out
}

func canonicalKey(e entities.Entity, canon map[string]string) string {
	if k, ok := canon[e.Key]; ok {
		return k
	}
	return e.Key
}

// entitySlug is an entity's key as id words: "the west" → "west".
func entitySlug(key string) string {
	s := slugOf(key)
	return strings.TrimPrefix(s, "the-")
}

// surfaceOf returns how the citations in quotes write term: the word
// they write most often that makes it (the shortest, then the first in
// sort order, of those written as often), slugged; a number is itself.
func surfaceOf(term string, cites []*Citation, quotes []int) string {
	if r := []rune(term); unicode.IsDigit(r[0]) {
		return slugOf(term)
	}
	count := map[string]int{}
	scan := func(prefixOnly bool) {
		for _, k := range quotes {
			for _, w := range strings.FieldsFunc(cites[k].Quote, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
				lw := strings.ToLower(w)
				if prefixOnly && !strings.HasPrefix(lw, term[:min(len(term), 3)]) {
					continue
				}
				if mentions.Stem(lw) == term {
					count[lw]++
				}
			}
		}
	}
	scan(true) // a word begins with its stem, but for a synonym's
	if len(count) == 0 {
		scan(false)
	}
	best, n := "", 0
	for w, c := range count {
		if c > n || c == n && (len(w) < len(best) || len(w) == len(best) && w < best) {
			best, n = w, c
		}
	}
	return slugOf(best)
}

// slugOf is content.Slug.
func slugOf(s string) string { return content.Slug(s) }

// headlineID is the id of an event without features: its date and the
// first words of its headline.
func headlineID(date, headline string, cache *Cache) string {
	words := strings.Split(cache.slug(headline), "-")
	var kept []string
	n := 0
	for _, w := range words {
		if w == "" || stopWords[w] {
			continue
		}
		if n+len(w) > 48 {
			break
		}
		kept = append(kept, w)
		n += len(w) + 1
	}
	if len(kept) == 0 {
		return date
	}
	return date + "-" + strings.Join(kept, "-")
}

// number returns base numbered n: "base-2".
func number(base string, n int) string { return base + "-" + strconv.Itoa(n) }

// namer gives events their ids and gathers the ids they answer to, for a
// Build.
type namer struct {
	w     *idWeights
	cache *Cache
	prev  *prevIndex     // nil without a last build
	used  map[int32]bool // the events of the last build whose id an event took
	// declared are the ids _events.toml says an event had: renamed,
	// merged into another, or listed in aliases. A build without the
	// last one knows these.
	declared map[string]bool
	named    bool
	// known are, for each id of the last build (its events' ids and
	// aliases), the drafts that continue that event, the one sharing the
	// most sentences with it first: an override naming the id names the
	// first of them that is left.
	known map[string][]*draft
}

// previousOf returns the last build's timeline opts gives, if any.
func previousOf(opts Options) *Previous {
	if opts.Previous == nil {
		return nil
	}
	return opts.Previous()
}

func newNamer(opts Options, g *grouper, canon map[string]string) *namer {
	nm := &namer{w: weightsOf(g, canon), cache: opts.Cache, prev: newPrevIndex(previousOf(opts)), used: map[int32]bool{}, declared: map[string]bool{}}
	if ov := opts.Overrides; ov != nil {
		for _, eo := range ov.Events {
			if eo.Rename != "" && eo.ID != "" {
				nm.declared[eo.ID] = true
			}
			for _, a := range eo.Aliases {
				nm.declared[a] = true
			}
		}
		for _, mg := range ov.Merges {
			for _, id := range mg.IDs {
				nm.declared[id] = true
			}
		}
	}
	return nm
}

// name gives the events of drafts (events[i] is drafts[i]'s) their ids:
// the editor's, else the last build's (see keepPrevious), else derived
// from their content (see deriveIDs). The first time, it also notes the
// drafts each id of the last build may name (namer.known), for the
// overrides.
func (nm *namer) name(drafts []*draft, events []*Event) {
	taken := map[string]bool{}
	for _, e := range events {
		if e.ID != "" {
			taken[e.ID] = true
		}
	}
	if nm.prev != nil {
		nm.prev.keepPrevious(events, drafts, func(id string) bool { return taken[id] }, func(id string) { taken[id] = true }, nm.used)
		if !nm.named {
			nm.known = nm.prev.candidates(drafts)
		}
	}
	nm.named = true
	deriveIDs(events, func(id string) bool { return taken[id] }, func(id string) { taken[id] = true })
}

// aliases sets the events' Aliases: the ids overrides say they had
// (draft.aliases), and the ids, and aliases, of the last build's events
// they continue (each goes to the event that cites the most of its
// sentences). An id that an event has is no alias, and an alias goes to
// the first event in timeline order that claims it. A last build's id
// that only that build knows becomes a note, with the line of
// _events.toml that keeps it.
func (nm *namer) aliases(drafts []*draft, m *Model) {
	pos := make(map[*Event]int, len(m.Events))
	live := make(map[string]bool, len(m.Events))
	for i, e := range m.Events {
		pos[e] = i
		live[e.ID] = true
	}
	type claim struct {
		event int
		id    string
	}
	var claims []claim
	for _, dr := range drafts {
		if i, ok := pos[dr.event]; ok {
			for _, a := range dr.aliases {
				claims = append(claims, claim{i, a})
			}
		}
	}
	lastIDs := map[string]bool{} // the ids of the last build's events
	if nm.prev != nil {
		best := nm.prev.bestOf(m.Events, func(i int) []*Citation { return m.Events[i].Citations })
		for p, i := range sortedShares(best) {
			pe := nm.prev.p.Events[p]
			claims = append(claims, claim{i, pe.ID})
			lastIDs[pe.ID] = true
			for _, a := range pe.Aliases {
				claims = append(claims, claim{i, a})
			}
		}
	}
	sort.SliceStable(claims, func(a, b int) bool { return claims[a].event < claims[b].event })
	owner := map[string]int{}
	for _, c := range claims {
		if live[c.id] {
			continue
		}
		if _, ok := owner[c.id]; ok {
			continue
		}
		owner[c.id] = c.event
		e := m.Events[c.event]
		e.Aliases = append(e.Aliases, c.id)
		if lastIDs[c.id] && !nm.declared[c.id] {
			m.Notes = append(m.Notes, aliasNote(c.id, e.ID))
		}
	}
	for _, e := range m.Events {
		slices.Sort(e.Aliases)
	}
}

// aliasNote tells the editor that an id of the last build now redirects
// to another event, which a build without the last one does not know.
func aliasNote(old, id string) *diag.Error {
	return &diag.Error{
		File: content.Dir + "/" + content.OverridesFile,
		Msg: fmt.Sprintf("note: /events/%s/ of the last build is now event %q (merged or renamed), and redirects to it; "+
			"a build without the last one (a clean checkout, CI) knows this only from %s", old, id, content.OverridesFile),
		Hint: fmt.Sprintf("to keep the old address, add to %s:\n[[event]]\nid      = %q\naliases = [%q]\n(or the aliases line to a table that names the event already)", content.OverridesFile, id, old),
	}
}
