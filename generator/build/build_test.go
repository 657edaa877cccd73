package build

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// sites are the sites with golden output: the fixture with hand-declared
// events, and the bundled seed site at the root of the repository.
var sites = map[string]string{
	"declared": "testdata/declared",
	"seed":     "../..",
}

func renderSite(t *testing.T, src string, opts Options) *Site {
	t.Helper()
	opts.Source = src
	opts.Theme = timeline.Theme
	cfg, err := Load(opts)
	if err != nil {
		t.Fatal(diag.Detail(err))
	}
	s, err := Render(context.Background(), opts, cfg)
	if err != nil {
		t.Fatal(diag.Detail(err))
	}
	return s
}

// TestGolden compares every generated file with testdata/golden/<site>/;
// run with -update to accept a change.
func TestGolden(t *testing.T) {
	for name, src := range sites {
		t.Run(name, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(src, "content")); err != nil {
				t.Fatalf("site %s has no content/: %v", src, err)
			}
			s := renderSite(t, src, Options{})
			dir := filepath.Join("testdata", "golden", name)
			if *update {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
				for p, b := range s.Files.Files {
					full := filepath.Join(dir, filepath.FromSlash(p))
					if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(full, b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			var want []string
			err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(dir, p)
				want = append(want, filepath.ToSlash(rel))
				return nil
			})
			if err != nil {
				t.Fatalf("no golden files (run go test -update): %v", err)
			}
			sort.Strings(want)
			if got := s.Files.Paths(); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("files differ from golden (run go test -update to accept)\n got %v\nwant %v", got, want)
			}
			for _, p := range want {
				golden, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
				if got := s.Files.Files[p]; !bytes.Equal(got, golden) {
					t.Errorf("%s differs from golden (run go test -update to accept):\n%s", p, firstDiff(got, golden))
				}
			}
		})
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("line %d\n got %q\nwant %q", i+1, a, b)
		}
	}
	return ""
}

// Two builds of the same content are byte-identical, whatever the time.
func TestDeterministic(t *testing.T) {
	for name, src := range sites {
		a := renderSite(t, src, Options{})
		time.Sleep(10 * time.Millisecond)
		b := renderSite(t, src, Options{})
		if len(a.Files.Files) != len(b.Files.Files) {
			t.Fatalf("%s: %d files, then %d", name, len(a.Files.Files), len(b.Files.Files))
		}
		for p := range a.Files.Files {
			if !bytes.Equal(a.Files.Files[p], b.Files.Files[p]) {
				t.Errorf("%s: %s differs between two builds", name, p)
			}
		}
	}
}

func TestDeclaredModel(t *testing.T) {
	s := renderSite(t, "testdata/declared", Options{})
	var got []string
	for _, e := range s.Model.Events {
		got = append(got, fmt.Sprintf("%s %s %s/%s %d", e.ID, e.Date.Label, e.Date.Start, e.Date.End, len(e.Citations)))
	}
	want := []string{
		"2023-su-concerns-found-full summer 2023 2023-06-01/2023-08-31 1",
		"cracks-found Mon 4 Mar 2024 2024-03-04/2024-03-04 2",
		"2024-03-05-city-closes-bridge-traffic late Tue 5 Mar 2024 2024-03-05/2024-03-05 1",
		"2024-w13-council-approves-repair-budget week of 25 Mar 2024 2024-03-25/2024-03-31 1",
		"2024-04-repairs-begin early April 2024 2024-04-01/2024-04-10 1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events\n got %s\nwant %s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, a := range s.Articles {
		if a.Draft {
			t.Errorf("draft %s built without --drafts", a.ID)
		}
	}
	if s := renderSite(t, "testdata/declared", Options{Drafts: true}); len(s.Articles) != 4 || len(s.Model.Events) != 6 {
		t.Errorf("with drafts: %d articles, %d events", len(s.Articles), len(s.Model.Events))
	}
}

