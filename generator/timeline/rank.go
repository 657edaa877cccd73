package timeline

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/internal/parallel"
	"github.com/timeline-dev/timeline/generator/timex"
)

// Ranking. An event matters as much as the happening it reports is looked
// back on, and a happening's date collects the signals of every event on
// it, so that one happening split into several events, or reported in
// many small ones, still ranks as one. The signals of a date, each
// counted in distinct articles so that an article repeating itself, or a
// day on which much was written, weighs once:
//
//   - later: articles published two or more days after the date that
//     refer to it by a time expression ("on April 20"): later reporting
//     that looks back on a happening is the strongest sign that it
//     mattered;
//   - explicit: articles published after the date that name it by an
//     absolute date ("April 20", "20 April 2010"), not a relative one
//     ("Tuesday", "last week");
//   - next and same: for a single day, the articles published the day
//     after and the day itself that cite an event on it (the day's news).
//
// Signals of a date wider than a day weigh less (see specificity). The
// event's own weight, from how many outlets (most) and articles cite
// it, ranks events within a date and lifts a widely reported one: in a
// story of one outlet the outlets weigh the same on every event, and the
// other signals rank. None counts the articles published on a day without
// citing it, so off-topic articles add nothing.

// Weights of the signals (see rawRank).
const (
	wLater    = 1.0
	wExplicit = 1.0
	wNext     = 0.5
	wSame     = 0.25
	wOutlets  = 1.0
	wArticles = 0.2
	sameDate  = 0.5 // see rankEvents
)

// rankOf is what ranking gives one event.
type rankOf struct {
	importance float64
	rank       int
	key        bool
}

// rankEvents ranks the events (in timeline order) from their citations,
// the articles' publication dates and relevance (see relevance), and
// returns, for each event, its
// importance (its raw score over the top one's, rounded to 0.001, at
// most 1), its rank (1 for the top; the events of the story's own time
// first (see Core); ties go to the event with more citations, then the
// earlier, then the smaller id) and whether it is a key event (among the
// first keyEvents(len(events)), and of the story's own time).
func rankEvents(events []*Event, articles []*Article, rel map[string]float64, cache *Cache) []rankOf {
	out, _ := rankAll(events, articles, rel, cache, false)
	return out
}

// The kinds of marks a citation leaves on its event's date (see Ranking):
// later, explicit, and day (dated by the article's publication).
const (
	markLater = iota
	markExplicit
	markDay
	markKinds
)

// mark is a citation's article, by the date it is counted for.
type mark struct {
	date    span
	article int32
}

// rankAll is rankEvents; with memo, it also returns what Update needs
// to rank the events again after an edit (see rankMemo).
func rankAll(events []*Event, articles []*Article, rel map[string]float64, cache *Cache, memo bool) ([]rankOf, *rankMemo) {
	arts := numberArticles(events, articles, rel)
	var marks [markKinds][]mark
	// cited holds the articles of every event's citations, numbered, one
	// event after another (event i's from at[i]), for citedBy below.
	cited := make([]int32, 0, len(events)*4)
	at := make([]int, len(events)+1)
	abs := absolutes{}
	for i, e := range events {
		at[i] = len(cited)
		cited = arts.marksOf(e, abs, &marks, cited)
	}
	at[len(events)] = len(cited)
	var sums signalSums
	for k := range marks {
		sortMarks(marks[k])
		sums.base[k] = arts.distinct(marks[k])
	}
	date := make([]float64, len(events))
	own := make([]float64, len(events))
	var scratch citedScratch
	for i, e := range events {
		date[i] = sums.dateSignal(e)
		own[i] = ownWeight(arts.citedBy(cited[at[i]:at[i+1]], &scratch))
	}
	ties := make([]string, len(events))
	out := rankScores(events, date, own, ties, cache)
	if !memo {
		return out, nil
	}
	return out, newRankMemo(events, arts, marks, sums.base, date, own, ties)
}

