package timeline

import (
	"cmp"
	"slices"
	"strings"

	"github.com/timeline-dev/timeline/generator/timex"
)

// Happenings. Outlets tell one happening in different words, and their
// sentences may share too few words for their cosine to say they are
// one: "The European Space Agency has landed a probe on a comet",
// "Confirmation of the landing reached mission control at 16:03 GMT",
// "The landing on Wednesday, watched live around the world, capped a
// 10-year journey", "the first spacecraft to land on a comet" (last
// week). What they keep is the word of the happening (the verb, or the
// noun made of it: mentions.Mention.Happenings) and its day. As in
// cross-document event coreference, where the same word for the event is
// the baseline to beat, two outlets that name the same happening on the
// same day, each dating it by its own expression, report one happening:
// mergeHappenings merges their events (and, through them, the events of
// the same outlet that name it that day), unless the word names the
// happening of many days in the story (a war kills on many days: two
// killings of one day need more than the word). Within one outlet the
// word is weaker evidence: an outlet retells in its own words (a live
// blog's updates, a follow-up's background), and two of its sentences
// naming one word on one day are as often two happenings (on the
// Timeline17 stories, each of one outlet, merging them cost ROUGE); its
// sentences join those of another outlet, or join by similarity.

// happeningShare is the least share of the sentences that name a
// happening (of those dated to a day by their own expression) that one
// day must have for the word to name that day's happening.
const happeningShare = 1.0 / 3

// happeningSpan is the most days the date of a sentence may span to name
// the happening of a day it contains ("landed last week").
const happeningSpan = 7

// happeningDay is a happening word on a day.
type happeningDay struct {
	word string
	day  timex.Date
}

// happeningIndex holds, for each happening word, the items that name it
// dated to a day by their own expression: how many sentences in all, and
// the items on each day.
type happeningIndex struct {
	total map[string]int
	on    map[happeningDay][]int
}

// indexHappenings indexes the items (see happeningIndex); a sentence
// with two dates counts once.
func indexHappenings(items []*item) *happeningIndex {
	h := &happeningIndex{total: map[string]int{}, on: map[happeningDay][]int{}}
	counted := map[[3]int]bool{}
	for i, it := range items {
		if !namesHappening(it) || it.iv.Start != it.iv.End {
			continue
		}
		first := !counted[it.sentence()]
		counted[it.sentence()] = true
		for _, w := range it.m.Happenings {
			if first {
				h.total[w]++
			}
			k := happeningDay{w, it.iv.Start}
			h.on[k] = append(h.on[k], i)
		}
	}
	return h
}

// namesHappening reports an item that may tell a day's happening: a
// mention dated by its own expression, to a week at most, that names a
// happening.
func namesHappening(it *item) bool {
	return it.m != nil && it.strength == 1 && len(it.m.Happenings) > 0 && it.iv.Days() <= happeningSpan
}

// mergeHappenings merges the events of the items that name a happening
// on its day (see above) with those of the other outlets that name it
// that day: those of every item for Build, those of the new items for
// Update (the items from g.indexed on, in no index: they are matched
// with the indexed items and with one another).
func (g *grouper) mergeHappenings(items []int) {
	h := g.happeningIdx
	if h == nil {
		return
	}
	// The days each happening is looked at, with the items of an Update.
	extra := map[happeningDay][]int{}
	var spans []int // items dated to more than a day ("last week")
	for _, i := range items {
		it := g.items[i]
		if !namesHappening(it) {
			continue
		}
		if it.iv.Start != it.iv.End {
			spans = append(spans, i)
			continue
		}
		for _, w := range it.m.Happenings {
			k := happeningDay{w, it.iv.Start}
			if _, ok := extra[k]; !ok {
				extra[k] = nil
			}
			if i >= g.indexed {
				extra[k] = append(extra[k], i)
			}
		}
	}
	inSpan := map[happeningDay][]int{}
	for _, i := range spans {
		it := g.items[i]
		for _, w := range it.m.Happenings {
			for d := it.iv.Start; !it.iv.End.Before(d); d = d.AddDays(1) {
				k := happeningDay{w, d}
				if len(h.on[k])+len(extra[k]) > 0 {
					inSpan[k] = append(inSpan[k], i)
					if _, ok := extra[k]; !ok {
						extra[k] = nil
					}
				}
			}
		}
	}
	keys := make([]happeningDay, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b happeningDay) int { return cmp.Or(a.day.Compare(b.day), strings.Compare(a.word, b.word)) })
	for _, k := range keys {
		on := len(h.on[k]) + len(extra[k])
		if float64(on) < happeningShare*float64(h.total[k.word]+len(extra[k])) {
			continue // the word names the happenings of many days
		}
		g.mergeDay(k, slices.Concat(h.on[k], extra[k], inSpan[k]))
	}
}

