package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/build"
	"github.com/timeline-dev/timeline/generator/config"
)

// guard bounds every wait of these tests, so that a bug fails them rather
// than hanging them; no assertion is about time.
const guard = 60 * time.Second

// harness runs a Server on a free loopback port over a copy of a site.
type harness struct {
	t        testing.TB
	dir      string
	base     string // http://127.0.0.1:port
	srv      *Server
	rebuilds chan Rebuild
	out, err *syncBuffer
	cancel   context.CancelFunc
	done     chan error
	step     int
	quiet    time.Duration // the Server's quiet period
	// stalled is set by a step whose saves were meant to come in one
	// burst when two of them came further apart than half the quiet
	// period: a loaded machine can split such a burst into two rebuilds.
	stalled bool
}

// seedSite copies the bundled site (five articles) into a temporary
// folder.
func seedSite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob("../../content/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed articles: %v", err)
	}
	for _, f := range append(files, "../../config.toml") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel := strings.TrimPrefix(f, "../../")
		writeFile(t, filepath.Join(dir, rel), string(b))
	}
	return dir
}

func writeFile(t testing.TB, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func start(t testing.TB, dir string, configure ...func(*Server)) *harness {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, dir: dir, base: "http://" + ln.Addr().String(), rebuilds: make(chan Rebuild, 1000),
		out: &syncBuffer{}, err: &syncBuffer{}, done: make(chan error, 1), quiet: 150 * time.Millisecond}
	h.srv, err = New(Options{
		Build:    build.Options{Source: dir, Theme: timeline.Theme},
		Listener: ln, Stdout: h.out, Stderr: h.err,
		// Long enough that a loaded machine seldom splits a burst of
		// saves (see harness.stalled); the timer itself is tested with a
		// fake clock in watch.
		Quiet: h.quiet,
	})
	if err != nil {
		t.Fatal(err)
	}
	h.srv.rebuilt = func(r Rebuild) { h.rebuilds <- r }
	for _, f := range configure {
		f(h.srv)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { h.done <- h.srv.Run(ctx) }()
	t.Cleanup(h.stop)
	h.waitRebuild(func(r Rebuild) bool { return r.Changed == nil }) // the first build
	return h
}

func (h *harness) stop() {
	h.cancel()
	select {
	case err := <-h.done:
		if err != nil {
			h.t.Errorf("Run: %v", err)
		}
		h.done <- err
	case <-time.After(guard):
		h.t.Errorf("Run did not return after cancel")
	}
}

// waitRebuild waits for a rebuild that satisfies ok and returns it.
func (h *harness) waitRebuild(ok func(Rebuild) bool) Rebuild {
	h.t.Helper()
	timeout := time.After(guard)
	for {
		select {
		case r := <-h.rebuilds:
			if ok(r) {
				return r
			}
		case <-timeout:
			h.t.Fatalf("no rebuild came; stderr:\n%s", h.err.String())
		}
	}
}

// settle writes a sentinel file after the changes of a step and waits
// for the rebuild that includes it: every change made before has then
// been rebuilt and every event of those rebuilds sent.
func (h *harness) settle() Rebuild {
	h.t.Helper()
	h.step++
	name := fmt.Sprintf("content/sentinel-%d.txt", h.step)
	writeFile(h.t, filepath.Join(h.dir, name), "")
	r := h.waitRebuild(func(r Rebuild) bool {
		for _, p := range r.Changed {
			if p == name {
				return true
			}
		}
		return false
	})
	h.srv.idle()
	return r
}

// idle waits for the Build that follows a preview, if one runs, and for
// the reloads that wait for their gap (ReloadGap).
func (s *Server) idle() {
	s.exactMu.Lock()
	x := s.exact
	s.exactMu.Unlock()
	if x != nil {
		<-x.done
	}
	for deadline := time.Now().Add(guard); s.reloads.pending() && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
}

// collected waits, after idle, for the garbage of the Build that followed
// a preview to be collected (see startExact).
func (s *Server) collected() {
	s.exactMu.Lock()
	x := s.exact
	s.exactMu.Unlock()
	if x != nil {
		<-x.collected
	}
}

// pending reports whether reloads wait for their gap.
func (rl *reloads) pending() bool {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	return len(rl.timers) > 0
}

// get fetches a URL path and returns the status and body.
func (h *harness) get(p string) (int, string) {
	h.t.Helper()
	resp, err := http.Get(h.base + p)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// tab is an open live-reload stream, as a browser tab has.
type tab struct {
	h      *harness
	path   string
	events chan event
	resp   *http.Response
	fences int
}

// open opens the stream of a tab showing the page at path, and reads its
// greeting.
func (h *harness) open(path string) *tab {
	h.t.Helper()
	resp, err := http.Get(h.base + livePrefix + "events?path=" + path)
	if err != nil {
		h.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		h.t.Fatalf("events: content type %q", ct)
	}
	tb := &tab{h: h, path: path, events: make(chan event, 100), resp: resp}
	go func() {
		defer close(tb.events)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var e event
		var data []string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if e.name != "" {
					e.data = strings.Join(data, "\n")
					tb.events <- e
				}
				e, data = event{}, nil
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = append(data, strings.TrimPrefix(line, "data: "))
			}
		}
	}()
	h.t.Cleanup(func() { resp.Body.Close() })
	if e := tb.next(); e.name != "hello" {
		h.t.Fatalf("first event %q, want hello", e.name)
	}
	return tb
}

