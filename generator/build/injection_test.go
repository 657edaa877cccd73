package build

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/diag"
)

// xss is a corpus of payloads that try to make a page run code: script
// elements, event handlers, javascript:, data: and vbscript: URLs (mixed
// case, entity-encoded), text that ends a <script> element or opens a
// comment, attribute breakers, line separators that end a JavaScript
// string, CSS expressions, SVG, CDATA and template syntax.
var xss = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=//evil.example/x.js></SCRIPT>`,
	`<img src=x onerror=alert(1)>`,
	`<svg onload=alert(1)>`,
	`<svg><script>alert(1)</script></svg>`,
	`<a href="javascript:alert(1)">x</a>`,
	`<a href="JaVaScRiPt:alert(1)">x</a>`,
	`<a href="&#106;avascript:alert(1)">x</a>`,
	`<a href="&#x6A;&#x61;vascript&colon;alert(1)">x</a>`,
	`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
	`<a href="vbscript:msgbox(1)">x</a>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`</script><script>alert(1)</script>`,
	`<!--<script>alert(1)</script>-->`,
	`--><script>alert(1)</script>`,
	`"'><script>alert(1)</script>`,
	`" onmouseover="alert(1)`,
	`' onfocus='alert(1)' autofocus='`,
	`<div style="width: expression(alert(1))">x</div>`,
	`<style>body{background:url("javascript:alert(1)")}</style>`,
	"line\u2028separator\u2029paragraph</script>",
	`{{.Site.Title}}{{template "main" .}}{{/* x */}}`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<base href="javascript:alert(1)//">`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<form action="javascript:alert(1)"><button>x</button></form>`,
	`]]><script>alert(1)</script><![CDATA[`,
	`&lt;script&gt;alert(1)&lt;/script&gt;`,
	`\u003cscript\u003ealert(1)\u003c/script\u003e`,
}

// xssMarkdown is Markdown that makes links, images and raw HTML.
const xssMarkdown = `[click](javascript:alert(1)) [click](JaVaScRiPt:alert(1)) [click](&#106;avascript:alert(1))
[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [click](vbscript:msgbox(1))
<javascript:alert(1)> [ref link][evil] [click]( javascript:alert(1) )

![image](javascript:alert(1))

![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)

<div class="raw-marker"><script>alert("raw")</script></div>

Inline <b class="raw-marker" onclick="alert(1)">raw</b> HTML<img src=x onerror=alert(1)>.

[evil]: javascript:alert(1)
`

// escapeMarkdown backslash-escapes every ASCII punctuation character, so
// that Markdown shows s as text.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

type xssEvent struct {
	ID       string `toml:"id"`
	Date     string `toml:"date"`
	Headline string `toml:"headline,omitempty"`
	Quote    string `toml:"quote"`
}

type xssArticle struct {
	Title     string     `toml:"title"`
	Outlet    string     `toml:"outlet"`
	Author    string     `toml:"author"`
	Summary   string     `toml:"summary"`
	URL       string     `toml:"url"`
	Published time.Time  `toml:"published"`
	Tags      []string   `toml:"tags"`
	Event     []xssEvent `toml:"event"`
}

type xssOverride struct {
	ID       string `toml:"id,omitempty"`
	Article  string `toml:"article,omitempty"`
	Quote    string `toml:"quote,omitempty"`
	Date     string `toml:"date,omitempty"`
	Headline string `toml:"headline"`
	Summary  string `toml:"summary"`
}

