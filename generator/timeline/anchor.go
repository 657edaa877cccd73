package timeline

import (
	"context"
	"sort"
	"strconv"
	"strings"
)

// cite is a citation with the event that makes it.
type cite struct {
	c *Citation
	e *Event
}

// anchor orders every event's citations by article and position, gives
// every cited range of every article a fragment id (merging ranges that
// overlap), and links citations and articles to them.
//
// It stops early, leaving the articles incomplete, when ctx is done.
func (m *Model) anchor(ctx context.Context, cache *Cache) {
	order := map[string]int{}
	for i, a := range m.Articles {
		order[a.ID] = i
	}
	pos := map[string]int{}
	byArticle := map[string][]cite{}
	for i, e := range m.Events {
		pos[e.ID] = i
		sortCitations(e, order)
		for _, c := range e.Citations {
			byArticle[c.Article] = append(byArticle[c.Article], cite{c, e})
		}
	}
	for i, a := range m.Articles {
		if i%256 == 0 && ctx.Err() != nil {
			return
		}
		a.setAnchors(byArticle[a.ID], pos, cache)
	}
}

// sortCitations orders an event's citations: its lead first (see
// Event.lead), then by article (in the order of order, which maps article
// ids to their places) and by position.
func sortCitations(e *Event, order map[string]int) {
	cs := e.Citations
	sort.SliceStable(cs, func(i, j int) bool {
		x, y := cs[i], cs[j]
		if (x == e.lead) != (y == e.lead) {
			return x == e.lead
		}
		if x.Article != y.Article {
			return order[x.Article] < order[y.Article]
		}
		return textOrder(x, y)
	})
}

// setAnchors gives an article the events citing it and its anchors. cites
// are its citations collected event by event in timeline order; pos gives
// those events' places in the timeline.
func (a *Article) setAnchors(cites []cite, pos map[string]int, cache *Cache) {
	a.Events = []string{}
	for i, ct := range cites {
		if i == 0 || cites[i-1].e != ct.e {
			a.Events = append(a.Events, ct.e.ID)
		}
	}
	sort.SliceStable(cites, func(i, j int) bool { return textOrder(cites[i].c, cites[j].c) })
	a.Anchors = anchorsOf(a, cites, cache)
	for _, an := range a.Anchors {
		sort.SliceStable(an.Events, func(i, j int) bool { return pos[an.Events[i]] < pos[an.Events[j]] })
	}
}

func textOrder(x, y *Citation) bool {
	if x.Block != y.Block {
		return x.Block < y.Block
	}
	if x.Start != y.Start {
		return x.Start < y.Start
	}
	return x.End < y.End
}

// anchorsOf merges the cited ranges of one article (cites in text order,
// events in timeline order) into anchors with unique fragments.
func anchorsOf(a *Article, cites []cite, cache *Cache) []*Anchor {
	var anchors []*Anchor
	var first []string // the quote that opens each anchor
	owner := make([]*Anchor, len(cites))
	for i, ct := range cites {
		c := ct.c
		n := len(anchors)
		if n > 0 && anchors[n-1].Block == c.Block && c.Start < anchors[n-1].End {
			anchors[n-1].End = max(anchors[n-1].End, c.End)
		} else {
			anchors = append(anchors, &Anchor{Block: c.Block, Start: c.Start, End: c.End})
			first = append(first, c.Quote)
		}
		owner[i] = anchors[len(anchors)-1]
	}
	used := map[string]bool{}
	next := map[string]int{} // the suffix to try next for a fragment: an article that repeats a sentence a thousand times must not try 2, 3, ... a thousand times
	for i, an := range anchors {
		f := fragmentOf(first[i], cache)
		id := f
		n := max(2, next[f])
		for ; used[id]; n++ {
			id = f + "-" + strconv.Itoa(n)
		}
		next[f] = n
		used[id] = true
		an.Fragment = id
	}
	for i, ct := range cites {
		an := owner[i]
		// Update shares citations with the last build's model: a citation
		// is written only when its anchor changes.
		if v := a.Page + "#" + an.Fragment; ct.c.Anchor != v {
			ct.c.Anchor = v
		}
		if !contains(an.Events, ct.e.ID) {
			an.Events = append(an.Events, ct.e.ID)
		}
	}
	return anchors
}

// fragment makes a readable URL fragment from a quote: "q-" and its first
// words, "q-german-french-and-spanish-agencies".
func fragment(quote string) string { return fragmentOf(quote, nil) }

// fragmentOf is fragment, with the slugs from the cache if there is one.
func fragmentOf(quote string, cache *Cache) string {
	n := 0
	var kept []string
	for _, w := range strings.Split(cache.slug(quote), "-") {
		if w == "" {
			continue
		}
		if len(kept) == 6 || n+len(w) > 40 {
			break
		}
		kept = append(kept, w)
		n += len(w) + 1
	}
	if len(kept) == 0 {
		return "q"
	}
	return "q-" + strings.Join(kept, "-")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
