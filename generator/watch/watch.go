// Package watch reports changes to a site's source files, for a preview
// server that rebuilds after each edit. It watches folders, not files
// (editors save by writing a temporary file and renaming it over the
// original, which a watch on the file would lose), adds the folders that
// appear after it started (inotify is not recursive), drops Chmod-only
// events and the files editors leave behind (swap files, backups, vim's
// 4913 probe, JetBrains' ___jb_ files, emacs' lock and autosave files), and
// groups a burst of events into one batch with a timer that restarts on
// each event, so that a save that touches a file five times, or a git
// checkout that touches a hundred, gives one rebuild.
//
// When the system's limit on inotify watches is reached, it says so, with
// the command that raises the limit, and falls back to polling. A folder
// that cannot be read is not an error: it says so, and watches the folder
// once a change of its permissions makes it readable.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options says what to watch.
type Options struct {
	// Root is the site folder.
	Root string
	// Paths are the names under Root to watch: folders are watched with
	// every folder below them, files through the folder that holds them.
	// Default: content, templates, static and config.toml.
	Paths []string
	// Exclude are folders never watched nor reported, such as the output
	// folder, relative to Root or absolute.
	Exclude []string
	// Quiet is how long no event must arrive before a batch is reported;
	// every event restarts the wait. Default 50ms.
	Quiet time.Duration
	// Poll, if positive, polls every Poll instead of using inotify; it is
	// a hit limit on inotify watches falls back to polling every second.
	Poll time.Duration
	// Log receives the messages meant for the person running the server,
	// such as the fallback to polling. Default: discarded.
	Log io.Writer
}

// DefaultPaths are the parts of a site that a preview watches.
var DefaultPaths = []string{"content", "templates", "static", "config.toml"}

// Overflow is the path reported in a batch when events were lost (the
// kernel's queue overflowed): anything may have changed.
const Overflow = "."

// Watcher watches a site's source. Create one with New and start it with
// Run.
type Watcher struct {
	opts    Options
	root    string
	exclude []string

	fs      *fsnotify.Watcher
	watched map[string]bool // folders with an inotify watch
	denied  map[string]bool // folders that could not be read, said in the log
	// add adds an inotify watch; a field so tests can simulate the limit.
	add func(name string) error
	// fallback is the interval of polling when inotify cannot be used.
	fallback time.Duration
}

// New returns a watcher for opts. Nothing is watched before Run.
func New(opts Options) (*Watcher, error) {
	if len(opts.Paths) == 0 {
		opts.Paths = DefaultPaths
	}
	if opts.Quiet <= 0 {
		opts.Quiet = 50 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, err
	}
	w := &Watcher{opts: opts, root: root, watched: map[string]bool{}, denied: map[string]bool{}, fallback: time.Second}
	for _, e := range opts.Exclude {
		if !filepath.IsAbs(e) {
			e = filepath.Join(root, e)
		}
		w.exclude = append(w.exclude, filepath.Clean(e))
	}
	return w, nil
}

// Run watches until ctx is done and calls fn with each batch of changes:
// the changed files and folders as sorted slash paths relative to Root
// ("content/a.md"), each once; a batch holding Overflow means events were
// lost. fn runs on Run's goroutine, one batch at a time; changes that come
// while it runs make the next batch. Run returns nil when ctx is done, with
// every watch closed.
func (w *Watcher) Run(ctx context.Context, fn func([]string)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	changes := make(chan string, 64)
	batches := make(chan []string)
	done := make(chan error, 1)
	go func() { done <- w.collect(ctx, changes) }()
	go debounce(ctx, changes, w.opts.Quiet, batches)
	for {
		select {
		case b := <-batches:
			fn(b)
		case err := <-done:
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
	}
}

// collect sends the relevant changes to out until ctx is done, with
// inotify, or by polling when inotify cannot be used.
func (w *Watcher) collect(ctx context.Context, out chan<- string) error {
	if w.opts.Poll > 0 {
		return w.poll(ctx, out, w.opts.Poll)
	}
	err := w.notify(ctx, out)
	if errors.Is(err, errLimit) {
		interval := w.fallback
		fmt.Fprintf(w.opts.Log, "%v\nWatching by polling every %v instead; to watch with inotify again, raise the limit:\n    sudo sysctl fs.inotify.max_user_watches=524288\n", err, interval)
		return w.poll(ctx, out, interval)
	}
	return err
}

// errLimit is a system limit on inotify.
var errLimit = errors.New("the system's limit on inotify watches is reached")

func limitError(err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		n := "?"
		if b, err := os.ReadFile("/proc/sys/fs/inotify/max_user_watches"); err == nil {
			n = strings.TrimSpace(string(b))
		}
		return fmt.Errorf("%w (fs.inotify.max_user_watches = %s): %v", errLimit, n, err)
	}
	return err
}