func tomlText(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

const (
	xssTitle       = "</script><script>alert(\"title\")</script><!-- {{.Site.Title}} \" onload=\"alert(1)\u2028"
	xssDescription = `<img src=x onerror=alert(1)> javascript:alert(1) ]]> </title><svg onload=alert(1)>`
)

// xssSite writes a site in which every field an editor fills holds a
// payload of xss: article i has payload i as its title, outlet, author,
// summary, tag, URL path, in its body as text (escaped Markdown) and as
// raw HTML, as the quote and headline of a declared event, and as the
// headline and summary of an event added and one renamed in _events.toml.
func xssSite(t *testing.T, unsafe bool) string {
	site := t.TempDir()
	write(t, filepath.Join(site, "config.toml"), tomlText(t, map[string]any{
		"title": strings.TrimSpace(xssTitle), "description": xssDescription,
		"base_url": "https://example.org/", "unsafe_html": unsafe,
	}))
	var overrides struct {
		Event []xssOverride `toml:"event"`
	}
	for i, p := range xss {
		id := fmt.Sprintf("x%02d", i)
		said := "Officials met in Geneva on Monday and said " + p + " to reporters."
		second := "A second statement came on Tuesday: " + p
		third := "Foreign Minister Walid Muallem met John O'Brien of AT&T in Geneva on Wednesday about " + p
		fm := tomlText(t, xssArticle{
			Title: p, Outlet: p, Author: p, Summary: p, Tags: []string{p},
			URL:       "https://example.com/" + p,
			Published: time.Date(2014, 1, 15+i%10, 0, 0, 0, 0, time.UTC),
			Event: []xssEvent{
				{ID: id + "-said", Date: "2014-01-13", Headline: p, Quote: said},
				{ID: id + "-met", Date: "2014-01-15", Quote: third},
			},
		})
		body := escapeMarkdown(said) + "\n\n" + escapeMarkdown(second) + ".\n\n" + escapeMarkdown(third) + ".\n\n" +
			"Foreign Minister Walid Muallem told the BBC in Damascus on Thursday that talks with O'Brien & Co would go on.\n\n" + p + "\n\n" + xssMarkdown
		write(t, filepath.Join(site, "content", id+".md"), "+++\n"+fm+"+++\n\n"+body)
		overrides.Event = append(overrides.Event,
			xssOverride{Article: id, Quote: second, Date: "2014-01-14", Headline: p, Summary: p},
			xssOverride{ID: id + "-met", Headline: p + " (renamed)", Summary: p})
	}
	write(t, filepath.Join(site, "content", "_events.toml"), tomlText(t, overrides))
	return site
}

// TestInjection builds a site whose every field holds XSS payloads and
// checks that no output can run them: the HTML pages have no script
// element but the templates' own, no event-handler attribute, no
// javascript:, data: or vbscript: link; the JSON-LD, events.json and
// timeline.json are JSON that holds the payloads as data; feed.xml and
// sitemap.xml are XML.
func TestInjection(t *testing.T) {
	site := xssSite(t, false)
	res, err := Build(context.Background(), Options{Source: site, Theme: timeline.Theme})
	if err != nil {
		t.Fatal(diag.Detail(err))
	}
	allowed := themeScripts(t)
	pages, entityPages := 0, 0
	err = filepath.WalkDir(res.Dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(res.Dest, p)
		rel = filepath.ToSlash(rel)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(rel, ".html"):
			pages++
			if strings.HasPrefix(rel, "entities/") && rel != "entities/index.html" {
				entityPages++
			}
			doc, err := html.Parse(bytes.NewReader(b))
			if err != nil {
				t.Errorf("%s: %v", rel, err)
				return nil
			}
			checkHTML(t, rel, doc, allowed, res.Dest)
		case strings.HasSuffix(rel, ".json"):
			checkJSON(t, rel, b, allowed, res.Dest)
		case strings.HasSuffix(rel, ".xml"):
			checkXML(t, rel, b, allowed, res.Dest)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 3*len(xss) || entityPages == 0 {
		t.Errorf("%d pages, %d of entities: the payloads did not go through every page", pages, entityPages)
	}

	// The payloads are on the pages as text, as written.
	for i, p := range xss {
		page := fmt.Sprintf("articles/x%02d/index.html", i)
		b, err := os.ReadFile(filepath.Join(res.Dest, filepath.FromSlash(page)))
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := html.Parse(bytes.NewReader(b))
		var title, h1 string
		var ld map[string]any
		for n := range doc.Descendants() {
			switch {
			case n.Type == html.ElementNode && n.Data == "title":
				title = textOf(n)
			case n.Type == html.ElementNode && n.Data == "h1" && h1 == "":
				h1 = textOf(n)
			case n.Type == html.ElementNode && n.Data == "script" && attr(n, "type") == "application/ld+json":
				_ = json.Unmarshal([]byte(textOf(n)), &ld)
			}
		}
		if !strings.HasPrefix(title, p+" · ") || strings.TrimSpace(h1) != p {
			t.Errorf("%s: title %q, h1 %q: want the payload %q as text", page, title, h1, p)
		}
		if ld["headline"] != p || ld["url"] != "https://example.com/"+p {
			t.Errorf("%s: JSON-LD headline %q, url %q: want the payload %q", page, ld["headline"], ld["url"], p)
		}
	}
	var events struct {
		Events []struct{ ID, Headline, Summary string } `json:"events"`
	}
	b, _ := os.ReadFile(filepath.Join(res.Dest, "events.json"))
	if err := json.Unmarshal(b, &events); err != nil {
		t.Fatal(err)
	}
	byID := map[string][2]string{}
	for _, e := range events.Events {
		byID[e.ID] = [2]string{e.Headline, e.Summary}
	}
	for i, p := range xss {
		id := fmt.Sprintf("x%02d", i)
		if got := byID[id+"-said"]; got[0] != strings.Join(strings.Fields(p), " ") { // white space made one space
			t.Errorf("events.json: event %s-said has the headline %q, want %q", id, got[0], p)
		}
		if got := byID[id+"-met"]; got != [2]string{strings.Join(strings.Fields(p), " ") + " (renamed)", p} {
			t.Errorf("events.json: event %s-met has %q, want the headline and summary of _events.toml", id, got)
		}
	}
}

// TestUnsafeHTML: raw HTML in Markdown is dropped, unless config.toml sets
// unsafe_html = true.
func TestUnsafeHTML(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		site := t.TempDir()
		write(t, filepath.Join(site, "config.toml"), fmt.Sprintf("unsafe_html = %v\n", unsafe))
		write(t, filepath.Join(site, "content", "a.md"), "+++\ntitle = \"Raw\"\noutlet = \"AFP\"\npublished = 2014-01-15\n+++\n\nTalks began on Monday.\n\n"+xssMarkdown)
		res, err := Build(context.Background(), Options{Source: site, Theme: timeline.Theme})
		if err != nil {
			t.Fatal(diag.Detail(err))
		}
		b, err := os.ReadFile(filepath.Join(res.Dest, "articles/a/index.html"))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		raw, scripts, js := 0, 0, 0
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			if attr(n, "class") == "raw-marker" {
				raw++
			}
			if n.Data == "script" && strings.Contains(textOf(n), `alert("raw")`) {
				scripts++
			}
			if strings.HasPrefix(strings.ToLower(attr(n, "href")), "javascript:") {
				js++
			}
		}
		switch {
		case !unsafe && raw+scripts+js > 0:
			t.Errorf("unsafe_html = false: %d raw elements, %d scripts, %d javascript: links on the page", raw, scripts, js)
		case unsafe && (raw != 2 || scripts != 1):
			t.Errorf("unsafe_html = true: %d raw elements (want 2), %d scripts (want 1): raw HTML not passed through", raw, scripts)
		}
	}
}

