package timeline

import (
	"bytes"

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
	opts      mentions.Options
	mentions  map[string]*cachedMentions
	used      map[string]*cachedMentions
	headlines map[headlineKey]string
	hlUsed    map[headlineKey]string

	// Stats of the last Build.
	stats CacheStats
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
		c.used = map[string]*cachedMentions{}
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
	h, ok := c.hlUsed[k]
	if !ok {
		if h, ok = c.headlines[k]; !ok {
			h = compress(m)
		}
		if c.hlUsed == nil {
			c.hlUsed = map[headlineKey]string{}
		}
		c.hlUsed[k] = h
	}
	return h
}

// sweep ends a Build: what it did not use is dropped.
func (c *Cache) sweep() {
	if c == nil {
		return
	}
	c.mentions, c.used = c.used, nil
	c.headlines, c.hlUsed = c.hlUsed, nil
}
