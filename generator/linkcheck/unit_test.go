package linkcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/timeline-dev/timeline/generator/internal/jsonstream"
)

func TestResolve(t *testing.T) {
	tests := []struct {
		base, page, href string
		kind             refKind
		path, frag       string
	}{
		{"/", "index.html", "/events/x/", refInternal, "events/x/", ""},
		{"/", "events/x/index.html", "../y/#q-1", refInternal, "events/y/", "q-1"},
		{"/", "events/x/index.html", "#main", refInternal, "events/x/", "main"},
		{"/", "index.html", "?page=2", refInternal, "", ""},
		{"/", "index.html", "style.css?v=abc", refInternal, "style.css", ""},
		{"/", "index.html", "/a%20b/#caf%C3%A9", refInternal, "a b/", "café"},
		{"/", "index.html", "  /padded/  ", refInternal, "padded/", ""},
		{"/sub/path/", "index.html", "/sub/path/events/x/", refInternal, "events/x/", ""},
		{"/sub/path/", "index.html", "/sub/path", refInternal, "", ""},
		{"/sub/path/", "index.html", "/events/x/", refOutside, "/events/x/", ""},
		{"/sub/path/", "a/index.html", "../../../x", refOutside, "/x", ""},
		{"https://example.org/tl/", "index.html", "https://EXAMPLE.org/tl/feed.xml", refInternal, "feed.xml", ""},
		{"https://example.org/tl/", "index.html", "//example.org/tl/", refInternal, "", ""},
		{"https://example.org/tl/", "index.html", "https://example.org/other/", refExternal, "https://example.org/other/", ""},
		{"/", "index.html", "https://news.example.com/a#b", refExternal, "https://news.example.com/a", "b"},
		{"/", "index.html", "HTTP://news.example.com/", refExternal, "http://news.example.com/", ""},
		{"/", "index.html", "mailto:x@example.org", refSkip, "", ""},
		{"/", "index.html", "data:image/png;base64,AA", refSkip, "", ""},
		{"/", "index.html", "JavaScript:alert(1)", refJavaScript, "", ""},
		{"/", "index.html", "", refEmpty, "", ""},
		{"/", "index.html", "http://[::1", refMalformed, "", ""},
		{"/", "index.html", "/bad%zz", refMalformed, "", ""},
	}
	for _, tt := range tests {
		b, err := parseBase(tt.base)
		if err != nil {
			t.Fatal(err)
		}
		r := b.resolve(tt.page, "", tt.href)
		if r.kind != tt.kind || r.path != tt.path || r.frag != tt.frag {
			t.Errorf("base %s, page %s: resolve(%q) = kind %d path %q frag %q, want %d %q %q", tt.base, tt.page, tt.href, r.kind, r.path, r.frag, tt.kind, tt.path, tt.frag)
		}
	}
}

func TestParseBase(t *testing.T) {
	for in, want := range map[string]string{"": "/", "/": "/", "/sub": "/sub/", "https://example.org": "/", "https://example.org/x/y": "/x/y/"} {
		b, err := parseBase(in)
		if err != nil || b.path != want {
			t.Errorf("parseBase(%q) = %q, %v; want %q", in, b.path, err, want)
		}
	}
	for _, bad := range []string{"ftp://example.org/", "relative/path", "mailto:x@y"} {
		if _, err := parseBase(bad); err == nil {
			t.Errorf("parseBase(%q) succeeded", bad)
		}
	}
}

// checkSpans compares attrSpans with what the tokenizer returns for every
// start tag of doc: same attributes, in the same order, with the spans
// pointing at their names.
func checkSpans(t *testing.T, doc string) {
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		raw := append([]byte(nil), z.Raw()...)
		_, more := z.TagName()
		var keys, vals []string
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			keys = append(keys, string(k))
			vals = append(vals, string(v))
		}
		spans := attrSpans(raw, nil)
		if len(spans) != len(keys) {
			t.Fatalf("tag %q: %d spans, the tokenizer has %d attributes %q", raw, len(spans), len(keys), keys)
		}
		for i, s := range spans {
			// The tokenizer replaces NUL with U+FFFD.
			name := strings.ReplaceAll(asciiLower(raw[s.key:s.keyEnd]), "\x00", "\ufffd")
			if name != keys[i] {
				t.Fatalf("tag %q: span %d names %q, the tokenizer %q", raw, i, name, keys[i])
			}
		}
		// Read in place, the attributes are the tokenizer's, or rawAttrs
		// says they need its rewriting.
		attrs, _, ok := rawAttrs(raw, nil, nil)
		if !ok {
			continue
		}
		if len(attrs) != len(keys) {
			t.Fatalf("tag %q: rawAttrs has %d attributes, the tokenizer %d", raw, len(attrs), len(keys))
		}
		for i, a := range attrs {
			if string(a.key) != keys[i] || string(a.val) != vals[i] {
				t.Fatalf("tag %q: rawAttrs has %q=%q, the tokenizer %q=%q", raw, a.key, a.val, keys[i], vals[i])
			}
		}
	}
}