// allowedScripts are the script elements the templates make.
type allowedScripts struct {
	inline map[string]bool // the text of inline scripts
}

var inlineScriptRE = regexp.MustCompile(`<script>([^<{]*)</script>`)

// themeScripts reads the templates' inline scripts.
func themeScripts(t *testing.T) allowedScripts {
	a := allowedScripts{inline: map[string]bool{}}
	err := fs.WalkDir(timeline.Theme, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(timeline.Theme, p)
		for _, m := range inlineScriptRE.FindAllStringSubmatch(string(b), -1) {
			a.inline[m[1]] = true
		}
		return err
	})
	if err != nil || len(a.inline) == 0 {
		t.Fatalf("no inline script in the templates: %v", err)
	}
	return a
}

// urlAttrs are the attributes whose value a browser loads or follows.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true,
	"poster": true, "background": true, "data": true, "srcset": true, "cite": true, "longdesc": true, "ping": true}

// dangerousURL reports a javascript:, vbscript: or data: URL, as a browser
// reads it (white space and control characters dropped, any case).
func dangerousURL(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(v))
	return strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:")
}

var forbidden = map[string]bool{"iframe": true, "frame": true, "frameset": true, "object": true, "embed": true,
	"applet": true, "base": true, "form": true, "style": true}

// checkHTML checks a page, or HTML that a feed or TimelineJS shows.
func checkHTML(t *testing.T, file string, doc *html.Node, allowed allowedScripts, dest string) {
	t.Helper()
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		where := fmt.Sprintf("%s: <%s>", file, n.Data)
		if n.Data == "script" {
			checkScript(t, where, n, allowed, dest)
		}
		if forbidden[n.Data] || n.Data == "meta" && strings.EqualFold(attr(n, "http-equiv"), "refresh") {
			t.Errorf("%s: an element the templates do not make", where)
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			switch {
			case strings.HasPrefix(key, "on"):
				t.Errorf("%s: event handler %s=%q", where, a.Key, a.Val)
			case urlAttrs[key] && dangerousURL(a.Val):
				t.Errorf("%s: %s=%q", where, a.Key, a.Val)
			case key == "style" && regexp.MustCompile(`(?i)expression|javascript|url\(`).MatchString(a.Val):
				t.Errorf("%s: style=%q", where, a.Val)
			case a.Val == "raw-marker":
				t.Errorf("%s: raw HTML of the Markdown on the page", where)
			}
		}
	}
}

