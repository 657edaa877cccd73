package build

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	timeline "github.com/timeline-dev/timeline"
)

// TestJSONLD: every page's schema.org data is one JSON document that says
// what the page is, and text from an article cannot end its <script>
// element or start another.
func TestJSONLD(t *testing.T) {
	site := t.TempDir()
	const title = `Talks </script><script>alert(1)</script> in Geneva`
	write(t, filepath.Join(site, "config.toml"), "title = \"JSON-LD\"\nbase_url = \"https://example.org/\"\n")
	write(t, filepath.Join(site, "content", "a.md"), "+++\ntitle = '"+title+"'\noutlet = \"Reuters\"\npublished = 2014-01-15\nurl = \"https://example.com/a\"\n+++\n\nDelegates met in Geneva on Monday to discuss a ceasefire </script><b>.\n")
	res, err := Build(context.Background(), Options{Source: site, Theme: timeline.Theme})
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]string{}
	err = filepath.WalkDir(res.Dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := html.Parse(f)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(res.Dest, p)
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode || n.Data != "script" {
				continue
			}
			typ, src := "", ""
			for _, a := range n.Attr {
				switch a.Key {
				case "type":
					typ = a.Val
				case "src":
					src = a.Val
				}
			}
			if src != "" && strings.HasPrefix(src, "/timeline.js") {
				continue
			}
			// base.html's one inline script, which tells CSS that scripts run.
			if typ == "" && src == "" && n.FirstChild != nil && n.FirstChild.Data == `document.documentElement.classList.add("js")` {
				continue
			}
			if typ != "application/ld+json" || n.FirstChild == nil {
				t.Errorf("%s: a <script type=%q src=%q> that the templates do not make", rel, typ, src)
				continue
			}
			var ld map[string]any
			if err := json.Unmarshal([]byte(n.FirstChild.Data), &ld); err != nil {
				t.Errorf("%s: JSON-LD does not parse: %v\n%s", rel, err, n.FirstChild.Data)
				continue
			}
			types[filepath.ToSlash(rel)], _ = ld["@type"].(string)
			if ld["@type"] == "NewsArticle" && ld["headline"] != title {
				t.Errorf("%s: headline %q, want %q", rel, ld["headline"], title)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]string{"index.html": "ItemList", "all/index.html": "ItemList", "articles/a/index.html": "NewsArticle"} {
		if types[page] != want {
			t.Errorf("%s: JSON-LD @type %q, want %q", page, types[page], want)
		}
	}
	events := 0
	for p, typ := range types {
		if strings.HasPrefix(p, "events/") && typ == "Event" {
			events++
		}
	}
	if events == 0 {
		t.Errorf("no event page has Event JSON-LD: %v", types)
	}
}