// marksOf appends the marks of event e's citations, and their articles
// (numbered) to cited.
func (n *numbered) marksOf(e *Event, abs absolutes, marks *[markKinds][]mark, cited []int32) []int32 {
	k := span{e.Date.Start, e.Date.End}
	for _, c := range e.Citations {
		a := n.num[c.Article]
		cited = append(cited, a)
		if !n.known[a] {
			continue
		}
		p := n.pub[a]
		gap := e.Date.End.DaysUntil(p)
		expr := c.Basis == "expression" || c.Origin == Editor
		if expr && gap >= 2 {
			marks[markLater] = append(marks[markLater], mark{k, a})
		}
		if expr && gap >= 1 && (c.Origin == Editor || abs.absolute(c.Expression)) {
			marks[markExplicit] = append(marks[markExplicit], mark{k, a})
		}
		if e.Date.Start == e.Date.End && (gap == 0 || gap == 1) {
			marks[markDay] = append(marks[markDay], mark{span{e.Date.Start, p}, a})
		}
	}
	return cited
}

// sortMarks sorts marks by date, then article.
func sortMarks(ms []mark) {
	slices.SortFunc(ms, compareMarks)
}

func compareMarks(a, b mark) int {
	if c := a.date.start.Compare(b.date.start); c != 0 {
		return c
	}
	if c := a.date.end.Compare(b.date.end); c != 0 {
		return c
	}
	return cmp.Compare(a.article, b.article)
}

// distinct sums, for each date of the sorted marks, the relevance of its
// distinct articles, in article order (so that the sums round alike on
// every run).
func (n *numbered) distinct(sorted []mark) map[span]float64 {
	sums := make(map[span]float64)
	for i, m := range sorted {
		if i == 0 || m != sorted[i-1] {
			sums[m.date] += n.rel[m.article]
		}
	}
	return sums
}

// signalSums are the sums of each kind of mark by date (see distinct):
// those of over, when it has the date, else those of base.
type signalSums struct {
	base, over [markKinds]map[span]float64
}

func (s *signalSums) get(kind int, d span) float64 {
	if x, ok := s.over[kind][d]; ok {
		return x
	}
	return s.base[kind][d]
}

// dateSignal is event e's date signal, scaled by its specificity.
func (s *signalSums) dateSignal(e *Event) float64 {
	k := span{e.Date.Start, e.Date.End}
	var next, same float64
	if e.Date.Start == e.Date.End {
		next, same = s.get(markDay, span{e.Date.Start, e.Date.Start.AddDays(1)}), s.get(markDay, k)
	}
	return dateSignal(s.get(markLater, k), s.get(markExplicit, k), next, same) * specificity(e.Date.Interval())
}