// mergeDay merges the events of items, which name happening k.word on
// day k.day, across outlets: each event of the day (see dayOf) with an
// earlier one that another outlet's item is in.
func (g *grouper) mergeDay(k happeningDay, items []int) {
	type event struct {
		cluster int
		outlets []string
	}
	var events []*event
	ofDay := map[int]bool{} // dayOf, once a cluster
	for _, i := range items {
		c := int(g.clusterOf[i])
		if c < 0 {
			continue
		}
		is, ok := ofDay[c]
		if !ok {
			is = g.dayOf(c, k.day)
			ofDay[c] = is
		}
		if !is {
			continue
		}
		o := g.outlets[g.items[i].article]
		at := slices.IndexFunc(events, func(e *event) bool { return e.cluster == c })
		if at < 0 {
			events = append(events, &event{cluster: c})
			at = len(events) - 1
		}
		if !slices.Contains(events[at].outlets, o) {
			events[at].outlets = append(events[at].outlets, o)
		}
	}
	for b := 1; b < len(events); b++ {
		for a := 0; a < b; a++ {
			ea, eb := events[a], events[b]
			if ea.cluster < 0 || eb.cluster < 0 || len(ea.outlets) == 1 && len(eb.outlets) == 1 && ea.outlets[0] == eb.outlets[0] {
				continue // merged already, or told by one outlet
			}
			if into, ok := g.mergeClusters(ea.cluster, eb.cluster, k.word); ok {
				merged := &event{cluster: into, outlets: ea.outlets}
				for _, o := range eb.outlets {
					if !slices.Contains(merged.outlets, o) {
						merged.outlets = append(merged.outlets, o)
					}
				}
				*ea, eb.cluster = *merged, -1
				break
			}
		}
	}
}

// dayOf reports that cluster c is of day d: d is the day most of its
// sentences dated to a day give (the first of the likeliest), or none is
// dated to a day. A sentence may have joined an event of the day before
// or after it, and the happening it names is not that event's.
func (g *grouper) dayOf(c int, d timex.Date) bool {
	if c < 0 {
		return false
	}
	n := map[timex.Date]int{}
	best, top := timex.Date{}, 0
	for _, i := range g.clusters[c].items {
		if it := g.items[i]; it.iv.Start == it.iv.End {
			day := it.iv.Start
			n[day]++
			if n[day] > top || n[day] == top && day.Before(best) {
				best, top = day, n[day]
			}
		}
	}
	return top == 0 || best == d
}

// mergeClusters merges clusters a and b, named on one day by happening
// word w, when they may be one event: both have items, not both are an
// editor's, neither was split off by its source unless both were by the
// same one, every date of one is compatible with every date of the
// other, neither denies what the other claims, and no two speakers say
// them. The editor's cluster, or else the first, keeps the items: into,
// if ok.
func (g *grouper) mergeClusters(a, b int, w string) (into int, ok bool) {
	if a == b {
		return a, true
	}
	ca, cb := g.clusters[a], g.clusters[b]
	if len(ca.items) == 0 || len(cb.items) == 0 || ca.draft != nil && cb.draft != nil || ca.source != cb.source ||
		!g.compatibleClusters(ca, cb) || g.speakersDiffer(ca, cb) {
		return 0, false
	}
	target, source := min(a, b), max(a, b)
	if g.clusters[source].draft != nil {
		target, source = source, target
	}
	to, from := g.mut(target), g.mut(source)
	g.explain.step(Step{Kind: "merge", From: g.items[from.items[0]].c, Into: g.items[to.items[0]].c,
		Similarity: centroidSim(to, from), Happening: w})
	for _, i := range from.items {
		g.setCluster(i, target)
		to.add(i, g.items[i])
	}
	from.empty()
	return target, true
}