func (tb *tab) next() event {
	tb.h.t.Helper()
	select {
	case e, ok := <-tb.events:
		if !ok {
			tb.h.t.Fatalf("tab %s: stream closed", tb.path)
		}
		return e
	case <-time.After(guard):
		tb.h.t.Fatalf("tab %s: no event", tb.path)
	}
	return event{}
}

// drain returns the events the tab got up to now: a fence event sent
// after them marks the end.
func (tb *tab) drain() []string {
	tb.h.t.Helper()
	tb.fences++
	fence := fmt.Sprint(tb.fences)
	n := 0
	for _, c := range tb.h.srv.hub.list() {
		if c.path == tb.path && c.send(event{"fence", fence}) {
			n++
		}
	}
	if n == 0 {
		tb.h.t.Fatalf("tab %s is not connected", tb.path)
	}
	var got []string
	for {
		e := tb.next()
		if e.name == "fence" {
			if e.data == fence {
				return got
			}
			continue
		}
		got = append(got, e.name)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
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

const (
	naharnet     = "content/naharnet-western-intelligence-talking-to-damascus.md"
	naharnetPage = "/articles/naharnet-western-intelligence-talking-to-damascus/"
)

func (h *harness) read(rel string) string {
	h.t.Helper()
	b, err := os.ReadFile(filepath.Join(h.dir, filepath.FromSlash(rel)))
	if err != nil {
		h.t.Fatal(err)
	}
	return string(b)
}

func (h *harness) write(rel, s string) {
	writeFile(h.t, filepath.Join(h.dir, filepath.FromSlash(rel)), s)
}

func (h *harness) rename(from, to string) {
	h.t.Helper()
	if err := os.Rename(filepath.Join(h.dir, filepath.FromSlash(from)), filepath.Join(h.dir, filepath.FromSlash(to))); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) remove(rel string) {
	h.t.Helper()
	if err := os.Remove(filepath.Join(h.dir, filepath.FromSlash(rel))); err != nil {
		h.t.Fatal(err)
	}
}

// replace edits an article's text the way the given editor saves.
func (h *harness) replace(rel, old, new string, save func(h *harness, rel, text string)) {
	h.t.Helper()
	s := h.read(rel)
	if !strings.Contains(s, old) {
		h.t.Fatalf("%s lacks %q", rel, old)
	}
	save(h, rel, strings.Replace(s, old, new, 1))
}

// Ways editors save a file.
func inPlace(h *harness, rel, text string) { h.write(rel, text) }

func atomicRename(h *harness, rel, text string) {
	dir, name := filepath.Split(rel)
	tmp := dir + "." + name + ".tmp.4321"
	h.write(tmp, text)
	h.rename(tmp, rel)
}

func vimBackup(h *harness, rel, text string) {
	dir, _ := filepath.Split(rel)
	h.write(dir+"4913", "")
	h.remove(dir + "4913")
	h.rename(rel, rel+"~")
	h.write(rel, text)
	h.remove(rel + "~")
}

// TestServeEdits edits, creates, renames and deletes articles and
// templates the way editors do, with tabs open, and checks after each step
// which tabs were told to reload (exactly once) and that the next page
// served shows the change.
func TestServeEdits(t *testing.T) {
	h := start(t, seedSite(t))
	articleTmpl, err := timeline.Theme.ReadFile("templates/article.html")
	if err != nil {
		t.Fatal(err)
	}
	type check struct {
		path   string
		status int
		has    string // the body contains it ("" for none)
		hasNot string
	}
	steps := []struct {
		name   string
		tabs   []string
		do     func(h *harness)
		events map[string][]string // per tab
		checks []check
	}{
		{
			name: "an article edited in place",
			tabs: []string{naharnetPage},
			do: func(h *harness) {
				h.replace(naharnet, "Mekdad said in a broadcast", "Mekdad said in a long broadcast", inPlace)
			},
			events: map[string][]string{naharnetPage: {"reload"}},
			checks: []check{{naharnetPage, 200, "in a long broadcast", ""}},
		},
		{
			name: "an article saved by renaming a temporary file over it",
			tabs: []string{naharnetPage},
			do: func(h *harness) {
				h.replace(naharnet, "in a long broadcast", "in a broadcast on BBC radio", atomicRename)
			},
			events: map[string][]string{naharnetPage: {"reload"}},
			checks: []check{{naharnetPage, 200, "in a broadcast on BBC radio", "in a long broadcast"}},
		},
		{
			name: "an article saved by vim with a backup",
			tabs: []string{naharnetPage},
			do: func(h *harness) {
				h.replace(naharnet, "on BBC radio", "on the radio", vimBackup)
			},
			events: map[string][]string{naharnetPage: {"reload"}},
			checks: []check{{naharnetPage, 200, "in a broadcast on the radio", "on BBC radio"}},
		},
		{
			name: "100 saves in a burst",
			tabs: []string{naharnetPage},
			do: func(h *harness) {
				last := time.Now()
				saved := func() {
					now := time.Now()
					h.stalled = h.stalled || now.Sub(last) > h.quiet/2
					last = now
				}
				for i := 1; i <= 100; i++ {
					h.replace(naharnet, "in a broadcast on", fmt.Sprintf("in broadcast %d, on", i), inPlace)
					saved()
					h.replace(naharnet, fmt.Sprintf("in broadcast %d, on", i), "in a broadcast on", inPlace)
					saved()
				}
				h.replace(naharnet, "in a broadcast on", "in the 100th broadcast on", inPlace)
				saved()
			},
			events: map[string][]string{naharnetPage: {"reload"}},
			checks: []check{{naharnetPage, 200, "in the 100th broadcast on the radio", ""}},
		},
		{
			name: "an article created",
			tabs: []string{"/articles/2014-courier/", "/"},
			do: func(h *harness) {
				h.write("content/2014/courier.md", "+++\ntitle = \"Envoys Meet in Geneva\"\noutlet = \"The Courier\"\npublished = 2014-01-20\n+++\n\nEnvoys met in Geneva on Sunday, officials said.\n")
			},
			events: map[string][]string{"/articles/2014-courier/": {"reload"}, "/": {"reload"}},
			checks: []check{{"/articles/2014-courier/", 200, "Envoys Meet in Geneva", ""}, {"/sources/", 200, "Envoys Meet in Geneva", ""}},
		},
		{
			name: "an article renamed",
			tabs: []string{"/articles/2014-courier/", "/articles/2014-envoys/"},
			do:   func(h *harness) { h.rename("content/2014/courier.md", "content/2014/envoys.md") },
			events: map[string][]string{
				"/articles/2014-courier/": {"reload"}, "/articles/2014-envoys/": {"reload"},
			},
			checks: []check{{"/articles/2014-courier/", 404, "", ""}, {"/articles/2014-envoys/", 200, "Envoys Meet in Geneva", ""}},
		},
		{
			name:   "an article deleted",
			tabs:   []string{"/articles/2014-envoys/"},
			do:     func(h *harness) { h.remove("content/2014/envoys.md") },
			events: map[string][]string{"/articles/2014-envoys/": {"reload"}},
			checks: []check{{"/articles/2014-envoys/", 404, "", ""}, {"/sources/", 200, "", "Envoys Meet in Geneva"}},
		},
		{
			name: "a template added in a new folder",
			tabs: []string{naharnetPage, "/sources/"},
			do: func(h *harness) {
				h.write("templates/article.html", strings.Replace(string(articleTmpl), `{{define "main"}}`, `{{define "main"}}<p class="marker">Preview</p>`, 1))
			},
			events: map[string][]string{naharnetPage: {"reload"}, "/sources/": nil},
			checks: []check{{naharnetPage, 200, `<p class="marker">Preview</p>`, ""}},
		},
		{
			name: "the template edited atomically",
			tabs: []string{naharnetPage},
			do: func(h *harness) {
				atomicRename(h, "templates/article.html", strings.Replace(h.read("templates/article.html"), ">Preview<", ">Draft preview<", 1))
			},
			events: map[string][]string{naharnetPage: {"reload"}},
			checks: []check{{naharnetPage, 200, `<p class="marker">Draft preview</p>`, ""}},
		},
		{
			name: "a stylesheet changed: swapped without a reload",
			tabs: []string{naharnetPage, "/"},
			do: func(h *harness) {
				b, _ := timeline.Theme.ReadFile("static/style.css")
				h.write("static/style.css", string(b))
				h.settle() // the folder is new: a plain rebuild first
				h.write("static/style.css", string(b)+"\n.marker { color: teal }\n")
			},
			events: map[string][]string{naharnetPage: {"css"}, "/": {"css"}},
			checks: []check{{"/style.css", 200, ".marker { color: teal }", ""}},
		},
		{
			name:   "editor leftovers change nothing",
			tabs:   []string{naharnetPage},
			do:     func(h *harness) { h.write(naharnet+".swp", "swap"); h.write(naharnet+"~", "backup") },
			events: map[string][]string{naharnetPage: nil},
		},
	}
	midWrite := false // a stalled burst was read in the middle of a save
	for _, st := range steps {
		tabs := map[string]*tab{}
		for _, p := range st.tabs {
			tabs[p] = h.open(p)
		}
		h.stalled = false
		st.do(h)
		h.settle()
		for p, tb := range tabs {
			got := tb.drain()
			if h.stalled && len(got) > 1 && onlyReloads(st.events[p]) && len(st.events[p]) == 1 {
				// The machine stalled mid-burst: one reload per part, and
				// a part may end in the middle of a save in place (the
				// file truncated, not written yet), which fails until the
				// next part.
				t.Logf("%s: saves stalled for over %v; tab %s got %v", st.name, h.quiet/2, p, got)
				var reloads []string
				for _, e := range got {
					if e == "reload" {
						reloads = append(reloads, e)
					} else {
						midWrite = true
					}
				}
				if len(reloads) > 0 {
					got = reloads[:1]
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(st.events[p]) {
				t.Errorf("%s: tab %s got %v, want %v", st.name, p, got, st.events[p])
			}
			tb.resp.Body.Close()
		}
		for _, c := range st.checks {
			status, body := h.get(c.path)
			if status != c.status {
				t.Errorf("%s: %s: status %d, want %d", st.name, c.path, status, c.status)
			}
			if c.has != "" && !strings.Contains(body, c.has) {
				t.Errorf("%s: %s lacks %q", st.name, c.path, c.has)
			}
			if c.hasNot != "" && strings.Contains(body, c.hasNot) {
				t.Errorf("%s: %s still has %q", st.name, c.path, c.hasNot)
			}
		}
	}
	if s := h.err.String(); s != "" && !midWrite {
		t.Errorf("errors printed: %s", s)
	}
}

// onlyReloads reports whether every event is a reload.
func onlyReloads(events []string) bool {
	for _, e := range events {
		if e != "reload" {
			return false
		}
	}
	return true
}

// TestPreviewThenBuild checks the two steps of a rebuild after an edit of
// an article: the preview, which the tab reloads to at once, then the
// exact Build, which serves what a fresh build gives; and that an edit
// during that Build stops it and is taken in by the next one.
func TestPreviewThenBuild(t *testing.T) {
	h := start(t, seedSite(t), func(s *Server) { s.quick = 0 }) // always a preview, shown at once
	tb := h.open(naharnetPage)
	h.replace(naharnet, "Mekdad said in a broadcast", "Mekdad said in a televised broadcast", inPlace)
	r := h.waitRebuild(func(r Rebuild) bool { return len(r.Changed) > 0 })
	if !r.Provisional || r.Err != nil || r.Reloaded != 1 {
		t.Fatalf("first rebuild after the edit: %+v; want a preview that reloads the tab", r)
	}
	if e := tb.next(); e.name != "reload" {
		t.Errorf("the tab got %q, want reload", e.name)
	}
	if _, body := h.get(naharnetPage); !strings.Contains(body, "in a televised broadcast") {
		t.Error("the preview does not show the edit")
	}
	r = h.waitRebuild(func(r Rebuild) bool { return len(r.Changed) > 0 })
	if !r.Exact || r.Err != nil {
		t.Fatalf("second rebuild: %+v; want the exact Build", r)
	}
	// The site served is now a fresh build's.
	want, err := build.Render(context.Background(), build.Options{Source: h.dir, Theme: timeline.Theme}, mustLoad(t, h.dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"events.json", "index.html", strings.TrimPrefix(naharnetPage, "/") + "index.html"} {
		b, err := h.srv.state.Load().files.file(p)
		if err != nil || !bytes.Equal(b, want.Files.Files[p]) {
			t.Errorf("%s after the exact Build differs from a fresh build's (%v)", p, err)
		}
	}

}

// TestEditDuringBuild edits an article while the Build after the preview
// of an earlier edit runs: that Build stops, and the next one takes in
// both edits.
func TestEditDuringBuild(t *testing.T) {
	dir := seedSite(t)
	srv, err := New(Options{Build: build.Options{Source: dir, Theme: timeline.Theme}})
	if err != nil {
		t.Fatal(err)
	}
	srv.quick = 0 // always a preview, shown at once
	var rebuilds []Rebuild
	srv.rebuilt = func(r Rebuild) { rebuilds = append(rebuilds, r) }
	release := make(chan struct{})
	srv.exactStarting = func(ctx context.Context) {
		select {
		case <-release:
		case <-ctx.Done():
		}
	}
	ctx := context.Background()
	srv.rebuild(ctx, nil)
	h := &harness{t: t, dir: dir}
	h.replace(naharnet, "Mekdad said in a broadcast", "Mekdad said in a televised broadcast", inPlace)
	srv.rebuild(ctx, []string{naharnet})
	h.replace(naharnet, "in a televised broadcast", "in a recorded broadcast", inPlace)
	srv.rebuild(ctx, []string{naharnet}) // stops the first Build, waiting to start
	close(release)
	srv.idle()
	var kinds []string
	for _, r := range rebuilds {
		switch {
		case r.Err != nil:
			t.Fatalf("rebuild failed: %v", r.Err)
		case r.Provisional:
			kinds = append(kinds, "preview")
		case r.Exact:
			kinds = append(kinds, "exact")
		default:
			kinds = append(kinds, "build")
		}
	}
	if got := strings.Join(kinds, " "); got != "build preview preview exact" {
		t.Errorf("rebuilds: %s; want build preview preview exact", got)
	}
	want, err := build.Render(ctx, build.Options{Source: dir, Theme: timeline.Theme}, mustLoad(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"events.json", strings.TrimPrefix(naharnetPage, "/") + "index.html"} {
		b, err := srv.state.Load().files.file(p)
		if err != nil || !bytes.Equal(b, want.Files.Files[p]) {
			t.Errorf("%s differs from a fresh build's (%v)", p, err)
		}
	}
}

func mustLoad(t *testing.T, dir string) *config.Config {
	t.Helper()
	cfg, err := build.Load(build.Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}
