// Package browsertest runs tests in a real browser: a headless Chromium (or
// Chrome) driven over the DevTools protocol with chromedp.
//
// A test calls New to get a browser and Browser.Tab for each page it opens.
// When no browser is installed the test is skipped, except with CI=true,
// where a missing browser is a failure: browser tests must not silently
// skip in CI. TIMELINE_CHROME names the browser's executable; otherwise
// chromium, chromium-browser and google-chrome are looked up on PATH
// (Debian: apt-get install -y chromium, which `make browser` does as root).
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Timeouts. Startup is bounded separately from the tabs; no assertion is
// about time, the bounds only turn a hang into a failure.
const (
	startTimeout = 30 * time.Second
	// TabTimeout bounds everything a test does in one tab.
	TabTimeout = 60 * time.Second
)

// names are the executables looked up on PATH, in order.
var names = []string{"chromium", "chromium-browser", "google-chrome"}

// Path returns the browser's executable: $TIMELINE_CHROME when set, else
// the first of chromium, chromium-browser and google-chrome on PATH.
func Path() (string, error) {
	if p := os.Getenv("TIMELINE_CHROME"); p != "" {
		abs, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("TIMELINE_CHROME=%s: %v", p, err)
		}
		return abs, nil
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no browser found: none of " + strings.Join(names, ", ") + " is on PATH and TIMELINE_CHROME is not set")
}

// Browser is a running headless browser, closed when the test that
// started it ends.
type Browser struct {
	ctx context.Context // the browser's first tab; new tabs derive from it
}

// flags are Chromium's command line. The network of CI machines may be
// closed: without the flags that stop background connections (QUIC,
// component updates, sync, field trials) Chromium hangs on them.
// chromedp adds --remote-debugging-pipe (it talks to the browser over a
// pipe, not a port) and a fresh --user-data-dir in a temporary folder,
// which it removes when the browser exits.
func flags(path string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true), // containers have a small /dev/shm
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
	}
}

// Missing reports a browser that cannot be found: a skip, or a failure
// when the CI environment variable is true.
func Missing(t testing.TB, err error) {
	t.Helper()
	if ci := os.Getenv("CI"); ci == "true" || ci == "1" {
		t.Fatalf("browser tests need a browser with CI=%s: %v (install Debian's chromium, e.g. `sudo make browser`, or set TIMELINE_CHROME)", ci, err)
	}
	t.Skipf("skipping browser test: %v (install Debian's chromium, e.g. `sudo make browser`, or set TIMELINE_CHROME; with CI=true this is a failure)", err)
}

// New starts a headless browser for t, closed when t ends. It skips t
// when no browser is installed (fails it with CI=true), and fails it when
// the browser does not start.
func New(t testing.TB) *Browser {
	t.Helper()
	path, err := Path()
	if err != nil {
		Missing(t, err)
	}
	// Chromium has been seen to exit while starting, rarely, on a loaded
	// machine; a second failure is a failure.
	b, err := launch(t, path)
	if err != nil {
		t.Logf("starting %s: %v; trying again", path, err)
		b, err = launch(t, path)
	}
	if err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return b
}

// launch starts the browser at path, closed when t ends.
func launch(t testing.TB, path string) (*Browser, error) {
	// chromedp's errors go to the test's log while the test runs; logging
	// after it ended would panic.
	var mu sync.Mutex
	ended := false
	logf := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if !ended {
			t.Logf("chromedp: "+format, args...)
		}
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), flags(path)...)
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithErrorf(logf))
	t.Cleanup(func() {
		cancel() // closes the browser and waits for it
		cancelAlloc()
		mu.Lock()
		ended = true
		mu.Unlock()
	})
	// The first Do starts the browser, which lives as long as the context
	// of that Do: the bound is a timer rather than a context deadline.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			cancel()
			return nil, err
		}
	case <-time.After(startTimeout):
		cancel()
		return nil, fmt.Errorf("not started after %v", startTimeout)
	}
	return &Browser{ctx: ctx}, nil
}

// Tab opens a new tab, closed when t ends. Every action run in its context
// fails after TabTimeout.
func (b *Browser) Tab(t testing.TB) context.Context {
	t.Helper()
	tabCtx, closeTab := chromedp.NewContext(b.ctx)
	ctx, cancel := context.WithTimeout(tabCtx, TabTimeout)
	t.Cleanup(func() {
		cancel()
		closeTab()
	})
	if err := chromedp.Do(ctx); err != nil { // creates the tab
		t.Fatalf("opening a tab: %v", err)
	}
	return ctx
}
