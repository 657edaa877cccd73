package serve

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/build"
)

// raw sends a request line as written, without a client cleaning the
// path, and returns the response.
func (h *harness) raw(method, target string) (*http.Response, string) {
	h.t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(h.base, "http://"))
	if err != nil {
		h.t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, method+" "+target+" HTTP/1.1\r\nHost: preview\r\nConnection: close\r\n\r\n"); err != nil {
		h.t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// TestServeSecurity: only the site's files are served, with their content
// types; no source file, no listing, nothing outside through ..; and the
// output folder is never written. (A symbolic link out of the site is a
// build error, shown over the pages: TestServeErrors.)
func TestServeSecurity(t *testing.T) {
	dir := seedSite(t)
	writeFile(t, filepath.Join(dir, "static", "notes", "inside.txt"), "a note\n")
	for link, target := range map[string]string{
		"static/inside.txt": filepath.Join(dir, "static", "notes", "inside.txt"),
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	h := start(t, dir)
	tests := []struct {
		method, target string
		status         int
		contentType    string // prefix
		has            string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", `<script src="/__timeline/live.js" data-page="`},
		{"GET", naharnetPage, 200, "text/html; charset=utf-8", "Western Intelligence Talking to Damascus"},
		{"HEAD", naharnetPage, 200, "text/html; charset=utf-8", ""},
		{"GET", strings.TrimSuffix(naharnetPage, "/"), 301, "", ""},
		{"GET", "/style.css", 200, "text/css; charset=utf-8", ""},
		{"GET", "/feed.xml", 200, "application/atom+xml", "<feed"},
		{"GET", "/sitemap.xml", 200, "application/xml", "<urlset"},
		{"GET", "/events.json", 200, "application/json", `"events"`},
		{"GET", "/timeline.json", 200, "application/json", ""},
		{"GET", "/__timeline/live.js", 200, "text/javascript", "EventSource"},
		{"GET", "/inside.txt", 200, "text/plain; charset=utf-8", "a note"},
		{"GET", "/notes/inside.txt", 200, "text/plain; charset=utf-8", "a note"},
		{"GET", "/../config.toml", 403, "", ""},
		{"GET", "/../../../../etc/passwd", 403, "", ""},
		{"GET", "/%2e%2e/config.toml", 403, "", ""},
		{"GET", "/articles/..%2f..%2fconfig.toml", 403, "", ""},
		{"GET", "/static/../../config.toml", 403, "", ""},
		{"GET", "/config.toml", 404, "text/html", "Page not found"},
		{"GET", "/" + naharnet, 404, "text/html", ""},
		{"GET", "/content/", 404, "text/html", ""},
		{"GET", "/articles/", 404, "text/html", ""},
		{"GET", "/static/", 404, "text/html", ""},
		{"GET", "/templates/base.html", 404, "text/html", ""},
		{"POST", "/", 405, "", ""},
	}
	for _, tt := range tests {
		resp, body := h.raw(tt.method, tt.target)
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.target, resp.StatusCode, tt.status)
			continue
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.contentType) {
			t.Errorf("%s %s: content type %q, want %q", tt.method, tt.target, ct, tt.contentType)
		}
		if !strings.Contains(body, tt.has) {
			t.Errorf("%s %s: body lacks %q", tt.method, tt.target, tt.has)
		}
		if strings.Contains(body, "the password") || strings.Contains(body, "outlet = ") {
			t.Errorf("%s %s: a source or outside file was served", tt.method, tt.target)
		}
		if tt.method == "HEAD" && body != "" {
			t.Errorf("HEAD %s: a body", tt.target)
		}
		if tt.status == 200 && resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s %s: no nosniff", tt.method, tt.target)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Errorf("serve wrote the output folder")
	}
}

// TestBuildHasNoLiveScript: the script is injected when served only.
func TestBuildHasNoLiveScript(t *testing.T) {
	dir := seedSite(t)
	res, err := build.Build(context.Background(), build.Options{Source: dir, Theme: timeline.Theme})
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(res.Dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if strings.Contains(string(b), livePrefix) {
			t.Errorf("%s has the live script", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestServeShutdown: when the context ends, Run ends the live streams,
// lets a request in flight finish, and returns nil.
func TestServeShutdown(t *testing.T) {
	entered, release := make(chan bool), make(chan bool)
	h := start(t, seedSite(t), func(s *Server) {
		s.handling = func(r *http.Request) {
			if r.URL.Query().Get("probe") == "slow" {
				entered <- true
				<-release
			}
		}
	})
	tb := h.open("/")
	// A request in flight: the server is handling it when Run is told to
	// stop.
	type result struct {
		status int
		body   string
		err    error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get(h.base + naharnetPage + "?probe=slow")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- result{resp.StatusCode, string(b), err}
	}()
	<-entered
	h.cancel()
	select {
	case <-h.srv.hub.done:
	case <-time.After(guard):
		t.Fatal("the live streams were not closed")
	}
	for range tb.events { // the stream ends
	}
	select {
	case err := <-h.done:
		h.done <- err
		t.Fatalf("Run returned (%v) with a request in flight", err)
	default:
	}
	close(release)
	r := <-got
	if r.err != nil || r.status != 200 || !strings.Contains(r.body, "</html>") {
		t.Errorf("the request in flight got %d, %d bytes, %v", r.status, len(r.body), r.err)
	}
	select {
	case err := <-h.done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
		h.done <- err
	case <-time.After(guard):
		t.Fatal("Run did not return")
	}
	if c, err := net.Dial("tcp", strings.TrimPrefix(h.base, "http://")); err == nil {
		c.Close()
		t.Errorf("the server still accepts connections")
	}
}
