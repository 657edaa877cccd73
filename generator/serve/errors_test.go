package serve

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	timeline "github.com/timeline-dev/timeline"
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