// rankScores ranks the events from each one's date signal and own
// weight. Within a date, the events go from the heaviest on, the k-th
// keeping sameDate^k of the date's signal: the date's first event
// carries it, and one day told in many events does not crowd the first
// ranks.
//
// ties holds, for each event, the key of its ties, or "" where it is
// not made yet; rankScores makes those it needs.
func rankScores(events []*Event, date, own []float64, ties []string, cache *Cache) []rankOf {
	byDate := map[[2]int64][]int{} // by start and end (see timex.Date.Key)
	for i, e := range events {
		k := [2]int64{e.Date.Start.Key(), e.Date.End.Key()}
		byDate[k] = append(byDate[k], i)
	}
	// The story's own time (see Core): an event wholly outside it is
	// background, however often it is looked back on ("the 1918 flu"
	// in a story of 2009). It ranks after the events of the story's
	// time, with a fraction of its score, and is no key event.
	far := make([]bool, len(events))
	ivs := make([]timex.Interval, len(events))
	for i, e := range events {
		ivs[i] = e.Date.Interval()
	}
	if lo, hi, ok := Core(ivs); ok {
		for i := range events {
			far[i] = outside(ivs[i], lo, hi)
		}
	}
	raw := make([]float64, len(events))
	top, topFar := 0.0, 0.0
	// Ties are broken by the date and the headline's words (as event ids
	// were once made), not by id: a rename, or how ids are made, must
	// not change the ranks.
	tie := func(i int) string {
		if ties[i] == "" {
			e := events[i]
			ties[i] = cache.headlineID(strings.ToLower(string(e.Date.Value)), e.Headline) + "\x00" + e.ID
		}
		return ties[i]
	}
	type weighed struct {
		own   float64
		cites int
		i     int
	}
	var byWeight []weighed
	for _, group := range byDate {
		// In the order of events where all else is equal (a group is in
		// that order): a stable sort, made with fewer comparisons.
		byWeight = byWeight[:0]
		for _, i := range group {
			byWeight = append(byWeight, weighed{own[i], len(events[i].Citations), i})
		}
		slices.SortFunc(byWeight, func(a, b weighed) int {
			if c := cmp.Compare(b.own, a.own); c != 0 {
				return c
			}
			if a.cites != b.cites {
				return cmp.Compare(b.cites, a.cites)
			}
			if c := strings.Compare(tie(a.i), tie(b.i)); c != 0 {
				return c
			}
			return cmp.Compare(a.i, b.i)
		})
		share := 1.0
		for _, x := range byWeight {
			i := x.i
			raw[i] = date[i]*share + own[i]
			if far[i] {
				raw[i] *= farWeight
				topFar = max(topFar, raw[i])
			} else {
				top = max(top, raw[i])
			}
			share *= sameDate
		}
	}
	if top == 0 {
		top = topFar
	}
	// The events of the story's time first, then by score, citations,
	// start and tie; what is compared held side by side.
	type ranked struct {
		far   bool
		raw   float64
		cites int
		start int64
		i     int
	}
	order := make([]ranked, len(events))
	for i, e := range events {
		order[i] = ranked{far[i], raw[i], len(e.Citations), e.Date.Start.Key(), i}
	}
	slices.SortFunc(order, func(a, b ranked) int {
		if a.far != b.far {
			return compareBool(a.far, b.far)
		}
		if c := cmp.Compare(b.raw, a.raw); c != 0 {
			return c
		}
		if a.cites != b.cites {
			return cmp.Compare(b.cites, a.cites)
		}
		if a.start != b.start {
			return cmp.Compare(a.start, b.start)
		}
		return strings.Compare(tie(a.i), tie(b.i))
	})
	out := make([]rankOf, len(events))
	keys := keyEvents(len(events))
	for r, x := range order {
		i := x.i
		o := &out[i]
		o.rank = r + 1
		o.key = o.rank <= keys && !far[i]
		if top > 0 {
			o.importance = math.Round(min(1, raw[i]/top)*1000) / 1000
		}
	}
	return out
}

// farWeight scales the score of an event outside the story's own time.
const farWeight = 0.25

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// dateSignal is a date's score from its signals: articles, each counted
// with its relevance (see rankEvents).
func dateSignal(later, explicit, next, same float64) float64 {
	l := math.Log1p
	return wLater*l(later) + wExplicit*l(explicit) + wNext*l(next) + wSame*l(same)
}

// ownWeight is an event's own score: its outlets, and its articles each
// counted with its relevance.
func ownWeight(outlets int, articles float64) float64 {
	return wOutlets*math.Log1p(float64(outlets)) + wArticles*math.Log1p(articles)
}

// specificity scales a date's signals by how precise it is: a day's
// signals are about one happening, a month's or a year's about whatever
// happened in it ("last year" looks back on no happening in particular).
func specificity(iv timex.Interval) float64 {
	switch days := iv.Days(); {
	case days <= 1:
		return 1
	case days <= 7:
		return 0.5
	case days <= 31:
		return 0.35
	case days <= 100:
		return 0.25
	default:
		return 0.15
	}
}

// numbered are the articles that events cite, numbered in the order of
// their ids: sums over distinct articles are made in that order (so that
// they round alike on every run), and numbers are looked up and compared
// faster than ids.
type numbered struct {
	num    map[string]int32
	known  []bool       // an article of the timeline (not only cited)
	pub    []timex.Date // its publication date
	outlet []int32      // its outlet, numbered
	rel    []float64    // its relevance
	// outlets numbers the outlets.
	outlets map[string]int32
}