func asciiLower(b []byte) string {
	out := []byte(string(b))
	for i, c := range out {
		if 'A' <= c && c <= 'Z' {
			out[i] = c + 'a' - 'A'
		}
	}
	return string(out)
}

func TestAttrSpans(t *testing.T) {
	for _, doc := range attrSeeds {
		checkSpans(t, doc)
	}
	raw := []byte("<a\n  class=\"x\"\n  HREF='/y'>")
	spans := attrSpans(raw, nil)
	if len(spans) != 2 || string(raw[spans[1].key:spans[1].key+4]) != "HREF" || raw[spans[1].val] != '/' {
		t.Errorf("spans %v", spans)
	}
}

var attrSeeds = []string{
	`<a href="/x" class=y>`,
	`<img src=a.png alt='x y' / >`,
	`<a =b href=c>`,
	`<a href=x/>`,
	`<a HREF="1" href="2" data-x>`,
	`<p id = "a"   class= b  title =c>`,
	`<br/><input disabled checked type="checkbox">`,
	"<a\thref\n=\n'x'\f>",
	`<a href="unterminated`,
	`<a/b/c="d">`,
	`<a href=">">`,
	`<x a="1"b='2'c=3>`,
	`<a href="/x?a=1&amp;b=2" TITLE="&lt;T&gt;">`,
	"<a href=\"/x\r\ny\" id=\x00z>",
	`<img src= alt="" data-x=>`,
	`<a href='unterminated`,
	`<a href=unquoted`,
}

// FuzzAttrSpans checks the attribute scanner against the tokenizer on any
// input: it must find the same attributes in the same order.
func FuzzAttrSpans(f *testing.F) {
	for _, s := range attrSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		checkSpans(t, doc)
	})
}

// The line and column of a finding are those of the attribute in the
// file, whatever comes before it: multi-line tags, comments, scripts,
// CR LF line ends, multi-byte text.
func TestPositions(t *testing.T) {
	doc := "<!doctype html>\r\n<!-- a\ncomment -->\n<script>let s = '<a href=\"/no/\">';\n</script>\n<p>été — <a class=x\n   href=\"/missing/\">x</a></p>\n<textarea><a href=/no/></textarea>"
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(doc), 0o644)
	r, err := Check(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := formatFindings(r.Findings, ""); got != "[broken-link] index.html:7:4: broken link \"/missing/\" (target missing)\n" {
		t.Errorf("got %s", got)
	}
}

// FuzzScanPage runs the page scanner on any input: it must not panic and
// every finding, once placed, must be at a position inside the file.
func FuzzScanPage(f *testing.F) {
	for _, s := range attrSeeds {
		f.Add(s)
	}
	f.Add("<p>x</p>\n<a href=\"/y/#z\" id=z>\n<img src=q>")
	f.Add("<p id=z>a<b id=z>b</p>\n<a href=#nope name=z>")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, doc string) {
		if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		c := &checker{dir: dir, out: &findings{}}
		c.tree = &tree{paths: []string{"index.html"}, index: map[string]int32{"index.html": 0}, dirs: map[string]struct{}{"": {}}}
		c.tree.pages = make([]atomic.Pointer[pageInfo], 1)
		c.base, _ = parseBase("/")
		s := &pageScanner{c: c}
		info, err := s.scan("index.html", 0, strings.NewReader(doc), map[string]bool{"z": true})
		if err != nil {
			t.Fatal(err)
		}
		c.tree.pages[0].Store(info)
		for _, l := range s.frags {
			c.checkFragment(l)
		}
		c.out.place(c.osPath)
		lines := strings.Count(doc, "\n") + 1
		for _, fd := range c.out.list {
			if fd.Line < 1 || fd.Line > lines || fd.Col < 1 || fd.Col > len(doc)+1 {
				t.Fatalf("finding %s outside the %d-line, %d-byte input", fd, lines, len(doc))
			}
		}
	})
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := map[string]time.Duration{
		"":                              0,
		"7":                             7 * time.Second,
		"-3":                            0,
		"soon":                          0,
		"Fri, 01 Mar 2024 12:00:30 GMT": 30 * time.Second,
		"Fri, 01 Mar 2024 11:00:00 GMT": 0,
	}
	for in, want := range tests {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

// externalSite writes a one-page site linking to the given URLs.
func externalSite(t *testing.T, urls ...string) string {
	dir := t.TempDir()
	var b strings.Builder
	for _, u := range urls {
		fmt.Fprintf(&b, "<a href=%q>x</a>\n", u)
	}
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(b.String()), 0o644)
	return dir
}

