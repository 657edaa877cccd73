package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// serveSite writes a one-article site.
func serveSite(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{
		"config.toml":  "title = \"Preview\"\nbase_url = \"https://example.org/news/\"\n",
		"content/a.md": "+++\ntitle = \"Talks in Geneva\"\noutlet = \"The Courier\"\npublished = 2014-01-20\n+++\n\nEnvoys met in Geneva on Sunday, officials said.\n",
	}
	for p, s := range files {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// startServe runs "timeline serve" with run, as main does, and returns
// the URL it prints, its outputs and a function that interrupts it (as
// Ctrl-C does: main turns the signal into the end of the context) and
// returns its exit status.
func startServe(t *testing.T, args ...string) (url string, stdout, stderr *lockedBuffer, stop func() int) {
	t.Helper()
	stdout, stderr = &lockedBuffer{}, &lockedBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() { code <- run(ctx, append([]string{"serve"}, args...), strings.NewReader(""), stdout, stderr) }()
	re := regexp.MustCompile(`at (http://\S+) \(press Ctrl-C to stop\)`)
	deadline := time.Now().Add(time.Minute) // a failure guard
	for {
		if m := re.FindStringSubmatch(stdout.String()); m != nil {
			url = m[1]
			break
		}
		select {
		case c := <-code:
			t.Fatalf("serve exited with %d: %s", c, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve printed no URL: %q", stdout.String())
		}
	}
	stopped := false
	stop = func() int {
		if stopped {
			return 0
		}
		stopped = true
		cancel()
		select {
		case c := <-code:
			return c
		case <-time.After(time.Minute):
			t.Fatal("serve did not stop")
		}
		return -1
	}
	t.Cleanup(func() { stop() })
	return url, stdout, stderr, stop
}

// TestServeCommand: serve prints its URL (the site's base path on a free
// port), serves the site, and exits 0 when interrupted.
func TestServeCommand(t *testing.T) {
	dir := serveSite(t)
	url, stdout, stderr, stop := startServe(t, "--source", dir, "--port", "0")
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, "/news/") {
		t.Errorf("URL %q", url)
	}
	var body string
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) { // until the first build is done
		resp, err := http.Get(url + "articles/a/")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 {
			body = string(b)
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(body, "Talks in Geneva") || !strings.Contains(body, "/__timeline/live.js") {
		t.Errorf("article page: %q", body)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit status %d after interrupt, want 0; stderr: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "Stopped.") {
		t.Errorf("stdout: %q", stdout.String())
	}
	if s := stderr.String(); s != "" {
		t.Errorf("stderr: %q", s)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Errorf("serve wrote public/")
	}
}

// TestServePortInUse: a port in use is a clear error, exit 1.
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	var stdout, stderr lockedBuffer
	code := run(context.Background(), []string{"serve", "--source", serveSite(t), "--port", port}, strings.NewReader(""), &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if want := "port " + port + " on 127.0.0.1 is in use"; !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "--port 0 picks a free one") {
		t.Errorf("stderr %q lacks %q", stderr.String(), want)
	}
}

// TestServeBindWarning: binding beyond loopback warns; loopback does not.
func TestServeBindWarning(t *testing.T) {
	for _, tt := range []struct {
		bind string
		warn bool
	}{{"127.0.0.1", false}, {"0.0.0.0", true}} {
		url, _, stderr, stop := startServe(t, "--source", serveSite(t), "--port", "0", "--bind", tt.bind)
		if got := strings.Contains(stderr.String(), "warning: --bind "+tt.bind+" serves the preview to other machines"); got != tt.warn {
			t.Errorf("--bind %s: warning %v, want %v (%q)", tt.bind, got, tt.warn, stderr.String())
		}
		if tt.warn && !strings.HasPrefix(url, "http://localhost:") {
			t.Errorf("--bind %s: URL %q", tt.bind, url)
		}
		if code := stop(); code != 0 {
			t.Errorf("--bind %s: exit status %d", tt.bind, code)
		}
	}
}