// numberArticles numbers the articles and the ids that citations give.
func numberArticles(events []*Event, articles []*Article, rel map[string]float64) *numbered {
	byID := make(map[string]*Article, len(articles))
	ids := make([]string, 0, len(articles))
	for _, a := range articles {
		if _, ok := byID[a.ID]; !ok {
			ids = append(ids, a.ID)
		}
		byID[a.ID] = a
	}
	for _, e := range events {
		for _, c := range e.Citations {
			if _, ok := byID[c.Article]; !ok {
				byID[c.Article] = nil // cited, but no article of the timeline
				ids = append(ids, c.Article)
			}
		}
	}
	slices.Sort(ids)
	n := &numbered{
		num: make(map[string]int32, len(ids)), known: make([]bool, len(ids)), pub: make([]timex.Date, len(ids)),
		outlet: make([]int32, len(ids)), rel: make([]float64, len(ids)),
	}
	outlets := map[string]int32{}
	for i, id := range ids {
		n.num[id] = int32(i)
		n.rel[i] = rel[id]
		o := ""
		if a := byID[id]; a != nil {
			n.known[i], n.pub[i], o = true, a.Published, a.Outlet
		}
		k, ok := outlets[o]
		if !ok {
			k = int32(len(outlets))
			outlets[o] = k
		}
		n.outlet[i] = k
	}
	n.outlets = outlets
	return n
}

// citedScratch holds citedBy's lists from one event to the next.
type citedScratch struct{ arts, outs []int32 }

// citedBy counts the distinct outlets citing an event, and sums the
// relevance of the distinct articles that do: cited are the (numbered)
// articles of its citations.
func (n *numbered) citedBy(cited []int32, sc *citedScratch) (outlets int, articles float64) {
	arts, outs := sc.arts[:0], sc.outs[:0]
	defer func() { sc.arts, sc.outs = arts, outs }()
	for _, a := range cited {
		if !slices.Contains(arts, a) {
			arts = append(arts, a)
			if o := n.outlet[a]; !slices.Contains(outs, o) {
				outs = append(outs, o)
			}
		}
	}
	slices.Sort(arts)
	for _, a := range arts {
		articles += n.rel[a]
	}
	return len(outs), articles
}

// relevance returns, for each article, how much it is about the story,
// from 0 to 1 (the most central article): the cosine of its words (log
// term frequencies of the words of three letters or more that are not
// common words and appear in two articles or more) with the sum over all
// articles, over the largest, squared. A story's articles share its
// words; an article of another story, or a roundup of the day's news,
// does not. (No inverse document frequency: it would weigh the story's
// own words least.) With fewer than three articles, every article is
// relevant.
func relevance(articles []*content.Article, cache *Cache) map[string]float64 {
	rel := make(map[string]float64, len(articles))
	if len(articles) < 3 {
		for _, a := range articles {
			rel[a.ID] = 1
		}
		return rel
	}
	// Each article's words, counted on every core (and kept in the cache,
	// so that Update counts only the articles that changed), and numbered.
	tf := make([]*cachedWords, len(articles))
	var words int // the size of the vocabulary
	if cache == nil {
		// Numbered as they are counted, each article's words then let go:
		// a site's words are not all held at once as strings.
		var mu sync.Mutex
		vocab := map[string]int32{}
		parallel.For(context.Background(), len(articles), func(i int) {
			e := cache.wordsOf(articles[i])
			mu.Lock()
			e.number(vocab)
			mu.Unlock()
			e.counts = nil
			tf[i] = e
		})
		words = len(vocab)
	} else {
		parallel.For(context.Background(), len(articles), func(i int) { tf[i] = cache.wordsOf(articles[i]) })
		words = cache.wordIDs(tf)
	}
	df := make([]int32, words)
	for _, e := range tf {
		for _, id := range e.ids {
			df[id]++
		}
	}
	type weighted struct {
		id int32
		w  float64
	}
	vecs := make([][]weighted, len(articles))
	centroid := make([]float64, len(df))
	total := 0
	for _, e := range tf {
		total += len(e.ids)
	}
	all := make([]weighted, 0, total) // every article's vector, one after another
	for i := range articles {
		from := len(all)
		for k, id := range tf[i].ids { // in word order, as tf is
			if df[id] > 1 {
				all = append(all, weighted{id, tf[i].weights[k]})
			}
		}
		v := all[from:len(all):len(all)]
		norm := 0.0
		for _, x := range v {
			norm += x.w * x.w
		}
		if norm == 0 {
			continue
		}
		norm = math.Sqrt(norm)
		for k := range v {
			v[k].w /= norm
			centroid[v[k].id] += v[k].w
		}
		vecs[i] = v
	}
	top := 0.0
	cos := make([]float64, len(articles))
	for i := range articles {
		for _, x := range vecs[i] {
			cos[i] += x.w * centroid[x.id]
		}
		top = max(top, cos[i])
	}
	for i, a := range articles {
		rel[a.ID] = 1
		if top > 0 {
			r := cos[i] / top
			rel[a.ID] = r * r
		}
	}
	return rel
}

