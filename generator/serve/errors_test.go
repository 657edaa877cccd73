package serve

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/internal/badinput"
)

// TestServeErrors breaks a front matter, a template and the overrides file,
// and checks that the tab gets the errors with file and line, that the
// last good pages keep being served with the errors over them, that a tab
// opened meanwhile gets them too, that they go to the terminal, and that
// the fix clears them.
func TestServeErrors(t *testing.T) {
	h := start(t, seedSite(t))
	articleTmpl, err := timeline.Theme.ReadFile("templates/article.html")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		breakIt func(h *harness)
		fix     func(h *harness)
		where   string // file:line of the error
		msg     string
	}{
		{
			name: "a front matter with an impossible date",
			breakIt: func(h *harness) {
				h.replace(naharnet, "published = 2014-01-15", "published = 2014-02-30", atomicRename)
			},
			fix:   func(h *harness) { h.replace(naharnet, "published = 2014-02-30", "published = 2014-01-15", vimBackup) },
			where: naharnet + ":5:13",
			msg:   "published",
		},
		{
			name:    "a front matter with an unknown key",
			breakIt: func(h *harness) { h.replace(naharnet, "outlet = ", "outlte = ", inPlace) },
			fix:     func(h *harness) { h.replace(naharnet, "outlte = ", "outlet = ", inPlace) },
			where:   naharnet + ":3:1",
			msg:     `unknown key "outlte"`,
		},
		{
			name: "a template that does not parse",
			breakIt: func(h *harness) {
				h.write("templates/article.html", strings.Replace(string(articleTmpl), `{{define "main"}}`, "{{define \"main\"}}\n{{if .Article}}", 1))
			},
			fix:   func(h *harness) { h.remove("templates/article.html") },
			where: "templates/article.html:",
			msg:   "unexpected EOF",
		},
		{
			name: "a template that fails on the page shown",
			breakIt: func(h *harness) {
				h.write("templates/article.html", strings.Replace(string(articleTmpl), `{{define "main"}}`, `{{define "main"}}{{index .Article.Tags 99}}`, 1))
			},
			fix:   func(h *harness) { h.remove("templates/article.html") },
			where: "templates/article.html:",
			msg:   "index out of range",
		},
		{
			name: "a static folder linking out of the site",
			breakIt: func(h *harness) {
				outside := h.t.TempDir()
				writeFile(h.t, filepath.Join(outside, "secret.txt"), "the password\n")
				if err := os.Symlink(outside, filepath.Join(h.dir, "static")); err != nil {
					h.t.Fatal(err)
				}
			},
			fix:   func(h *harness) { h.remove("static") },
			where: "static",
			msg:   "outside the site",
		},
		{
			name: "an override naming no event",
			breakIt: func(h *harness) {
				h.write("content/_events.toml", "[[merge]]\nids = [\"no-such-event\", \"nor-this\"]\n")
			},
			fix:   func(h *harness) { h.remove("content/_events.toml") },
			where: "content/_events.toml:2:1",
			msg:   `no event has the id "no-such-event"`,
		},
	}
	_, good := h.get(naharnetPage)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.t = t
			tb := h.open(naharnetPage)
			defer tb.resp.Body.Close()
			stderr := len(h.err.String())
			tt.breakIt(h)
			r := h.settle()
			if r.Err == nil {
				t.Fatalf("the rebuild did not fail")
			}
			got := tb.drainEvents()
			if len(got) != 1 || got[0].name != "build-error" {
				t.Fatalf("tab got %v, want one build-error", got)
			}
			var rep report
			if err := json.Unmarshal([]byte(got[0].data), &rep); err != nil {
				t.Fatal(err)
			}
			found := false
			for _, e := range rep.Errors {
				where := fmt.Sprintf("%s:%d:%d", e.File, e.Line, e.Col)
				if strings.HasPrefix(where, tt.where) && strings.Contains(e.Msg, tt.msg) && strings.Contains(e.Detail, tt.where) {
					found = true
				}
			}
			if !found {
				t.Errorf("errors %+v lack %s: %s", rep.Errors, tt.where, tt.msg)
			}
			// The last good page, with the errors over it.
			status, body := h.get(naharnetPage)
			if status != 200 || !strings.Contains(body, `id="timeline-error-overlay"`) || !strings.Contains(body, tt.where) {
				t.Errorf("page: status %d, overlay or %s missing", status, tt.where)
			}
			if strip(body) != strip(good) {
				t.Errorf("the page served is not the last good one")
			}
			if status, _ := h.get("/"); status != 200 {
				t.Errorf("timeline: status %d", status)
			}
			// A tab opened now learns of the errors at once.
			late := h.open(naharnetPage)
			if e := late.next(); e.name != "build-error" {
				t.Errorf("a new tab got %q first, want build-error", e.name)
			}
			late.resp.Body.Close()
			if out := h.err.String()[stderr:]; !strings.Contains(out, tt.where) || !strings.Contains(out, "still serving the last good site") {
				t.Errorf("terminal: %q", out)
			}
			// The fix clears them; the page is the last good one again, so
			// it needs no reload.
			tt.fix(h)
			if r := h.settle(); r.Err != nil {
				t.Fatalf("the fix did not build: %v", r.Err)
			}
			if got := tb.drain(); fmt.Sprint(got) != "[build-ok]" {
				t.Errorf("after the fix the tab got %v, want [build-ok]", got)
			}
			if _, body := h.get(naharnetPage); strings.Contains(body, "timeline-error-overlay") || body != good {
				t.Errorf("after the fix the page is not the good one")
			}
		})
	}
}