// notify watches with fsnotify.
func (w *Watcher) notify(ctx context.Context, out chan<- string) error {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return limitError(err)
	}
	defer fw.Close()
	w.fs = fw
	if w.add == nil {
		w.add = fw.Add
	}
	if err := w.watch(w.root); err != nil {
		return err
	}
	for _, p := range w.opts.Paths {
		if err := w.addTree(filepath.Join(w.root, p), nil); err != nil {
			return err
		}
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			if err := w.event(ctx, ev, out); err != nil {
				return err
			}
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				send(ctx, out, Overflow)
				continue
			}
			fmt.Fprintf(w.opts.Log, "watch: %v\n", err)
		}
	}
}

// watch adds an inotify watch on a folder. A folder that cannot be read
// is not watched (see unreadable).
func (w *Watcher) watch(dir string) error {
	if w.watched[dir] {
		return nil
	}
	if err := w.add(dir); err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil // gone already: its removal is reported
		case errors.Is(err, fs.ErrPermission):
			w.unreadable(dir)
			return nil
		}
		return limitError(err)
	}
	w.watched[dir] = true
	delete(w.denied, dir)
	return nil
}

// unreadable says in the log, once, that a folder cannot be read and so is
// not watched: the build reports the folder, and a change of its
// permissions, which the folder above reports, watches it once it can be
// read (see event). It is not an error of the watcher: the preview goes on.
func (w *Watcher) unreadable(dir string) {
	if w.denied[dir] {
		return
	}
	w.denied[dir] = true
	name := dir
	if r, ok := w.rel(dir); ok {
		name = r
	}
	fmt.Fprintf(w.opts.Log, "watch: %s cannot be read (permission denied): its changes are not seen until it can be\n", name)
}

// addTree watches the folder p and every folder below it, and sends
// each file and folder found to found, if not nil (they may have been
// created before the watch was in place). A file p is watched through
// its folder, which is the root's.
func (w *Watcher) addTree(p string, found func(string)) error {
	return filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			switch {
			case errors.Is(err, fs.ErrNotExist):
				return nil
			case errors.Is(err, fs.ErrPermission):
				w.unreadable(q)
				return nil
			}
			return err
		}
		if q != p && w.skip(q) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if found != nil && q != p {
			found(q)
		}
		if !d.IsDir() {
			return nil
		}
		return w.watch(q)
	})
}

// event handles one inotify event.
func (w *Watcher) event(ctx context.Context, ev fsnotify.Event, out chan<- string) error {
	if ev.Op == fsnotify.Chmod && w.denied[ev.Name] && !w.skip(ev.Name) {
		// A folder that could not be read may be readable now.
		if err := w.added(ctx, ev.Name, out); err != nil || !w.watched[ev.Name] {
			return err
		}
		if rel, ok := w.rel(ev.Name); ok {
			send(ctx, out, rel)
		}
		return nil
	}
	if ev.Op == fsnotify.Chmod || ev.Op == 0 {
		return nil // a chmod, or an atime change: no content changed
	}
	if w.skip(ev.Name) {
		return nil
	}
	rel, ok := w.rel(ev.Name)
	if !ok {
		return nil
	}
	if ev.Op.Has(fsnotify.Remove) || ev.Op.Has(fsnotify.Rename) {
		if w.watched[ev.Name] {
			// A watched folder removed or moved away: forget it (and
			// those below it); inotify would report a moved one's
			// events under the old name.
			for d := range w.watched {
				if d == ev.Name || strings.HasPrefix(d, ev.Name+string(filepath.Separator)) {
					_ = w.fs.Remove(d)
					delete(w.watched, d)
				}
			}
		}
	}
	if ev.Op.Has(fsnotify.Create) {
		// A new folder (or one moved in, or re-created): watch it and all
		// below it, and report what it already holds.
		if err := w.added(ctx, ev.Name, out); err != nil {
			return err
		}
	}
	send(ctx, out, rel)
	return nil
}