// Every internal link of every page resolves to a generated file, and every
// fragment to an id on the target page.
func TestInternalLinks(t *testing.T) {
	for name, src := range sites {
		for _, base := range []string{"", "/", "/sub/path/", "https://example.net/x/"} {
			s := renderSite(t, src, Options{BaseURL: base})
			basePath := "/"
			if u, _ := url.Parse(s.Config.BaseURL); u.Path != "" {
				basePath = u.Path
			}
			ids := map[string]map[string]bool{}
			type link struct{ from, href string }
			var links []link
			for p, b := range s.Files.Files {
				if !strings.HasSuffix(p, ".html") {
					continue
				}
				doc, err := html.Parse(bytes.NewReader(b))
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				ids[p] = map[string]bool{}
				var walk func(n *html.Node)
				walk = func(n *html.Node) {
					if n.Type == html.ElementNode {
						for _, a := range n.Attr {
							switch a.Key {
							case "id":
								if ids[p][a.Val] {
									t.Errorf("%s %s: duplicate id %q", name, p, a.Val)
								}
								ids[p][a.Val] = true
							case "href", "src":
								links = append(links, link{p, a.Val})
							}
						}
					}
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						walk(c)
					}
				}
				walk(doc)
			}
			host := ""
			if u, _ := url.Parse(s.Config.BaseURL); u.Host != "" {
				host = u.Scheme + "://" + u.Host
			}
			checked := 0
			for _, l := range links {
				u, err := url.Parse(strings.TrimPrefix(l.href, host))
				if err != nil || l.href == "" {
					t.Errorf("%s %s: bad link %q", name, l.from, l.href)
					continue
				}
				if u.Host != "" || u.Scheme != "" {
					continue // external
				}
				target := l.from
				if u.Path != "" {
					if !strings.HasPrefix(u.Path, basePath) {
						t.Errorf("%s %s: link %q is outside the base path %s", name, l.from, l.href, basePath)
						continue
					}
					target = strings.TrimPrefix(u.Path, basePath)
					if target == "" || strings.HasSuffix(target, "/") {
						target += "index.html"
					}
				}
				if _, ok := s.Files.Files[target]; !ok {
					t.Errorf("%s %s: link %q: no file %s", name, l.from, l.href, target)
					continue
				}
				if u.Fragment != "" && !ids[target][u.Fragment] {
					t.Errorf("%s %s: link %q: no id %q in %s", name, l.from, l.href, u.Fragment, target)
				}
				checked++
			}
			if checked < 10 {
				t.Errorf("%s: only %d internal links checked", name, checked)
			}
		}
	}
}