func TestExternalRetries(t *testing.T) {
	var calls atomic.Int32
	var waitedFor []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		mu.Lock()
		waitedFor = append(waitedFor, r.URL.Path)
		mu.Unlock()
		switch r.URL.Path {
		case "/always503":
			w.Header().Set("Retry-After", "3600") // capped by MaxBackoff
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/flaky":
			if n%2 == 1 {
				w.WriteHeader(http.StatusBadGateway)
				return
			}
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/gone-after-redirect":
			http.Redirect(w, r, "/missing", http.StatusMovedPermanently)
		case "/missing":
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := externalSite(t, srv.URL+"/always503", srv.URL+"/loop", srv.URL+"/gone-after-redirect")
	o := fastHTTP()
	o.Retries = 3
	r, err := Check(context.Background(), dir, Options{External: true, HTTP: o})
	if err != nil {
		t.Fatal(err)
	}
	got := formatFindings(r.Findings, srv.URL)
	want := `[external] index.html:1:4: broken link "{{SERVER}}/always503" (answers 503 Service Unavailable)
[external] index.html:2:4: broken link "{{SERVER}}/loop" (redirects (302) to "{{SERVER}}/loop", which more than 10 redirects)
[external] index.html:3:4: broken link "{{SERVER}}/gone-after-redirect" (redirects (301) to "{{SERVER}}/missing", which answers 404 Not Found)
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	n := 0
	for _, p := range waitedFor {
		if p == "/always503" {
			n++
		}
	}
	if n != 4 {
		t.Errorf("/always503 asked %d times, want 1 + 3 retries", n)
	}
}

// The per-host limit bounds the requests in flight to one host.
func TestExternalPerHost(t *testing.T) {
	var inFlight, peak atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(2 * time.Millisecond) // let requests overlap
		inFlight.Add(-1)
	}))
	defer srv.Close()
	var urls []string
	for i := 0; i < 30; i++ {
		urls = append(urls, fmt.Sprintf("%s/page/%d", srv.URL, i))
	}
	o := fastHTTP()
	o.PerHost, o.Concurrency = 2, 10
	r, err := Check(context.Background(), externalSite(t, urls...), Options{External: true, HTTP: o})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 0 || r.ExternalURLs != 30 {
		t.Errorf("%d findings, %d URLs", len(r.Findings), r.ExternalURLs)
	}
	if p := peak.Load(); p > 2 {
		t.Errorf("%d requests in flight to one host, limit 2", p)
	}
}

// Good results are cached between runs, for the cache's max age; broken
// ones are checked again.
func TestExternalCache(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		if r.URL.Path == "/bad" {
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := externalSite(t, srv.URL+"/good", srv.URL+"/bad")
	cache := filepath.Join(t.TempDir(), "links.json")
	o := fastHTTP()
	o.CacheFile = cache
	for run := 1; run <= 2; run++ {
		r, err := Check(context.Background(), dir, Options{External: true, HTTP: o})
		if err != nil {
			t.Fatal(err)
		}
		if r.Errors() != 1 {
			t.Fatalf("run %d: %d errors, want the bad link", run, r.Errors())
		}
	}
	if hits["/good"] != 1 || hits["/bad"] != 2 {
		t.Errorf("hits %v: want /good once (cached), /bad on every run", hits)
	}
	var f cacheFile
	b, _ := os.ReadFile(cache)
	if err := json.Unmarshal(b, &f); err != nil || len(f.URLs) != 1 {
		t.Errorf("cache file %s: %v", b, err)
	}
	// An entry older than the max age is checked again.
	o.CacheMaxAge = time.Nanosecond
	if _, err := Check(context.Background(), dir, Options{External: true, HTTP: o}); err != nil {
		t.Fatal(err)
	}
	if hits["/good"] != 2 {
		t.Errorf("hits %v: an expired entry was not checked again", hits)
	}
}

func TestWriteFormats(t *testing.T) {
	r := &Report{
		Dir: "public", Pages: 2, Files: 5, Bytes: 2_500_000, Links: 40, Citations: 3, Duration: 12 * time.Millisecond,
		Findings: []Finding{
			{File: "index.html", Line: 3, Col: 7, Kind: BrokenLink, Severity: Error, Msg: `broken link "/x/" (target missing)`},
			{File: "feed.xml", Line: 1, Kind: Redirect, Severity: Warning, Msg: "50% moved, a:b"},
		},
	}
	tests := map[string]string{
		"text": "public/index.html:3:7: broken link \"/x/\" (target missing)\npublic/feed.xml:1: warning: 50% moved, a:b\n" +
			"checked 2 pages and 3 files (2.5 MB), 40 links, 3 citations in 12 ms: 1 error, 1 warning\n",
		"github": "::error file=public/index.html,line=3,col=7,title=broken-link::broken link \"/x/\" (target missing)\n" +
			"::warning file=public/feed.xml,line=1,title=redirect::50%25 moved, a:b\n" +
			"checked 2 pages and 3 files (2.5 MB), 40 links, 3 citations in 12 ms: 1 error, 1 warning\n",
	}
	for format, want := range tests {
		var b bytes.Buffer
		if err := Write(&b, r, format); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("%s:\n got %q\nwant %q", format, b.String(), want)
		}
	}
	var b bytes.Buffer
	if err := Write(&b, r, "json"); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Findings []struct {
			Path, File, Kind, Severity, Message string
			Line, Col                           int
		}
		Summary struct{ Errors, Warnings, Pages int }
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 2 || out.Findings[0].Path != "public/index.html" || out.Findings[0].Line != 3 || out.Findings[0].Kind != "broken-link" ||
		out.Summary.Errors != 1 || out.Summary.Warnings != 1 || out.Summary.Pages != 2 {
		t.Errorf("json: %s", b.String())
	}
	if err := Write(&b, r, "xml"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestLocateJSON(t *testing.T) {
	data := []byte(`{"a": [1, {"b": "x", "c": [true, null]}], "d": {"": 2}, "e": "f"}`)
	paths := []jsonPath{"a/1/b", "a/1/c/1", "e", "a/0", "a/7", "zz", ""}
	want := []int{16, 33, 61, 7, 6, 0, 0}
	got := locateJSON(data, paths)
	for i := range paths {
		if got[i] != want[i] {
			t.Errorf("%q at %d, want %d", paths[i], got[i], want[i])
		}
	}
}

// linksAlone is what linksInTexts must find: each fragment read with a
// tokenizer of its own, tag names and attributes as the tokenizer gives
// them.
func linksAlone(texts []htmlText) []string {
	var out []string
	for i, t := range texts {
		z := html.NewTokenizer(strings.NewReader(t.text))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			name, more := z.TagName()
			want := ""
			switch string(name) {
			case "a", "area":
				want = "href"
			case "img", "source", "iframe", "video", "audio":
				want = "src"
			}
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				if want != "" && string(k) == want {
					out = append(out, fmt.Sprintf("%d %s %q", i, want, v))
				}
			}
		}
	}
	return out
}

// checkLinksInTexts compares linksInTexts with linksAlone on the fragments
// of doc separated by "|".
func checkLinksInTexts(t *testing.T, doc string) {
	var texts []htmlText
	for _, s := range strings.Split(doc, "|") {
		texts = append(texts, htmlText{text: s})
	}
	var got []string
	linksInTexts(texts, func(i int, attr, href string) {
		got = append(got, fmt.Sprintf("%d %s %q", i, attr, href))
	})
	if want := linksAlone(texts); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("fragments %q:\n got %q\nwant %q", doc, got, want)
	}
}

var textSeeds = []string{
	`<p><a href="/a/">a</a></p>|<p><a href="/b/#c">b</a></p>|<img src=x.png>`,
	`text only|<a href=x>|tail <a href=y>`,
	`<a href="unterminated|<a href=z>|<a href=w>`,
	`<script>|<a href=inside-script>|</script><a href=after>`,
	`<title>|<a href=t></title>|<a href=u>`,
	`x <|a href=split>|<a href=v>`,
	`<!-- open|--><a href=c>|<a href=d>`,
	`<plaintext>|<a href=p>`,
	`||<a href=e>||<area href=f>|`,
	`<SCRIPT/>|<a href=g>`,
	`<iframe src=i>|<a href=j>|</iframe>`,
	`<a href="x&amp;y" HREF=z>|<img SRC="a\r\nb">`,
}

func TestLinksInTexts(t *testing.T) {
	for _, doc := range textSeeds {
		checkLinksInTexts(t, doc)
	}
}

// FuzzLinksInTexts checks that reading HTML fragments in runs with one
// tokenizer finds what reading each alone finds.
func FuzzLinksInTexts(f *testing.F) {
	for _, s := range textSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		checkLinksInTexts(t, doc)
	})
}

func TestNormalizeSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\u00a0b", "café  au lait", "\u2003x\u2003", "a\xffb", "a \xff  b "} {
		want := strings.Join(strings.Fields(s), " ")
		if got := normalizeSpace(s); got != want {
			t.Errorf("normalizeSpace(%q) = %q, want %q", s, got, want)
		}
		if got := normalizeSpaceBytes([]byte(s)); got != want {
			t.Errorf("normalizeSpaceBytes(%q) = %q, want %q", s, got, want)
		}
	}
}

// checkMayMatter checks, for every start tag of doc, that mayMatter lets
// through every tag that has an id or an attribute the check reads.
func checkMayMatter(t *testing.T, doc string) {
	s := &pageScanner{}
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		raw := append([]byte(nil), z.Raw()...)
		name, more := z.TagName()
		kind := kindOfTag(rawTagName(raw, 1))
		if want := kindOfTag(name); kind != want && !bytes.ContainsRune(name, '\ufffd') {
			t.Fatalf("tag %q: kind %d, the tokenizer's name %q is kind %d", raw, kind, name, want)
		}
		needed := false
		for more {
			var k []byte
			k, _, more = z.TagAttr()
			switch string(k) {
			case "id":
				needed = true
			case "name":
				needed = needed || kind == tagA
			case "href":
				needed = needed || kind == tagA || kind == tagArea || kind == tagLink || kind == tagBase
			case "src":
				needed = needed || kind != tagOther && kind != tagA && kind != tagArea && kind != tagLink && kind != tagBase && kind != tagObject && kind != tagForm && kind != tagMeta
			case "data":
				needed = needed || kind == tagObject
			case "action":
				needed = needed || kind == tagForm
			case "http-equiv":
				needed = needed || kind == tagMeta
			}
		}
		if needed && !s.mayMatter(kind, raw[1+len(rawTagName(raw, 1)):]) {
			t.Fatalf("tag %q is skipped but has attributes the check reads", raw)
		}
	}
}

