package timeline

import (
	"context"
	"fmt"
	"hash/maphash"
	"sync"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/internal/parallel"
	"github.com/timeline-dev/timeline/generator/mentions"
)

// A Store keeps the mentions extracted from articles between builds, as
// package tagcache does on disk. Get and Put may be called from several
// goroutines at once.
type Store interface {
	// Get returns the mentions extracted from an article with the same
	// id, file bytes and date, encoded (mentions.Encode), if the store has
	// them; they are not changed.
	Get(a *content.Article) ([]byte, bool)
	// Put records the mentions extracted from a, encoded.
	Put(a *content.Article, encoded []byte)
}

// stored returns the mentions of a that store has, decoded, and their
// encoding; ok is false when it has none (or none that decode).
func stored(store Store, a *content.Article) (ms []mentions.Mention, encoded []byte, ok bool) {
	if store == nil {
		return nil, nil, false
	}
	b, ok := store.Get(a)
	if !ok {
		return nil, nil, false
	}
	ms, err := mentions.Decode(b, a)
	if err != nil {
		return nil, nil, false // extracted again, and Put over it
	}
	return ms, b, true
}

// extractAll finds the mentions of every article, in parallel, taking
// those of unchanged articles from the cache, else from the store, if
// there are any.
func extractAll(ctx context.Context, articles []*content.Article, opts mentions.Options, cache *Cache, store Store) ([][]mentions.Mention, error) {
	out := make([][]mentions.Mention, len(articles))
	todo := make([]int, 0, len(articles))
	for i, a := range articles {
		if cache != nil {
			if ms, ok := cache.lookup(a, opts); ok {
				out[i] = ms
				continue
			}
		}
		todo = append(todo, i)
	}
	fromStore := make([]bool, len(todo))
	err := parallel.For(ctx, len(todo), func(k int) {
		a := articles[todo[k]]
		if out[todo[k]], _, fromStore[k] = stored(store, a); fromStore[k] {
			return
		}
		out[todo[k]] = mentions.Extract(a, opts)
		if store != nil {
			store.Put(a, mentions.Encode(out[todo[k]], a))
		}
	})
	if err != nil {
		return nil, err
	}
	extracted := 0
	for k, i := range todo {
		if cache != nil {
			cache.store(articles[i], out[i])
		}
		if !fromStore[k] {
			extracted++
		}
	}
	if cache != nil {
		cache.stats = CacheStats{Extracted: extracted, Reused: len(articles) - extracted}
	}
	return out, nil
}

// groupMentions groups the mentions of all articles, with the events
// editors declared, into drafts. A mention of a sentence an editor already
// cites is the editor's: it is dropped.
//
// It also returns the grouping and, for each of its clusters, the draft
// made of it (nil for an empty cluster), which Update starts from. When
// ctx is done it stops early and returns nothing.
func groupMentions(ctx context.Context, articles []*content.Article, all [][]mentions.Mention, drafts []*draft, opts Options) ([]*draft, *grouper, []*draft) {
	index := map[string]int{}
	for i, a := range articles {
		index[a.ID] = i
	}
	var ms []*mentions.Mention
	for i := range all {
		for j := range all[i] {
			m := &all[i][j]
			if !coveredByEditor(m, drafts) {
				ms = append(ms, m)
			}
		}
	}
	itemOf := map[*mentions.Mention]int{} // filled as items are made
	canon := canonicalPeople(ms)
	if ctx.Err() != nil {
		return nil, nil, nil
	}
	// Each mention's features, on every core, counted once per sentence
	// (however many dates it has) and then weighed.
	feats := make([][]string, len(ms))
	if parallel.For(ctx, len(ms), func(n int) { feats[n] = features(ms[n], canon) }) != nil {
		return nil, nil, nil
	}
	vocab := newVocabulary()
	seen := map[[3]int]bool{}
	for n, m := range ms {
		k := [3]int{index[m.Article], m.Block, m.Start}
		if !seen[k] {
			seen[k] = true
			vocab.add(feats[n])
		}
	}
	// Editors' quoted sentences are compared the same way.
	editorFeatures := map[*Citation][]string{}
	boost := map[string]float64{}
	for _, dr := range drafts {
		for _, cit := range dr.citations {
			m := mentions.Analyze(cit.Quote) // the article's text at the citation's offsets
			editorFeatures[cit] = features(&m, canon)
			vocab.add(editorFeatures[cit])
			for _, e := range m.Entities {
				boost[entityFeature(e, canon)] = entityBoost
			}
		}
	}
	for _, m := range ms {
		for _, e := range m.Entities {
			boost[entityFeature(e, canon)] = entityBoost
		}
	}
	g := &grouper{ctx: ctx, vocab: vocab, explain: opts.Explain, work: opts.work, bounds: opts.bounds}
	// Editor drafts first: each is a cluster of its citations.
	for _, dr := range drafts {
		c := len(g.clusters)
		cl := &cluster{draft: dr}
		d, _ := dr.date()
		for _, cit := range dr.citations {
			it := &item{c: cit, date: dateOf(cit), article: index[cit.Article], vec: vocab.vectorize(editorFeatures[cit], boost),
				iv: d.Interval(), gran: d.Value.Granularity(), strength: 0, cluster: c, follows: -1}
			cl.add(len(g.items), it)
			g.items = append(g.items, it)
		}
		g.clusters = append(g.clusters, cl)
	}
	// The vectors on every core: the vocabulary is complete, and only read.
	vecs := make([]vector, len(ms))
	if parallel.For(ctx, len(ms), func(n int) { vecs[n] = vocab.vectorize(feats[n], boost) }) != nil {
		return nil, nil, nil
	}
	for n, m := range ms {
		itemOf[m] = len(g.items)
		c := citationOf(m)
		g.items = append(g.items, &item{
			m: m, c: c, date: dateOf(c), article: index[m.Article],
			vec: vecs[n],
			iv:  m.Interval, gran: m.Value.Granularity(), strength: strengthOf(m.Basis),
			cluster: -1, follows: -1,
		})
	}
	for _, it := range g.items {
		if it.m != nil && it.m.Continues >= 0 {
			ai := index[it.m.Article]
			if j, ok := itemOf[&all[ai][it.m.Continues]]; ok {
				it.follows = j
			} else {
				it.strength = 6 // what it continues is an editor's: it is dropped
			}
		}
	}
	g.happeningIdx, g.indexed = indexHappenings(g.items), len(g.items)
	for _, a := range articles {
		g.outlets = append(g.outlets, a.Outlet)
	}
	g.group()
	g.canon = canon
	out := make([]*draft, 0, len(g.clusters))
	draftOf := make([]*draft, len(g.clusters))
	for c, cl := range g.clusters {
		dr := cl.draft
		if dr == nil {
			dr = &draft{}
		}
		if len(cl.items) == 0 {
			continue
		}
		for _, i := range cl.items {
			it := g.items[i]
			if it.m == nil {
				continue // already among the draft's citations
			}
			dr.citations = append(dr.citations, it.c)
			dr.mentions = append(dr.mentions, it.m)
		}
		dr.vectors = nil
		for _, i := range cl.items {
			dr.vectors = append(dr.vectors, g.items[i].vec)
		}
		draftOf[c] = dr
		out = append(out, dr)
	}
	return out, g, draftOf
}

