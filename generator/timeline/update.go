package timeline

import (
	"bytes"
	"context"
	"slices"
	"sort"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/mentions"
	"github.com/timeline-dev/timeline/generator/timex"
)

// Update makes a preview of the model quickly after an edit: the model of
// articles when only the articles whose ids are in changed differ from
// those of the last Build made with opts.Cache. Rather than group every
// mention again, it takes that Build's grouping as it is, takes out the
// changed articles' old mentions, and places their new ones among its
// events the way Build places every mention (the most similar compatible
// event, or a new one), then merges the events it touched as Build does.
// Only those events are made again; the others, and the pages of the
// articles they do not cite, are the last Build's. Its work grows with
// the edit, not with the site.
//
// The result is provisional: a Build would group every mention again
// with document frequencies that count the edit, and may group some
// differently. A preview server shows Update's model at once and Build's
// when it is ready. The last Build's model and the cache's state are not
// changed: Update can be called again after more edits (with every
// article changed since that Build), and Build gives the same model as
// ever.
//
// ok is false, and nothing is done, when the edit is not one Update makes:
// there was no last Build with this cache (or it had overrides, an Explain
// writer, or declared events only); articles were added, removed or
// renamed; a changed article declares events or declared them before;
// the options differ. Build is then the way.
func Update(ctx context.Context, articles []*content.Article, changed []string, opts Options) (m *Model, ok bool, err error) {
	c := opts.Cache
	if c == nil || c.last == nil || opts.Declared || opts.Explain != nil || !emptyOverrides(opts.Overrides) {
		return nil, false, nil
	}
	last := c.last
	if last.opts != opts.Mentions || last.model.Site != opts.Site || len(articles) != len(last.model.Articles) {
		return nil, false, nil
	}
	last.prepare()
	for i, a := range articles {
		if a.ID != last.model.Articles[i].ID {
			return nil, false, nil
		}
	}
	var dirty []int
	for _, id := range changed {
		i, ok := last.index[id]
		if !ok {
			return nil, false, nil
		}
		if len(articles[i].Events) > 0 || last.editor[i] {
			return nil, false, nil
		}
		if !slices.Contains(dirty, i) {
			dirty = append(dirty, i)
		}
	}
	sort.Ints(dirty)
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	drop, ok := last.furniture(dirty, articles, c, opts.Mentions)
	if !ok {
		return nil, false, nil
	}
	u := &update{last: last, articles: articles, dirty: dirty, cache: c, drop: drop}
	u.regroup(c, opts.Mentions)
	u.assemble()
	u.dispute()
	u.anchor()
	u.rank()
	return &Model{Site: last.model.Site, Articles: u.arts, Events: u.events}, true, nil
}

// furniture judges again the repeated sentences that the changed
// articles have or had (see repeatsOf) and returns those that are
// furniture; ok is false when one becomes furniture or stops being it,
// which changes other articles' mentions: only a Build redoes those.
func (l *lastBuild) furniture(dirty []int, articles []*content.Article, c *Cache, opts mentions.Options) (drop map[string]bool, ok bool) {
	isDirty := map[int]bool{}
	for _, ai := range dirty {
		isDirty[ai] = true
	}
	// The new occurrences of the sentences two articles had.
	fresh := map[string][]occurrence{}
	for _, ai := range dirty {
		ms := c.mentionsOf(articles[ai], opts)
		for i := range ms {
			if k := repeatKey(articles[ai].Outlet, ms[i].Sentence); l.repeated[k] != nil {
				fresh[k] = append(fresh[k], occurrenceOf(ai, &ms[i], articles[ai]))
			}
		}
	}
	judge := func(k string) bool {
		occs := fresh[k]
		was := isFurniture(l.repeated[k])
		for _, o := range l.repeated[k] {
			if !isDirty[o.article] {
				occs = append(occs, o)
			}
		}
		now := isFurniture(occs)
		if now {
			if drop == nil {
				drop = map[string]bool{}
			}
			drop[k] = true
		}
		return was == now
	}
	for k := range fresh {
		if !judge(k) {
			return nil, false
		}
	}
	for k, occs := range l.repeated {
		if _, done := fresh[k]; !done && slices.ContainsFunc(occs, func(o occurrence) bool { return isDirty[o.article] }) && !judge(k) {
			return nil, false
		}
	}
	return drop, true
}

