// Package serve is the preview server of timeline serve. It builds the
// site with a build.Session, serves it from memory (never from the output
// folder, which it does not touch), watches the sources with package
// watch, rebuilds what an edit changed, and tells every open browser tab
// over server-sent events: a tab whose page changed reloads (once per
// change, and at most once per ReloadGap), a change of
// stylesheets only swaps them in place, and a failed rebuild shows its
// errors (file:line:column and message) over the last good pages, which
// keep being served until a fix clears the errors.
//
// Every HTML page served gets a small live-reload script injected before
// </body>; a build's output never contains it. Only the site's files are
// served: no source file, no directory listing, nothing outside the site
// through ".." or a symbolic link.
package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/timeline-dev/timeline/generator/build"
	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/internal/parallel"
	"github.com/timeline-dev/timeline/generator/watch"
)

// Options configures a Server.
type Options struct {
	// Build says what site to build; its Dest is not used.
	Build build.Options
	// Listener is where to serve: the caller binds it, so that it can
	// report a port in use and print the URL.
	Listener net.Listener
	// Stdout receives the progress lines, Stderr the errors. Default:
	// discarded.
	Stdout, Stderr io.Writer
	// Quiet is how long the sources must stay unchanged before a rebuild;
	// every change restarts the wait (see watch.Options). Default
	// DefaultQuiet.
	Quiet time.Duration
	// Poll, if positive, polls the sources at this interval instead of
	// watching them with inotify.
	Poll time.Duration
}

// DefaultQuiet is the default wait for the end of a burst of changes:
// editors' saves (a temporary file written and renamed, a backup made and
// removed) take far less, and it adds to every edit's latency.
const DefaultQuiet = 20 * time.Millisecond

// Server is a preview server. Create it with New, run it with Run.
type Server struct {
	opts    Options
	src     string // the site folder, absolute
	session *build.Session
	hub     *hub
	state   atomic.Pointer[state]
	version atomic.Int64
	stdout  io.Writer
	stderr  io.Writer
	buildMu sync.Mutex
	logMu   sync.Mutex

	// exact is the Build running after a preview (see rebuild); owed the
	// changes since the last Build that finished.
	exactMu sync.Mutex
	exact   *exactBuild
	owed    changes
	// lastBuild is how long the last Build that did not start from
	// scratch took, 0 before one; quick is the longest a Build may take to
	// be shown without a preview first (see rebuild). Both under buildMu.
	lastBuild time.Duration
	quick     time.Duration

	reloads *reloads

	// rebuilt, if set, is called after each rebuild, and handling when a
	// request comes (for tests).
	rebuilt  func(Rebuild)
	handling func(*http.Request)
	// exactStarting, if set, is called as the Build after a preview
	// starts (for tests).
	exactStarting func(context.Context)
}

// state is what the server serves: the last good build's files, and the
// error of the last build if it failed.
type state struct {
	files   *files // nil before the first good build
	err     error
	version int64
}

// files are a snapshot's files, rendered on demand and kept.
type files struct {
	snap     *build.Snapshot
	basePath string // the URL path the site is served under, "/" or "/sub/"
	mu       sync.Mutex
	pages    map[string][]byte
}

// file returns the bytes of the file at rel, rendering it the first time.
func (f *files) file(rel string) ([]byte, error) {
	f.mu.Lock()
	b, ok := f.pages[rel]
	f.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := f.snap.Files.File(rel)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	f.pages[rel] = b
	f.mu.Unlock()
	return b, nil
}

// Rebuild describes one rebuild, for tests and logs.
type Rebuild struct {
	Changed  []string // the changed paths, nil when unknown
	Skipped  bool     // no changed path is a source of the site
	Err      error
	Stats    build.SessionStats
	Reloaded int  // tabs told to reload
	Later    int  // tabs to reload at the end of the ReloadGap after their last reload
	CSS      bool // only stylesheets changed: swapped in place
	// Provisional is set for a preview (Session.Preview), which a Build
	// follows; Exact for that Build. Held is set on that Build when it
	// came before its preview was shown, which never was.
	Provisional, Exact, Held bool
}

// exactBuild is a Build running in the background after a preview.
type exactBuild struct {
	cancel context.CancelFunc
	done   chan struct{}
	// collected is closed after done, once the garbage of the Build is
	// collected (or at once when it was stopped).
	collected chan struct{}
	// held is the preview before it is shown: at the end of the hold, or
	// never if the Build comes first. Under mu.
	mu    sync.Mutex
	held  *preview
	timer *time.Timer
}

