package serve

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// event is a server-sent event.
type event struct {
	name, data string
}

// client is one open live-reload stream: a browser tab.
type client struct {
	path   string     // the URL path of the tab's page, "" if unknown
	events chan event // buffered; a tab that does not keep up misses events
	shown  string     // the key of the page the tab shows (see files.key); guarded by reloads.mu
}

// hub holds the open streams.
type hub struct {
	mu      sync.Mutex
	clients map[*client]bool
	done    chan struct{} // closed at shutdown: every stream ends
	closed  bool
}

func newHub() *hub { return &hub{clients: map[*client]bool{}, done: make(chan struct{})} }

func (h *hub) add(c *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.clients[c] = true
}

func (h *hub) remove(c *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
}

// list returns the open streams.
func (h *hub) list() []*client {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]*client, 0, len(h.clients))
	for c := range h.clients {
		out = append(out, c)
	}
	return out
}

// send queues an event for c without waiting.
func (c *client) send(e event) bool {
	select {
	case c.events <- e:
		return true
	default:
		return false
	}
}

// broadcast sends an event to every stream and returns how many got it.
func (h *hub) broadcast(e event) int {
	n := 0
	for _, c := range h.list() {
		if c.send(e) {
			n++
		}
	}
	return n
}

// close ends every stream.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// keepAlive is how often an idle stream gets a comment, so that a closed
// tab is noticed.
const keepAlive = 20 * time.Second

// serveEvents streams the events of c, a tab added to the hub, until it
// goes away or the server shuts down; then it removes c. first are sent on
// connection, before the events of c.
func (h *hub) serveEvents(w http.ResponseWriter, r *http.Request, c *client, first ...event) {
	defer h.remove(c)
	f, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprint(w, "retry: 500\n\n")
	for _, e := range first {
		writeEvent(w, e)
	}
	f.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case e := <-c.events:
			writeEvent(w, e)
			f.Flush()
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			f.Flush()
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		}
	}
}

func writeEvent(w http.ResponseWriter, e event) {
	fmt.Fprintf(w, "event: %s\n", e.name)
	for _, line := range strings.Split(e.data, "\n") {
		fmt.Fprintf(w, "data: %s\n", line)
	}
	fmt.Fprint(w, "\n")
}