func emptyOverrides(ov *content.Overrides) bool {
	return ov == nil || len(ov.Merges)+len(ov.Splits)+len(ov.Suppress)+len(ov.Events) == 0
}

// lastBuild is what Update starts from: the grouping and the model of the
// last Build made with a cache, which Update never changes.
type lastBuild struct {
	opts    mentions.Options
	g       *grouper
	draftOf []*draft // by cluster: the draft made of it; nil for an empty one
	model   *Model
	// repeated are the occurrences of the sentences that articles repeat
	// (see repeatsOf): Update judges again those a changed article has or
	// had, and gives up when one becomes furniture or stops being it.
	repeated map[string][]occurrence
	// ranks is what ranking the events left, for ranking them again.
	ranks *rankMemo

	// Made by prepare, the first time Update needs them.
	prepared bool
	index    map[string]int // article id → index
	itemsOf  map[int][]int  // article index → its items
	editor   map[int]bool   // articles an editor's citation quotes
	events   map[string]int // event id → index in model.Events
	byStart  []*draft       // the drafts a denial may dispute (see disputable)
	// linked are the drafts whose events dispute or are disputed.
	linked []*draft
}

// Prepare readies the cache for Update after a Build, which a preview
// server calls while it is idle: otherwise the first Update after each
// Build does it.
func (c *Cache) Prepare() {
	if c != nil && c.last != nil {
		c.last.prepare()
	}
}

func (l *lastBuild) prepare() {
	if l.prepared {
		return
	}
	l.prepared = true
	l.index = make(map[string]int, len(l.model.Articles))
	for i, a := range l.model.Articles {
		l.index[a.ID] = i
	}
	l.itemsOf = map[int][]int{}
	l.editor = map[int]bool{}
	for i, it := range l.g.items {
		if it.m == nil {
			l.editor[it.article] = true
		} else {
			l.itemsOf[it.article] = append(l.itemsOf[it.article], i)
		}
	}
	l.events = make(map[string]int, len(l.model.Events))
	for i, e := range l.model.Events {
		l.events[e.ID] = i
	}
	var drafts []*draft
	for _, dr := range l.draftOf {
		if dr != nil {
			drafts = append(drafts, dr)
			if len(dr.event.Disputes)+len(dr.event.DisputedBy) > 0 {
				l.linked = append(l.linked, dr)
			}
		}
	}
	l.byStart = disputable(drafts)
}

// update is the work of one Update.
type update struct {
	cache    *Cache
	last     *lastBuild
	articles []*content.Article
	dirty    []int // the changed articles' indexes, in order
	// drop are the furniture sentences of the changed articles (see
	// lastBuild.furniture).
	drop map[string]bool

	g *grouper // an overlay of last.g
	// touched are the drafts of the clusters the update changed or made;
	// gone the ids of the last build's events made of those clusters.
	touched []*draft
	gone    map[string]bool

	events []*Event
	arts   []*Article
}

// overlay returns a grouper that groups more items into g's clusters
// without changing g: it shares g's items, clusters and index and copies
// a cluster the first time it changes it (mut).
func (g *grouper) overlay(ctx context.Context) *grouper {
	return &grouper{
		ctx:          ctx,
		items:        g.items[:len(g.items):len(g.items)],
		clusters:     slices.Clone(g.clusters),
		index:        g.index,
		dfCap:        g.dfCap,
		vocab:        g.vocab,
		clusterOf:    slices.Clone(g.clusterOf),
		shared:       len(g.items),
		owned:        map[int]bool{},
		extra:        map[postingKey][]posting{},
		canon:        g.canon,
		happeningIdx: g.happeningIdx,
		indexed:      g.indexed,
		outlets:      g.outlets,
		bounds:       g.bounds,
	}
}