// preview is a good preview, ready to be shown.
type preview struct {
	batch, changed []string
	snap           *build.Snapshot
	files          *files
}

// QuickBuild is the longest a Build may take for an edit to be shown by
// the Build alone, without a preview first: a preview would reload the
// tabs once, and the Build, which may group differently, a second time.
// Before the first Build after an edit, whose time is not known yet, a
// preview waits as long for the Build and is shown only if it comes
// later.
const QuickBuild = 50 * time.Millisecond

// New returns a server for opts.
func New(opts Options) (*Server, error) {
	src := opts.Build.Source
	if src == "" {
		src = "."
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return nil, err
	}
	opts.Build.Source = abs
	if opts.Quiet <= 0 {
		opts.Quiet = DefaultQuiet
	}
	s := &Server{opts: opts, src: abs, session: build.NewSession(opts.Build), hub: newHub(),
		stdout: opts.Stdout, stderr: opts.Stderr, quick: QuickBuild, reloads: newReloads(ReloadGap)}
	if s.stdout == nil {
		s.stdout = io.Discard
	}
	if s.stderr == nil {
		s.stderr = io.Discard
	}
	return s, nil
}

// Run builds the site, serves it on the listener and rebuilds it on every
// change until ctx is done; then it stops watching, ends the live-reload
// streams, lets the requests in flight finish and returns nil. The server
// keeps running whatever the site's errors: they are shown, and the last
// good site stays served.
func (s *Server) Run(ctx context.Context) error {
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, ErrorLog: nil}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(s.opts.Listener) }()

	w, err := watch.New(watch.Options{
		Root: s.src, Quiet: s.opts.Quiet, Poll: s.opts.Poll, Log: s.stderr,
		Exclude: s.outputFolders(),
	})
	if err != nil {
		srv.Close()
		return err
	}
	watchCtx, stopWatching := context.WithCancel(ctx)
	watched := make(chan error, 1)
	started := make(chan struct{})
	go func() {
		// The first build runs on the watcher's goroutine so that
		// changes made during it make the next batch.
		watched <- w.Run(watchCtx, func(batch []string) { s.rebuild(watchCtx, batch) })
	}()
	go func() {
		defer close(started)
		s.rebuild(watchCtx, nil)
	}()

	var runErr error
	watcherDone := false
	select {
	case <-ctx.Done():
	case err := <-served:
		runErr = err
	case err := <-watched:
		runErr, watcherDone = err, true
	}
	stopWatching()
	<-started
	s.stopExact()
	s.hub.close()
	s.reloads.stop()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && runErr == nil {
		runErr = err
	}
	if !watcherDone {
		if err := <-watched; err != nil && runErr == nil {
			runErr = err
		}
	}
	s.stopExact() // one the last batch started
	if errors.Is(runErr, http.ErrServerClosed) {
		runErr = nil
	}
	return runErr
}

// outputFolders are the folders a build writes, never watched.
func (s *Server) outputFolders() []string {
	out := []string{"public"}
	if cfg, err := build.Load(s.opts.Build); err == nil {
		out = append(out, build.Dest(s.opts.Build, cfg))
	}
	return out
}

// rebuild builds the site again after the changes in batch (nil: unknown)
// and tells the tabs.
//
// An edit of article files on a site whose Build is slow (over
// s.quick) is previewed first (build.Session.Preview), which takes a time
// that grows with the edit rather than with the site, and the tabs are
// told at once; the exact Build follows in the background, and tabs whose
// page it changes reload again. A change that comes meanwhile stops that
// Build: the next one takes in both changes. On a site whose Build is
// quick, the Build alone is shown, and each tab reloads once.
func (s *Server) rebuild(ctx context.Context, batch []string) {
	changed := batch
	for _, p := range batch {
		if p == watch.Overflow {
			changed = nil
			break
		}
	}
	if changed != nil {
		changed = s.relevant(changed)
		if len(changed) == 0 {
			// Nothing of the site: a Build running goes on.
			s.done(Rebuild{Changed: batch, Skipped: true})
			return
		}
	}
	s.stopExact()
	s.buildMu.Lock() // one build at a time: the first, then the watcher's
	defer s.buildMu.Unlock()
	old := s.state.Load()
	s.owed.add(changed)
	if old != nil && old.err == nil && old.files != nil && changed != nil && !s.isQuick() {
		if s.preview(ctx, batch, changed) {
			return
		}
	}
	snap, f, built, err := s.build(ctx)
	if ctx.Err() != nil {
		return // the changes stay owed
	}
	s.finish(batch, built, snap, f, err, Rebuild{Changed: batch})
}