// strip removes the overlay from a page.
func strip(page string) string {
	i := strings.Index(page, `<div id="timeline-error-overlay"`)
	if i < 0 {
		return page
	}
	j := strings.Index(page[i:], "</div>")
	return page[:i] + page[i+j+len("</div>"):]
}

// drainEvents is drain with the events' data.
func (tb *tab) drainEvents() []event {
	tb.h.t.Helper()
	tb.fences++
	fence := fmt.Sprint(tb.fences)
	for _, c := range tb.h.srv.hub.list() {
		if c.path == tb.path {
			c.send(event{"fence", fence})
		}
	}
	var got []event
	for {
		e := tb.next()
		if e.name == "fence" {
			if e.data == fence {
				return got
			}
			continue
		}
		got = append(got, e)
	}
}

// TestServeBadInput runs every row of the bad input table of issue 14
// (badinput.Rows, which build's TestBadInput runs too) through timeline
// serve: the good site is served with a tab open on an article's page,
// the row breaks it, and the tab must get the errors of the row, each
// naming the same file and line as the build's, the page must show them
// in its overlay over the last good version, which stays served, and the
// terminal must print them; then the fix (badinput.Restore) must clear
// them, the page being the good one again. A row that must build instead
// must be served with its pages and no error.
func TestServeBadInput(t *testing.T) {
	for _, c := range badinput.Rows {
		t.Run(c.Name, func(t *testing.T) {
			if c.NotServed != "" {
				t.Skip(c.NotServed)
			}
			t.Parallel()
			if c.Unprivileged && os.Geteuid() == 0 {
				// Root reads any file: run the row as nobody.
				badinput.AsNobody(t)
				return
			}
			serveBadInput(t, c)
		})
	}
}

const badPage = "/articles/a/"