// regroup takes the changed articles' old items out of their clusters and
// places their new mentions.
func (u *update) regroup(c *Cache, opts mentions.Options) {
	last := u.last
	g := last.g.overlay(context.Background())
	u.g = g
	// Out with the old: the clusters that lose items are made again of
	// those they keep (owned from now on).
	for _, ai := range u.dirty {
		for _, i := range last.itemsOf[ai] {
			if cl := g.clusterOf[i]; cl >= 0 {
				g.clusterOf[i] = -1
				g.owned[int(cl)] = true
			}
		}
	}
	for cl := range g.owned {
		old := g.clusters[cl]
		fresh := &cluster{draft: old.draft, source: old.source}
		for _, i := range old.items {
			if g.clusterOf[i] == int32(cl) {
				fresh.add(i, g.items[i])
			}
		}
		g.clusters[cl] = fresh
	}
	// In with the new: the changed articles' mentions, weighed with the
	// last build's vocabulary.
	type fresh struct {
		m        *mentions.Mention
		article  int
		features []string
	}
	var news []fresh
	var docs [][]string
	byArticle := map[int][]mentions.Mention{}
	for _, ai := range u.dirty {
		ms := c.mentionsOf(u.articles[ai], opts)
		if u.drop != nil {
			outlet := u.articles[ai].Outlet
			ms = filterMentions(ms, func(_ int, m *mentions.Mention) bool { return u.drop[repeatKey(outlet, m.Sentence)] })
		}
		byArticle[ai] = ms
		for j := range ms {
			f := fresh{m: &ms[j], article: ai, features: features(&ms[j], g.canon)}
			news = append(news, f)
			docs = append(docs, f.features)
		}
	}
	g.vocab = last.g.vocab.extend(docs)
	boost := map[string]float64{}
	for _, f := range docs {
		for _, x := range f {
			if isEntityFeature(x) {
				boost[x] = entityBoost
			}
		}
	}
	first := len(g.items)
	itemOf := map[*mentions.Mention]int{}
	var added []int
	for _, f := range news {
		itemOf[f.m] = len(g.items)
		added = append(added, len(g.items))
		c := citationOf(f.m)
		g.items = append(g.items, &item{
			m: f.m, c: c, date: dateOf(c), article: f.article,
			vec: g.vocab.vectorize(f.features, boost),
			iv:  f.m.Interval, gran: f.m.Value.Granularity(), strength: strengthOf(f.m.Basis),
			cluster: -1, follows: -1,
		})
		g.clusterOf = append(g.clusterOf, -1)
	}
	for _, it := range g.items[first:] {
		if it.m.Continues >= 0 {
			if j, ok := itemOf[&byArticle[it.article][it.m.Continues]]; ok {
				it.follows = j
			}
		}
	}
	for _, i := range g.order(added) {
		g.assign(i)
	}
	// The clusters the new items joined or made may now be one with
	// others (those that only lost items are left as they are).
	joined := map[int][]int{}
	for _, i := range added {
		if cl := g.clusterOf[i]; cl >= 0 {
			joined[int(cl)] = append(joined[int(cl)], i)
		}
	}
	for _, cl := range sortedKeys(g.owned) {
		if from := joined[cl]; from != nil {
			g.mergeCloseAt(cl, true, from)
		}
	}
	g.mergeHappenings(added)
	for _, cl := range sortedKeys(g.owned) {
		g.mergeWeakAt(cl)
	}
	for _, cl := range sortedKeys(g.owned) {
		g.splitSources(cl)
	}
	// Drafts of the changed clusters.
	u.gone = map[string]bool{}
	for _, cl := range sortedKeys(g.owned) {
		if cl < len(last.draftOf) && last.draftOf[cl] != nil {
			u.gone[last.draftOf[cl].event.ID] = true
		}
		k := g.clusters[cl]
		if len(k.items) == 0 {
			continue
		}
		dr := &draft{}
		if ed := k.draft; ed != nil { // an editor's: its own part stays
			dr = &draft{id: ed.id, headline: ed.headline, summary: ed.summary, where: ed.where,
				citations: slices.Clone(ed.citations[:ed.editorCitations()])}
		}
		for _, i := range k.items {
			if it := g.items[i]; it.m != nil {
				dr.citations = append(dr.citations, it.c)
				dr.mentions = append(dr.mentions, it.m)
			}
		}
		for _, i := range k.items {
			dr.vectors = append(dr.vectors, g.items[i].vec)
		}
		u.touched = append(u.touched, dr)
	}
}

// mentionsOf returns the mentions of an article, from the cache if its
// source and date are the ones they were extracted from, and keeps them
// there for the next Build.
func (c *Cache) mentionsOf(a *content.Article, opts mentions.Options) []mentions.Mention {
	for _, m := range []map[string]*cachedMentions{c.used, c.mentions} {
		if e := m[a.ID]; e != nil && e.date == a.Date && bytes.Equal(e.src, a.Source) {
			return e.mentions
		}
	}
	ms := mentions.Extract(a, opts)
	if c.mentions == nil {
		c.mentions = map[string]*cachedMentions{}
	}
	c.mentions[a.ID] = &cachedMentions{src: a.Source, date: a.Date, mentions: ms}
	return ms
}