// isQuick reports whether the last Build was quick enough to be shown
// without a preview; s.buildMu is held.
func (s *Server) isQuick() bool {
	return s.lastBuild > 0 && s.lastBuild <= s.quick
}

// preview previews an edit of articles and starts the exact Build after it;
// it reports false when the edit cannot be previewed (see
// build.Session.Preview) or the preview fails. s.buildMu is held.
func (s *Server) preview(ctx context.Context, batch, changed []string) bool {
	snap, ok, err := s.session.Preview(ctx, changed)
	if ctx.Err() != nil {
		return true
	}
	if !ok || err != nil {
		return false
	}
	f := newFiles(snap)
	if err := s.check(f, changed); err != nil {
		return false
	}
	s.startExact(ctx, batch, &preview{batch: batch, changed: changed, snap: snap, files: f})
	return true
}

func newFiles(snap *build.Snapshot) *files {
	return &files{snap: snap, basePath: basePath(snap.Config.BaseURL), pages: map[string][]byte{}}
}

// changes are the changes a Build must take in.
type changes struct {
	pending bool     // some are
	unknown bool     // which is not known: everything may have changed
	paths   []string // else these
}

// add adds the changed paths of a batch; nil means unknown.
func (c *changes) add(changed []string) {
	c.pending = true
	c.unknown = c.unknown || changed == nil
	c.paths = append(c.paths, changed...)
}

// list returns the paths for Session.Build: nil when unknown.
func (c *changes) list() []string {
	if c.unknown {
		return nil
	}
	return append([]string{}, c.paths...)
}

// build runs a Build of the changes owed and renders the pages of the open
// tabs; built are the changes it took in (nil: unknown). s.buildMu is
// held. When ctx is done the changes stay owed.
func (s *Server) build(ctx context.Context) (snap *build.Snapshot, f *files, built []string, err error) {
	built = s.owed.list()
	snap, err = s.session.Build(ctx, built)
	if ctx.Err() != nil {
		return nil, nil, nil, ctx.Err()
	}
	s.owed = changes{}
	if err != nil {
		return nil, nil, built, err
	}
	if !snap.Stats.Full {
		s.lastBuild = snap.Stats.Duration
	}
	f = newFiles(snap)
	return snap, f, built, s.check(f, built)
}

// finish serves a Build's files and tells the tabs, or shows its error
// over the last good files.
func (s *Server) finish(batch, built []string, snap *build.Snapshot, f *files, err error, r Rebuild) {
	if err == nil {
		s.publish(batch, built, snap, f, r)
		return
	}
	r.Err = err
	old := s.state.Load()
	version := s.version.Add(1)
	st := &state{err: err, version: version}
	if old != nil {
		st.files = old.files
	}
	s.state.Store(st)
	s.logf(s.stderr, "%s\n%s\n", detail(err), failure(err, st.files != nil))
	data, _ := json.Marshal(reportOf(err))
	s.hub.broadcast(event{"build-error", string(data)})
	s.done(r)
}

// publish serves a good build's files and tells the tabs; built are the
// changes the build took in (nil: unknown).
func (s *Server) publish(batch, built []string, snap *build.Snapshot, f *files, r Rebuild) {
	old := s.state.Load()
	r.Stats = snap.Stats
	s.state.Store(&state{files: f, version: s.version.Add(1)})
	if old != nil && old.err != nil {
		s.hub.broadcast(event{"build-ok", ""})
	}
	if css := stylesOnly(built); css != nil && old != nil && old.files != nil {
		r.CSS = true
		data, _ := json.Marshal(prefixed(f.basePath, css))
		s.hub.broadcast(event{"css", string(data)})
		s.swapped(old.files, f)
	} else {
		r.Reloaded, r.Later = s.reloadTabs(f)
	}
	s.logf(s.stdout, "%s\n", summary(batch, snap, r))
	s.done(r)
}

