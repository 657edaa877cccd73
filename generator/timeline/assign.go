package timeline

import (
	"slices"
	"sync"

	"github.com/timeline-dev/timeline/generator/internal/parallel"
)

// Placing mentions one after another, each in the event most like it
// among those made so far, is what makes grouping give the same events
// every time, and it is work for one core. assignAll gets the same
// result on every core: for a batch of the next mentions in order it
// finds, all at once, the candidate events of each and its similarity
// with each, as the grouping stands before the batch; then it places them
// in order, scoring again only what a mention placed before it in the
// batch changed: the candidate events that grew, and the events of the
// mentions indexed under its keys meanwhile (see place), which are
// candidates too.
// A batch holds mentions of a few articles, and the mentions of one
// article that tell one happening change each other's candidates.

// assignBatch is the number of mentions looked at together.
const assignBatch = 64

// guess is what assignAll found for a mention of a batch.
type guess struct {
	made  bool // false for mentions assign places in its own ways
	cands []int
	sims  []float64 // the similarity with cands[k], or -1 when it may not join it or was not scored
	// later are the candidates that may be joined but were not scored, as
	// their bound was below the best similarity found (see best), in the
	// order ranked gives.
	later []rankedCand
}

// assignAll places the items in order as assign does, on every core.
func (g *grouper) assignAll(order []int) {
	g.makeLazy()
	var (
		changed  []int // the batch in which a cluster last grew, by cluster
		guesses  = make([]guess, assignBatch)
		scratchs = sync.Pool{New: func() any { return &scratch{} }}
	)
	for start, batch := 0, 1; start < len(order); start, batch = start+assignBatch, batch+1 {
		part := order[start:min(start+assignBatch, len(order))]
		if parallel.For(g.ctx, len(part), func(k int) {
			i, it := part[k], g.items[part[k]]
			if it.strength == 0 || it.strength == 6 || it.follows >= 0 {
				guesses[k] = guess{}
				return
			}
			sc := scratchs.Get().(*scratch)
			cands := g.candidatesWith(i, sc)
			scratchs.Put(sc)
			guesses[k] = g.guess(i, cands)
		}) != nil {
			return
		}
		indexed := map[postingKey][]int{} // the clusters of the mentions indexed in this batch, by key
		for k, i := range part {
			if best, ok := g.revise(i, &guesses[k], changed, indexed, batch); ok {
				g.settle(i, best)
			} else {
				g.assign(i)
			}
			c := int(g.clusterOf[i])
			if c < 0 {
				continue // dropped: nothing changed
			}
			for len(changed) <= c {
				changed = append(changed, 0)
			}
			changed[c] = batch
			for n, key := range g.items[i].keys {
				// Only where place indexed it: a full posting list takes
				// no more, and a mention that continues another is not
				// indexed at all.
				if ps := g.index.list(g.items[i].keyIDs[n]); len(ps) > 0 && ps[len(ps)-1].item == int32(i) && !slices.Contains(indexed[key], c) {
					indexed[key] = append(indexed[key], c)
				}
			}
		}
	}
}

// guess scores item i against its candidates cands as best does.
func (g *grouper) guess(i int, cands []int) guess {
	gs := guess{made: true, cands: cands, sims: make([]float64, len(cands))}
	for n := range gs.sims {
		gs.sims[n] = -1
	}
	rs := g.ranked(i, cands, nil)
	bestSim := 0.0
	for k, r := range rs {
		if !r.mayBeat(bestSim) {
			gs.later = rs[k:]
			break
		}
		if sim, ok := g.scoreRanked(i, r); ok {
			n, _ := slices.BinarySearch(cands, r.c)
			gs.sims[n] = sim
			bestSim = max(bestSim, sim)
		}
	}
	return gs
}