func sortedKeys(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

// assemble makes the events of the touched drafts, gives them ids that
// the other events do not have, and merges them into the timeline.
func (u *update) assemble() {
	last := u.last
	var made []*Event
	w := weightsOf(u.g, u.g.canon)
	for _, dr := range u.touched {
		e := assembleEvent(dr, nil, u.g.canon)
		e.derived = derivedBase(dr, e, w, nil)
		made = append(made, e)
	}
	claimed := map[string]bool{}
	for _, e := range made {
		if e.ID != "" {
			claimed[e.ID] = true
		}
	}
	taken := func(id string) bool {
		_, old := last.events[id]
		return old && !u.gone[id] || claimed[id]
	}
	claim := func(id string) { claimed[id] = true }
	// An event made again keeps the id of the event it replaces, as
	// Build keeps the last build's, and answers to the ids of those it
	// took the sentences of.
	var gone []*Event
	for _, e := range last.model.Events {
		if u.gone[e.ID] {
			gone = append(gone, e)
		}
	}
	x := newPrevIndex(PreviousOf(&Model{Events: gone}))
	x.keepPrevious(made, u.touched, taken, claim, map[int32]bool{})
	deriveIDs(made, taken, claim)
	x.carryAliases(made, taken)
	sortEvents(made)
	// The timeline: the last build's events that stay, and the new ones,
	// both in timeline order.
	u.events = make([]*Event, 0, len(last.model.Events)+len(made))
	k := 0
	for _, e := range last.model.Events {
		if u.gone[e.ID] {
			continue
		}
		for ; k < len(made) && compareEvents(made[k], e) < 0; k++ {
			u.events = append(u.events, made[k])
		}
		u.events = append(u.events, e)
	}
	u.events = append(u.events, made[k:]...)
}

// dispute links the touched events that deny a happening to the one they
// deny, and mends the links of the other events to events that changed.
func (u *update) dispute() {
	last := u.last
	ids := map[string]*Event{}
	for _, dr := range u.touched {
		ids[dr.event.ID] = dr.event
	}
	var pos map[*Event]int // made the first time an event is copied
	// An event of the last build that is kept is copied before it changes.
	copied := map[*Event]*Event{}
	own := func(e *Event) *Event {
		if _, fresh := ids[e.ID]; fresh && ids[e.ID] == e {
			return e
		}
		if cp, ok := copied[e]; ok {
			return cp
		}
		cp := *e
		cp.Disputes, cp.DisputedBy = slices.Clone(e.Disputes), slices.Clone(e.DisputedBy)
		copied[e] = &cp
		if pos == nil {
			pos = make(map[*Event]int, len(u.events))
			for i, e := range u.events {
				pos[e] = i
			}
		}
		u.events[pos[e]] = &cp
		return &cp
	}
	exists := func(id string) bool {
		if _, ok := ids[id]; ok {
			return true
		}
		_, old := last.events[id]
		return old && !u.gone[id]
	}
	for _, dr := range last.linked {
		e := dr.event
		if u.gone[e.ID] {
			continue
		}
		// Links to touched events are made again below, from both sides.
		var by, dis []string
		for _, id := range e.DisputedBy {
			if _, t := ids[id]; !t && !u.gone[id] {
				by = append(by, id)
			}
		}
		for _, id := range e.Disputes {
			if exists(id) {
				dis = append(dis, id)
			}
		}
		if !slices.Equal(by, e.DisputedBy) || !slices.Equal(dis, e.Disputes) {
			e = own(e)
			e.DisputedBy, e.Disputes = by, dis
		}
		for _, id := range dis {
			if t, ok := ids[id]; ok {
				t.DisputedBy = append(t.DisputedBy, e.ID)
			}
		}
	}
	// The touched denials, if any, against the drafts that may be
	// disputed: the last build's that stay, and the touched ones.
	if slices.ContainsFunc(u.touched, denial) {
		var byStart []*draft
		for _, dr := range last.byStart {
			if !u.gone[dr.event.ID] {
				byStart = append(byStart, dr)
			}
		}
		byStart = append(byStart, disputable(u.touched)...)
		sort.SliceStable(byStart, func(i, j int) bool { return byStart[i].event.Date.Start.Before(byStart[j].event.Date.Start) })
		search := newDisputeSearch(byStart, u.g.distinct, false)
		for _, dr := range u.touched {
			for _, best := range search.disputed(dr, nil) {
				dr.event.Disputes = append(dr.event.Disputes, best.event.ID)
				t := own(best.event)
				t.DisputedBy = append(t.DisputedBy, dr.event.ID)
			}
		}
	}
	for _, dr := range u.touched {
		sort.Strings(dr.event.DisputedBy)
	}
	for _, cp := range copied {
		sort.Strings(cp.DisputedBy)
	}
}

// anchor makes the articles again whose citations or events changed: the
// changed articles, and those the touched events cite (now or before).
func (u *update) anchor() {
	last := u.last
	// An article is made again when one of its citations is in another
	// event than before (by id), or in one with other dates (which may
	// order its events differently), or no longer in any.
	type place struct {
		id         string
		start, end timex.Date
	}
	was := map[*Citation]place{}
	for c, dr := range last.draftOf {
		if dr != nil && u.g.owned[c] {
			for _, ct := range dr.citations {
				was[ct] = place{dr.event.ID, dr.event.Date.Start, dr.event.Date.End}
			}
		}
	}
	affected := map[string]bool{}
	for _, ai := range u.dirty {
		affected[last.model.Articles[ai].ID] = true
	}
	for _, dr := range u.touched {
		e := dr.event
		for _, ct := range dr.citations {
			if p, ok := was[ct]; !ok || p != (place{e.ID, e.Date.Start, e.Date.End}) {
				affected[ct.Article] = true
			}
			delete(was, ct)
		}
		sortCitations(e, last.index)
	}
	for ct := range was {
		affected[ct.Article] = true
	}
	u.arts = slices.Clone(last.model.Articles)
	// The events citing the affected articles: the last build's that
	// cited them and stay, and the touched ones; in timeline order.
	var citing []*Event
	seen := map[*Event]bool{}
	for id := range affected {
		for _, eid := range last.model.Articles[last.index[id]].Events {
			if i, ok := last.events[eid]; ok && !u.gone[eid] && !seen[last.model.Events[i]] {
				seen[last.model.Events[i]] = true
				citing = append(citing, last.model.Events[i])
			}
		}
	}
	for _, dr := range u.touched {
		for _, ct := range dr.citations {
			if affected[ct.Article] {
				citing = append(citing, dr.event)
				break
			}
		}
	}
	slices.SortFunc(citing, compareEvents)
	pos := map[string]int{}
	byArticle := map[string][]cite{}
	for i, e := range citing {
		pos[e.ID] = i
		for _, ct := range e.Citations {
			if affected[ct.Article] {
				byArticle[ct.Article] = append(byArticle[ct.Article], cite{ct, e})
			}
		}
	}
	changed := map[int]bool{}
	for _, ai := range u.dirty {
		changed[ai] = true
	}
	for id := range affected {
		ai := last.index[id]
		a := *last.model.Articles[ai]
		if changed[ai] {
			ca := u.articles[ai]
			a.Title, a.Outlet, a.Author, a.URL, a.Published = ca.Title, ca.Outlet, ca.Author, ca.URL, ca.Date
			a.Language, a.Summary, a.Tags = ca.Language, ca.Summary, ca.Tags
		}
		a.setAnchors(byArticle[id], pos, u.cache)
		u.arts[ai] = &a
	}
}

// rank ranks the events anew: a changed article changes the signals of
// the dates it cites, and so the ranks of events it does not cite. The
// signals of the dates the edit did not touch are the last build's, and
// so is the relevance of the articles (see rankMemo): an edit seldom
// changes how central an article is, and Build counts it again. An event
// of the last build whose rank changes is copied first.
func (u *update) rank() {
	fresh := make(map[*Event]bool, len(u.touched))
	for _, dr := range u.touched {
		fresh[dr.event] = true
	}
	ranks, ok := u.last.ranks.rerank(u.events, u.arts, u.cache)
	if !ok {
		ranks = rankEvents(u.events, u.arts, relevance(u.articles, u.cache), u.cache)
	}
	for i, r := range ranks {
		e := u.events[i]
		if e.Importance == r.importance && e.Rank == r.rank && e.Key == r.key {
			continue
		}
		if !fresh[e] {
			cp := *e
			e = &cp
			u.events[i] = e
		}
		e.Importance, e.Rank, e.Key = r.importance, r.rank, r.key
	}
}