func citationOf(m *mentions.Mention) *Citation {
	return &Citation{
		Article: m.Article, Quote: m.Sentence, Expression: m.Expression, Value: m.Value, Mod: m.Mod,
		Origin: Extracted, Basis: string(m.Basis), Denies: m.Denial,
		Block: m.Block, Start: m.Start, End: m.End,
	}
}

// coveredByEditor reports a mention whose sentence overlaps a quote an
// editor declared in the same article.
func coveredByEditor(m *mentions.Mention, drafts []*draft) bool {
	for _, dr := range drafts {
		for _, c := range dr.citations {
			if c.Article == m.Article && c.Block == m.Block && c.Start < m.End && m.Start < c.End {
				return true
			}
		}
	}
	return false
}

// extractKept finds the mentions of every article and returns those a
// build keeps: without the sentences the editor suppressed
// (suppressMentions) and the furniture that articles repeat
// (repeatsOf, dropFurniture), as a build with a Cache finds them. The
// sentences repeated are known only when every article has been read,
// and most of a site's mentions may be furniture: until then each
// article's mentions are held encoded (mentions.Encode), with a digest of
// the key of each sentence and its date, rather than as extracted, which
// takes several times the memory.
//
// suppressErr reports the suppressions that name no dated sentence (see
// suppressMentions); err is a failure to extract at all.
//
// With release, each article's Source is let go once its mentions are
// encoded, and its Doc once they are decoded (see Options.Release).
func extractKept(ctx context.Context, articles []*content.Article, opts mentions.Options, store Store, ov *content.Overrides, release bool) (_ [][]mentions.Mention, suppressErr, err error) {
	which := suppressions(articles, ov)
	found := make([]bool, len(ov.Suppress))
	encoded := make([][]byte, len(articles))
	sents := make([][]repeatable[keyDigest], len(articles))
	digest := digester()
	err = parallel.For(ctx, len(articles), func(i int) {
		a := articles[i]
		ms, enc, ok := stored(store, a)
		if !ok {
			ms = mentions.Extract(a, opts)
			enc = mentions.Encode(ms, a)
			if store != nil {
				store.Put(a, enc) // the same bytes: one copy
			}
		}
		if k := which[i]; k != nil {
			ms = suppress(ms, ov, k, found)
			enc = mentions.Encode(ms, a)
		}
		sents[i] = repeatables(ms, i, a, digest)
		encoded[i] = enc
		if release {
			a.Source = nil // decoding takes the text from a.Doc
		}
	})
	if err != nil {
		return nil, nil, err
	}

	// Only a sentence of minRepeats articles or more may be furniture;
	// Update, which judges again those of one article fewer, needs a
	// Cache.
	drop := furniture(repeatsIn(sents, minRepeats))

	out := make([][]mentions.Mention, len(articles))
	var bad error
	var once sync.Once
	err = parallel.For(ctx, len(articles), func(i int) {
		ms, err := mentions.Decode(encoded[i], articles[i])
		if err != nil {
			once.Do(func() {
				bad = fmt.Errorf("%s: mentions encoded for the build do not decode: %v", articles[i].Path, err)
			})
			return
		}
		out[i] = filterMentions(ms, func(j int, _ *mentions.Mention) bool { return drop[sents[i][j].key] })
		encoded[i], sents[i] = nil, nil
		if release {
			articles[i].Doc = nil // the mentions hold the texts they quote
		}
	})
	if err != nil {
		return nil, nil, err
	}
	if bad != nil {
		return nil, nil, bad
	}
	return out, suppressErrors(ov, found), nil
}

// keyDigest stands for a sentence's repeatKey in extractKept: 128 bits of
// it, where the key itself (the sentence, lower-cased) would be held for
// every mention of every article. Two different sentences share a digest
// with a chance of about n²/2¹²⁹ for n sentences: none, for any site.
type keyDigest [2]uint64

// digester returns a function that digests keys, with seeds of its own
// (random: digests are compared within one extractKept only).
func digester() func(string) keyDigest {
	seeds := [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}
	return func(k string) keyDigest {
		return keyDigest{maphash.String(seeds[0], k), maphash.String(seeds[1], k)}
	}
}
