package tagcache

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/mentions"
)

// seeds loads the bundled site's articles.
func seeds(t *testing.T) []*content.Article {
	t.Helper()
	articles, err := content.Load(context.Background(), "../..", content.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(articles) < 5 {
		t.Fatalf("%d articles", len(articles))
	}
	return articles
}

func open(t *testing.T, dir, options string) *Cache {
	t.Helper()
	c, err := Open(context.Background(), dir, options)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func save(t *testing.T, c *Cache, articles []*content.Article) Saved {
	t.Helper()
	s, err := c.Save(context.Background(), articles)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// What a process saves, the next one gets back as it was extracted, and
// only for the same file, date and options.
func TestRoundTrip(t *testing.T) {
	articles := seeds(t)
	dir := filepath.Join(t.TempDir(), Dir)
	c := open(t, dir, "a")
	want := map[string][]mentions.Mention{}
	for _, a := range articles {
		if _, ok := get(c, a); ok {
			t.Fatalf("%s: a hit in an empty cache", a.ID)
		}
		want[a.ID] = mentions.Extract(a, mentions.Options{})
		put(c, a, want[a.ID])
	}
	if s := save(t, c, articles); s.Entries != len(articles) {
		t.Errorf("saved %d entries, want %d", s.Entries, len(articles))
	}
	if s := save(t, c, articles); s.Shards != 0 {
		t.Errorf("a second save wrote %d shards", s.Shards)
	}

	c = open(t, dir, "a")
	for _, a := range articles {
		got, ok := get(c, a)
		if !ok {
			t.Fatalf("%s: not in the cache", a.ID)
		}
		if len(want[a.ID]) == 0 {
			t.Fatalf("%s: no mentions to compare", a.ID)
		}
		if !reflect.DeepEqual(got, want[a.ID]) {
			t.Errorf("%s: the mentions read differ from those saved", a.ID)
		}
	}
	if hits, puts := c.Stats(); hits != len(articles) || puts != 0 {
		t.Errorf("stats: %d hits, %d puts", hits, puts)
	}
	// The cache gave them away: a second Get misses, and Save, writing
	// the shard of an article put again, reads the others from the disk.
	if _, ok := get(c, articles[0]); ok {
		t.Error("a second Get of the same article hit")
	}
	put(c, articles[0], want[articles[0].ID])
	if s := save(t, c, articles); s.Shards != 1 || s.Entries != countShard(articles, shardOf(articles[0].ID)) {
		t.Errorf("saved %+v after one Put", s)
	}
	c = open(t, dir, "a")
	for _, a := range articles {
		if got, ok := get(c, a); !ok || !reflect.DeepEqual(got, want[a.ID]) {
			t.Errorf("%s: lost or changed by the second save", a.ID)
		}
	}

	// Other options, another program: nothing.
	if _, ok := get(open(t, dir, "b"), articles[0]); ok {
		t.Error("a hit with other options")
	}
	// The same article edited, or with another date: a miss.
	edited := *articles[0]
	edited.Source = append([]byte(nil), edited.Source...)
	edited.Source[len(edited.Source)-2] ^= 1
	if _, ok := get(c, &edited); ok {
		t.Error("a hit for an edited file")
	}
	redated := *articles[0]
	redated.Date.Day++
	if _, ok := get(c, &redated); ok {
		t.Error("a hit for another date")
	}
}

// Save writes only the shards that changed, and drops the entries of
// articles the build no longer has.
func TestSaveDropsAndWritesLittle(t *testing.T) {
	articles := seeds(t)
	dir := filepath.Join(t.TempDir(), Dir)
	c := saved(t, dir, articles)

	c = open(t, dir, "")
	put(c, articles[1], nil)
	if s := save(t, c, articles); s.Shards != 1 {
		t.Errorf("one article changed: %d shards written, want 1", s.Shards)
	}
	c = open(t, dir, "")
	if s := save(t, c, articles[1:]); s.Shards != 1 || s.Entries != countShard(articles[1:], shardOf(articles[0].ID)) {
		t.Errorf("one article deleted: wrote %+v", s)
	}
	c = open(t, dir, "")
	if _, ok := get(c, articles[0]); ok {
		t.Error("the deleted article is still in the cache")
	}
	if ms, ok := get(c, articles[1]); !ok || ms != nil {
		t.Errorf("the last mentions put: %v, %v", ms, ok)
	}
	if _, ok := get(c, articles[2]); !ok {
		t.Error("an unchanged article left the cache")
	}
}

// get is c.Get, decoded.
func get(c *Cache, a *content.Article) ([]mentions.Mention, bool) {
	b, ok := c.Get(a)
	if !ok {
		return nil, false
	}
	ms, err := mentions.Decode(b, a)
	if err != nil {
		panic(fmt.Sprintf("%s: the entry got does not decode: %v", a.ID, err))
	}
	return ms, true
}

// put is c.Put, encoding.
func put(c *Cache, a *content.Article, ms []mentions.Mention) { c.Put(a, mentions.Encode(ms, a)) }

// saved returns a cache in dir holding the mentions of articles, saved.
func saved(t *testing.T, dir string, articles []*content.Article) *Cache {
	t.Helper()
	c := open(t, dir, "")
	for _, a := range articles {
		put(c, a, mentions.Extract(a, mentions.Options{}))
	}
	save(t, c, articles)
	return c
}

func countShard(articles []*content.Article, shard int) int {
	n := 0
	for _, a := range articles {
		if shardOf(a.ID) == shard {
			n++
		}
	}
	return n
}

// A damaged or truncated shard, or a file in its place that is no shard,
// is an empty one: a miss, never an error or a panic, and Save replaces
// it.
func TestDamagedShards(t *testing.T) {
	articles := seeds(t)
	dir := filepath.Join(t.TempDir(), Dir)
	c := saved(t, dir, articles)
	a := articles[0]
	p := c.path(shardOf(a.ID))
	whole, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"truncated":   whole[:len(whole)*2/3],
		"header only": whole[:len(magic)+32],
		"garbage":     []byte("not a shard at all"),
		"empty":       nil,
		"flipped":     flip(whole, len(whole)/2),
	} {
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		c := open(t, dir, "")
		if ms, ok := get(c, a); ok && !reflect.DeepEqual(ms, mentions.Extract(a, mentions.Options{})) {
			t.Errorf("%s: wrong mentions from a damaged shard", name)
		}
		put(c, a, mentions.Extract(a, mentions.Options{}))
		save(t, c, articles)
		if _, ok := get(open(t, dir, ""), a); !ok {
			t.Errorf("%s: the shard was not written again", name)
		}
	}
}

// Save removes what a save killed part way left: temporary files an hour
// old; younger ones may be another build's.
func TestSaveRemovesLeftovers(t *testing.T) {
	articles := seeds(t)
	dir := filepath.Join(t.TempDir(), Dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	old, young := filepath.Join(dir, ".mentions-1.tmp"), filepath.Join(dir, ".mentions-2.tmp")
	for _, p := range []string{old, young} {
		if err := os.WriteFile(p, []byte("half a shard"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ago := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(old, ago, ago); err != nil {
		t.Fatal(err)
	}
	c := open(t, dir, "")
	put(c, articles[0], nil)
	save(t, c, articles)
	if _, err := os.Stat(old); err == nil {
		t.Error("the old temporary file is still there")
	}
	if _, err := os.Stat(young); err != nil {
		t.Error("a young temporary file was removed")
	}
}

func flip(b []byte, i int) []byte {
	b = append([]byte(nil), b...)
	b[i] ^= 0xff
	return b
}

// BenchmarkCodec encodes and decodes the mentions of the bundled
// articles, as Put (a cold build) and Get (a warm one) do, and hashes
// their files, as both do.
func BenchmarkCodec(b *testing.B) {
	articles, err := content.Load(context.Background(), "../..", content.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	all := make([][]mentions.Mention, len(articles))
	data := make([][]byte, len(articles))
	n := 0
	for i, a := range articles {
		all[i] = mentions.Extract(a, mentions.Options{})
		data[i] = mentions.Encode(all[i], a)
		n += len(all[i])
	}
	perMention := func(b *testing.B) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/mention")
	}
	b.Run("encode", func(b *testing.B) {
		for b.Loop() {
			for i, a := range articles {
				mentions.Encode(all[i], a)
			}
		}
		perMention(b)
	})
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			for i, a := range articles {
				if _, err := mentions.Decode(data[i], a); err != nil {
					b.Fatal(err)
				}
			}
		}
		perMention(b)
	})
	b.Run("sum", func(b *testing.B) {
		for b.Loop() {
			for _, a := range articles {
				sum(a)
			}
		}
		perMention(b)
	})
}