func serveBadInput(t *testing.T, c badinput.Row) {
	site := t.TempDir()
	badinput.WriteSite(t, site)
	h := start(t, site)
	status, good := h.get(badPage)
	if status != 200 {
		t.Fatalf("the good site: %s: status %d", badPage, status)
	}
	tb := h.open(badPage)
	var goodSince atomic.Bool // a good rebuild came after the break
	rebuilt := h.srv.rebuilt
	h.srv.rebuilt = func(r Rebuild) {
		if r.Err == nil && !r.Skipped {
			goodSince.Store(true)
		}
		rebuilt(r)
	}
	stderr := len(h.err.String())

	c.Break(t, site)
	h.settle()
	events := tb.drainEvents()
	st := h.srv.state.Load()
	if len(c.Want) == 0 {
		if st.err != nil {
			t.Fatalf("the rebuild failed: %v", detail(st.err))
		}
		if n := len(events); n > 0 && events[n-1].name == "build-error" {
			t.Errorf("tab got a build-error last: %s", events[n-1].data)
		}
		for _, p := range c.Output {
			u := "/" + strings.TrimSuffix(p, "index.html")
			if status, body := h.get(u); status != 200 || strings.Contains(body, "timeline-error-overlay") {
				t.Errorf("%s: status %d, or an error overlay", u, status)
			}
		}
	} else {
		if st.err == nil {
			t.Fatal("the rebuild did not fail")
		}
		// The tab: the errors of the last build-error event.
		var last *event
		for i := range events {
			if events[i].name == "build-error" {
				last = &events[i]
			}
		}
		if last == nil {
			t.Fatalf("tab got %v, no build-error", events)
		}
		var rep report
		if err := json.Unmarshal([]byte(last.data), &rep); err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, e := range rep.Errors {
			if e.File == "" || filepath.IsAbs(e.File) {
				t.Errorf("error names no site file: %+v", e)
			}
			line, _, _ := strings.Cut(e.Detail, "\n")
			lines = append(lines, line)
		}
		t.Logf("errors in the tab:\n%s", strings.Join(lines, "\n"))
		wantLines(t, "the tab's errors", c.Want, lines)
		// The page: the last good one, the errors over it.
		status, body := h.get(badPage)
		if status != 200 {
			t.Errorf("%s: status %d", badPage, status)
		}
		wantLines(t, "the overlay", c.Want, overlayLines(body))
		if goodSince.Load() {
			t.Logf("a good rebuild came between the changes of the row: the last good page is not the first")
		} else if strip(body) != good {
			t.Errorf("the page served is not the last good one")
		}
		for _, s := range c.Absent {
			if strings.Contains(body, s) || strings.Contains(last.data, s) {
				t.Errorf("the overlay shows %q", s)
			}
		}
		// The terminal.
		wantLines(t, "the terminal", c.Want, strings.Split(h.err.String()[stderr:], "\n"))
	}

	// The fix clears the errors: the good page again, without overlay.
	badinput.Restore(t, site)
	if r := h.settle(); r.Err != nil {
		t.Fatalf("the fix did not build: %v", detail(r.Err))
	}
	if st := h.srv.state.Load(); st.err != nil {
		t.Fatalf("after the fix: %v", detail(st.err))
	}
	events = tb.drainEvents()
	if len(c.Want) > 0 && (len(events) == 0 || events[len(events)-1].name != "build-ok") {
		t.Errorf("after the fix the tab got %v, want build-ok last", events)
	}
	if status, body := h.get(badPage); status != 200 || body != good {
		t.Errorf("after the fix the page is not the good one (status %d, overlay %v)", status, strings.Contains(body, "timeline-error-overlay"))
	}
}

// wantLines checks that every regular expression of want matches a line.
func wantLines(t *testing.T, what string, want, lines []string) {
	t.Helper()
	for _, w := range want {
		re := regexp.MustCompile(w)
		found := false
		for _, l := range lines {
			found = found || re.MatchString(l)
		}
		if !found {
			t.Errorf("%s: no line matches %s; got\n%s", what, w, strings.Join(lines, "\n"))
		}
	}
}

var overlayPre = regexp.MustCompile(`(?s)<pre[^>]*>(.*?)</pre>`)

// overlayLines returns the first line of each error of the overlay of a
// page: file:line:column: message.
func overlayLines(page string) []string {
	i := strings.Index(page, `<div id="timeline-error-overlay"`)
	if i < 0 {
		return nil
	}
	j := strings.Index(page[i:], "</div>")
	var out []string
	for _, m := range overlayPre.FindAllStringSubmatch(page[i:i+j], -1) {
		line, _, _ := strings.Cut(html.UnescapeString(m[1]), "\n")
		out = append(out, line)
	}
	return out
}