// startExact starts the Build owed after a preview, in the background, and
// shows the preview: now, or, before the first Build after an edit, when
// s.quick has passed without the Build, which is shown alone if it comes
// first. s.buildMu is held.
func (s *Server) startExact(ctx context.Context, batch []string, pv *preview) {
	ctx, cancel := context.WithCancel(ctx)
	x := &exactBuild{cancel: cancel, done: make(chan struct{}), collected: make(chan struct{})}
	s.exactMu.Lock()
	s.exact = x
	s.exactMu.Unlock()
	if s.lastBuild == 0 && s.quick > 0 {
		x.held = pv
		x.timer = time.AfterFunc(s.quick, func() {
			x.mu.Lock()
			defer x.mu.Unlock()
			s.showHeld(x)
		})
	} else {
		s.publish(pv.batch, pv.changed, pv.snap, pv.files, Rebuild{Changed: pv.batch, Provisional: true})
	}
	go func() {
		s.runExact(ctx, x, batch)
		close(x.done)
		if ctx.Err() == nil {
			// A Build of a big site leaves much garbage: collect it now,
			// while the editor reads, rather than during the next preview.
			runtime.GC()
		}
		close(x.collected)
	}()
}

// showHeld shows the preview held by x, if it still is; x.mu is held.
func (s *Server) showHeld(x *exactBuild) {
	if pv := x.held; pv != nil {
		x.held = nil
		s.publish(pv.batch, pv.changed, pv.snap, pv.files, Rebuild{Changed: pv.batch, Provisional: true})
	}
}

// runExact runs the Build after a preview and shows it. A preview still
// held is dropped when the Build is shown instead, and shown if the Build
// was stopped (by a new edit: were it dropped, edits coming faster than a
// Build would never be shown).
func (s *Server) runExact(ctx context.Context, x *exactBuild, batch []string) {
	if s.exactStarting != nil {
		s.exactStarting(ctx)
	}
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	snap, f, built, err := s.build(ctx)
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.timer != nil {
		x.timer.Stop()
	}
	if ctx.Err() != nil {
		s.showHeld(x)
		return
	}
	held := x.held != nil
	x.held = nil
	s.finish(batch, built, snap, f, err, Rebuild{Changed: batch, Exact: true, Held: held})
}

// stopExact stops the Build running after a preview, if any, and waits
// for it to end; what it was to take in stays owed.
func (s *Server) stopExact() {
	s.exactMu.Lock()
	x := s.exact
	s.exact = nil
	s.exactMu.Unlock()
	if x != nil {
		x.cancel()
		<-x.done
	}
}

func (s *Server) done(r Rebuild) {
	if s.rebuilt != nil {
		s.rebuilt(r)
	}
}

// check renders, before the tabs are told, the pages they show (so that a
// template that fails on some data fails the rebuild, and the reload finds
// them ready), and after a change of templates one page of each kind.
func (s *Server) check(f *files, changed []string) error {
	paths := map[string]bool{}
	for _, c := range s.hub.list() {
		if rel, ok := f.rel(c.path); ok {
			paths[rel] = true
		}
	}
	if changed == nil || templatesChanged(changed) {
		paths["404.html"], paths["index.html"], paths["sources/index.html"] = true, true, true
		m := f.snap.Model
		if len(m.Events) > 0 {
			paths[strings.TrimPrefix(m.Events[0].Page, "/")+"index.html"] = true
		}
		if len(m.Articles) > 0 {
			paths[strings.TrimPrefix(m.Articles[0].Page, "/")+"index.html"] = true
		}
	}
	var list []string
	for p := range paths {
		if f.snap.Files.Has(p) {
			list = append(list, p)
		}
	}
	sort.Strings(list)
	// On every core: an article's page and the home page at once.
	failed := make([]error, len(list))
	parallel.For(context.Background(), len(list), func(i int) { _, failed[i] = f.file(list[i]) })
	var errs diag.List
	for i, err := range failed {
		if err != nil {
			errs.Add(list[i], err)
		}
	}
	return errs.Err()
}

func templatesChanged(changed []string) bool {
	for _, p := range changed {
		if p == "templates" || strings.HasPrefix(p, "templates/") {
			return true
		}
	}
	return false
}

// rel maps a tab's URL path to the file it shows.
func (f *files) rel(urlPath string) (string, bool) {
	p := pagePath(urlPath)
	if p == "" || !strings.HasPrefix(p, f.basePath) {
		return "", false
	}
	rel := strings.TrimPrefix(p, f.basePath)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel, true
}

