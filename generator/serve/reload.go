package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"net/http"
	"sync"
	"time"
)

// ReloadGap is the least time between two reloads of the tabs of one page:
// a reload that a rebuild calls for sooner waits for the end of the gap,
// and takes in every rebuild made meanwhile. A single save reloads at
// once; a burst of saves (an editor's autosave, a script, a checkout)
// reloads a page at most once per gap instead of once per save, which a
// browser could not even show.
const ReloadGap = 250 * time.Millisecond

// reloads decides which tabs reload, and when. Each tab knows the page it
// shows by a key (see files.key): the page served embeds the key of its
// bytes and the tab's stream gives it back, so a tab reloads when the
// page at its URL is no longer the one it shows, whichever builds came in
// between, and a reloaded tab that connects showing a page already
// outdated is told at once (subject to the gap).
type reloads struct {
	mu     sync.Mutex // also guards every client's shown
	gap    time.Duration
	last   map[string]time.Time   // per page path: when its tabs were last told
	timers map[string]*time.Timer // per page path: a reload waiting for the gap
}

func newReloads(gap time.Duration) *reloads {
	return &reloads{gap: gap, last: map[string]time.Time{}, timers: map[string]*time.Timer{}}
}

// key identifies the page a tab at the URL path sees in f: a hash of its
// bytes, or of the 404 page's when the site has no such page. It is "" when
// unknown: no files yet, or a page that fails to render.
func (f *files) key(urlPath string) string {
	if f == nil {
		return ""
	}
	rel, ok := f.rel(urlPath)
	if !ok {
		return ""
	}
	prefix := ""
	b, err := f.file(rel)
	if errors.Is(err, fs.ErrNotExist) {
		prefix = "404-"
		b, err = f.file("404.html")
	}
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return prefix + hex.EncodeToString(sum[:12])
}

// openTab adds the stream of a tab to the hub. A tab that says which page
// it shows (the page parameter, from the page served) and shows an
// outdated one is told to reload; a tab that does not say is taken to
// show the page served now. A tab whose page came with the errors of a
// rebuild (the overlay parameter) is told that they are gone if they are:
// the build-ok event was sent before it connected.
func (s *Server) openTab(r *http.Request) *client {
	q := r.URL.Query()
	c := &client{path: q.Get("path"), events: make(chan event, 16)}
	rl := s.reloads
	rl.mu.Lock()
	defer rl.mu.Unlock()
	var cur string
	st := s.state.Load()
	if st != nil {
		cur = st.files.key(c.path)
	}
	c.shown = cur
	if q.Has("page") {
		c.shown = q.Get("page")
	}
	s.hub.add(c)
	if cur != "" && c.shown != cur {
		s.reloadLocked(c.path, []*client{c}, cur, time.Now())
	}
	if q.Get("overlay") != "" && st != nil && st.err == nil {
		c.send(event{"build-ok", ""})
	}
	return c
}

// reloadTabs tells the tabs whose page is not the one f has to reload, now
// or at the end of the gap after their page's last reload. It returns how
// many were told now and how many will be.
func (s *Server) reloadTabs(f *files) (now, later int) {
	rl := s.reloads
	rl.mu.Lock()
	defer rl.mu.Unlock()
	t := time.Now()
	for p, cs := range s.tabsByPath() {
		n, waiting := s.reloadLocked(p, cs, f.key(p), t)
		now += n
		later += waiting
	}
	return now, later
}

// swapped records that the tabs showing the page of old swapped their
// stylesheets for those of f: their page is now f's (whose links to the
// stylesheets changed).
func (s *Server) swapped(old, f *files) {
	rl := s.reloads
	rl.mu.Lock()
	defer rl.mu.Unlock()
	for p, cs := range s.tabsByPath() {
		was, now := old.key(p), f.key(p)
		for _, c := range cs {
			if c.shown == was {
				c.shown = now
			}
		}
	}
}

// tabsByPath groups the open tabs by the page they show.
func (s *Server) tabsByPath() map[string][]*client {
	out := map[string][]*client{}
	for _, c := range s.hub.list() {
		out[c.path] = append(out[c.path], c)
	}
	return out
}

// reloadLocked tells those of the tabs cs of the page path whose page is
// not key to reload, if the gap since that page's last reload has passed;
// otherwise it makes sure a reload comes at the end of the gap. It returns
// how many tabs were told, and how many wait. rl.mu is held.
func (s *Server) reloadLocked(path string, cs []*client, key string, now time.Time) (told, waiting int) {
	rl := s.reloads
	var stale []*client
	for _, c := range cs {
		if key == "" || c.shown != key {
			stale = append(stale, c)
		}
	}
	if len(stale) == 0 {
		return 0, 0
	}
	if wait := rl.last[path].Add(rl.gap).Sub(now); wait > 0 {
		if rl.timers[path] == nil {
			rl.timers[path] = time.AfterFunc(wait, func() { s.reloadLater(path) })
		}
		return 0, len(stale)
	}
	for _, c := range stale {
		if c.send(event{"reload", ""}) {
			c.shown = key
			told++
		}
	}
	if told > 0 {
		rl.last[path] = now
	}
	return told, 0
}

// reloadLater is the reload of a page's tabs at the end of a gap: those
// whose page is not the one served now reload.
func (s *Server) reloadLater(path string) {
	rl := s.reloads
	rl.mu.Lock()
	defer rl.mu.Unlock()
	delete(rl.timers, path)
	st := s.state.Load()
	if st == nil || st.files == nil {
		return
	}
	s.reloadLocked(path, s.tabsByPath()[path], st.files.key(path), time.Now())
}

// stop cancels the reloads waiting for their gap.
func (rl *reloads) stop() {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	for p, t := range rl.timers {
		t.Stop()
		delete(rl.timers, p)
	}
}