// revise returns the cluster item i joins (-1: none), as best finds it,
// from its guess and what the mentions placed before it in the batch
// changed: the clusters that grew are scored again, and the clusters of
// mentions indexed under its keys are candidates too. ok is false when
// the guess cannot be revised (assign must place i): there is none, or
// the candidates were too many, so that which are kept depends on how
// often each is indexed.
func (g *grouper) revise(i int, gs *guess, changed []int, indexed map[postingKey][]int, batch int) (best int, ok bool) {
	if !gs.made {
		return 0, false
	}
	limit := bound(g.bounds.candidates, maxCandidates)
	var more []int // new candidates
	for _, key := range g.items[i].keys {
		for _, c := range indexed[key] {
			if _, found := slices.BinarySearch(gs.cands, c); !found && !slices.Contains(more, c) {
				more = append(more, c)
			}
		}
	}
	if len(gs.cands) >= limit && len(more) > 0 || len(gs.cands)+len(more) > limit {
		return 0, false
	}
	slices.Sort(more)
	best, bestSim := -1, 0.0
	consider := func(c int, sim float64, ok bool) {
		if ok && (sim > bestSim || sim == bestSim && c < best) {
			best, bestSim = c, sim
		}
	}
	// Both lists are in increasing order, and so is the merge, as for best.
	k, m := 0, 0
	for k < len(gs.cands) || m < len(more) {
		if m == len(more) || k < len(gs.cands) && gs.cands[k] < more[m] {
			c := gs.cands[k]
			if c < len(changed) && changed[c] == batch {
				sim, ok := g.score(i, c)
				consider(c, sim, ok)
			} else {
				consider(c, gs.sims[k], gs.sims[k] >= 0)
			}
			k++
		} else {
			c := more[m]
			sim, ok := g.score(i, c)
			consider(c, sim, ok)
			m++
		}
	}
	// The candidates not scored, unless they grew (scored above), may
	// beat the best only if the best guessed grew less alike.
	for _, r := range gs.later {
		if !r.mayBeat(bestSim) {
			break
		}
		if r.c >= len(changed) || changed[r.c] != batch {
			sim, ok := g.scoreRanked(i, r)
			consider(r.c, sim, ok)
		}
	}
	return best, true
}

// mergeCloseAll merges the clusters as mergeClose does, one after another,
// on every core: for a batch of clusters it finds, all at once, the
// candidates of each and the most alike, as the grouping stands before
// the batch; then, in order, merges each as found unless a merge before
// it in the batch changed it or one of its candidates (or, when its
// candidates were too many to keep all, any merge was made), in which
// case it is looked at again as mergeCloseAt does.
func (g *grouper) mergeCloseAll() {
	type found struct {
		looked bool // false for an empty cluster
		cands  []int
		full   bool
		best   int
		sim    float64
	}
	g.makeLazy()
	var (
		changed  = make([]int, len(g.clusters)) // the batch in which a cluster last changed
		founds   = make([]found, assignBatch)
		scratchs = sync.Pool{New: func() any { return &scratch{} }}
	)
	for start, batch := 0, 1; start < len(g.clusters); start, batch = start+assignBatch, batch+1 {
		end := min(start+assignBatch, len(g.clusters))
		if parallel.For(g.ctx, end-start, func(k int) {
			a := start + k
			if len(g.clusters[a].items) == 0 {
				founds[k] = found{}
				return
			}
			sc := scratchs.Get().(*scratch)
			cands, full := g.candidatesOfWith(g.clusters[a].items, sc)
			scratchs.Put(sc)
			best, sim := g.closest(a, false, cands)
			founds[k] = found{looked: true, cands: cands, full: full, best: best, sim: sim}
		}) != nil {
			return
		}
		merged := false
		for k := range end - start {
			a, f := start+k, &founds[k]
			stands := f.looked && changed[a] != batch && !(f.full && merged)
			for _, b := range f.cands {
				if !stands {
					break
				}
				stands = changed[b] != batch
			}
			var target, source int
			var ok bool
			if stands {
				target, source, ok = g.mergePair(a, f.best, f.sim)
			} else {
				target, source, ok = g.mergeCloseAt(a, false, nil)
			}
			if ok {
				changed[target], changed[source], merged = batch, batch, true
			}
		}
	}
}

// makeLazy makes what the items make the first time it is asked for (their
// index keys, their figures), before goroutines read it.
func (g *grouper) makeLazy() {
	for i, it := range g.items {
		g.keys(i)
		if it.m != nil {
			it.figureTerms()
		}
	}
}