// added watches p, if it is a folder, and every folder below it, and
// sends what it holds.
func (w *Watcher) added(ctx context.Context, p string, out chan<- string) error {
	if info, err := os.Lstat(p); err != nil || !info.IsDir() {
		return nil
	}
	var found []string
	if err := w.addTree(p, func(q string) { found = append(found, q) }); err != nil {
		return err
	}
	for _, q := range found {
		if r, ok := w.rel(q); ok {
			send(ctx, out, r)
		}
	}
	return nil
}

func send(ctx context.Context, out chan<- string, p string) {
	select {
	case out <- p:
	case <-ctx.Done():
	}
}

// rel returns the slash path of p relative to the root, if p is under one
// of the watched paths.
func (w *Watcher) rel(p string) (string, bool) {
	r, err := filepath.Rel(w.root, p)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return "", false
	}
	r = filepath.ToSlash(r)
	top, _, _ := strings.Cut(r, "/")
	for _, q := range w.opts.Paths {
		if top == q {
			return r, true
		}
	}
	return "", false
}

// skip reports whether the absolute path p is excluded, outside the
// watched paths, or has a name an editor or tool leaves behind.
func (w *Watcher) skip(p string) bool {
	for _, e := range w.exclude {
		if p == e || strings.HasPrefix(p, e+string(filepath.Separator)) {
			return true
		}
	}
	r, ok := w.rel(p)
	if !ok {
		return true
	}
	for _, name := range strings.Split(r, "/") {
		if Ignored(name) {
			return true
		}
	}
	return false
}

// Ignored reports whether a file or folder name is one that editors and
// tools leave behind rather than a source: hidden files (.foo.md.swp,
// .#foo.md, .git), vim's swap files and 4913 probe, backups (foo.md~,
// foo.md.bak, foo.md.orig), temporary files (foo.md.tmp, foo.md.tmp.1234),
// emacs' autosave (#foo.md#) and JetBrains' safe-write files (foo.md___jb_tmp___).
// Unlike content.Ignored it keeps names starting with "_": content/_events.toml
// is a source.
func Ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "#"), strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, "~"), strings.Contains(name, "___jb_"), name == "4913",
		strings.HasSuffix(name, ".tmp"), strings.Contains(name, ".tmp."):
		return true
	}
	switch filepath.Ext(name) {
	case ".swp", ".swx", ".swo", ".swpx", ".bak", ".orig", ".crswap", ".kate-swp":
		return true
	}
	return false
}

// debounce collects the paths sent to in and, once none has come for
// quiet, sends them to out as one sorted batch. Every path restarts the
// wait. While out is not ready the batch keeps growing, and a path that
// comes in the meantime restarts the wait again, so a batch is only ever
// sent after quiet has passed without a change.
func debounce(ctx context.Context, in <-chan string, quiet time.Duration, out chan<- []string) {
	pending := map[string]bool{}
	timer := time.NewTimer(quiet)
	timer.Stop()
	var ready chan<- []string // out once the wait is over, nil before
	var batch []string
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case p := <-in:
			pending[p] = true
			ready, batch = nil, nil
			timer.Reset(quiet)
		case <-timer.C:
			batch = make([]string, 0, len(pending))
			for p := range pending {
				batch = append(batch, p)
			}
			sort.Strings(batch)
			ready = out
		case ready <- batch:
			pending = map[string]bool{}
			ready, batch = nil, nil
		}
	}
}
