package watch

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// site makes a site folder with an article, a template and a config.
func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for p, s := range map[string]string{
		"config.toml":            "title = \"t\"\n",
		"content/a.md":           "a\n",
		"content/2014/b.md":      "b\n",
		"templates/base.html":    "base\n",
		"static/style.css":       "body {}\n",
		"public/index.html":      "built\n",
		"content/_events.toml":   "",
		"content/.hidden/x.md":   "x\n",
		"content/drafts~/old.md": "old\n",
	} {
		write(t, filepath.Join(dir, p), s)
	}
	return dir
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// watcher runs a Watcher on dir and returns a function that waits for the
// changes made before the fence file static/fence-N, written when it is
// called, and returns them (without the fence).
func watcher(t *testing.T, dir string, configure func(*Watcher)) func() []string {
	t.Helper()
	w, err := New(Options{Root: dir, Exclude: []string{"public"}, Quiet: 20 * time.Millisecond, Log: &syncBuffer{}})
	if err != nil {
		t.Fatal(err)
	}
	if configure != nil {
		configure(w)
	}
	ctx, cancel := context.WithCancel(context.Background())
	batches := make(chan []string, 100)
	done := make(chan error)
	go func() { done <- w.Run(ctx, func(b []string) { batches <- b }) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	// Wait until the watches are in place: a first fence comes through.
	n := 0
	next := func() []string {
		t.Helper()
		n++
		fence := fmt.Sprintf("static/fence-%d", n)
		seen := map[string]bool{}
		timeout := time.After(20 * time.Second) // a failure guard, not a timing assertion
		write(t, filepath.Join(dir, fence), "")
		for !seen[fence] {
			select {
			case b := <-batches:
				for _, p := range b {
					seen[p] = true
				}
			case <-time.After(500 * time.Millisecond):
				write(t, filepath.Join(dir, fence), "") // the first may come before the watch
			case <-timeout:
				t.Fatalf("no event for %s", fence)
			}
		}
		delete(seen, fence)
		var out []string
		for p := range seen {
			if !strings.HasPrefix(p, "static/fence-") {
				out = append(out, p)
			}
		}
		sort.Strings(out)
		return out
	}
	next()
	return next
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// editorSteps are edits the way editors and tools make them, and the
// changes they must give.
func editorSteps(t *testing.T, dir string) []struct {
	name string
	do   func()
	want []string
} {
	p := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	rename := func(from, to string) {
		t.Helper()
		if err := os.Rename(p(from), p(to)); err != nil {
			t.Fatal(err)
		}
	}
	remove := func(rel string) {
		t.Helper()
		if err := os.RemoveAll(p(rel)); err != nil {
			t.Fatal(err)
		}
	}
	return []struct {
		name string
		do   func()
		want []string
	}{
		{"write in place", func() { write(t, p("content/a.md"), "a2\n") }, []string{"content/a.md"}},
		{"atomic save: a temporary file renamed over", func() {
			write(t, p("content/.a.md.tmp.1234"), "a3\n")
			rename("content/.a.md.tmp.1234", "content/a.md")
		}, []string{"content/a.md"}},
		{"vim: backup by rename, 4913 probe, write, backup removed", func() {
			write(t, p("content/4913"), "")
			remove("content/4913")
			rename("content/a.md", "content/a.md~")
			write(t, p("content/.a.md.swp"), "swap")
			write(t, p("content/a.md"), "a4\n")
			remove("content/a.md~")
		}, []string{"content/a.md"}},
		{"JetBrains safe write", func() {
			write(t, p("content/a.md___jb_tmp___"), "a5\n")
			rename("content/a.md", "content/a.md___jb_old___")
			rename("content/a.md___jb_tmp___", "content/a.md")
			remove("content/a.md___jb_old___")
		}, []string{"content/a.md"}},
		{"chmod only is dropped", func() {
			if err := os.Chmod(p("content/a.md"), 0o600); err != nil {
				t.Fatal(err)
			}
		}, nil},
		{"a new folder with a file", func() {
			write(t, p("content/2015/c.md"), "c\n")
		}, []string{"content/2015", "content/2015/c.md"}},
		{"a file in the new folder", func() { write(t, p("content/2015/c.md"), "c2\n") }, []string{"content/2015/c.md"}},
		{"a file renamed", func() { rename("content/2015/c.md", "content/2015/d.md") }, []string{"content/2015/c.md", "content/2015/d.md"}},
		{"a file deleted", func() { remove("content/2014/b.md") }, []string{"content/2014/b.md"}},
		{"a folder removed", func() { remove("content/2015") }, []string{"content/2015", "content/2015/d.md"}},
		{"the folder re-created", func() { write(t, p("content/2015/e.md"), "e\n") }, []string{"content/2015", "content/2015/e.md"}},
		{"a file in the re-created folder", func() { write(t, p("content/2015/e.md"), "e2\n") }, []string{"content/2015/e.md"}},
		{"a folder moved in", func() {
			write(t, p("elsewhere/f.md"), "f\n")
			rename("elsewhere", "content/elsewhere")
		}, []string{"content/elsewhere", "content/elsewhere/f.md"}},
		{"a file in the moved folder", func() { write(t, p("content/elsewhere/f.md"), "f2\n") }, []string{"content/elsewhere/f.md"}},
		{"config.toml saved atomically", func() {
			write(t, p(".config.toml.swp"), "")
			write(t, p("config.toml.tmp"), "title = \"u\"\n")
			rename("config.toml.tmp", "config.toml")
		}, []string{"config.toml"}},
		{"config.toml written again after that", func() { write(t, p("config.toml"), "title = \"v\"\n") }, []string{"config.toml"}},
		{"the overrides file", func() { write(t, p("content/_events.toml"), "# none\n") }, []string{"content/_events.toml"}},
		{"a template", func() { write(t, p("templates/event.html"), "e\n") }, []string{"templates/event.html"}},
		{"the output folder and other files are not watched", func() {
			write(t, p("public/index.html"), "built again\n")
			write(t, p("public/new/index.html"), "new\n")
			write(t, p("notes.txt"), "n\n")
			write(t, p("content/.hidden/x.md"), "x2\n")
			write(t, p("content/drafts~/old.md"), "old2\n")
			write(t, p("content/#a.md#"), "autosave\n")
			write(t, p("content/a.md.orig"), "o\n")
		}, nil},
		{"content removed and re-created", func() {
			remove("content")
			write(t, p("content/g.md"), "g\n")
		}, []string{"content", "content/2014", "content/2015", "content/2015/e.md", "content/_events.toml", "content/a.md",
			"content/elsewhere", "content/elsewhere/f.md", "content/g.md"}},
		{"a file in the re-created content", func() { write(t, p("content/g.md"), "g2\n") }, []string{"content/g.md"}},
	}
}

// TestWatchEditors makes edits the way editors do and checks the changes
// reported for each.
func TestWatchEditors(t *testing.T) {
	dir := site(t)
	next := watcher(t, dir, nil)
	for _, st := range editorSteps(t, dir) {
		st.do()
		got := next()
		if !reflect.DeepEqual(got, st.want) && !(len(got) == 0 && len(st.want) == 0) {
			t.Errorf("%s: changes %q, want %q", st.name, got, st.want)
		}
	}
}

// TestWatchPolling: polling reports what changed in files (not the chmod of
// one) and folders, created, changed or removed.
func TestWatchPolling(t *testing.T) {
	dir := site(t)
	next := watcher(t, dir, func(w *Watcher) { w.opts.Poll = 10 * time.Millisecond })
	p := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	steps := []struct {
		name string
		do   func()
		want []string
	}{
		{"a file written", func() { write(t, p("content/a.md"), "a changed\n") }, []string{"content/a.md"}},
		{"chmod only", func() { os.Chmod(p("content/a.md"), 0o600) }, nil},
		{"a folder with a file", func() { write(t, p("content/2015/c.md"), "c\n") }, []string{"content/2015", "content/2015/c.md"}},
		{"a file removed", func() { os.Remove(p("content/2015/c.md")) }, []string{"content/2015/c.md"}},
		{"an ignored file", func() { write(t, p("content/a.md~"), "backup\n") }, nil},
	}
	for _, st := range steps {
		st.do()
		if got := next(); !reflect.DeepEqual(got, st.want) && !(len(got) == 0 && len(st.want) == 0) {
			t.Errorf("%s: changes %q, want %q", st.name, got, st.want)
		}
	}
}

// TestWatchLimitFallsBackToPolling: when inotify refuses a watch for the
// system's limit, the watcher says so, with the way to raise the limit, and
// polls.
func TestWatchLimitFallsBackToPolling(t *testing.T) {
	dir := site(t)
	var w *Watcher
	next := watcher(t, dir, func(x *Watcher) {
		w = x
		w.fallback = 10 * time.Millisecond
		calls := 0
		w.add = func(name string) error {
			if calls++; calls > 2 {
				return fmt.Errorf("add %s: %w", name, syscall.ENOSPC)
			}
			return nil
		}
	})
	log := w.opts.Log.(*syncBuffer).String()
	for _, want := range []string{"limit on inotify watches is reached", "max_user_watches", "polling", "sudo sysctl fs.inotify.max_user_watches="} {
		if !strings.Contains(log, want) {
			t.Errorf("message %q lacks %q", log, want)
		}
	}
	write(t, filepath.Join(dir, "content", "2014", "b.md"), "b changed\n")
	if got, want := next(), []string{"content/2014/b.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("changes %q, want %q", got, want)
	}
}

// TestWatchUnreadableFolder: a folder that cannot be read (inotify refuses
// to watch it, as it does for a user without read permission) does not
// stop the watcher: it says so once, reports the other changes, and
// watches the folder once a change of its permissions makes it readable.
func TestWatchUnreadableFolder(t *testing.T) {
	dir := site(t)
	locked := filepath.Join(dir, "content", "locked")
	write(t, filepath.Join(locked, "c.md"), "c\n")
	var w *Watcher
	var denied atomic.Bool
	denied.Store(true)
	next := watcher(t, dir, func(x *Watcher) {
		w = x
		w.add = func(name string) error {
			if name == locked && denied.Load() {
				return fmt.Errorf("add %s: %w", name, syscall.EACCES)
			}
			return w.fs.Add(name)
		}
	})
	log := w.opts.Log.(*syncBuffer)
	if got := log.String(); strings.Count(got, "content/locked cannot be read") != 1 {
		t.Errorf("log %q does not say once that content/locked cannot be read", got)
	}
	write(t, filepath.Join(dir, "content", "a.md"), "a changed\n")
	if got, want := next(), []string{"content/a.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("changes %q, want %q", got, want)
	}
	denied.Store(false)
	if err := os.Chmod(locked, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, want := next(), []string{"content/locked", "content/locked/c.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("once readable: changes %q, want %q", got, want)
	}
	write(t, filepath.Join(locked, "c.md"), "c changed\n")
	if got, want := next(), []string{"content/locked/c.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("in the folder: changes %q, want %q", got, want)
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": false, "_events.toml": false, "style.css": false, "base.html": false, "2014": false, "x.tmpl": false,
		".a.md.swp": true, "a.md.swp": true, "a.md~": true, "4913": true, ".#a.md": true, "#a.md#": true,
		"a.md___jb_tmp___": true, "a.md.bak": true, "a.md.orig": true, "a.md.tmp": true, ".a.md.tmp.1234": true, ".git": true,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}
