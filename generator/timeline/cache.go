package timeline

import (
	"bytes"
	"math"
	"sync"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/mentions"
	"github.com/timeline-dev/timeline/generator/timex"
)

// Cache keeps the work that depends on one article alone from one Build to
// the next, so that a preview server rebuilding after an edit re-tags only
// the articles whose files changed: the mentions of each article, keyed by
// its id, its source bytes and its publication date, and the headlines made
// of single sentences. Grouping, which depends on every article, is always
// done again, so a Build with a Cache gives the same model as one without.
//
// The zero value is ready to use. A Cache must not be used by two Builds
// at once, nor shared by builds whose articles were parsed with different
// options (a change of config.toml calls for a new Cache). Entries that a
// Build did not use are dropped at its end, so the cache holds only the
// last build's articles.
type Cache struct {
	// mu guards the maps, which assemble reads and fills from several
	// goroutines at once; nothing is computed under it.
	mu sync.Mutex

	opts      mentions.Options
	mentions  map[string]*cachedMentions
	used      map[string]*cachedMentions
	headlines map[headlineKey]string
	hlUsed    map[headlineKey]string
	// events: what assemble made of a draft of extracted mentions, by
	// its first mention (the cache keeps the mentions of unchanged
	// articles, so the same mentions are the same pointers); slugs: the
	// slugs of headlines and quotes.
	events     map[*mentions.Mention][]*eventMemo
	eventsUsed map[*mentions.Mention][]*eventMemo
	slugs      map[string]string
	slugsUsed  map[string]string
	// words: each article's word counts, for relevance, by id.
	words     map[string]*cachedWords
	wordsUsed map[string]*cachedWords
	// vocab numbers the words of the counts (see wordIDs).
	vocab map[string]int32

	// Stats of the last Build.
	stats CacheStats

	// last is the grouping and model of the last Build, which Update
	// starts from; nil if it cannot.
	last *lastBuild
}

// CacheStats counts what the last Build took from the cache.
type CacheStats struct {
	// Extracted is the number of articles whose mentions were extracted;
	// Reused the number whose cached mentions were reused.
	Extracted, Reused int
}

// Stats returns what the last Build with this cache reused.
func (c *Cache) Stats() CacheStats { return c.stats }

type cachedMentions struct {
	src      []byte
	date     timex.Date
	mentions []mentions.Mention
}

// headlineKey is what compress reads of a mention.
type headlineKey struct {
	sentence string
	basis    mentions.Basis
	es, ee   int // the expression's offsets in the sentence, or -1
}

// lookup returns the cached mentions of a, if its source and date are the
// ones they were extracted from.
func (c *Cache) lookup(a *content.Article, opts mentions.Options) ([]mentions.Mention, bool) {
	if c.opts != opts {
		c.opts, c.mentions, c.used = opts, nil, nil
		c.headlines, c.hlUsed = nil, nil
		c.last = nil
	}
	e := c.used[a.ID]
	if e == nil {
		e = c.mentions[a.ID]
	}
	if e == nil || e.date != a.Date || !bytes.Equal(e.src, a.Source) {
		return nil, false
	}
	c.keep(a.ID, e)
	return e.mentions, true
}

func (c *Cache) keep(id string, e *cachedMentions) {
	if c.used == nil {
		c.used = make(map[string]*cachedMentions, len(c.mentions))
	}
	c.used[id] = e
}

// store records the mentions extracted from a.
func (c *Cache) store(a *content.Article, ms []mentions.Mention) {
	c.keep(a.ID, &cachedMentions{src: a.Source, date: a.Date, mentions: ms})
}

// headline returns compress(m), from the cache when the same sentence was
// compressed before.
func (c *Cache) headline(m *mentions.Mention) string {
	if c == nil {
		return compress(m)
	}
	k := headlineKey{sentence: m.Sentence, basis: m.Basis, es: -1, ee: -1}
	if m.Basis == mentions.Expression { // compress reads the offsets of expressions only
		k.es, k.ee = m.ExprStart-m.Start, m.ExprEnd-m.Start
	}
	c.mu.Lock()
	h, ok := c.hlUsed[k]
	if !ok {
		h, ok = c.headlines[k]
	}
	c.mu.Unlock()
	if !ok {
		h = compress(m)
	}
	c.mu.Lock()
	if c.hlUsed == nil {
		c.hlUsed = make(map[headlineKey]string, len(c.headlines))
	}
	c.hlUsed[k] = h
	c.mu.Unlock()
	return h
}

// sweep ends a Build: what it did not use is dropped.
func (c *Cache) sweep() {
	if c == nil {
		return
	}
	c.mentions, c.used = c.used, nil
	c.headlines, c.hlUsed = c.hlUsed, nil
	c.events, c.eventsUsed = c.eventsUsed, nil
	c.slugs, c.slugsUsed = c.slugsUsed, nil
	c.words, c.wordsUsed = c.wordsUsed, nil
}

// cachedWords are an article's word counts (wordCounts) and the source
// they were counted in.
type cachedWords struct {
	src    []byte
	counts []wordCount
	// ids are the words' numbers in the vocabulary relevance numbers them
	// by (the cache's, when there is one), and weights their log term
	// frequencies, 1 + ln n: made by wordIDs.
	ids     []int32
	weights []float64
}