// Every citation's quote is inside the element its anchor points to.
func TestCitationAnchors(t *testing.T) {
	for name, src := range sites {
		s := renderSite(t, src, Options{})
		for _, e := range s.Model.Events {
			for _, c := range e.Citations {
				page, frag, _ := strings.Cut(c.Anchor, "#")
				b := s.Files.Files[strings.TrimPrefix(page, "/")+"index.html"]
				doc, err := html.Parse(bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				el := findID(doc, frag)
				if el == nil {
					t.Errorf("%s: %s: no element #%s", name, c.Anchor, frag)
					continue
				}
				if text := strings.Join(strings.Fields(textOf(el)), " "); !strings.Contains(text, strings.Join(strings.Fields(c.Quote), " ")) {
					t.Errorf("%s: %s: element text %q does not contain the quote %q", name, c.Anchor, text, c.Quote)
				}
			}
		}
	}
}

func findID(n *html.Node, id string) *html.Node {
	if n.Type == html.ElementNode {
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == id {
				return n
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findID(c, id); f != nil {
			return f
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

// timeline.json is TimelineJS v3 data: every event has a start_date with a
// year and a text with a headline; months and days are in range.
func TestTimelineJS(t *testing.T) {
	for name, src := range sites {
		s := renderSite(t, src, Options{})
		var data struct {
			Title *struct {
				Text struct{ Headline string } `json:"text"`
			} `json:"title"`
			Events []struct {
				StartDate *struct{ Year, Month, Day int }  `json:"start_date"`
				EndDate   *struct{ Year, Month, Day int }  `json:"end_date"`
				Text      *struct{ Headline, Text string } `json:"text"`
				UniqueID  string                           `json:"unique_id"`
			} `json:"events"`
		}
		dec := json.NewDecoder(bytes.NewReader(s.Files.Files["timeline.json"]))
		if err := dec.Decode(&data); err != nil {
			t.Fatalf("%s: timeline.json: %v", name, err)
		}
		if len(data.Events) != len(s.Model.Events) || data.Title == nil || data.Title.Text.Headline == "" {
			t.Errorf("%s: %d events for %d, title %+v", name, len(data.Events), len(s.Model.Events), data.Title)
		}
		for i, e := range data.Events {
			if e.StartDate == nil || e.StartDate.Year == 0 || e.Text == nil || e.Text.Headline == "" || e.UniqueID == "" {
				t.Errorf("%s: event %d lacks start_date.year, text.headline or unique_id: %+v", name, i, e)
				continue
			}
			for _, d := range []*struct{ Year, Month, Day int }{e.StartDate, e.EndDate} {
				if d != nil && (d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 || (d.Day > 0 && d.Month == 0)) {
					t.Errorf("%s: event %d: bad date %+v", name, i, d)
				}
			}
		}
	}
}

// feed.xml is well-formed Atom with the required elements.
func TestAtomFeed(t *testing.T) {
	for name, src := range sites {
		s := renderSite(t, src, Options{})
		b := s.Files.Files["feed.xml"]
		var f struct {
			XMLName xml.Name
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Author  struct {
				Name string `xml:"name"`
			} `xml:"author"`
			Links []struct {
				Href string `xml:"href,attr"`
				Rel  string `xml:"rel,attr"`
			} `xml:"link"`
			Entries []struct {
				ID      string `xml:"id"`
				Title   string `xml:"title"`
				Updated string `xml:"updated"`
				Links   []struct {
					Href string `xml:"href,attr"`
				} `xml:"link"`
				Content struct {
					Type string `xml:"type,attr"`
					Body string `xml:",chardata"`
				} `xml:"content"`
			} `xml:"entry"`
		}
		d := xml.NewDecoder(bytes.NewReader(b))
		d.Strict = true
		if err := d.Decode(&f); err != nil {
			t.Fatalf("%s: feed.xml is not well-formed: %v", name, err)
		}
		if f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.XMLName.Local != "feed" || f.ID == "" || f.Title == "" || f.Author.Name == "" {
			t.Errorf("%s: feed header: %+v", name, f)
		}
		if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
			t.Errorf("%s: feed updated %q: %v", name, f.Updated, err)
		}
		if len(f.Entries) != len(s.Model.Events) {
			t.Errorf("%s: %d entries for %d events", name, len(f.Entries), len(s.Model.Events))
		}
		ids := map[string]bool{}
		for _, e := range f.Entries {
			if _, err := time.Parse(time.RFC3339, e.Updated); err != nil || e.ID == "" || e.Title == "" || len(e.Links) == 0 || e.Content.Type != "html" || ids[e.ID] {
				t.Errorf("%s: bad entry %+v", name, e)
			}
			ids[e.ID] = true
			if _, err := html.Parse(strings.NewReader(e.Content.Body)); err != nil {
				t.Errorf("%s: entry content: %v", name, err)
			}
		}
	}
}

// sitemap.xml lists exactly the HTML pages a reader can visit.
func TestSitemap(t *testing.T) {
	s := renderSite(t, "testdata/declared", Options{})
	var set struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(s.Files.Files["sitemap.xml"], &set); err != nil {
		t.Fatal(err)
	}
	var locs, pages []string
	for _, u := range set.URLs {
		locs = append(locs, u.Loc)
		if _, err := time.Parse("2006-01-02", u.LastMod); err != nil {
			t.Errorf("%s: lastmod %q", u.Loc, u.LastMod)
		}
	}
	for p := range s.Files.Files {
		if strings.HasSuffix(p, ".html") && p != "404.html" {
			pages = append(pages, "https://example.org/bridge/"+strings.TrimSuffix(p, "index.html"))
		}
	}
	sort.Strings(locs)
	sort.Strings(pages)
	if strings.Join(locs, "\n") != strings.Join(pages, "\n") {
		t.Errorf("sitemap\n%s\npages\n%s", strings.Join(locs, "\n"), strings.Join(pages, "\n"))
	}
}

// A site's own templates/ and static/ override the built-in ones by name.
func TestOverride(t *testing.T) {
	site := copySite(t, "testdata/declared")
	write(t, filepath.Join(site, "templates/404.html"), `{{define "main"}}<h1>Lost</h1>{{end}}`)
	write(t, filepath.Join(site, "static/style.css"), "body{}")
	write(t, filepath.Join(site, "static/img/logo.svg"), "<svg/>")
	s := renderSite(t, site, Options{})
	if !strings.Contains(string(s.Files.Files["404.html"]), "<h1>Lost</h1>") {
		t.Error("404.html not overridden")
	}
	if string(s.Files.Files["style.css"]) != "body{}" || string(s.Files.Files["img/logo.svg"]) != "<svg/>" {
		t.Error("static files not overridden or added")
	}
	if !strings.Contains(string(s.Files.Files["index.html"]), "<h1>Harbour Bridge closure</h1>") {
		t.Error("the built-in index.html is not used when not overridden")
	}
}

// A broken template is reported at its file and line.
func TestTemplateErrors(t *testing.T) {
	cases := []struct{ file, src, want string }{
		{"event.html", "{{define \"main\"}}\n<h1>{{.Event.Headline}</h1>\n{{end}}", "templates/event.html:2: "},
		{"index.html", "{{define \"main\"}}\n\n<p>{{.Timeline.Nope}}</p>\n{{end}}", "templates/index.html:3:14: executing"},
		{"base.html", "<html>{{template \"main\" .}}{{if}}</html>", "templates/base.html:1: missing value for if"},
	}
	for _, c := range cases {
		site := copySite(t, "testdata/declared")
		write(t, filepath.Join(site, "templates", c.file), c.src)
		opts := Options{Source: site, Theme: timeline.Theme}
		cfg, err := Load(opts)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Render(context.Background(), opts, cfg)
		errs := diag.Errors(err)
		if len(errs) == 0 || !strings.HasPrefix(errs[0].Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.file, err, c.want)
		}
	}
}

// A failed build leaves the previous output untouched.
func TestFailedBuildKeepsOutput(t *testing.T) {
	site := copySite(t, "testdata/declared")
	opts := Options{Source: site, Theme: timeline.Theme}
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 3 || res.Events != 5 || res.Pages != 13 { // with the index of people, organizations and places
		t.Errorf("result %+v", res)
	}
	before := snapshot(t, res.Dest)
	write(t, filepath.Join(site, "content/broken.md"), "+++\ntitle = \"x\"\n+++\n")
	if _, err := Build(context.Background(), opts); err == nil {
		t.Fatal("build with a broken article succeeded")
	}
	write(t, filepath.Join(site, "content/broken.md"), "")
	os.Remove(filepath.Join(site, "content/broken.md"))
	write(t, filepath.Join(site, "templates/event.html"), "{{define \"main\"}}{{.Nope}}{{end}}")
	if _, err := Build(context.Background(), opts); err == nil {
		t.Fatal("build with a broken template succeeded")
	}
	if after := snapshot(t, res.Dest); after != before {
		t.Error("the failed builds changed the output folder")
	}
	entries, _ := os.ReadDir(site)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("staging folder left behind: %s", e.Name())
		}
	}
}

func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		fmt.Fprintf(&b, "%s %d %x\n", p, len(data), data[:min(len(data), 64)])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copySite copies a site's sources (config.toml, content/, templates/,
// static/) to a temporary folder.
func copySite(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	for _, top := range []string{"config.toml", "content", "templates", "static"} {
		root := filepath.Join(src, top)
		if _, err := os.Stat(root); err != nil {
			continue
		}
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}