// wordCount is a word and how many times an article has it.
type wordCount struct {
	word string
	n    int
}

// wordCounts counts an article's words of three letters or more that are
// not common words, lower-cased, in word order.
func wordCounts(a *content.Article) []wordCount {
	at := wordIndexes.Get().(map[string]int) // index in out
	defer func() {
		clear(at)
		wordIndexes.Put(at)
	}()
	var out []wordCount
	var buf [32]byte
	count := func(w string) {
		if len(w) < 3 {
			return
		}
		var low []byte // an ASCII word with capitals, lower-cased in buf
		if ascii(w) && len(w) <= len(buf) {
			for k := 0; k < len(w) && low == nil; k++ {
				if 'A' <= w[k] && w[k] <= 'Z' {
					low = append(buf[:0], w...)
				}
			}
			for k, c := range low {
				if 'A' <= c && c <= 'Z' {
					low[k] = c + 'a' - 'A'
				}
			}
		} else {
			w = strings.ToLower(w)
		}
		if low != nil { // looked up with no string made unless it is new
			if commonWords[string(low)] {
				return
			}
			if k, ok := at[string(low)]; ok {
				out[k].n++
				return
			}
			w = string(low)
		} else {
			if commonWords[w] {
				return
			}
			if k, ok := at[w]; ok {
				out[k].n++
				return
			}
		}
		at[w] = len(out)
		out = append(out, wordCount{w, 1})
	}
	if a.Doc != nil {
		for _, blk := range a.Doc.Blocks {
			start := -1
			for i, r := range blk.Text {
				switch letter := unicode.IsLetter(r); {
				case letter && start < 0:
					start = i
				case !letter && start >= 0:
					count(blk.Text[start:i])
					start = -1
				}
			}
			if start >= 0 {
				count(blk.Text[start:])
			}
		}
	}
	slices.SortFunc(out, func(a, b wordCount) int { return strings.Compare(a.word, b.word) })
	return out
}

// wordIndexes keeps the maps wordCounts finds an article's words in, for
// the next article, rather than one grown anew for each.
var wordIndexes = sync.Pool{New: func() any { return map[string]int{} }}

// ascii reports a string of ASCII bytes only.
func ascii(s string) bool {
	for k := 0; k < len(s); k++ {
		if s[k] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// commonWords are English words too common to tell stories apart.
var commonWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the and for with from that this was were are been has have had its his her but not said says will
would could can also after before about over more than into who which when what there their they them she him
one two three new last first year years day days week weeks month months told says say our out all any some most
other such only just then now very because while where being those these many much may might should did does`) {
		m[w] = true
	}
	return m
}()

// keyEvents is how many of n events are key events: a quarter, at least
// one and at most 40, the most a reader scans as a summary.
func keyEvents(n int) int {
	return min(40, max(1, (n+3)/4))
}

// absolutes memoizes absolute, by expression: the expressions of a
// timeline are far fewer than its citations.
type absolutes map[string]bool

func (m absolutes) absolute(expr string) bool {
	x, ok := m[expr]
	if !ok {
		x = absolute(expr)
		m[expr] = x
	}
	return x
}

// absolute reports whether a time expression names its date absolutely,
// with a number ("April 20", "20 April 2010", "2010-04-20"), rather than
// relative to the article ("Tuesday", "last week", "three days ago",
// "10 days later").
func absolute(expr string) bool {
	if !strings.ContainsFunc(expr, unicode.IsDigit) {
		return false
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(expr), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch w {
		case "ago", "later", "earlier", "after", "before", "since", "past", "next", "last", "this", "previous", "following":
			return false
		}
	}
	return true
}

// rank sets the events' importance, rank and key flag; with a cache, it
// returns what Update needs to rank them again (see rankMemo).
func rank(events []*Event, articles []*Article, rel map[string]float64, cache *Cache) *rankMemo {
	ranks, memo := rankAll(events, articles, rel, cache, cache != nil)
	for i, r := range ranks {
		e := events[i]
		e.Importance, e.Rank, e.Key = r.importance, r.rank, r.key
	}
	return memo
}

// span is a date interval, as signals are counted by.
type span struct{ start, end timex.Date }
