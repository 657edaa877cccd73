// Package serve is the preview server of timeline serve. It builds the
// site with a build.Session, serves it from memory (never from the output
// folder, which it does not touch), watches the sources with package
// watch, rebuilds what an edit changed, and tells every open browser tab
// over server-sent events: a tab whose page changed reloads, a change of
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
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/timeline-dev/timeline/generator/build"
	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/diag"
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
	CSS      bool // only stylesheets changed: swapped in place
	// Provisional is set for a preview (Session.Preview), which a Build
	// follows; Exact for that Build.
	Provisional, Exact bool
}

// exactBuild is a Build running in the background after a preview.
type exactBuild struct {
	cancel context.CancelFunc
	done   chan struct{}
}

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
		stdout: opts.Stdout, stderr: opts.Stderr}
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
	select {
	case <-ctx.Done():
	case err := <-served:
		runErr = err
	case err := <-watched:
		runErr = err
	}
	stopWatching()
	<-started
	s.stopExact()
	s.hub.close()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && runErr == nil {
		runErr = err
	}
	if err := <-watched; err != nil && runErr == nil {
		runErr = err
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
// An edit of article files is previewed first (build.Session.Preview),
// which takes a time that grows with the edit rather than with the site,
// and the tabs are told at once; the exact Build follows in the
// background, and tabs whose page it changes reload again. A change that
// comes meanwhile stops that Build: the next one takes in both changes.
func (s *Server) rebuild(ctx context.Context, batch []string) {
	s.stopExact()
	s.buildMu.Lock() // one build at a time: the first, then the watcher's
	defer s.buildMu.Unlock()
	changed := batch
	for _, p := range batch {
		if p == watch.Overflow {
			changed = nil
			break
		}
	}
	old := s.state.Load()
	if changed != nil {
		changed = s.relevant(changed)
		if len(changed) == 0 && old != nil {
			s.done(Rebuild{Changed: batch, Skipped: true})
			if s.owed.pending {
				s.startExact(ctx, batch)
			}
			return
		}
	}
	s.owed.add(changed)
	if old != nil && old.err == nil && old.files != nil && changed != nil {
		snap, ok, err := s.session.Preview(ctx, changed)
		if ctx.Err() != nil {
			return
		}
		if ok && err == nil {
			f := &files{snap: snap, basePath: basePath(snap.Config.BaseURL), pages: map[string][]byte{}}
			if err := s.check(f, changed); err == nil {
				// The Build starts once this preview is out (it waits for
				// s.buildMu), but is known before the tabs are told.
				s.startExact(ctx, batch)
				s.publish(batch, changed, snap, f, Rebuild{Changed: batch, Provisional: true})
				return
			}
		}
	}
	s.build(ctx, batch, Rebuild{Changed: batch})
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

// build runs a Build of the changes owed and publishes it; s.buildMu is
// held.
func (s *Server) build(ctx context.Context, batch []string, r Rebuild) {
	changed := s.owed.list()
	snap, err := s.session.Build(ctx, changed)
	if ctx.Err() != nil {
		return // the changes stay owed
	}
	s.owed = changes{}
	var f *files
	if err == nil {
		f = &files{snap: snap, basePath: basePath(snap.Config.BaseURL), pages: map[string][]byte{}}
		err = s.check(f, changed)
	}
	if err != nil {
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
		return
	}
	s.publish(batch, changed, snap, f, r)
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
	} else {
		r.Reloaded = s.reload(old, f)
	}
	s.logf(s.stdout, "%s\n", summary(batch, snap, r))
	s.done(r)
}

// startExact starts the Build owed after a preview, in the background.
func (s *Server) startExact(ctx context.Context, batch []string) {
	ctx, cancel := context.WithCancel(ctx)
	x := &exactBuild{cancel: cancel, done: make(chan struct{})}
	s.exactMu.Lock()
	s.exact = x
	s.exactMu.Unlock()
	go func() {
		if s.exactStarting != nil {
			s.exactStarting(ctx)
		}
		s.buildMu.Lock()
		s.build(ctx, batch, Rebuild{Changed: batch, Exact: true})
		s.buildMu.Unlock()
		close(x.done)
		if ctx.Err() == nil {
			// A Build of a big site leaves much garbage: collect it now,
			// while the editor reads, rather than during the next preview.
			runtime.GC()
		}
	}()
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
	var errs diag.List
	for p := range paths {
		if !f.snap.Files.Has(p) {
			continue
		}
		if _, err := f.file(p); err != nil {
			errs.Add(p, err)
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

// reload tells the tabs whose page changed to reload, and returns how
// many were told. A tab whose page is unknown always reloads.
func (s *Server) reload(old *state, f *files) int {
	n := 0
	same := map[string]bool{}
	decided := map[string]bool{}
	for _, c := range s.hub.list() {
		if !decided[c.path] {
			decided[c.path] = true
			same[c.path] = old != nil && old.files != nil && samePage(old.files, f, c.path)
		}
		if !same[c.path] && c.send(event{"reload", ""}) {
			n++
		}
	}
	return n
}

// samePage reports whether the page at a URL path is the same in both
// builds (both missing is the same).
func samePage(a, b *files, urlPath string) bool {
	ra, oka := a.rel(urlPath)
	rb, okb := b.rel(urlPath)
	if !oka || !okb || ra != rb {
		return false
	}
	ba, erra := a.file(ra)
	bb, errb := b.file(rb)
	if erra != nil || errb != nil {
		return errors.Is(erra, fs.ErrNotExist) && errors.Is(errb, fs.ErrNotExist) && sameNotFound(a, b)
	}
	return bytes.Equal(ba, bb)
}

// sameNotFound compares the 404 pages that a missing page shows.
func sameNotFound(a, b *files) bool {
	ba, erra := a.file("404.html")
	bb, errb := b.file("404.html")
	return erra == nil && errb == nil && bytes.Equal(ba, bb)
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