// relevant keeps the changed paths that may change the site: everything
// but the files under content/ that are neither articles nor the
// overrides file (notes, images kept beside the text).
func (s *Server) relevant(changed []string) []string {
	out := make([]string, 0, len(changed))
	for _, p := range changed {
		if strings.HasPrefix(p, content.Dir+"/") && !strings.EqualFold(path.Ext(p), ".md") && p != content.Dir+"/"+content.OverridesFile {
			info, err := os.Lstat(filepath.Join(s.src, filepath.FromSlash(p)))
			if err == nil && info.Mode().IsRegular() {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// stylesOnly returns the changed stylesheets when nothing else changed.
func stylesOnly(changed []string) []string {
	if len(changed) == 0 {
		return nil
	}
	var out []string
	for _, p := range changed {
		if !strings.HasPrefix(p, "static/") || path.Ext(p) != ".css" {
			return nil
		}
		out = append(out, strings.TrimPrefix(p, "static/"))
	}
	return out
}

func prefixed(base string, rels []string) []string {
	out := make([]string, len(rels))
	for i, r := range rels {
		out[i] = base + r
	}
	return out
}

// greeting are the events a new stream gets: the build version, and the
// errors of the last build if it failed.
func (s *Server) greeting() []event {
	st := s.state.Load()
	if st == nil {
		return []event{{"hello", "0"}}
	}
	out := []event{{"hello", strconv.FormatInt(st.version, 10)}}
	if st.err != nil {
		data, _ := json.Marshal(reportOf(st.err))
		out = append(out, event{"build-error", string(data)})
	}
	return out
}

// report is the content of the error overlay.
type report struct {
	Title  string        `json:"title"`
	Errors []reportError `json:"errors"`
}

type reportError struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Col    int    `json:"col,omitempty"`
	Msg    string `json:"message"`
	Detail string `json:"detail"`
}

func reportOf(err error) report {
	r := report{Title: "timeline serve: the site could not be rebuilt. Fix the file and save: this page updates by itself. Until then the last good version is served."}
	for _, e := range diag.Errors(err) {
		r.Errors = append(r.Errors, reportError{File: e.File, Line: e.Line, Col: e.Col, Msg: e.Msg, Detail: e.Detail()})
	}
	if len(r.Errors) == 0 {
		r.Errors = []reportError{{Msg: err.Error(), Detail: err.Error()}}
	}
	return r
}

func detail(err error) string { return diag.Detail(err) }

func failure(err error, serving bool) string {
	n := len(diag.Errors(err))
	what := "rebuild failed"
	if n > 0 {
		what += fmt.Sprintf(": %d %s", n, map[bool]string{true: "error", false: "errors"}[n == 1])
	}
	if serving {
		what += "; still serving the last good site"
	}
	return what
}

// summary is the line printed after a good rebuild.
func summary(batch []string, snap *build.Snapshot, r Rebuild) string {
	st := snap.Stats
	var b strings.Builder
	if batch == nil {
		fmt.Fprintf(&b, "built %s, %s in %d ms", count(len(snap.Articles), "article"), count(len(snap.Model.Events), "event"), st.Duration.Milliseconds())
		return b.String()
	}
	what := strings.Join(batch, ", ")
	if len(batch) > 3 {
		what = strings.Join(batch[:3], ", ") + fmt.Sprintf(" and %d more", len(batch)-3)
	}
	switch {
	case r.Provisional:
		fmt.Fprintf(&b, "%s changed: previewed in %d ms", what, st.Duration.Milliseconds())
	case r.Held:
		fmt.Fprintf(&b, "%s changed: rebuilt in %d ms, before the preview was shown", what, st.Duration.Milliseconds())
	case r.Exact:
		fmt.Fprintf(&b, "%s changed: rebuilt in %d ms after the preview", what, st.Duration.Milliseconds())
	default:
		fmt.Fprintf(&b, "%s changed: rebuilt in %d ms", what, st.Duration.Milliseconds())
	}
	if st.Full {
		b.WriteString(" (from scratch)")
	} else {
		fmt.Fprintf(&b, " (%d parsed, %d tagged, %d reused)", st.Parsed, st.Tagged, st.Reused)
	}
	switch {
	case r.CSS:
		b.WriteString("; stylesheet swapped")
	case r.Reloaded > 0:
		fmt.Fprintf(&b, "; %d %s reloaded", r.Reloaded, map[bool]string{true: "tab", false: "tabs"}[r.Reloaded == 1])
	}
	if r.Later > 0 {
		fmt.Fprintf(&b, "; %d %s to reload %v after the last reload", r.Later, map[bool]string{true: "tab", false: "tabs"}[r.Later == 1], ReloadGap)
	}
	return b.String()
}

func (s *Server) logf(w io.Writer, format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(w, format, args...)
}

// basePath is the path of a base URL: "/" or "/sub/".
func basePath(base string) string {
	u, err := url.Parse(base)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// count writes n and a noun, plural unless n is 1: "1 article", "5 events".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
