package timeline

import (
	"cmp"
	"context"
	"encoding/binary"
	"maps"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unique"

	"github.com/timeline-dev/timeline/generator/entities"
	"github.com/timeline-dev/timeline/generator/mentions"
	"github.com/timeline-dev/timeline/generator/timex"
)

// Grouping decides which mentions report the same happening.
//
// Two mentions can be one event only if their dates are compatible: the
// day intervals overlap, or, when both are precise to the day, they are
// adjacent (a broadcast "aired Tuesday night" is the interview "on
// Wednesday"). Within compatible dates, mentions are compared by the
// TF-IDF cosine of their sentences' stemmed words and named entities
// (entities weigh more). Mentions are taken strongest first (dated by an
// expression, then by context; finer dates before coarser), and each
// joins the most similar compatible event if the similarity clears the
// threshold, or starts a new one; only a mention dated by its own words,
// a report by a named speaker, or a sentence of an article's opening can
// start one (a stray quotation cannot). A sentence that continues another
// ("he added") goes where that one went. Candidates are found through an index
// of (feature, month) pairs, so the work grows with the number of
// mentions that share a word and a month, not with the square of all
// mentions. The same input always gives the same events.

// Grouping parameters.
const (
	// threshold is the similarity a mention needs to join an event.
	threshold = 0.22
	// coarsePenalty is added when a coarse date (a year, a season) joins a
	// much finer one.
	coarsePenalty = 0.08
	// entityBoost weighs named entities against other words.
	entityBoost = 1.6
	// topFeatures is how many of a mention's heaviest features are looked
	// up in the index.
	topFeatures = 12
	// maxSpanMonths: mentions whose date spans more months are never
	// grouped with others (a decade says too little).
	maxSpanMonths = 13
	// sameDateBonus is added to the similarity of mentions that give the
	// very same date.
	sameDateBonus = 0.06
	// weakPenalty is added to the threshold for a mention dated by its
	// context, whose date agrees with everything on that day.
	weakPenalty = 0.08
	// adjacentPenalty is added to the threshold when the dates do not
	// overlap but are adjacent days: a story's next happening is often the
	// next day, so only a closer likeness says it is the same one.
	adjacentPenalty = 0.06
)

// mergeWeak merges each event made only of sentences dated by their
// context into the most similar compatible event of the same article that
// has a date of its own, unless a different person speaks in each: such an
// event's date is only the day the article reports on, and its sentences
// usually elaborate a happening the article dates elsewhere ("Western and
// Gulf Arab nations pledged $1.4 billion on Wednesday" ... "Kuwait's emir
// promised $500 million").
func (g *grouper) mergeWeak() {
	for w := range g.clusters {
		g.mergeWeakAt(w)
	}
}

// mergeWeakAt merges cluster w, if it is weak, as mergeWeak does.
func (g *grouper) mergeWeakAt(w int) {
	cw := g.clusters[w]
	if len(cw.items) == 0 || cw.draft != nil || g.strong(cw) {
		return
	}
	best, bestSim := -1, 0.0
	cands := g.clusterCandidates(cw)
	g.work.add(mergeCandidates, len(cands))
	for _, s := range cands {
		cs := g.clusters[s]
		if s == w || len(cs.items) == 0 || cs.source != cw.source || !g.strong(cs) || !g.compatibleClusters(cw, cs) || g.speakersDiffer(cw, cs) {
			continue
		}
		if sim := g.link(cw, cs); sim > bestSim {
			best, bestSim = s, sim
		}
	}
	if best >= 0 && bestSim >= threshold+mergeMargin {
		g.explain.step(Step{Kind: "merge", From: g.items[cw.items[0]].c, Into: g.items[g.clusters[best].items[0]].c, Similarity: bestSim})
		into := g.mut(best)
		for _, i := range cw.items {
			g.setCluster(i, best)
			into.add(i, g.items[i])
		}
		g.mut(w).items = nil
	}
}

// sameSpeakerBonus links the words of one person in one article.
const sameSpeakerBonus = 0.1

// speakerBonus links a sentence whose speaker is "he" or "she" to the
// sentence just before it.
const speakerBonus = 0.2

// mergeMargin is added to the threshold for merging a weak event.
const mergeMargin = 0.0

// strong reports a cluster with a mention dated by its own words, or an
// editor's event.
func (g *grouper) strong(c *cluster) bool {
	for _, i := range c.items {
		if g.items[i].strength <= 1 {
			return true
		}
	}
	return false
}

// compatibleClusters reports whether two clusters may be merged: each
// date of one compatible with each of the other, no sentence in both, and
// both denials or neither.
func (g *grouper) compatibleClusters(a, b *cluster) bool {
	if a.denies != b.denies {
		return false
	}
	if !g.bounds.unpruned && !a.editors && !b.editors {
		if !a.compatibleWith(b) {
			return false
		}
		// Only the members of an article of both may give the same
		// sentence.
		if disjoint(a.articles, b.articles) {
			return true
		}
		for _, i := range a.items {
			x := g.items[i]
			if !b.hasArticle(x.article) {
				continue
			}
			for _, j := range b.items {
				if y := g.items[j]; y.article == x.article && x.sentence() == y.sentence() {
					return false
				}
			}
		}
		return true
	}
	for _, i := range a.items {
		for _, j := range b.items {
			x, y := g.items[i], g.items[j]
			if !compatible(x, y) || x.sentence() == y.sentence() {
				return false
			}
		}
	}
	return true
}

// disjoint reports whether two sorted lists have no element in common.
func disjoint(a, b []int32) bool {
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] == b[0]:
			return false
		case a[0] < b[0]:
			a = a[1:]
		default:
			b = b[1:]
		}
	}
	return true
}

// speakersDiffer reports that both clusters have named speakers and none
// is in both.
func (g *grouper) speakersDiffer(a, b *cluster) bool {
	sa, sb := g.speakers(a), g.speakers(b)
	if len(sa) == 0 || len(sb) == 0 {
		return false
	}
	if len(sa)*len(sb) > 64 {
		in := make(map[string]bool, len(sb))
		for _, k := range sb {
			in[k] = true
		}
		return !slices.ContainsFunc(sa, func(k string) bool { return in[k] })
	}
	for _, k := range sa {
		if slices.Contains(sb, k) {
			return false
		}
	}
	return true
}

// speakers returns the named speakers of a cluster's mentions (a speaker
// may come more than once).
func (g *grouper) speakers(c *cluster) []string {
	var out []string
	for _, i := range c.items {
		if it := g.items[i]; it.m != nil && it.m.Speaker != "" {
			out = append(out, it.m.Speaker)
		}
	}
	return out
}

// link is the best similarity between members of a and b from the same
// article, with the proximity bonus.
func (g *grouper) link(a, b *cluster) float64 {
	best := 0.0
	for _, i := range a.items {
		for _, j := range b.items {
			x, y := g.items[i], g.items[j]
			if x.article != y.article || x.m == nil || y.m == nil {
				continue
			}
			s := dot(x.vec, y.vec) + proximityBonus(x.m.Sentences-y.m.Sentences)
			if d := x.m.Sentences - y.m.Sentences; d == 1 && x.m.PronounSpeaker || d == -1 && y.m.PronounSpeaker {
				s += speakerBonus // "he told BBC radio" right after the sentence that names him
			}
			best = max(best, s)
		}
	}
	return best
}