// checkScript allows the scripts the templates make: the inline ones, the
// site's own .js files, JSON-LD that parses and cannot end its element.
func checkScript(t *testing.T, where string, n *html.Node, allowed allowedScripts, dest string) {
	t.Helper()
	text := textOf(n)
	src := attr(n, "src")
	switch typ := attr(n, "type"); {
	case typ == "application/ld+json" && src == "":
		var v any
		if err := json.Unmarshal([]byte(text), &v); err != nil {
			t.Errorf("%s: JSON-LD does not parse: %v", where, err)
		}
		if regexp.MustCompile(`(?i)</script|<!--|\x{2028}|\x{2029}`).MatchString(text) {
			t.Errorf("%s: JSON-LD holds </script, <!-- or a line separator unescaped", where)
		}
	case typ == "" && src == "" && allowed.inline[text]:
	case typ == "" && src != "" && text == "":
		u := strings.TrimPrefix(src, "https://example.org/")
		u = strings.TrimPrefix(u, "/")
		u, _, _ = strings.Cut(u, "?")
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(u))); err != nil || !strings.HasSuffix(u, ".js") || strings.Contains(src, "//evil") {
			t.Errorf("%s: script src=%q is not one of the site's", where, src)
		}
	default:
		t.Errorf("%s: a script the templates do not make: type=%q src=%q %q", where, typ, src, text)
	}
}

// checkJSON checks that a JSON file parses, holds no raw line separator
// (which ends a string in older JavaScript), and that the HTML that
// TimelineJS shows from timeline.json is safe.
func checkJSON(t *testing.T, file string, b []byte, allowed allowedScripts, dest string) {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Errorf("%s does not parse: %v", file, err)
		return
	}
	if bytes.ContainsAny(b, "\u2028\u2029") {
		t.Errorf("%s holds U+2028 or U+2029 unescaped", file)
	}
	if file != "timeline.json" {
		return
	}
	// TimelineJS shows text.headline and text.text as HTML.
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(x, k)
			}
		case []any:
			for _, x := range v {
				walk(x, key)
			}
		case string:
			if key == "headline" || key == "text" {
				checkFragment(t, file+" "+key, v, allowed, dest)
			}
		}
	}
	walk(v, "")
}

func checkFragment(t *testing.T, where, s string, allowed allowedScripts, dest string) {
	t.Helper()
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		t.Errorf("%s: %v", where, err)
		return
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	checkHTML(t, where, body, allowed, dest)
}

// checkXML checks that feed.xml and sitemap.xml are well-formed, and the
// HTML of the feed's entries and its links safe.
func checkXML(t *testing.T, file string, b []byte, allowed allowedScripts, dest string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var stack []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Errorf("%s is not well-formed XML: %v", file, err)
			return
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
			for _, a := range tok.Attr {
				if a.Name.Local == "href" && dangerousURL(a.Value) {
					t.Errorf("%s: <%s href=%q>", file, tok.Name.Local, a.Value)
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1] == "content" {
				checkFragment(t, file+" <content>", string(tok), allowed, dest)
			}
			if len(stack) > 0 && stack[len(stack)-1] == "loc" && dangerousURL(string(tok)) {
				t.Errorf("%s: <loc>%s</loc>", file, tok)
			}
		}
	}
	if file == "feed.xml" && !bytes.Contains(b, []byte("<content")) {
		t.Errorf("feed.xml has no entry content")
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
