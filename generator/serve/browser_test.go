package serve

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/internal/browsertest"
)

// TestBrowserLiveReload opens an article served by timeline serve in a
// headless browser (see generator/internal/browsertest) and edits the site
// the way an editor does: the page shows an edited sentence by itself, a
// changed stylesheet is swapped in without a reload, and a broken front
// matter puts the errors over the page until the fix removes them. The
// test never reloads the page; a window variable set by the test tells
// whether the page reloaded.
func TestBrowserLiveReload(t *testing.T) {
	b := browsertest.New(t)
	css, err := timeline.Theme.ReadFile("static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	dir := seedSite(t)
	writeFile(t, filepath.Join(dir, "static", "style.css"), string(css)) // the site's own stylesheet
	// The query of the last live-reload stream opened.
	var streamed atomic.Value
	h := start(t, dir, func(s *Server) {
		s.handling = func(r *http.Request) {
			if r.URL.Path == livePrefix+"events" {
				streamed.Store(r.URL.Query())
			}
		}
	})
	ctx := b.Tab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(h.base+naharnetPage)); err != nil {
		t.Fatal(err)
	}
	first := h.waitTab(naharnetPage, nil)
	// The stream says which page the tab shows: the key of the page served.
	if got, want := streamed.Load(), h.srv.state.Load().files.key(naharnetPage); got == nil || got.(url.Values).Get("page") != want {
		t.Errorf("the tab's stream was opened with %v, want page=%s", got, want)
	}
	mark := func(v string) { evalIn[string](t, ctx, `window.liveTest = "`+v+`"`) }
	marked := func() string { return evalIn[string](t, ctx, `String(window.liveTest)`) }

	// An edited article: the page reloads by itself and shows the edit.
	const edited = "Mekdad said in a browser-tested broadcast"
	if evalIn[bool](t, ctx, `document.body.innerText.includes("`+edited+`")`) {
		t.Fatalf("the page shows %q before the edit", edited)
	}
	mark("before the edit")
	h.replace(naharnet, "Mekdad said in a broadcast", edited, inPlace)
	waitFor(t, ctx, "the edited sentence", `document.body.innerText.includes("`+edited+`")`)
	if m := marked(); m != "undefined" {
		t.Errorf("the page shows the edit without a reload (window.liveTest = %q): it was not served again", m)
	}

	// An edited stylesheet: swapped in place, the page is not reloaded.
	h.waitTab(naharnetPage, first) // the reloaded page's stream
	mark("before the stylesheet")
	if bg := evalIn[string](t, ctx, `getComputedStyle(document.body).backgroundColor`); bg == "rgb(1, 2, 3)" {
		t.Fatalf("the background is %s before the edit", bg)
	}
	h.write("static/style.css", string(css)+"\nbody { background-color: rgb(1, 2, 3); }\n")
	waitFor(t, ctx, "the new stylesheet", `getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`)
	if m := marked(); m != "before the stylesheet" {
		t.Errorf("the page reloaded for a stylesheet (window.liveTest = %q)", m)
	}
	waitFor(t, ctx, "the old stylesheet to go", `document.querySelectorAll('link[rel~="stylesheet"]').length === 1`)

	// A broken front matter: the errors appear over the page with the file
	// and line, and go away with the fix; the page is not reloaded.
	mark("before the error")
	h.replace(naharnet, "outlet = ", "outlte = ", inPlace)
	where := naharnet + ":3:1"
	waitFor(t, ctx, "the error overlay", `(document.getElementById("timeline-error-overlay") || {}).textContent?.includes("`+where+`")`)
	overlay := evalIn[struct {
		Text    string
		Covers  bool // the whole window
		InFront bool // of the element in the middle of the window
	}](t, ctx, `(() => {
		const o = document.getElementById("timeline-error-overlay");
		const r = o.getBoundingClientRect(), w = document.documentElement.clientWidth, h = document.documentElement.clientHeight;
		return { Text: o.textContent, InFront: o.contains(document.elementFromPoint(w / 2, h / 2)),
			Covers: r.left <= 0 && r.top <= 0 && r.right >= w && r.bottom >= h };
	})()`)
	if !strings.Contains(overlay.Text, `unknown key "outlte"`) {
		t.Errorf("the overlay lacks the message: %q", overlay.Text)
	}
	if !overlay.Covers || !overlay.InFront {
		t.Errorf("the overlay does not cover the page (covers %v, in front %v)", overlay.Covers, overlay.InFront)
	}
	if !evalIn[bool](t, ctx, `document.body.innerText.includes("`+edited+`")`) {
		t.Errorf("the last good page is not under the overlay")
	}
	h.replace(naharnet, "outlte = ", "outlet = ", inPlace)
	waitFor(t, ctx, "the overlay to go", `document.getElementById("timeline-error-overlay") === null`)
	if m := marked(); m != "before the error" {
		t.Errorf("the page reloaded for an error or its fix (window.liveTest = %q)", m)
	}
}

// waitTab waits until a browser tab showing the page at path has its
// live-reload stream open, other than the stream old, and returns it.
func (h *harness) waitTab(path string, old *client) *client {
	h.t.Helper()
	deadline := time.Now().Add(guard)
	for time.Now().Before(deadline) {
		for _, c := range h.srv.hub.list() {
			if c.path == path && c != old {
				return c
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	h.t.Fatalf("no tab of %s connected", path)
	return nil
}

// evalIn evaluates a JavaScript expression in a tab.
func evalIn[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// waitFor evaluates a JavaScript expression in a tab until it is true, for
// at most 20 seconds. The page may be reloading meanwhile, so errors are
// retried too.
func waitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	var last error
	for ctx.Err() == nil {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`Boolean(`+expr+`)`))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: %v (last error: %v)", what, ctx.Err(), last)
}