// proximityBonus favours sentences close together in one article, which
// usually tell one happening: d is the distance in sentences.
func proximityBonus(d int) float64 {
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 1:
		return 0.12
	case d <= 3:
		return 0.08
	case d <= 6:
		return 0.04
	}
	return 0
}

// trace records the placement of item i, compared with cands events:
// in cluster best (-1: none) with similarity sim.
func (g *grouper) trace(i, best, cands int, sim float64) {
	it := g.items[i]
	p := Placement{Outcome: Started, Candidates: cands}
	switch {
	case best >= 0:
		p.Outcome, p.With, p.Similarity = Joined, g.items[g.clusters[best].items[0]].c, sim
	case !it.canFound():
		p.Outcome, p.Reason = Dropped, "it is dated only by its context, which may not start an event, and is like no event"
	}
	g.explain.place(it, p)
}

func short(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// item is a mention (or an editor's citation) being grouped.
type item struct {
	m        *mentions.Mention // nil for an editor's citation
	c        *Citation
	article  int // index of the article in the model
	vec      vector
	iv       timex.Interval
	gran     timex.Granularity
	strength int // 0 editor, 1 expression, 2 present, 3 paragraph, 4 news day, 5 continuation
	cluster  int
	follows  int          // for a continuation, the item it continues; else -1
	keys     []postingKey // see grouper.keys; nil until made
	keyIDs   []int32      // their ids in the index, -1 for one it has not
	// date is the date c gives, value and modifier, made unique: items
	// give the same date when their dates are ==, which the members of
	// an event are compared by without going to their citations.
	date unique.Handle[citedDate]
	// figures are the figures among the mention's terms (figureTerms).
	figures     []string
	figuresMade bool
}

// canFound reports whether an item may start an event of its own.
func (it *item) canFound() bool {
	if it.m == nil || it.m.Basis == mentions.Expression {
		return true
	}
	return it.m.Reporting && (it.m.Attributed || it.m.Block < 2) || (it.m.Basis == mentions.Paragraph || it.m.Basis == mentions.Report) && len(it.m.Terms) >= 6
}

func (it *item) sentence() [3]int { return [3]int{it.article, it.c.Block, it.c.Start} }

// cluster is a group of items: a future event.
type cluster struct {
	items []int
	draft *draft // set for events an editor declared
	// source is set on a cluster split off another by its source (see
	// splitSources): the source of its sentences. Clusters of different
	// sources do not merge.
	source string
	// ids and ws are the sum of the members' vectors, the centroid
	// unnormalized: the weight of each feature, by feature id in
	// increasing order. Sums over them are made in that order, so that
	// rounding is the same on every run.
	ids []int32
	ws  []float64
	// mx is, by feature as in ids, the greatest weight a member's vector
	// gives it, and norm2 the sum of the squares of ws, summed in the
	// order of ids as centroid sums it: with them, scoreBound finds that a
	// mention cannot join the cluster without comparing it with members.
	mx    []float32
	norm2 float64
	// For scoreBound too: the articles of the members that are mentions
	// (sorted, each once; compatibleClusters and similarityTo use them
	// as well), the members' dates (each once, up to maxDates; manyDates
	// when there were more), and whether a member's mention gives a
	// figure.
	articles  []int32
	dates     []unique.Handle[citedDate]
	manyDates bool
	figures   bool
	// For similarityTo and compatibleClusters: the latest start and the
	// earliest end of the members' intervals, the finest and coarsest of
	// their dates, and whether a member is an editor's citation. A
	// mention whose interval overlaps both ends overlaps every member's.
	// Denies is whether the first member denies what it reports.
	latestStart, earliestEnd timex.Date
	finest, coarsest         timex.Granularity
	editors, denies          bool
	// The same span for the members dated to the day (a day apart is
	// compatible for them) and for the others, for compatibleWith.
	days, coarse spanOf
}

// spanOf is the latest start and the earliest end of some members'
// intervals, if any.
type spanOf struct {
	latestStart, earliestEnd timex.Date
	any                      bool
}

// note widens the span with iv.
func (s *spanOf) note(iv timex.Interval) {
	if !s.any {
		*s = spanOf{iv.Start, iv.End, true}
		return
	}
	if s.latestStart.Before(iv.Start) {
		s.latestStart = iv.Start
	}
	if iv.End.Before(s.earliestEnd) {
		s.earliestEnd = iv.End
	}
}

// overlaps reports whether every interval of s overlaps every interval
// of o (true if either has none).
func (s spanOf) overlaps(o spanOf) bool {
	return !s.any || !o.any || !s.earliestEnd.Before(o.latestStart) && !o.earliestEnd.Before(s.latestStart)
}

// near reports whether every interval of s overlaps every interval of o
// or is a day apart at most (true if either has none).
func (s spanOf) near(o spanOf) bool {
	return !s.any || !o.any || !s.earliestEnd.AddDays(1).Before(o.latestStart) && !o.earliestEnd.AddDays(1).Before(s.latestStart)
}

// compatibleWith reports whether every member of c is compatible with
// every member of o (compatible): what comparing them pair by pair
// finds, from the spans of their intervals.
func (c *cluster) compatibleWith(o *cluster) bool {
	return c.coarse.overlaps(o.span()) && c.span().overlaps(o.coarse) && c.days.near(o.days)
}

// acceptsAll reports whether every member of c is compatible with it
// (compatible), from the spans of their intervals.
func (c *cluster) acceptsAll(it *item) bool {
	one := spanOf{it.iv.Start, it.iv.End, true}
	if it.gran >= timex.Day {
		return c.coarse.overlaps(one) && c.days.near(one)
	}
	return c.span().overlaps(one)
}

// span is the span of all the members' intervals.
func (c *cluster) span() spanOf {
	return spanOf{c.latestStart, c.earliestEnd, len(c.items) > 0}
}

// citedDate is a citation's date as it cited it, value and modifier.
type citedDate struct {
	value timex.Value
	mod   timex.Mod
}

// dateOf is the date a citation gives, for item.date.
func dateOf(c *Citation) unique.Handle[citedDate] {
	return unique.Make(citedDate{c.Value, c.Mod})
}

// maxDates is the most dates a cluster keeps for scoreBound: an event's
// members usually give one or two.
const maxDates = 4

// clone returns a copy of the cluster that add may change.
func (c *cluster) clone() *cluster {
	cl := *c
	cl.items, cl.ids, cl.ws, cl.mx = slices.Clone(c.items), slices.Clone(c.ids), slices.Clone(c.ws), slices.Clone(c.mx)
	cl.articles, cl.dates = slices.Clone(c.articles), slices.Clone(c.dates)
	return &cl
}

// note records in the cluster's summary (articles, dates, figures, the
// span of the members' intervals) what it, a new member, adds.
func (c *cluster) note(it *item) {
	if it.m != nil {
		if k, found := slices.BinarySearch(c.articles, int32(it.article)); !found {
			c.articles = slices.Insert(c.articles, k, int32(it.article))
		}
		c.figures = c.figures || len(it.figureTerms()) > 0
	}
	c.editors = c.editors || it.m == nil
	if len(c.items) == 1 {
		c.denies = it.c.Denies
		c.latestStart, c.earliestEnd = it.iv.Start, it.iv.End
		c.finest, c.coarsest = it.gran, it.gran
	} else {
		if c.latestStart.Before(it.iv.Start) {
			c.latestStart = it.iv.Start
		}
		if it.iv.End.Before(c.earliestEnd) {
			c.earliestEnd = it.iv.End
		}
		c.finest, c.coarsest = max(c.finest, it.gran), min(c.coarsest, it.gran)
	}
	if it.gran >= timex.Day {
		c.days.note(it.iv)
	} else {
		c.coarse.note(it.iv)
	}
	d := it.date
	if !c.manyDates && !slices.Contains(c.dates, d) {
		if len(c.dates) == maxDates {
			c.manyDates, c.dates = true, nil
		} else {
			c.dates = append(c.dates, d)
		}
	}
}

// mayAccept reports whether every member's date may be compatible with
// it's: overlapping it or, both precise to the day, a day apart at most
// (compatible). When not, similarityTo turns it away whatever its
// sentences, and candidates leaves it out. reach is it's interval with a
// day more at each end (see reachOf).
func (c *cluster) mayAccept(it *item, reach timex.Interval) bool {
	if it.gran < timex.Day {
		return c.overlapsAll(it)
	}
	return !reach.End.Before(c.latestStart) && !c.earliestEnd.Before(reach.Start)
}

// reachOf is the interval of the dates a member may have to be
// compatible with it's, when both are precise to the day.
func reachOf(it *item) timex.Interval {
	return timex.Interval{Start: it.iv.Start.AddDays(-1), End: it.iv.End.AddDays(1)}
}

// mayShareDate reports whether a member may give the very date of it.
func (c *cluster) mayShareDate(it *item) bool {
	return c.manyDates || slices.Contains(c.dates, it.date)
}

// overlapsAll reports whether it's interval overlaps every member's.
func (c *cluster) overlapsAll(it *item) bool {
	return !it.iv.End.Before(c.latestStart) && !c.earliestEnd.Before(it.iv.Start)
}

// hasArticle reports whether a member is a mention of article a.
func (c *cluster) hasArticle(a int) bool {
	_, found := slices.BinarySearch(c.articles, int32(a))
	return found
}

// add puts item i, it, in the cluster.
func (c *cluster) add(i int, it *item) {
	c.items = append(c.items, i)
	c.note(it)
	defer c.sumSquares()
	v := it.vec
	// The features already there are added to in place; new ones make a
	// merged list.
	k, fresh := 0, 0
	for _, f := range v {
		for k < len(c.ids) && c.ids[k] < f.id {
			k++
		}
		if k == len(c.ids) || c.ids[k] != f.id {
			fresh++
		}
	}
	if fresh == 0 {
		k = 0
		for _, f := range v {
			for c.ids[k] < f.id {
				k++
			}
			c.ws[k] += float64(f.w)
			c.mx[k] = max(c.mx[k], f.w)
		}
		return
	}
	ids := make([]int32, 0, len(c.ids)+fresh)
	ws := make([]float64, 0, len(c.ids)+fresh)
	mx := make([]float32, 0, len(c.ids)+fresh)
	k = 0
	for _, f := range v {
		for k < len(c.ids) && c.ids[k] < f.id {
			ids, ws, mx = append(ids, c.ids[k]), append(ws, c.ws[k]), append(mx, c.mx[k])
			k++
		}
		switch {
		case k < len(c.ids) && c.ids[k] == f.id:
			ids, ws, mx = append(ids, f.id), append(ws, c.ws[k]+float64(f.w)), append(mx, max(c.mx[k], f.w))
			k++
		case len(ids) > 0 && ids[len(ids)-1] == f.id: // a feature twice in v
			ws[len(ws)-1] += float64(f.w)
			mx[len(mx)-1] += f.w
		default:
			ids, ws, mx = append(ids, f.id), append(ws, float64(f.w)), append(mx, f.w)
		}
	}
	c.ids, c.ws, c.mx = append(ids, c.ids[k:]...), append(ws, c.ws[k:]...), append(mx, c.mx[k:]...)
}

// sumSquares sets norm2 from ws.
func (c *cluster) sumSquares() {
	c.norm2 = 0
	for _, w := range c.ws {
		c.norm2 += w * w
	}
}

// empty leaves the cluster without members (merged into another).
func (c *cluster) empty() {
	*c = cluster{draft: c.draft, source: c.source}
}

// centroid is the cosine of v with the cluster's centroid.
func (c *cluster) centroid(v vector) float64 {
	cos, _ := c.centroidAndBound(v)
	return cos
}

// centroidAndBound returns the cosine of v with the cluster's centroid,
// and a bound of v's cosine with any member's vector: the sum of v's
// weights times the greatest a member gives each feature. The features of
// v are looked up by binary search when the cluster has many more (a big
// event has thousands), else by a merge; the cosine is summed in the
// order of v's features either way.
func (c *cluster) centroidAndBound(v vector) (cos, dotBound float64) {
	if c.norm2 == 0 {
		return 0, 0
	}
	var d float64
	if len(c.ids) > 8*len(v) {
		lo := 0
		for _, f := range v {
			k, found := slices.BinarySearch(c.ids[lo:], f.id)
			lo += k
			if found {
				d += float64(f.w) * c.ws[lo]
				dotBound += float64(f.w) * float64(c.mx[lo])
			}
		}
	} else {
		k := 0
		for _, f := range v {
			for k < len(c.ids) && c.ids[k] < f.id {
				k++
			}
			if k < len(c.ids) && c.ids[k] == f.id {
				d += float64(f.w) * c.ws[k]
				dotBound += float64(f.w) * float64(c.mx[k])
			}
		}
	}
	return d / math.Sqrt(c.norm2), dotBound
}

func strengthOf(b mentions.Basis) int {
	switch b {
	case mentions.Expression:
		return 1
	case mentions.Present:
		return 2
	case mentions.Paragraph, mentions.Report:
		return 3
	case mentions.Continues:
		return 5
	}
	return 4
}

// compatible reports whether two date intervals can be one happening.
func compatible(a, b *item) bool {
	return a.iv.Overlaps(b.iv) || nextDay(a, b)
}

// nextDay reports two dates precise to the day, a day apart at most.
func nextDay(a, b *item) bool {
	return a.gran >= timex.Day && b.gran >= timex.Day && a.iv.Gap(b.iv) <= 1
}

type postingKey struct {
	feature int32
	month   int32
}

// months returns the month indexes an interval spans, or nil if it spans
// more than maxSpanMonths.
func months(iv timex.Interval) []int32 {
	from := int32(iv.Start.Year*12 + int(iv.Start.Month) - 1)
	to := int32(iv.End.Year*12 + int(iv.End.Month) - 1)
	if to-from+1 > maxSpanMonths {
		return nil
	}
	out := make([]int32, 0, to-from+1)
	for m := from; m <= to; m++ {
		out = append(out, m)
	}
	return out
}

// grouper clusters items. Mentions are placed strongest first, each
// compared with the events of the mentions already placed that share one
// of its heaviest features in a month its date spans (see candidates).
type grouper struct {
	ctx      context.Context // grouping stops early when it is done
	explain  *Explanation    // if set, every decision is recorded in it
	items    []*item
	clusters []*cluster
	index    *postingIndex // items already placed
	dfCap    int
	vocab    *vocabulary
	// clusterOf is every item's cluster, as in items[i].cluster, in one
	// array that candidates reads fast.
	clusterOf []int32
	// scratch is what candidates marks the clusters it finds with.
	scratch

	// An overlay (see overlay) changes a grouping without touching it:
	// items before shared, the clusters not in owned and index belong to
	// the grouping it was made from; items it places are indexed in extra.
	shared int
	owned  map[int]bool
	extra  map[postingKey][]posting
	// canon maps the spellings of people's names to one (canonicalPeople).
	canon map[string]string
	// happeningIdx indexes the items that name a happening on a day, the
	// first indexed of them (see mergeHappenings); outlets are the
	// articles' outlets, by article index.
	happeningIdx *happeningIndex
	indexed      int
	outlets      []string
	// work, if set, counts the comparisons (see workCounts).
	work *workCounts
	// bounds replace the product's, for tests.
	bounds bounds
	// denses are the *dense vectors similarityTo spreads a mention in.
	denses sync.Pool
}

// group places every item in a cluster. Items of editor drafts come first
// and keep their drafts; the order of the rest decides nothing but ties.
func (g *grouper) group() {
	all := make([]int, len(g.items))
	for i := range all {
		all[i] = i
	}
	order := g.order(all)
	g.clusterOf = make([]int32, len(g.items))
	for i, it := range g.items {
		g.clusterOf[i] = int32(it.cluster)
	}
	g.index = &postingIndex{ids: map[postingKey]int32{}}
	g.dfCap = max(50, g.vocab.n/50)
	g.dfCap = bound(g.bounds.fixedDF, g.dfCap)
	if g.explain == nil && g.work == nil && g.owned == nil && g.extra == nil && runtime.GOMAXPROCS(0) > 1 {
		g.assignAll(order)
	} else {
		for n, i := range order {
			if n%1024 == 0 && g.ctx.Err() != nil {
				return
			}
			g.assign(i)
		}
	}
	if g.ctx.Err() != nil {
		return
	}
	g.mergeClose()
	g.mergeHappenings(all)
	g.mergeWeak()
	for c := range g.clusters {
		g.splitSources(c)
	}
}

// splitMin is the size from which an event is looked at for splitting by
// source.
const splitMin = 8

// splitSources splits off cluster c, when it has grown past one
// happening, the sentences that tell what another source reports: a
// sentence's content comes from its source (the person speaking, the
// outlet reporting, the office commenting), and an event gathered round
// one interview takes in the report it followed and the reactions to it,
// which a reader expects as happenings of their own. The sentences of a
// source other than the cluster's main one (the source of most of its
// sentences) leave it for the event split off before for that source,
// if one shares words with it (as when Update places an edited article's
// sentences again), or else when they come from two articles or more and
// the cluster's other sentences seldom name that source (a quarter at
// most: a source they name is what they are about, not a second
// happening). New clusters are appended.
func (g *grouper) splitSources(c int) {
	cl := g.clusters[c]
	if len(cl.items) < splitMin || cl.draft != nil || cl.source != "" {
		return
	}
	count := map[string]int{}
	for _, i := range cl.items {
		if m := g.items[i].m; m != nil && m.Source != "" {
			count[m.Source]++
		}
	}
	if len(count) < 2 {
		return
	}
	main := ""
	for _, s := range slices.Sorted(maps.Keys(count)) {
		if count[s] > count[main] {
			main = s
		}
	}
	for _, s := range slices.Sorted(maps.Keys(count)) {
		if s == main {
			continue
		}
		var in, out []int
		arts := map[int]bool{}
		names := 0
		for _, i := range g.clusters[c].items {
			it := g.items[i]
			if it.m != nil && it.m.Source == s {
				in = append(in, i)
				arts[it.article] = true
				continue
			}
			out = append(out, i)
			if it.m != nil && slices.ContainsFunc(it.m.Entities, func(e entities.Entity) bool { return e.Key == s }) {
				names++
			}
		}
		if len(out) == 0 || 4*names > len(out) {
			continue
		}
		n := -1
		for _, x := range g.candidatesOf(in) {
			if cx := g.clusters[x]; x != c && cx.source == s && len(cx.items) > 0 && g.compatibleClusters(g.clusters[c], cx) {
				n = x
				break
			}
		}
		if n < 0 && len(arts) < 2 {
			continue
		}
		g.explain.step(Step{Kind: "split", Into: g.items[out[0]].c, Source: s, Moved: len(in)})
		rest := g.mut(c)
		*rest = cluster{draft: rest.draft}
		for _, i := range out {
			rest.add(i, g.items[i])
		}
		var split *cluster
		if n >= 0 {
			split = g.mut(n)
		} else {
			n = len(g.clusters)
			split = &cluster{source: s}
			g.clusters = append(g.clusters, split)
			if g.owned != nil {
				g.owned[n] = true
			}
		}
		for _, i := range in {
			g.setCluster(i, n)
			split.add(i, g.items[i])
		}
	}
}

// order returns the items in the order they are placed: strongest first,
// then finer dates, then in text order.
func (g *grouper) order(items []int) []int {
	order := append([]int(nil), items...)
	sort.SliceStable(order, func(a, b int) bool {
		x, y := g.items[order[a]], g.items[order[b]]
		if x.strength != y.strength {
			return x.strength < y.strength
		}
		if x.gran != y.gran {
			return x.gran > y.gran
		}
		if x.article != y.article {
			return x.article < y.article
		}
		if x.c.Block != y.c.Block {
			return x.c.Block < y.c.Block
		}
		if x.c.Start != y.c.Start {
			return x.c.Start < y.c.Start
		}
		return x.m != nil && y.m != nil && x.m.ExprStart < y.m.ExprStart
	})
	return order
}

// assign places item i: in the most similar compatible cluster, in a new
// one, or nowhere (a weak mention that joins nothing).
func (g *grouper) assign(i int) {
	it := g.items[i]
	if it.strength == 0 { // an editor's: its cluster exists
		g.explain.place(it, Placement{Outcome: Declared})
		g.place(i)
		return
	}
	if it.strength == 6 {
		// continues an editor's citation: the editor's event has it
		g.explain.place(it, Placement{Outcome: Dropped, Reason: "it continues a sentence an editor cites"})
		return
	}
	if it.follows >= 0 { // goes with the sentence it continues
		p := Placement{Outcome: Dropped, Reason: "it continues a sentence that is in no event", With: g.items[it.follows].c}
		if c := int(g.clusterOf[it.follows]); c >= 0 {
			if _, ok := g.similarityTo(i, c, 0, false); ok {
				g.setCluster(i, c)
				g.mut(c).add(i, it)
				p.Outcome, p.Reason = Continued, ""
			} else {
				p.Reason = "it continues a sentence but shares nothing with its event"
			}
		}
		g.explain.place(it, p)
		return
	}
	cands := g.candidates(i)
	g.work.add(groupCandidates, len(cands))
	best, bestSim := g.best(i, cands)
	if g.explain != nil {
		g.trace(i, best, len(cands), bestSim)
	}
	g.settle(i, best)
}

// best returns the candidate cluster most similar to item i, if one is
// similar enough (-1 if none), and the similarity: the greatest, the
// lowest cluster among those as similar. The candidates are scored in
// decreasing order of the bound of their score (see ranked), until the
// bound is below the best score found: a mention shares a word and a
// month with hundreds of events of a busy story, and comparing it with
// the members of each was most of grouping.
func (g *grouper) best(i int, cands []int) (int, float64) {
	best, bestSim := -1, 0.0
	if g.bounds.unpruned {
		for _, c := range cands {
			if sim, ok := g.score(i, c); ok && (sim > bestSim || sim == bestSim && c < best) {
				best, bestSim = c, sim
			}
		}
		return best, bestSim
	}
	rs := g.ranked(i, cands, nil)
	for _, r := range rs {
		if !r.mayBeat(bestSim) {
			break
		}
		if sim, ok := g.scoreRanked(i, r); ok && (sim > bestSim || sim == bestSim && r.c < best) {
			best, bestSim = r.c, sim
		}
	}
	return best, bestSim
}

// rankedCand is a candidate cluster that item i may join, with the cosine
// of i with its centroid and a bound of i's score with it (scoreBound).
type rankedCand struct {
	c          int
	cos, bound float64
}

// mayBeat reports whether the candidate's score may be at least sim: the
// bound's sums are rounded otherwise than the score's (boundMargin).
func (r rankedCand) mayBeat(sim float64) bool { return r.bound >= sim-boundMargin }

// ranked returns the candidates cands of item i that its score may let it
// join, appended to buf, in decreasing order of the bound of the score
// (the lower cluster first among equal bounds). The others are those
// score turns away without looking at their members: another source's
// event, the other side of a denial, or a bound below what joining needs.
func (g *grouper) ranked(i int, cands []int, buf []rankedCand) []rankedCand {
	it := g.items[i]
	need := needOf(it)
	for _, c := range cands {
		cl := g.clusters[c]
		if otherSource(it, cl) || g.otherSide(it, cl) {
			continue
		}
		cos, dotBound := cl.centroidAndBound(it.vec)
		b := scoreBound(it, cl, cos, dotBound)
		if b < need-boundMargin {
			g.work.add(groupBounded, 1)
			continue
		}
		buf = append(buf, rankedCand{c: c, cos: cos, bound: b})
	}
	slices.SortFunc(buf, func(a, b rankedCand) int {
		if a.bound != b.bound {
			return cmp.Compare(b.bound, a.bound)
		}
		return a.c - b.c
	})
	return buf
}

// scoreRanked is score(i, r.c), with what ranked found.
func (g *grouper) scoreRanked(i int, r rankedCand) (float64, bool) {
	return g.membersScore(i, r.c, r.cos, needOf(g.items[i]), true)
}

// score is the similarity of item i with candidate cluster c, and whether
// i may join it.
func (g *grouper) score(i, c int) (float64, bool) {
	if otherSource(g.items[i], g.clusters[c]) {
		return 0, false
	}
	return g.similarity(i, c)
}

// otherSource reports that cl was split off by its source (splitSources)
// and it is not of that source: such an event takes only its source's
// sentences.
func otherSource(it *item, cl *cluster) bool {
	return cl.source != "" && (it.m == nil || it.m.Source != cl.source)
}

// otherSide reports that it denies what cl reports, or the other way
// round (unless it directly follows a member: see nextTo). A denial is
// not the claim it denies.
func (g *grouper) otherSide(it *item, cl *cluster) bool {
	return cl.denies != it.c.Denies && !g.nextTo(it, cl)
}

// settle places item i, a mention neither an editor's nor continuing
// another sentence, in cluster best, or in a new cluster when best is -1
// and it may found one, or drops it.
func (g *grouper) settle(i, best int) {
	it := g.items[i]
	switch {
	case best >= 0:
		g.setCluster(i, best)
		g.mut(best).add(i, it)
	case it.canFound():
		g.setCluster(i, len(g.clusters))
		cl := &cluster{}
		cl.add(i, it)
		g.clusters = append(g.clusters, cl)
		if g.owned != nil {
			g.owned[len(g.clusters)-1] = true
		}
	default:
		return // a weak mention that joins nothing is dropped
	}
	g.place(i)
}

// clusterThreshold is the likeness of two events (the mean of their
// centroids' cosine and of their closest members' cosine) from which they
// are one event.
const clusterThreshold = 0.38

// mergeClose merges events whose centroids are alike and whose dates are
// compatible: the greedy pass above splits a happening when its first
// mentions are too unlike one another (a bare quotation "aired Tuesday
// night", a report of the same interview "on Wednesday") and only later
// mentions show they are one.
func (g *grouper) mergeClose() {
	if g.explain == nil && g.work == nil && g.owned == nil && g.extra == nil && runtime.GOMAXPROCS(0) > 1 {
		g.mergeCloseAll()
		return
	}
	for a := range g.clusters {
		if a%1024 == 0 && g.ctx.Err() != nil {
			return
		}
		g.mergeCloseAt(a, false, nil)
	}
}

// mergeCloseAt merges cluster a with the most alike cluster, as
// mergeClose does; mergeClose looks only at clusters after a (those
// before were looked at already), anyBefore looks at all. The clusters
// looked at are those that share an indexed feature and month with a
// member of a, or with one of seeds if it is not nil.
// It returns the cluster that took the items (target) and the one
// emptied (source); ok is false when it merged none.
func (g *grouper) mergeCloseAt(a int, anyBefore bool, seeds []int) (target, source int, ok bool) {
	if len(g.clusters[a].items) == 0 {
		return 0, 0, false
	}
	if seeds == nil {
		seeds = g.clusters[a].items
	}
	cands := g.candidatesOf(seeds)
	g.work.add(mergeCandidates, len(cands))
	best, bestSim := g.closest(a, anyBefore, cands)
	return g.mergePair(a, best, bestSim)
}

// closest returns the candidate cluster most alike cluster a that it may
// merge with (-1 if none), and the likeness, as mergeCloseAt looks for it.
func (g *grouper) closest(a int, anyBefore bool, cands []int) (int, float64) {
	ca := g.clusters[a]
	best, bestSim := -1, 0.0
	for _, b := range cands {
		cb := g.clusters[b]
		if b == a || b < a && !anyBefore || len(cb.items) == 0 || ca.draft != nil && cb.draft != nil || ca.source != cb.source || !g.compatibleClusters(ca, cb) {
			continue
		}
		cs, linkBound := centroidSimAndBound(ca, cb)
		if ca.figures && cb.figures {
			linkBound += sharedFigureBonus
		}
		// A candidate that cannot be the most alike, or alike enough to
		// merge, is not compared member by member.
		if !g.bounds.unpruned && (cs+linkBound)/2 < max(bestSim, clusterThreshold)-boundMargin {
			g.work.add(mergeBounded, 1)
			continue
		}
		if g.speakersDiffer(ca, cb) {
			continue
		}
		if sim := (cs + g.maxLink(ca, cb)) / 2; sim > bestSim {
			best, bestSim = b, sim
		}
	}
	return best, bestSim
}

// mergePair merges clusters a and best when they are alike enough (see
// clusterThreshold), and returns the one that took the items (target) and
// the one emptied (source); ok is false when they were not merged.
func (g *grouper) mergePair(a, best int, bestSim float64) (target, source int, ok bool) {
	if best < 0 || bestSim < clusterThreshold {
		return 0, 0, false
	}
	target, source = a, best
	if g.clusters[best].draft != nil { // keep the editor's draft
		target, source = best, a
	}
	into, from := g.mut(target), g.mut(source)
	g.explain.step(Step{Kind: "merge", From: g.items[from.items[0]].c, Into: g.items[into.items[0]].c, Similarity: bestSim})
	for _, i := range from.items {
		g.setCluster(i, target)
		into.add(i, g.items[i])
	}
	from.empty()
	return target, source, true
}

// clusterCandidates returns the clusters that share an indexed feature and
// month with a member of c.
func (g *grouper) clusterCandidates(c *cluster) []int {
	return g.candidatesOf(c.items)
}

// candidatesOf returns the clusters that share an indexed feature and
// month with one of the items.
func (g *grouper) candidatesOf(items []int) []int {
	out, _ := g.candidatesOfWith(items, &g.scratch)
	return out
}

// candidatesOfWith is candidatesOf, marking clusters in sc; full reports
// that the candidates of an item were as many as are kept (see
// candidates), so that others may have been left out.
func (g *grouper) candidatesOfWith(items []int, sc *scratch) (out []int, full bool) {
	limit := bound(g.bounds.candidates, maxCandidates)
	if len(items) == 1 {
		out = g.candidatesWith(items[0], sc)
		return out, len(out) >= limit
	}
	seen := map[int]bool{}
	// An item with the keys of one looked at has its candidates: the
	// members of a big event are often one sentence, repeated.
	looked := map[string]bool{}
	var buf []byte
	for _, i := range items {
		buf = appendKeys(buf[:0], g.keys(i))
		if looked[string(buf)] && !g.bounds.unpruned {
			continue
		}
		looked[string(buf)] = true
		cands := g.candidatesWith(i, sc)
		full = full || len(cands) >= limit
		for _, k := range cands {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Ints(out)
	return out, full
}

// appendKeys appends the bytes of keys to b.
func appendKeys(b []byte, keys []postingKey) []byte {
	for _, k := range keys {
		b = binary.LittleEndian.AppendUint32(b, uint32(k.feature))
		b = binary.LittleEndian.AppendUint32(b, uint32(k.month))
	}
	return b
}

// maxLink is the best cosine between members of a and b.
func (g *grouper) maxLink(a, b *cluster) float64 {
	best := 0.0
	for _, i := range a.items {
		for _, j := range b.items {
			best = max(best, dot(g.items[i].vec, g.items[j].vec)+figureBonus(g.items[i], g.items[j]))
		}
	}
	return best
}

// figureBonus is added when two sentences give the same figure ("3,000
// residents", "$1.4 billion"): a happening's own numbers identify it.
func figureBonus(a, b *item) float64 {
	if a.m == nil || b.m == nil {
		return 0
	}
	for _, x := range a.figureTerms() {
		for _, y := range b.figureTerms() {
			if x == y {
				return sharedFigureBonus
			}
		}
	}
	return 0
}

// figureTerms returns the terms of the item's mention that are figures
// ("3,000", "1.4"), made the first time they are asked for.
func (it *item) figureTerms() []string {
	if !it.figuresMade {
		it.figuresMade = true
		for _, x := range it.m.Terms {
			if len(x) >= 2 && x[0] >= '0' && x[0] <= '9' {
				it.figures = append(it.figures, x)
			}
		}
	}
	return it.figures
}

// sharedFigureBonus: see figureBonus.
const sharedFigureBonus = 0.08

// centroidSim is the cosine of two clusters' centroids.
func centroidSim(a, b *cluster) float64 {
	sim, _ := centroidSimAndBound(a, b)
	return sim
}

// centroidSimAndBound returns centroidSim(a, b) and a bound of the cosine
// of any member of a with any member of b: the sum, over the features of
// both, of the greatest weight a member of each gives it.
func centroidSimAndBound(a, b *cluster) (sim, linkBound float64) {
	if a.norm2 == 0 || b.norm2 == 0 {
		return 0, 0
	}
	var d float64
	k := 0
	for j, id := range a.ids {
		for k < len(b.ids) && b.ids[k] < id {
			k++
		}
		if k < len(b.ids) && b.ids[k] == id {
			d += a.ws[j] * b.ws[k]
			linkBound += float64(a.mx[j]) * float64(b.mx[k])
		}
	}
	return d / math.Sqrt(a.norm2*b.norm2), linkBound
}

// setCluster puts item i in cluster c.
func (g *grouper) setCluster(i, c int) {
	if i >= g.shared {
		g.items[i].cluster = c
	}
	g.clusterOf[i] = int32(c)
}

// mut returns cluster c for a change: in an overlay (see overlay), a copy
// of it the first time.
func (g *grouper) mut(c int) *cluster {
	if g.owned == nil || g.owned[c] {
		return g.clusters[c]
	}
	g.owned[c] = true
	old := g.clusters[c]
	cl := old.clone()
	g.clusters[c] = cl
	return cl
}

// place indexes an item under its heaviest features and months.
func (g *grouper) place(i int) {
	it := g.items[i]
	p := posting{item: int32(i), start: dayKey(it.iv.Start), end: dayKey(it.iv.End)}
	limit := bound(g.bounds.postings, maxPostings)
	for n, k := range g.keys(i) {
		base := g.index.list(it.keyIDs[n])
		switch {
		case g.extra != nil:
			if len(base)+len(g.extra[k]) < limit {
				g.extra[k] = append(g.extra[k], p)
			}
		case len(base) < limit:
			g.index.lists[it.keyIDs[n]] = append(base, p)
		}
	}
}

// postingIndex holds the postings of the items placed by key, a key by
// its id: an item's keys are looked up once (see grouper.keys), not
// each time its candidates are.
type postingIndex struct {
	ids   map[postingKey]int32
	lists [][]posting
}

// id returns the id of key k; if it has none, a new one if add is set,
// else -1.
func (x *postingIndex) id(k postingKey, add bool) int32 {
	id, ok := x.ids[k]
	if !ok {
		if !add {
			return -1
		}
		id = int32(len(x.lists))
		x.ids[k] = id
		x.lists = append(x.lists, nil)
	}
	return id
}

// list returns the postings of the key of id (none for -1).
func (x *postingIndex) list(id int32) []posting {
	if id < 0 {
		return nil
	}
	return x.lists[id]
}

// posting is an item placed under an index key, with the first and last
// days of its date (dayKey): most items a month's key holds are of other
// days than the one looked up, and their events cannot take it (see
// candidates).
type posting struct {
	item, start, end int32
}

// dayKey orders days as timex.Date.Compare does, in 32 bits: the Key of
// the day, saturated for years beyond a million, which then compare
// equal (and are never told apart as other days).
func dayKey(d timex.Date) int32 {
	return int32(min(max(d.Key(), -1<<30), 1<<30))
}

// maxPostings is how many mentions the index keeps under one feature and
// month: the first ones placed (the strongest). A word that more mentions
// of one month share says little about which of them report the same
// happening, and the events of the first ones stay findable through it;
// without a bound, the mentions looked at for each new one would grow with
// the number of articles, and grouping with its square.
const maxPostings = 256

// keys returns the index keys of item i: its heaviest features in each
// month it spans, in that order. They depend on the vector and the
// document frequencies only, which do not change while grouping, so they
// are made once per item.
func (g *grouper) keys(i int) []postingKey {
	it := g.items[i]
	if it.keys == nil {
		ms := months(it.iv)
		fs := g.heaviest(it.vec)
		it.keys = make([]postingKey, 0, len(fs)*len(ms))
		for _, f := range fs {
			for _, m := range ms {
				it.keys = append(it.keys, postingKey{f, m})
			}
		}
		// An overlay's index is its grouper's: keys it has not are in
		// the overlay's extra.
		it.keyIDs = make([]int32, len(it.keys))
		for n, k := range it.keys {
			it.keyIDs[n] = g.index.id(k, g.extra == nil)
		}
	}
	return it.keys
}

// heaviest returns the ids of the heaviest features that are not too
// common to index.
func (g *grouper) heaviest(v vector) []int32 {
	fs := make(vector, 0, len(v))
	for _, f := range v {
		if g.vocab.df[f.id] <= g.dfCap {
			fs = append(fs, f)
		}
	}
	sort.SliceStable(fs, func(a, b int) bool {
		if fs[a].w != fs[b].w {
			return fs[a].w > fs[b].w
		}
		return fs[a].id < fs[b].id
	})
	if len(fs) > topFeatures {
		fs = fs[:topFeatures]
	}
	ids := make([]int32, len(fs))
	for k, f := range fs {
		ids[k] = f.id
	}
	return ids
}

// candidates returns the clusters of placed items that share a heavy
// feature and a month with item i and whose dates may be compatible with
// its (mayAccept), in increasing order: at most maxCandidates of them,
// those that share the most (then the first made). In a month of a busy
// story most events that share a word with a mention are of other days.
func (g *grouper) candidates(i int) []int { return g.candidatesWith(i, &g.scratch) }

// scratch marks the clusters candidates finds.
type scratch struct {
	seen   []int // the stamp of the call that found a cluster
	stamp  int
	hits   []int32 // for a cluster seen at stamp, the postings that found it
	counts []int32 // mostHits's
}

// candidatesWith is candidates, marking clusters in sc: goroutines that
// look for candidates at once each have their own.
func (g *grouper) candidatesWith(i int, sc *scratch) []int {
	sc.stamp++
	if len(sc.seen) < len(g.clusters) {
		sc.seen = append(sc.seen, make([]int, len(g.clusters)-len(sc.seen))...)
		sc.hits = append(sc.hits, make([]int32, len(g.clusters)-len(sc.hits))...)
	}
	var out []int
	it := g.items[i]
	reach := reachOf(it)
	// The members of an event that may take it have dates within win:
	// those of other postings rule out their events (mayAccept).
	win := it.iv
	if it.gran >= timex.Day {
		win = reach
	}
	lo, hi := dayKey(win.Start), dayKey(win.End)
	if g.bounds.unpruned {
		lo, hi = math.MinInt32, math.MaxInt32
	}
	for n, k := range g.keys(i) {
		var extra []posting // an overlay's own
		if g.extra != nil {
			extra = g.extra[k]
		}
		for _, placed := range [2][]posting{g.index.list(it.keyIDs[n]), extra} {
			g.work.add(groupPostings, len(placed))
			for _, p := range placed {
				if p.start > hi || p.end < lo {
					continue
				}
				c := int(g.clusterOf[p.item])
				if c < 0 {
					continue
				}
				if sc.seen[c] != sc.stamp {
					sc.seen[c] = sc.stamp
					sc.hits[c] = 0
					if !g.bounds.unpruned && !g.clusters[c].mayAccept(it, reach) {
						sc.hits[c] = -1 // left out
						continue
					}
					out = append(out, c)
				}
				if sc.hits[c] >= 0 {
					sc.hits[c]++
				}
			}
		}
	}
	sort.Ints(out)
	if max := bound(g.bounds.candidates, maxCandidates); len(out) > max {
		out = mostHits(out, sc.hits, max, &sc.counts)
	}
	return out
}

// mostHits returns, in increasing order, the k clusters of cs (sorted)
// with the most hits, the lower first among those with as many: what
// sorting cs by hits and cutting it to k keeps, found by sorting the hit
// counts alone (in *buf) rather than cs with a comparison function, which
// took about a twentieth of a build of 100,000 articles.
func mostHits(cs []int, hits []int32, k int, buf *[]int32) []int {
	counts := (*buf)[:0]
	for _, c := range cs {
		counts = append(counts, hits[c])
	}
	slices.Sort(counts)
	*buf = counts
	least := counts[len(counts)-k] // the k-th most hits
	more := len(counts) - sort.Search(len(counts), func(n int) bool { return counts[n] > least })
	ties := k - more // of those with least hits, the first ties are kept
	out := cs[:0]
	for _, c := range cs {
		if h := hits[c]; h > least || h == least && ties > 0 {
			if h == least {
				ties--
			}
			out = append(out, c)
		}
	}
	return out
}

// maxMembers is the most members of an event whose sentences a mention is
// compared with (see similarityTo). Events of Timeline17 stories have up
// to some 80 members; an event reported in thousands of sentences would
// make each new one cost thousands of comparisons.
const maxMembers = 128

// maxCandidates is the most events a mention is scored against: those
// that share the most of its heaviest features (in the months its date
// spans). The stories of Timeline17 give a mention up to some 500; a
// story of tens of thousands of articles would give it thousands, each
// scored against its members, and grouping would grow with the square of
// the articles.
const maxCandidates = 1024

// similarity scores item i against cluster c: the best cosine with a
// member (plus a bonus for the very same date), if i's date is compatible
// with every member's and c holds no other mention of the same sentence.
func (g *grouper) similarity(i, c int) (float64, bool) {
	need := needOf(g.items[i])
	// The penalties for a much coarser or finer member's date, and for a
	// member's date only adjacent to i's, are found in the same pass over
	// the members (see similarityTo).
	return g.similarityTo(i, c, need, true)
}

// needOf is the similarity item it needs to join an event, before the
// penalties for the members' dates.
func needOf(it *item) float64 {
	if it.strength > 1 {
		return threshold + weakPenalty // a date from the context is weak evidence
	}
	return threshold
}

// nextTo reports whether a mention dated by its context directly follows a
// member of c in the same article: "HydroNord denied the claim.
// “All maintenance was carried out,” a spokesman said."
func (g *grouper) nextTo(it *item, c *cluster) bool {
	if it.m == nil || it.strength <= 1 {
		return false
	}
	for _, j := range c.items {
		o := g.items[j]
		if o.m != nil && o.article == it.article && it.m.Sentences-o.m.Sentences == 1 {
			return true
		}
	}
	return false
}

// similarityTo scores item i against cluster c as similarity does, with
// need the score it must reach; with penalties, need grows when a
// member's date is much coarser or finer than i's, or only adjacent.
func (g *grouper) similarityTo(i, c int, need float64, penalties bool) (float64, bool) {
	it := g.items[i]
	cl := g.clusters[c]
	if need > 0 && g.otherSide(it, cl) {
		return 0, false
	}
	cos, dotBound := cl.centroidAndBound(it.vec)
	if need > 0 && !g.bounds.unpruned && scoreBound(it, cl, cos, dotBound) < need-boundMargin {
		g.work.add(groupBounded, 1)
		return 0, false // however alike its members' dates and sentences
	}
	return g.membersScore(i, c, cos, need, penalties)
}

// membersScore is what similarityTo gives from the members of cluster c,
// with cos the cosine of item i with its centroid.
func (g *grouper) membersScore(i, c int, cos, need float64, penalties bool) (float64, bool) {
	it := g.items[i]
	best := 0.0
	cl := g.clusters[c]
	// Every member's date must be compatible; the sentences are compared
	// with at most maxMembers of them (the first and the last, and those
	// of the same article).
	members := cl.items
	half := bound(g.bounds.members, maxMembers) / 2
	compared := 0
	coarse, adjacent := false, false
	defer func() { g.work.add(groupMembers, compared) }()
	d, _ := g.denses.Get().(*dense)
	if d == nil {
		d = new(dense)
	}
	d.spread(it.vec)
	defer func() {
		d.unspread(it.vec)
		g.denses.Put(d)
	}()
	compare := func(o *item) {
		compared++
		s := d.dot(o.vec) + figureBonus(it, o)
		if it.date == o.date {
			s += sameDateBonus
		}
		if it.strength > 1 && o.m != nil && it.article == o.article {
			// A sentence dated by its context likely goes on with what the
			// sentences near it report, and a person's words in one article
			// usually come from one statement.
			s += proximityBonus(it.m.Sentences - o.m.Sentences)
			if it.m.Speaker != "" && it.m.Speaker == o.m.Speaker {
				s += sameSpeakerBonus
			}
		}
		best = max(best, s)
	}
	if !g.bounds.unpruned && !cl.editors && !cl.hasArticle(it.article) {
		// No member of the same article: what the loop below finds,
		// without going through thousands of members of a big event.
		if !cl.acceptsAll(it) {
			return 0, false
		}
		coarse = cl.finest-it.gran >= 3 || it.gran-cl.coarsest >= 3
		adjacent = !cl.overlapsAll(it)
		if len(members) > 2*half {
			for _, j := range members[:half] {
				compare(g.items[j])
			}
			members = members[len(members)-half:]
		}
		for _, j := range members {
			compare(g.items[j])
		}
	} else {
		for k, j := range members {
			o := g.items[j]
			overlaps := it.iv.Overlaps(o.iv)
			if !overlaps && !nextDay(it, o) || // not compatible
				o.article == it.article && o.sentence() == it.sentence() {
				return 0, false
			}
			coarse = coarse || o.gran-it.gran >= 3 || it.gran-o.gran >= 3
			adjacent = adjacent || !overlaps
			if len(members) > 2*half && k >= half && k < len(members)-half && o.article != it.article {
				continue
			}
			compare(o)
		}
	}
	// The best link, tempered by the likeness to the event as a whole (its
	// centroid), as in topic detection and tracking: one similar sentence
	// in a big event about other things is weak evidence.
	if penalties {
		if coarse {
			need += coarsePenalty
		}
		if adjacent {
			need += adjacentPenalty
		}
	}
	score := best
	if len(cl.items) > 1 {
		score = (best + cos + bonusOf(it, g, cl)) / 2
	}
	return score, score >= need
}

// scoreBound is an upper bound of the score similarityTo gives item it
// with cluster cl, from what the cluster keeps of its members: cos, the
// cosine with its centroid, and dotBound, a bound of the cosine with any
// member (see centroidAndBound), with each bonus a member might give
// (the same date, a figure, a sentence near it in its article). A mention
// is scored against up to maxCandidates events of up to thousands of
// members; most share a word and a month with it but are about something
// else, and this tells so without looking at their members.
func scoreBound(it *item, cl *cluster, cos, dotBound float64) float64 {
	best, bonus := dotBound, 0.0
	if cl.mayShareDate(it) {
		best += sameDateBonus
		bonus += sameDateBonus
	}
	if it.m != nil && cl.figures && len(it.figureTerms()) > 0 {
		best += sharedFigureBonus
	}
	if it.strength > 1 && it.m != nil && cl.hasArticle(it.article) {
		best += proximityBonus(0)
		bonus += proximityBonus(0)
		if it.m.Speaker != "" {
			best += sameSpeakerBonus
		}
	}
	if len(cl.items) > 1 {
		return (best + cos + bonus) / 2
	}
	return best
}

// boundMargin covers the rounding of scoreBound's sums, made in a different
// order and precision than the scores' (float32 dot products).
const boundMargin = 1e-4

// bonusOf is the date and proximity bonus of item it with the cluster's
// closest member, added once to the centroid part of the score.
func bonusOf(it *item, g *grouper, cl *cluster) float64 {
	b := 0.0
	for _, j := range cl.items {
		o := g.items[j]
		x := 0.0
		if it.date == o.date {
			x += sameDateBonus
		}
		if it.strength > 1 && o.m != nil && it.article == o.article {
			x += proximityBonus(it.m.Sentences - o.m.Sentences)
		}
		b = max(b, x)
	}
	return b
}

// features returns the words and entities of a mention for the vectors,
// and which of them are entities.
func features(m *mentions.Mention, canon map[string]string) []string {
	fs := append([]string(nil), m.Terms...)
	for _, e := range m.Entities {
		fs = append(fs, entityFeature(e, canon))
	}
	return fs
}

func entityFeature(e entities.Entity, canon map[string]string) string {
	k := e.Key
	if c, ok := canon[k]; ok {
		k = c
	}
	return "\x00" + k
}

func isEntityFeature(f string) bool { return strings.HasPrefix(f, "\x00") }

// canonicalPeople maps the surname keys of people that are spellings of
// one another (Mekdad, Miqdad) to one key: the first in sorted order.
func canonicalPeople(ms []*mentions.Mention) map[string]string {
	var keys []string
	seen := map[string]bool{}
	for _, m := range ms {
		for _, e := range m.Entities {
			if (e.Kind == entities.Person || e.Kind == entities.Other) && !seen[e.Key] {
				seen[e.Key] = true
				keys = append(keys, e.Key)
			}
		}
	}
	sort.Strings(keys)
	// entities.Same needs the same first letter and lengths at most one
	// apart: each key is compared with the later keys of those lengths
	// only, in the same order as with every later key.
	type bucket struct {
		first byte
		n     int
	}
	at := map[bucket][]int{} // positions in keys, ascending
	for i, k := range keys {
		b := bucket{k[0], len(k)}
		at[b] = append(at[b], i)
	}
	canon := map[string]string{}
	for i, k := range keys {
		if _, done := canon[k]; done {
			continue
		}
		for n := len(k) - 1; n <= len(k)+1; n++ {
			list := at[bucket{k[0], n}]
			for _, j := range list[sort.SearchInts(list, i+1):] {
				o := keys[j]
				if _, done := canon[o]; !done && entities.Same(entities.Entity{Kind: entities.Person, Key: k}, entities.Entity{Kind: entities.Person, Key: o}) {
					canon[o] = k
				}
			}
		}
	}
	return canon
}

// release drops what grouping needs and the drafts do not (the index, the
// clusters, the items; the vocabulary stays for distinct), so that a
// large story's grouping does not stay in memory while its events are
// made.
func (g *grouper) release() {
	g.index, g.extra, g.clusters, g.clusterOf, g.seen, g.hits, g.items = nil, nil, nil, nil, nil, nil, nil
	g.happeningIdx = nil
}

// distinct reports whether feature f is distinctive: not so common in
// the story that sharing it says little. They are the features the index
// of candidates holds (see heaviest). With no grouping, every feature is.
func (g *grouper) distinct(f int32) bool {
	return g == nil || int(f) >= len(g.vocab.df) || g.vocab.df[f] <= g.dfCap
}
