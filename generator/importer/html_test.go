package importer

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden notes in testdata/html/*.notes")

// htmlPages maps each seed's outlet to the page testdata/html holds for
// it: the article as the outlet's site serves it, with its furniture
// (navigation, cookie banner, newsletter box, share buttons, teasers,
// comments, footer, scripts). Each page carries the facts of
// SOURCES.toml in its metadata, so importing it with no options must
// give the front matter of the cleaned article in content/.
var htmlPages = map[string]string{
	"The Week (UK)":   "the-week.html",
	"Naharnet":        "naharnet.html",
	"Haaretz":         "haaretz.html",
	"Asharq Al-Awsat": "asharq-al-awsat.html",
	"Middle East Eye": "middle-east-eye.html",
}

// TestHTMLSeedsGolden imports each seed's page and compares it with the
// cleaned article in content/: the same front matter, found in the page,
// and the same paragraphs and headings in order (no article paragraph
// lost, no furniture kept, both listed). The page may have a photo the
// text capture lacked: its caption may be added, but none of content/'s
// may be missing. The notes (what was removed and flagged, with the
// page's line numbers) are golden files; each note's line must hold the
// start of its text.
func TestHTMLSeedsGolden(t *testing.T) {
	for _, s := range seedSources(t) {
		page := htmlPages[s.Outlet]
		if page == "" {
			t.Errorf("no page in testdata/html for %s (%s)", s.Outlet, s.File)
			continue
		}
		t.Run(page, func(t *testing.T) {
			path := filepath.Join("testdata", "html", page)
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Import(page, src, Options{})
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			name, want := contentFile(t, s.Title)
			gotFM, gotBody := splitMarkdown(a.Markdown())
			wantFM, wantBody := splitMarkdown(want)
			if gotFM != wantFM {
				t.Errorf("%s: front matter differs from %s:\n%s", path, name, lineDiff(wantFM, gotFM))
			}
			lost, kept := compareBlocks(wantBody, gotBody)
			if len(lost) > 0 {
				t.Errorf("%s: article blocks of %s lost:\n\t%s", path, name, strings.Join(lost, "\n\t"))
			}
			if len(kept) > 0 {
				t.Errorf("%s: furniture kept (not in %s):\n\t%s", path, name, strings.Join(kept, "\n\t"))
			}
			checkNoteLines(t, path, src, a)
			golden(t, strings.TrimSuffix(path, ".html")+".notes", notesText(a))
		})
	}
}

// splitMarkdown returns a content file's front matter and its body's
// blocks.
func splitMarkdown(md []byte) (string, []string) {
	parts := strings.SplitN(string(md), "+++\n", 3)
	if len(parts) != 3 {
		return string(md), nil
	}
	var blocks []string
	for _, b := range strings.Split(strings.TrimSpace(parts[2]), "\n\n") {
		if b != "" {
			blocks = append(blocks, b)
		}
	}
	return parts[1], blocks
}

func isCaptionBlock(b string) bool { return strings.HasPrefix(b, "![") }

// compareBlocks returns the blocks of want missing from got (lost), and
// the blocks of got, captions aside, that want has not (kept), and
// reports a difference of order as lost.
func compareBlocks(want, got []string) (lost, kept []string) {
	has := func(bs []string, b string) bool {
		for _, x := range bs {
			if x == b {
				return true
			}
		}
		return false
	}
	var w, g []string
	for _, b := range want {
		if !has(got, b) {
			lost = append(lost, b)
		} else if !isCaptionBlock(b) {
			w = append(w, b)
		}
	}
	for _, b := range got {
		if isCaptionBlock(b) {
			continue
		}
		if !has(want, b) {
			kept = append(kept, b)
		} else {
			g = append(g, b)
		}
	}
	if len(lost) == 0 && len(kept) == 0 && strings.Join(w, "\n") != strings.Join(g, "\n") {
		lost = append(lost, "(the paragraphs are all there, in another order)")
	}
	return lost, kept
}

var reTag = regexp.MustCompile(`<[^>]*>`)

// checkNoteLines checks that each note's line of the input holds the
// start of its text (the first word on the line, the first three from
// it on; tags, entities and spaces aside).
func checkNoteLines(t *testing.T, path string, src []byte, a *Article) {
	t.Helper()
	lines := strings.Split(string(src), "\n")
	for _, n := range append(append([]Note{}, a.Removed...), a.Flagged...) {
		if n.Line < 1 || n.Line > len(lines) {
			t.Errorf("%s: note line %d out of range: %q", path, n.Line, n.Text)
			continue
		}
		text := func(from, to int) string {
			s := strings.Join(lines[from-1:min(to, len(lines))], " ")
			return normWords(html.UnescapeString(reTag.ReplaceAllString(s, " ")))
		}
		ws := strings.Fields(normWords(strings.Split(n.Text, " · ")[0]))
		if len(ws) > 3 {
			ws = ws[:3]
		}
		// The line holds the first word; it and the next two, the first
		// three ("Subscribe" and "Sign in" on the next line).
		squash := func(s string) string { return strings.ReplaceAll(s, " ", "") }
		start := " " + strings.Join(ws, " ") + " "
		if len(ws) == 0 || !strings.Contains(squash(text(n.Line, n.Line)), ws[0]) || !strings.Contains(squash(text(n.Line, n.Line+2)), squash(start)) {
			t.Errorf("%s:%d: note %q (%s) is not on its line:\n\t%s", path, n.Line, n.Text, n.Reason, strings.TrimSpace(lines[n.Line-1]))
		}
	}
}

// notesText renders the notes as the golden files hold them.
func notesText(a *Article) string {
	var b strings.Builder
	for _, n := range a.Removed {
		fmt.Fprintf(&b, "removed %d: %s: %s\n", n.Line, n.Reason, n.Text)
	}
	for _, n := range a.Flagged {
		fmt.Fprintf(&b, "flagged %d: %s: %s\n", n.Line, n.Reason, n.Text)
	}
	return b.String()
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("notes differ from %s (go test -update rewrites it):\n%s", path, lineDiff(string(want), got))
	}
}

// TestHTMLCases runs the hard cases: each page is imported with opts and
// must keep the body blocks in keep (in order), lose the texts in drop,
// and give the facts and notes listed.
func TestHTMLCases(t *testing.T) {
	for _, tc := range htmlCases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := HTML([]byte(tc.page), tc.opts)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one with %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.body != nil {
				if got := strings.Join(a.Body, "\n"); got != strings.Join(tc.body, "\n") {
					t.Errorf("body:\n%s\nwant:\n%s", got, strings.Join(tc.body, "\n"))
				}
			}
			body := strings.Join(a.Body, "\n")
			for _, d := range tc.drop {
				if strings.Contains(body, d) {
					t.Errorf("furniture kept: %q", d)
				}
			}
			for k, v := range tc.facts {
				got := map[string]string{"title": a.Title, "outlet": a.Outlet, "url": a.URL, "author": a.Author,
					"summary": a.Summary, "published": a.Published, "missing": strings.Join(a.Missing, ",")}[k]
				if got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			notes := notesText(a)
			for _, n := range tc.notes {
				if !strings.Contains(notes, n+"\n") && !strings.Contains(notes, n) {
					t.Errorf("no note %q in:\n%s", n, notes)
				}
			}
			checkNoteLines(t, tc.name, []byte(tc.page), a)
		})
	}
}

type htmlCase struct {
	name  string
	page  string
	opts  Options
	body  []string          // the whole body, when given
	drop  []string          // texts no body block may hold
	facts map[string]string // title, outlet, url, author, summary, published, missing (comma-separated)
	notes []string          // lines of notesText
	err   string
}

var htmlCases = []htmlCase{
	{
		name: "link-dense paragraphs",
		page: `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Kerry denies contacts | Example News</title>
<meta property="og:title" content="Kerry denies contacts">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2014-01-15T10:00:00Z">
</head><body>
<article>
<h1>Kerry denies contacts</h1>
<p>Asked about <a href="/wsj">the report</a> in <a href="/wsj">The Wall Street Journal</a>, U.S. Secretary of State <a href="/kerry">John Kerry</a> said he was not aware of such contacts.</p>
<p><strong>Read more: <a href="/a">Syria's war explained in five charts</a></strong></p>
<p>"I don't know anything about that," he told reporters in Kuwait, where he is on a visit.</p>
<p><a href="/b">Assad's envoy says West is talking to Damascus about security cooperation.</a></p>
<p>The State Department said it does not discuss counterterrorism with the Syrian regime.</p>
<div class="tags"><span>Topics</span> <a href="/t/syria">Syria</a> <a href="/t/us">United States</a> <a href="/t/kerry">John Kerry</a></div>
</article>
</body></html>`,
		body: []string{
			"Asked about the report in The Wall Street Journal, U.S. Secretary of State John Kerry said he was not aware of such contacts.",
			`"I don't know anything about that," he told reporters in Kuwait, where he is on a visit.`,
			"The State Department said it does not discuss counterterrorism with the Syrian regime.",
		},
		notes: []string{
			"removed 10: link list: Read more: Syria's war explained in five charts",
			"removed 12: link list: Assad's envoy says West is talking to Damascus about security cooperation.",
			"removed 14: link list: Topics Syria United States John Kerry",
		},
	},
	{
		name: "comment thread without markup",
		page: `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta property="og:title" content="Western Intelligence Talking to Damascus">
<meta property="og:site_name" content="Naharnet">
</head><body>
<div class="main">
<h1>Western Intelligence Talking to Damascus</h1>
<p>15 Jan 2014, 13:21</p>
<p>Western intelligence officials have visited Syria to discuss security cooperation with the regime, its deputy foreign minister told the BBC.</p>
<p>Syrian Deputy Foreign Minister Faisal Mekdad told the BBC that the visits pointed to a "schism" between politicians and security services.</p>
<p>The center estimates that only 30 to 50 fighters have returned to Britain.</p>
<h3>Comments (3)</h3>
<div class="c"><p class="who">Mowaten</p><p>Well the hand writing is on the wall. Having created chaos in MENA NATO countries are now very worried.</p></div>
<div class="c"><p class="who">voiceofreason</p><p>Yes, it could be all of that, or these intelligence agencies are working with the Assad regime because they were with him all along.</p></div>
<div class="c"><p>@ voiceofreason</p><p>I find your theory that Assad has always been a western asset absurd, and so would anyone who followed the war.</p></div>
</div>
</body></html>`,
		body: []string{
			"Western intelligence officials have visited Syria to discuss security cooperation with the regime, its deputy foreign minister told the BBC.",
			`Syrian Deputy Foreign Minister Faisal Mekdad told the BBC that the visits pointed to a "schism" between politicians and security services.`,
			"The center estimates that only 30 to 50 fighters have returned to Britain.",
		},
		facts: map[string]string{"published": "2014-01-15", "outlet": "Naharnet", "missing": ""},
		notes: []string{
			"removed 12: reader comments: Comments (3)",
			"removed 13: reader comments: Well the hand writing is on the wall.",
			"removed 15: reader comments: @ voiceofreason",
		},
	},
	{
		name: "no article element",
		page: `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>US and Syria coordinating intelligence | MEE</title></head>
<body>
<div id="top"><a href="/">Home</a> <a href="/news">News</a> <a href="/opinion">Opinion</a></div>
<div class="wrap">
 <div class="col-main">
  <div class="headline-box"><h1>US and Syria coordinating intelligence</h1></div>
  <div class="text-part">
   <p>The US and Bashar al-Assad's government are cooperating on intelligence in order to combat the Islamic State, according to Al-Watan.</p>
   <p>According to Western diplomatic sources quoted in the paper, the US and Syria are using third party operatives to exchange security information.</p>
  </div>
  <div class="text-part">
   <p>US President Barack Obama had previously ruled out coordinating with Assad and even threatened to overthrow him.</p>
  </div>
 </div>
 <div class="col-right">
  <h4>Most read</h4>
  <div><a href="/x">Gulf states pledge support for strikes on IS</a></div>
  <div><a href="/y">Turkey refuses to join coalition against IS</a></div>
 </div>
</div>
</body></html>`,
		body: []string{
			"The US and Bashar al-Assad's government are cooperating on intelligence in order to combat the Islamic State, according to Al-Watan.",
			"According to Western diplomatic sources quoted in the paper, the US and Syria are using third party operatives to exchange security information.",
			"US President Barack Obama had previously ruled out coordinating with Assad and even threatened to overthrow him.",
		},
		facts: map[string]string{"title": "US and Syria coordinating intelligence", "missing": "outlet,published"},
		notes: []string{
			"removed 4: link list: Home News Opinion",
			"removed 17: related-article teaser: Most read",
			"removed 18: link list: Gulf states pledge support for strikes on IS",
		},
	},
	{
		name: "h1 different from og:title",
		page: `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta property="og:title" content="Syria says Western spies visited Damascus">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2014-01-15">
</head><body><article>
<h1>Spies came to Damascus, says Mekdad</h1>
<p>Western intelligence officers have visited Damascus to discuss the fight against radical Islamist groups, Syria's deputy foreign minister said.</p>
<p>The British Foreign Office told the BBC it does not comment on intelligence matters.</p>
</article></body></html>`,
		facts: map[string]string{"title": "Syria says Western spies visited Damascus"},
		drop:  []string{"Spies came to Damascus"},
		notes: []string{"removed 7: page headline (the title is og:title's): Spies came to Damascus, says Mekdad"},
	},
	{
		name: "og:title with the site's name",
		page: `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta property="og:title" content="Spies came to Damascus, says Mekdad - Example News">
</head><body><article>
<h1>Spies came to Damascus, says Mekdad</h1>
<p>Western intelligence officers have visited Damascus to discuss the fight against radical Islamist groups, Syria's deputy foreign minister said.</p>
<p>The British Foreign Office told the BBC it does not comment on intelligence matters.</p>
</article></body></html>`,
		facts: map[string]string{"title": "Spies came to Damascus, says Mekdad"},
		drop:  []string{"Spies came to Damascus"},
	},
	{
		name: "windows-1252 charset",
		page: "<!DOCTYPE html>\n<html><head><meta charset=\"windows-1252\">\n<title>Abou Diab on the visits</title></head>\n<body><article><h1>Abou Diab on the visits</h1>\n" +
			"<p>Khattar Abou Diab, a lecturer at the Universit\xe9 Paris-Sud, said the information \x93was not new.\x94</p>\n" +
			"<p>He said Germany\x92s role as a mediator in international deals explained the visit to Damascus.</p>\n" +
			"<div class=\"share\">Partager \x96 Share</div>\n</article></body></html>",
		body: []string{
			"Khattar Abou Diab, a lecturer at the Université Paris-Sud, said the information “was not new.”",
			"He said Germany’s role as a mediator in international deals explained the visit to Damascus.",
		},
		notes: []string{"removed 7: share buttons: Partager – Share"},
	},
	{
		name: "latin-1 declared with http-equiv",
		page: "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head>\n<body><h1>Caf\xe9 talks</h1>\n" +
			"<p>Diplomats met in a caf\xe9 near the Place de l'\xc9toile to discuss the conference in Geneva next week.</p>\n" +
			"<p>Neither side would say what was agreed, and the French foreign ministry declined to comment.</p>\n</body></html>",
		facts: map[string]string{"title": "Café talks"},
		body: []string{
			"Diplomats met in a café near the Place de l'Étoile to discuss the conference in Geneva next week.",
			"Neither side would say what was agreed, and the French foreign ministry declined to comment.",
		},
	},
	{
		name: "UTF-8 saved with its old charset declaration",
		page: "<html><head><meta charset=\"windows-1252\"></head><body><h1>Moallem’s offer</h1>\n<p>“Whoever wants to coordinate and cooperate with us should be taking the matter seriously,” Walid al-Moallem said.</p>\n" +
			"<p>Al-Watan, which is pro-government, said the US and Syria were exchanging security information through third parties.</p>\n</body></html>",
		facts: map[string]string{"title": "Moallem’s offer"},
	},
	{
		name: "undeclared UTF-8",
		page: "<html><body><h1>Moallem’s offer</h1>\n<p>“Whoever wants to coordinate and cooperate with us should be taking the matter seriously,” Walid al-Moallem said.</p>\n" +
			"<p>Al-Watan, which is pro-government, said the US and Syria were exchanging security information through third parties.</p>\n</body></html>",
		facts: map[string]string{"title": "Moallem’s offer"},
		body: []string{
			"“Whoever wants to coordinate and cooperate with us should be taking the matter seriously,” Walid al-Moallem said.",
			"Al-Watan, which is pro-government, said the US and Syria were exchanging security information through third parties.",
		},
	},
	{
		name: "br-separated paragraphs, JSON-LD graph, relative canonical",
		page: `<html><head>
<link rel="canonical" href="/stories/en/114074">
<meta property="og:url" content="https://www.naharnet.com/stories/en/114074">
<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Naharnet"},{"@type":["NewsArticle"],"headline":"Western Intelligence Talking to Damascus",
 "datePublished":"2014-01-15T13:21:00+02:00","author":[{"@type":"Person","name":"Naharnet Newsdesk"}],"publisher":{"@type":"Organization","name":"Naharnet"}}]}</script>
</head><body>
<div id="story"><h1>Western Intelligence Talking to Damascus</h1>
<div id="storyText">
Western intelligence officials have visited Syria to discuss security cooperation with the regime, its deputy foreign minister told the BBC.<br><br>
Mekdad said Western agencies were asking for security cooperation.<br/><br/>
"I would not specify but many of them have visited Damascus, yes," Mekdad said in a broadcast<br>
aired Tuesday night.
</div></div>
</body></html>`,
		body: []string{
			"Western intelligence officials have visited Syria to discuss security cooperation with the regime, its deputy foreign minister told the BBC.",
			"Mekdad said Western agencies were asking for security cooperation.",
			`"I would not specify but many of them have visited Damascus, yes," Mekdad said in a broadcast aired Tuesday night.`,
		},
		facts: map[string]string{
			"title": "Western Intelligence Talking to Damascus", "outlet": "Naharnet", "author": "Naharnet Newsdesk",
			"url": "https://www.naharnet.com/stories/en/114074", "published": "2014-01-15", "missing": "",
		},
	},
	{
		name: "hidden elements, other scripts outside the article, options win",
		page: `<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta property="og:title" content="Kerry denies contacts"></head>
<body>
<div class="lang-switch"><a href="/ar">إقرأ هذا الخبر بالعربية</a></div>
<article>
<h1>Kerry denies contacts</h1>
<time datetime="2014-01-15T09:30:00+03:00">Wednesday</time>
<p>Asked about the report, U.S. Secretary of State John Kerry indicated he was not aware of such contacts.</p>
<div style="display: none"><p>Please enable JavaScript to view this content properly in your browser.</p></div>
<p>"I don't know anything about that. Certainly not under my auspices," he told reporters in Kuwait.</p>
</article>
</body></html>`,
		opts: Options{Outlet: "Haaretz", Author: "Jack Khoury"},
		body: []string{
			"Asked about the report, U.S. Secretary of State John Kerry indicated he was not aware of such contacts.",
			`"I don't know anything about that. Certainly not under my auspices," he told reporters in Kuwait.`,
		},
		facts: map[string]string{"outlet": "Haaretz", "author": "Jack Khoury", "published": "2014-01-15", "missing": ""},
		notes: []string{
			"removed 9: hidden on the page: Please enable JavaScript",
			"flagged 4: Arabic script: إقرأ هذا الخبر بالعربية",
		},
	},
	{name: "empty", page: "  \n\t\n", err: "empty input"},
	{name: "binary", page: "<html>\x00\x01\x02PNG", err: "binary data"},
	{
		name: "only furniture",
		page: `<html><body><nav><a href="/">Home</a></nav><h1>Newsletter</h1><div class="newsletter"><p>Sign up for our newsletter to get the best of our journalism in your inbox every morning.</p></div></body></html>`,
		err:  "no article text found",
	},
}

// TestHTMLLinesAfterRawText checks that text inside <title>, <script>
// and JSON-LD, and entities in text running over several lines, do not
// lead the line numbers astray.
func TestHTMLLinesAfterRawText(t *testing.T) {
	page := "<html><head><title>Damascus</title>\n<script>var s = \"Damascus\";</script>\n</head>\n<body>\n<div class=\"cookie\">Damascus uses cookies</div>\n<article><h1>Damascus</h1>\n" +
		"<p>Western intelligence officers &amp; diplomats have visited\nDamascus &mdash; to discuss &quot;radical&quot;\nIslamist groups &#8230; and more.\n</p>\n" +
		"<p>The British Foreign Office told the BBC it does not comment on intelligence matters.</p>\n<div class=\"share\">Share this</div></article></body></html>"
	a, err := HTML([]byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, n := range a.Removed {
		lines = append(lines, n.Line)
	}
	if fmt.Sprint(lines) != "[5 12]" {
		t.Errorf("removed %+v, want the cookie notice on line 5 and the share button on line 12", a.Removed)
	}
	if !bytes.Contains(a.Markdown(), []byte(`title = "Damascus"`)) {
		t.Errorf("title: %s", a.Markdown())
	}
}

// FuzzHTML checks that no page makes the HTML reader panic, and that
// every note it gives is on a line of the page.
func FuzzHTML(f *testing.F) {
	for _, tc := range htmlCases {
		f.Add([]byte(tc.page))
	}
	f.Add([]byte("<table><tr>text<td>cell</td>more</tr></table><p>after the table, a paragraph of enough words to count.</p>"))
	f.Fuzz(func(t *testing.T, src []byte) {
		a, err := HTML(src, Options{Outlet: "x", Published: "2014-01-15"})
		if err != nil {
			return
		}
		n := bytes.Count(src, []byte("\n")) + 1
		for _, note := range append(a.Removed, a.Flagged...) {
			if note.Line < 1 || note.Line > n {
				t.Fatalf("note on line %d of %d: %+v", note.Line, n, note)
			}
		}
	})
}