// wordsOf returns wordCounts(a), from the cache when a's source is the
// one counted last time. It is safe for concurrent use; the counts are
// never changed.
func (c *Cache) wordsOf(a *content.Article) *cachedWords {
	if c == nil {
		return &cachedWords{counts: wordCounts(a)}
	}
	c.mu.Lock()
	e := c.wordsUsed[a.ID]
	if e == nil {
		e = c.words[a.ID]
	}
	c.mu.Unlock()
	if e == nil || !bytes.Equal(e.src, a.Source) {
		e = &cachedWords{src: a.Source, counts: wordCounts(a)}
	}
	c.mu.Lock()
	if c.wordsUsed == nil {
		c.wordsUsed = map[string]*cachedWords{}
	}
	c.wordsUsed[a.ID] = e
	c.mu.Unlock()
	return e
}

// wordIDs numbers the words of each article's counts that have no
// numbers yet, in the cache's vocabulary (a new one without a cache),
// and returns the size of the vocabulary: relevance then adds up arrays,
// not maps keyed by words, and with a cache numbers only the words of the
// articles that changed.
func (c *Cache) wordIDs(tf []*cachedWords) int {
	vocab := map[string]int32{}
	if c != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.vocab == nil || len(c.vocab) > maxVocab {
			// A new vocabulary: the old numbers mean nothing in it.
			c.vocab = map[string]int32{}
			for _, e := range c.words {
				e.ids = nil
			}
			for _, e := range c.wordsUsed {
				e.ids = nil
			}
		}
		vocab = c.vocab
	}
	for _, e := range tf {
		if e.ids == nil {
			e.number(vocab)
		}
	}
	return len(vocab)
}

// number gives e's words their numbers in vocab, adding the new ones,
// and their weights.
func (e *cachedWords) number(vocab map[string]int32) {
	e.ids = make([]int32, len(e.counts))
	if e.weights == nil {
		e.weights = make([]float64, len(e.counts))
		for k, w := range e.counts {
			e.weights[k] = 1 + math.Log(float64(w.n))
		}
	}
	for k, w := range e.counts {
		id, ok := vocab[w.word]
		if !ok {
			id = int32(len(vocab))
			vocab[w.word] = id
		}
		e.ids[k] = id
	}
}

// maxVocab bounds the words the cache numbers: the words of deleted and
// edited articles stay in the vocabulary until it is made again.
const maxVocab = 1 << 22

// eventMemo is what assemble computes of a draft made only of extracted
// mentions: functions of the mentions alone (the date, its disagreements,
// the entities) and the headline, a function of the mentions and of their
// vectors, which depend on every article's words.
type eventMemo struct {
	mentions []*mentions.Mention
	date     Date
	entities []Entity
	vectors  []vector
	headline string // "" if not made yet
	lead     int    // the index of the mention headline was made of
}

// event returns the memo of a draft of extracted mentions, computing it
// if no draft of the same mentions was seen in the last build; nil for a
// draft with an editor's citations, which is not memoized.
func (c *Cache) event(dr *draft) *eventMemo {
	if c == nil || dr.editorCitations() > 0 || len(dr.mentions) == 0 {
		return nil
	}
	first := dr.mentions[0]
	c.mu.Lock()
	for _, e := range c.eventsUsed[first] {
		if sameMentions(e.mentions, dr.mentions) {
			c.mu.Unlock()
			return e
		}
	}
	var memo *eventMemo
	for _, e := range c.events[first] {
		if sameMentions(e.mentions, dr.mentions) {
			memo = e
		}
	}
	c.mu.Unlock()
	if memo == nil {
		d, _ := dr.date()
		d.Disagreement = dr.disagreement(d)
		memo = &eventMemo{mentions: dr.mentions, date: d, entities: dr.entities()}
	}
	c.mu.Lock()
	if c.eventsUsed == nil {
		c.eventsUsed = make(map[*mentions.Mention][]*eventMemo, len(c.events))
	}
	c.eventsUsed[first] = append(c.eventsUsed[first], memo)
	c.mu.Unlock()
	return memo
}

func sameMentions(a, b []*mentions.Mention) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// autoHeadline returns the draft's automatic headline and the index of
// the mention it was made of, from the memo when the vectors are the ones
// it was made with.
func (e *eventMemo) autoHeadline(dr *draft, c *Cache) (string, int) {
	if e.headline != "" && sameVectors(e.vectors, dr.vectors) {
		return e.headline, e.lead
	}
	e.headline, e.lead = dr.autoHeadline(c)
	e.vectors = dr.vectors
	return e.headline, e.lead
}

func sameVectors(a, b []vector) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}

// slug returns content.Slug(s), from the cache when it was made before.
// headlineID is headlineID(date, headline, c), from the cache when the
// same headline of the same date was asked for before: ranking breaks
// ties with it, on every Update.
func (c *Cache) headlineID(date, headline string) string {
	if c == nil {
		return headlineID(date, headline, nil)
	}
	return c.memo("id\x00"+date+"\x00"+headline, func() string { return headlineID(date, headline, c) })
}

func (c *Cache) slug(s string) string {
	if c == nil {
		return content.Slug(s)
	}
	return c.memo(s, func() string { return content.Slug(s) })
}

// memo returns compute(), or what it returned for the same key before (in
// this build or the last). Keys are slugged strings, or start with a
// "kind\x00" prefix that no text has.
func (c *Cache) memo(key string, compute func() string) string {
	c.mu.Lock()
	v, ok := c.slugsUsed[key]
	if ok {
		c.mu.Unlock()
		return v
	}
	v, ok = c.slugs[key]
	c.mu.Unlock()
	if !ok {
		v = compute()
	}
	c.mu.Lock()
	if c.slugsUsed == nil {
		c.slugsUsed = make(map[string]string, len(c.slugs))
	}
	c.slugsUsed[key] = v
	c.mu.Unlock()
	return v
}
