// Package tagcache keeps the mentions extracted from each article (the
// temporal tagging and sentence analysis of package mentions, the most
// costly work that depends on one article alone) on disk between builds,
// in the site's .timeline-cache/ folder, so that a build re-tags only the
// articles that changed since the last one.
//
// An entry is keyed by what extraction reads: the article's id, its file's
// bytes (front matter included), its publication date; and, for the whole
// cache, by a fingerprint of the program (a hash of its executable, so a
// new version of timeline never reuses what an older one made) and of the
// options that change how an article is parsed or tagged. Anything else is
// a miss: a build with the cache gives the same site as one without.
//
// The cache is a fixed number of shard files, an article's by a hash of
// its id, each written whole to a temporary file renamed into place: a
// build killed while saving leaves every shard whole, old or new. A shard
// that cannot be read, fails its checksum (CRC-32C), or was made by
// another program or with other options, is empty.
//
// Memory: an entry is kept encoded (mentions.Encode), as the build holds
// the mentions of every article until it knows which are furniture: Get
// gives an entry away and forgets it, and Put keeps the bytes the build
// holds, so that there is one copy of each. Save reads the shards it
// writes again for the entries Get gave away.
package tagcache

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/internal/parallel"
)

// Dir is the cache folder's name in the site folder.
const Dir = ".timeline-cache"

// shards is the number of shard files. An edit rewrites one: a sixty-fourth
// of the cache (about 0.45 MB of 10,000 generated articles' 28 MB).
const shards = 64

// magic starts every shard file; a change of the format changes it.
const magic = "timeline tagcache 2\n"

// Cache is the mentions cache of one site. Get and Put may be called from
// several goroutines at once; Save from one, when they are done.
type Cache struct {
	dir    string
	fp     [sha256.Size]byte
	shards [shards]shard
	hits   atomic.Int64
	puts   atomic.Int64
}

type shard struct {
	mu      sync.Mutex
	entries map[string]*entry // by article id
	dirty   bool              // entries were added since it was read
}

// entry is the mentions of one article, encoded (mentions.Encode), and
// the sum of what they were extracted from. Data is nil once Get has
// given the mentions away (see Save).
type entry struct {
	ID   string
	Sum  [sha256.Size]byte
	Data []byte
}

// Open reads the cache in dir (the site's .timeline-cache folder) made
// with options, a description of every option that changes what
// mentions.Extract returns for the same file (the parsing and tagging
// options of the site). A missing or unreadable cache is an empty one;
// the error is for a program whose executable cannot be read, which
// cannot have a cache.
func Open(ctx context.Context, dir, options string) (*Cache, error) {
	c := &Cache{dir: dir}
	if err := c.fingerprint(options); err != nil {
		return nil, err
	}
	err := parallel.For(ctx, shards, func(i int) {
		c.shards[i].entries = c.read(i)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// fingerprint sets c.fp, the hash of the running program's executable and
// of options.
func (c *Cache) fingerprint(options string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	f, err := os.Open(exe)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	fmt.Fprintf(h, "\x00%s", options)
	h.Sum(c.fp[:0])
	return nil
}

func (c *Cache) path(i int) string {
	return filepath.Join(c.dir, "mentions-"+strconv.Itoa(i)+".gob")
}

// read returns the entries of shard i on disk; none if it is missing,
// damaged (its checksum says so) or of another program or options.
func (c *Cache) read(i int) map[string]*entry {
	b, err := os.ReadFile(c.path(i))
	head := len(magic) + len(c.fp) + 4
	if err != nil || len(b) < head || string(b[:len(magic)]) != magic || !bytes.Equal(b[len(magic):head-4], c.fp[:]) ||
		binary.LittleEndian.Uint32(b[head-4:head]) != crc32.Checksum(b[head:], castagnoli) {
		return map[string]*entry{}
	}
	var list []*entry
	if err := gob.NewDecoder(bytes.NewReader(b[head:])).Decode(&list); err != nil {
		return map[string]*entry{}
	}
	m := make(map[string]*entry, len(list))
	for _, e := range list {
		m[e.ID] = e
	}
	return m
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func shardOf(id string) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % shards)
}

// sum is the hash of what a's mentions are extracted from.
func sum(a *content.Article) [sha256.Size]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d-%d-%d\x00%d\x00", a.ID, a.Date.Year, a.Date.Month, a.Date.Day, len(a.Source))
	h.Write(a.Source)
	var s [sha256.Size]byte
	h.Sum(s[:0])
	return s
}

// Get returns the cached mentions of a, encoded (mentions.Encode), if
// its file is the one they were extracted from. The cache keeps no copy
// of them: a second Get of the same article is a miss.
func (c *Cache) Get(a *content.Article) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	sh := &c.shards[shardOf(a.ID)]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	e := sh.entries[a.ID]
	// The file is hashed only when there is an entry to compare it with:
	// a cold build hashes each file once, in Put.
	if e == nil || e.Data == nil || e.Sum != sum(a) {
		return nil, false
	}
	data := e.Data
	e.Data = nil
	c.hits.Add(1)
	return data, true
}