var mayMatterSeeds = []string{
	`<meta charset=utf-8><meta HTTP-EQUIV=refresh content="0;url=/x"><meta name=a content=b>`,
	`<P ID=x><div data-id=y><span iD="z">`,
	`<a class=x>y</a><A NAME=n><a Href=/h>`,
	`<link rel=stylesheet href=/s.css><base href=/b/><form action=/f><object data=/o>`,
	`<script SRC=/j.js></script><iframe src=/i><input type=image src=/x>`,
}

func TestMayMatter(t *testing.T) {
	for _, doc := range append(mayMatterSeeds, attrSeeds...) {
		checkMayMatter(t, doc)
	}
}

func FuzzMayMatter(f *testing.F) {
	for _, s := range append(mayMatterSeeds, attrSeeds...) {
		f.Add(s)
	}
	f.Fuzz(checkMayMatter)
}

// checkDecodeObject checks that when jsonstream.DecodeObject reads doc into a model
// without error, json.Unmarshal reads it without error into the same.
func checkDecodeObject(t *testing.T, doc string) {
	m := &model{}
	err := jsonstream.DecodeObject(strings.NewReader(doc), []jsonstream.Field{
		{Name: "site", Whole: &m.Site},
		{Name: "articles", Start: func() { m.Articles = &[]mArticle{} }, Elem: func(d *json.Decoder) error {
			*m.Articles = append(*m.Articles, mArticle{})
			return d.Decode(&(*m.Articles)[len(*m.Articles)-1])
		}},
		{Name: "events", Start: func() { m.Events = &[]mEvent{} }, Elem: func(d *json.Decoder) error {
			*m.Events = append(*m.Events, mEvent{})
			return d.Decode(&(*m.Events)[len(*m.Events)-1])
		}},
	})
	want := &model{}
	werr := json.Unmarshal([]byte(doc), want)
	if err != nil {
		return // left to json.Unmarshal
	}
	if werr != nil {
		t.Fatalf("%q: DecodeObject read it, json.Unmarshal says %v", doc, werr)
	}
	if !reflect.DeepEqual(m, want) {
		t.Fatalf("%q: DecodeObject read\n%#v\njson.Unmarshal\n%#v", doc, m, want)
	}
}

