package sources_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/build"
	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/linkcheck"
	"github.com/timeline-dev/timeline/generator/linkcheck/sources"
)

const naharnet = `+++
title = "Western Intelligence Talking to Damascus"
outlet = "Naharnet"
url = "https://www.naharnet.com/stories/en/114074"
published = 2014-01-15

[[event]]
id = "agencies-contact"
date = "2013-11"
quote = "German, French and Spanish agencies have been speaking to regime officials since November."
+++

German, French and Spanish agencies have been speaking to regime officials since November.

"I would not specify but many of them have visited Damascus, yes," Mekdad said on Tuesday.

See [the café](/caf%C3%A9/), [the other café](</un café/>) and [the query](/q/?a=1&amp;b=2).
`

const haaretz = `+++
title = "European Intelligence Seeking Info on Jihadis in Syria"
outlet = "Haaretz"
published = 2014-01-15
+++

The report indicated that a retired official from the British MI6 made a trip to Damascus over the summer.
`

const overrides = `[[event]]
id     = "agencies-contact"
rename = "european-agencies"
`

// writeSite writes a site of two articles and an overrides file to a new
// folder and returns it.
func writeSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"config.toml":          "title = \"Damascus\"\n",
		"content/naharnet.md":  naharnet,
		"content/haaretz.md":   haaretz,
		"content/_events.toml": overrides,
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLocate: each kind of origin is found where the sources write it.
func TestLocate(t *testing.T) {
	dir := writeSite(t)
	s := sources.New(dir, content.Options{})
	if s.Articles() != 2 {
		t.Fatalf("%d articles, want 2", s.Articles())
	}
	cases := []struct {
		name string
		o    linkcheck.Origin
		want string // file:line:col below the site folder, "" for none
	}{
		{"quote", linkcheck.Origin{Article: "haaretz", Quote: "a retired official from the British MI6 made a trip"}, "content/haaretz.md:7:27"},
		{"typographic quote", linkcheck.Origin{Article: "naharnet", Quote: "“I would not specify but many of them have visited Damascus, yes,” Mekdad said on Tuesday."}, "content/naharnet.md:15:1"},
		{"quote not in the sources", linkcheck.Origin{Article: "haaretz", Quote: "Nothing like it."}, ""},
		{"link as written", linkcheck.Origin{Article: "naharnet", Link: "/caf%C3%A9/"}, "content/naharnet.md:17:17"},
		{"link the page escapes", linkcheck.Origin{Article: "naharnet", Link: "/un%20caf%C3%A9/"}, "content/naharnet.md:17:50"},
		{"link with an entity", linkcheck.Origin{Article: "naharnet", Link: "/q/?a=1&b=2"}, "content/naharnet.md:17:79"},
		{"the page's link to the original", linkcheck.Origin{Article: "naharnet", Link: "https://www.naharnet.com/stories/en/114074"}, "content/naharnet.md:4:1"},
		{"front matter url", linkcheck.Origin{Article: "naharnet", Key: "url"}, "content/naharnet.md:4:1"},
		{"a link not in the body, to a renamed event", linkcheck.Origin{Article: "haaretz", Link: "/events/european-agencies/", Event: "european-agencies"}, "content/_events.toml:3:11"},
		{"event renamed in the overrides", linkcheck.Origin{Event: "european-agencies"}, "content/_events.toml:3:11"},
		{"event named in the overrides", linkcheck.Origin{Event: "agencies-contact"}, "content/_events.toml:2:11"},
		{"event of no editor", linkcheck.Origin{Event: "2013-su-mi6"}, ""},
		{"unknown article", linkcheck.Origin{Article: "nowhere", Quote: "x"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, ok := s.Locate(tc.o)
			got := ""
			if ok {
				rel, err := filepath.Rel(filepath.ToSlash(dir), p.File)
				if err != nil {
					t.Fatal(err)
				}
				got = linkcheck.Position{File: filepath.ToSlash(rel), Line: p.Line, Col: p.Col}.String()
			}
			if got != tc.want {
				t.Errorf("Locate(%+v) = %q, want %q", tc.o, got, tc.want)
			}
		})
	}
}

// TestCheckGitHub: a built site damaged in ways that come from its
// Markdown (a broken link in an article's body, a quote edited on the
// article page) is reported, in GitHub annotations, at the Markdown lines.
func TestCheckGitHub(t *testing.T) {
	site := writeSite(t)
	md := filepath.Join(site, "content", "haaretz.md")
	src, _ := os.ReadFile(md)
	src = append(src, "\nThe Wall Street Journal [reported it](/articles/wsj/) first.\n"...)
	if err := os.WriteFile(md, src, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := build.Build(ctx, build.Options{Source: site, Theme: timeline.Theme}); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(site, "public", "articles", "naharnet", "index.html")
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(html, []byte("speaking to regime officials"), []byte("talking to regime officials"), 1)
	if bytes.Equal(edited, html) {
		t.Fatal("the article page does not have the quote")
	}
	if err := os.WriteFile(page, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := linkcheck.Check(ctx, filepath.Join(site, "public"), linkcheck.Options{Sources: sources.New(site, content.Options{})})
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := linkcheck.Write(&out, rep, "github"); err != nil {
		t.Fatal(err)
	}
	got := strings.ReplaceAll(out.String(), filepath.ToSlash(site)+"/", "")
	for _, want := range []string{
		`(?m)^::error file=content/haaretz.md,line=9,col=39,title=broken-link::broken link "/articles/wsj/" \(target missing\) \(in public/articles/haaretz/index.html:\d+:\d+\)$`,
		`(?m)^::error file=content/naharnet.md,line=13,col=1,title=citation::event "european-agencies", citation 1: quote not found at /articles/naharnet/#[^ ]+: .* \(in public/events.json:\d+:\d+\)$`,
	} {
		if !regexp.MustCompile(want).MatchString(got) {
			t.Errorf("no match for %s in\n%s", want, got)
		}
	}
	if strings.Contains(got, "file=public/") {
		t.Errorf("a finding stays in the built site:\n%s", got)
	}
}