// Stats returns the number of articles whose mentions Get returned, and
// the number Put recorded, since Open.
func (c *Cache) Stats() (hits, puts int) {
	if c == nil {
		return 0, 0
	}
	return int(c.hits.Load()), int(c.puts.Load())
}

// Put records the mentions extracted from a, encoded (mentions.Encode):
// the cache holds encoded itself, and a caller that keeps them so too
// shares them. It may be called from several goroutines at once.
func (c *Cache) Put(a *content.Article, encoded []byte) {
	if c == nil {
		return
	}
	e := &entry{ID: a.ID, Sum: sum(a), Data: encoded}
	sh := &c.shards[shardOf(a.ID)]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.entries[a.ID] = e
	sh.dirty = true
	c.puts.Add(1)
}

// Saved says what Save wrote.
type Saved struct {
	Shards, Entries int // shards written, entries in them
}

// Save writes the shards that changed since they were last read or
// written, keeping only the entries of the build's articles: those of
// deleted or renamed articles are dropped.
func (c *Cache) Save(ctx context.Context, articles []*content.Article) (Saved, error) {
	var saved Saved
	if c == nil {
		return saved, nil
	}
	var keep [shards]map[string]bool
	for _, a := range articles {
		i := shardOf(a.ID)
		if keep[i] == nil {
			keep[i] = map[string]bool{}
		}
		keep[i][a.ID] = true
	}
	var todo []int
	for i := range c.shards {
		if c.shards[i].stale(keep[i]) {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return saved, nil
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return saved, err
	}
	c.removeLeftovers()
	var entries atomic.Int64
	errs := make([]error, len(todo))
	err := parallel.For(ctx, len(todo), func(k int) {
		n, err := c.write(todo[k], keep[todo[k]])
		entries.Add(int64(n))
		errs[k] = err
	})
	if err != nil {
		return saved, err
	}
	if err := errors.Join(errs...); err != nil {
		return saved, err
	}
	saved.Shards, saved.Entries = len(todo), int(entries.Load())
	return saved, nil
}

// removeLeftovers removes the temporary files of saves killed part way:
// those an hour old (a younger one may be another build's, saving now).
func (c *Cache) removeLeftovers() {
	tmps, _ := filepath.Glob(filepath.Join(c.dir, ".mentions-*.tmp"))
	for _, p := range tmps {
		if info, err := os.Lstat(p); err == nil && time.Since(info.ModTime()) > time.Hour {
			os.Remove(p)
		}
	}
}

// stale reports a shard to be written again: entries were added, or it
// has one of an article not kept.
func (sh *shard) stale(keep map[string]bool) bool {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.dirty {
		return true
	}
	for id := range sh.entries {
		if !keep[id] {
			return true
		}
	}
	return false
}

// write writes shard i with its entries of the articles kept. Those that
// Get gave away are read again from the shard on disk.
func (c *Cache) write(i int, keep map[string]bool) (int, error) {
	sh := &c.shards[i]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	var disk map[string]*entry
	list := make([]*entry, 0, len(keep))
	for id, e := range sh.entries {
		if !keep[id] {
			continue
		}
		if e.Data == nil {
			if disk == nil {
				disk = c.read(i)
			}
			d := disk[id]
			if d == nil || d.Sum != e.Sum {
				continue // gone from the disk meanwhile: a miss next time
			}
			e = d
		}
		list = append(list, e)
	}
	slices.SortFunc(list, func(a, b *entry) int { return strings.Compare(a.ID, b.ID) })
	var payload bytes.Buffer
	if err := gob.NewEncoder(&payload).Encode(list); err != nil {
		return 0, err
	}
	var b bytes.Buffer
	b.Grow(len(magic) + len(c.fp) + 4 + payload.Len())
	b.WriteString(magic)
	b.Write(c.fp[:])
	b.Write(binary.LittleEndian.AppendUint32(nil, crc32.Checksum(payload.Bytes(), castagnoli)))
	b.Write(payload.Bytes())
	f, err := os.CreateTemp(c.dir, ".mentions-*.tmp")
	if err != nil {
		return 0, err
	}
	_, err = f.Write(b.Bytes())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), c.path(i))
	}
	if err != nil {
		os.Remove(f.Name())
		return 0, err
	}
	// What was written is on disk: keep only the keys, as Get leaves
	// them.
	sh.entries = make(map[string]*entry, len(list))
	for _, e := range list {
		sh.entries[e.ID] = &entry{ID: e.ID, Sum: e.Sum}
	}
	sh.dirty = false
	return len(list), nil
}