var objectSeeds = []string{
	`{"site": {"title": "T", "base_url": "/x/"}, "articles": [{"id": "a", "events": ["e"]}], "events": [{"id": "e", "citations": [{"quote": "q"}]}]}`,
	`{"events": [], "articles": [], "extra": [1, {"a": null}], "site": null}`,
	`{"Events": [{"id": "e"}]}`,
	`{"events": [{"id": "a"}], "events": [{"id": "b"}]}`,
	`{"events": null, "articles": [null, {}]}`,
	`{"events": [{"id": 3}]}`,
	`{"events": [{"id": "e"}]} {}`,
	`{"events": [{"id": "e"}]} x`,
	`{"events": [{"id": "e"}]`,
	`[{"events": []}]`,
	`{"ſite": {"title": "T"}}`,
	`{"events": [{"id": "e", "date": {"value": "2024", "start": "2024-01-01", "end": "2024-12-31"}}]}  `,
}

func TestDecodeObject(t *testing.T) {
	for _, doc := range objectSeeds {
		checkDecodeObject(t, doc)
	}
}

// FuzzDecodeObject checks that reading events.json element by element
// gives what json.Unmarshal gives whenever it does not leave the file to
// it.
func FuzzDecodeObject(f *testing.F) {
	for _, s := range objectSeeds {
		f.Add(s)
	}
	f.Fuzz(checkDecodeObject)
}

// TestOpenRegular reads files of every size around the buffer sizes with
// reads of every size: a short read ends a regular file, the content is
// whole.
func TestOpenRegular(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 100, 4095, 4096, 4097, 65535, 65536, 65537, 200000} {
		want := bytes.Repeat([]byte("0123456789abcdef"), size/16+1)[:size]
		name := filepath.Join(dir, fmt.Sprint(size))
		if err := os.WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, chunk := range []int{1, 7, 4096, 65536, 1 << 20} {
			f, err := openRegular(name)
			if err != nil {
				t.Fatal(err)
			}
			var got []byte
			buf := make([]byte, chunk)
			for {
				n, err := f.Read(buf)
				got = append(got, buf[:n]...)
				if err != nil {
					break
				}
			}
			f.Close()
			if !bytes.Equal(got, want) {
				t.Errorf("size %d, reads of %d: got %d bytes", size, chunk, len(got))
			}
		}
	}
}

// TestSymlinkPage checks a site whose page is a symbolic link: it is read
// like any page.
func TestSymlinkPage(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "a"), 0o755)
	os.WriteFile(filepath.Join(dir, "real.html"), []byte(`<p id=x>x</p><a href="/a/#nope">y</a>`), 0o644)
	if err := os.Symlink("../real.html", filepath.Join(dir, "a", "index.html")); err != nil {
		t.Skip(err)
	}
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(`<a href="/a/#x">ok</a>`), 0o644)
	r, err := Check(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := formatFindings(r.Findings, "")
	want := "[broken-fragment] a/index.html:1:17: broken fragment \"/a/#nope\" (no id \"nope\" on a/index.html)\n" +
		"[broken-fragment] real.html:1:17: broken fragment \"/a/#nope\" (no id \"nope\" on a/index.html)\n"
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}
