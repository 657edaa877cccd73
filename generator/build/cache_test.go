package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/newscorpus"
	"github.com/timeline-dev/timeline/generator/tagcache"
)

// A build that takes the mentions of articles from the cache writes the
// same site, byte for byte, as one that tags every article: on a cold
// cache, on a warm one, and after an edit, a new article and a deletion
// (which it tags alone).
func TestCachedBuildSameSite(t *testing.T) {
	site := filepath.Join(t.TempDir(), "news")
	if _, err := newscorpus.Write(site, newscorpus.Options{Articles: 120, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(site, "content", "*", "*.md"))
	if err != nil || len(files) < 100 {
		files, _ = filepath.Glob(filepath.Join(site, "content", "*.md"))
	}
	if len(files) < 100 {
		t.Fatalf("%d article files", len(files))
	}
	sort.Strings(files)
	out := t.TempDir()
	n := 0
	build := func(noCache bool, wantTagged int) string {
		t.Helper()
		n++
		dest := filepath.Join(out, "public"+string(rune('a'+n)))
		res, err := Build(context.Background(), Options{Source: site, Dest: dest, Theme: timeline.Theme, Fresh: true, NoCache: noCache})
		if err != nil {
			t.Fatal(diag.Detail(err))
		}
		wantCached := len(files) - wantTagged
		if noCache {
			wantTagged, wantCached = 0, 0
		}
		if res.Tagged != wantTagged || res.Cached != wantCached {
			t.Errorf("build %d: %d articles tagged, %d from the cache; want %d, %d", n, res.Tagged, res.Cached, wantTagged, wantCached)
		}
		if len(res.Notes) > 0 {
			t.Errorf("build %d: notes: %v", n, res.Notes)
		}
		return dest
	}
	articles := len(files)
	plain := build(true, articles)
	if _, err := os.Stat(filepath.Join(site, tagcache.Dir)); err == nil {
		t.Fatal("a build without the cache wrote one")
	}
	sameTree(t, "cold cache", plain, build(false, articles))
	sameTree(t, "warm cache", plain, build(false, 0))

	// An edit, a new article, a deletion.
	src, err := os.ReadFile(files[7])
	if err != nil {
		t.Fatal(err)
	}
	edited := append(bytes.Clone(src), "\nOn Tuesday the council met again, two days after the vote.\n"...)
	if err := os.WriteFile(files[7], edited, 0o644); err != nil {
		t.Fatal(err)
	}
	added := filepath.Join(filepath.Dir(files[7]), "added-by-the-test.md")
	if err := os.WriteFile(added, bytes.Replace(src, []byte("title = \""), []byte("title = \"Again: "), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(files[20]); err != nil {
		t.Fatal(err)
	}
	plain = build(true, articles)
	sameTree(t, "after edits", plain, build(false, 2))
	sameTree(t, "after edits, warm", plain, build(false, 0))

	// timeline serve's first build takes them from the cache too, and
	// shows the same site.
	s := NewSession(Options{Source: site, Theme: timeline.Theme, Fresh: true})
	snap, err := s.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(diag.Detail(err))
	}
	if snap.Stats.Tagged != 0 {
		t.Errorf("serve tagged %d articles, want 0", snap.Stats.Tagged)
	}
	want := readTree(t, plain)
	if got := snap.Files.Paths(); len(got) != len(want) {
		t.Errorf("serve: %d files, want %d", len(got), len(want))
	}
	for p, w := range want {
		if b, err := snap.Files.File(p); err != nil || !bytes.Equal(b, w) {
			t.Errorf("serve: %s differs from the build's (%v)", p, err)
		}
	}
}

// sameTree fails the test if the two folders differ, naming the files
// that do.
func sameTree(t *testing.T, what, a, b string) {
	t.Helper()
	fa, fb := readTree(t, a), readTree(t, b)
	var diff []string
	for p, da := range fa {
		if db, ok := fb[p]; !ok || !bytes.Equal(da, db) {
			diff = append(diff, p)
		}
	}
	for p := range fb {
		if _, ok := fa[p]; !ok {
			diff = append(diff, p)
		}
	}
	if len(fa) < 100 {
		t.Fatalf("%s: only %d files", what, len(fa))
	}
	if len(diff) > 0 {
		sort.Strings(diff)
		t.Errorf("%s: %d of %d files differ: %v", what, len(diff), len(fa), diff[:min(len(diff), 10)])
	}
}

// readTree returns the bytes of the files under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// A cache that cannot be written is no failure: the build succeeds, with
// a note that names the folder and says why.
func TestCacheNotWritable(t *testing.T) {
	site := filepath.Join(t.TempDir(), "news")
	if _, err := newscorpus.Write(site, newscorpus.Options{Articles: 20, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, tagcache.Dir), []byte("a file where the folder goes"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{Source: site, Theme: timeline.Theme})
	if err != nil {
		t.Fatal(diag.Detail(err))
	}
	if len(res.Notes) != 1 || res.Notes[0].File != tagcache.Dir || !strings.Contains(res.Notes[0].Msg, "not a directory") {
		t.Errorf("notes: %v", res.Notes)
	}
}

// A build that fails once its articles are tagged (here on an override
// that names no event) has saved what it tagged when it returns: the
// build after the fix takes every article from the cache.
func TestFailedBuildSavesCache(t *testing.T) {
	site := filepath.Join(t.TempDir(), "news")
	if _, err := newscorpus.Write(site, newscorpus.Options{Articles: 20, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	overrides := filepath.Join(site, "content", "_events.toml")
	write(t, overrides, "[[event]]\nid = \"no-such-event\"\nheadline = \"x\"\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: site, Dest: dest, Theme: timeline.Theme}); err == nil || !strings.Contains(err.Error(), "no-such-event") {
		t.Fatalf("build with a wrong override: error %v", err)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("the failed build wrote %s (%v)", dest, err)
	}
	if err := os.Remove(overrides); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{Source: site, Dest: dest, Theme: timeline.Theme})
	if err != nil {
		t.Fatal(diag.Detail(err))
	}
	if res.Tagged != 0 || res.Cached != res.Articles {
		t.Errorf("after the fix: %d articles tagged, %d from the cache, of %d; want all from the cache", res.Tagged, res.Cached, res.Articles)
	}
}
