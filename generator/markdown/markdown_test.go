package markdown

import (
	"fmt"
	"strings"
	"testing"
)

func TestBlocks(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string // "kind: text"
	}{
		{"paragraphs", "One.\n\nTwo\nlines.\n", []string{"paragraph: One.", "paragraph: Two lines."}},
		{"typographer", `He said "yes" -- it's done...`, []string{"paragraph: He said “yes” – it’s done…"}},
		{"escapes and entities", `\[which\] &amp; &#x41;&#66; \*not em\*`, []string{"paragraph: [which] & AB *not em*"}},
		{"inline markup", "*em* **strong** [link](http://x) `code &amp;` ~~del~~ <http://a.b/c>", []string{"paragraph: em strong link code &amp; del http://a.b/c"}},
		{"heading", "## Foreign aid\n", []string{"heading: Foreign aid"}},
		{"figure", "![Fighters on January 2, 2014. (Reuters)](<>)\n", []string{"caption: Fighters on January 2, 2014. (Reuters)"}},
		{"figure with image", "![A *caption*](photo.jpg \"t\")\n", []string{"caption: A caption"}},
		{"image in text is not a figure", "See ![x](a.png) here.\n", []string{"paragraph: See  here."}},
		{"lists", "- a\n- b\n\n1. c\n\n   d\n", []string{"list item: a", "list item: b", "paragraph: c", "paragraph: d"}},
		{"quote", "> quoted\n", []string{"paragraph: quoted"}},
		{"code block skipped", "```\n2014-01-02\n```\n\nafter\n", []string{"paragraph: after"}},
		{"html skipped", "<div>x</div>\n\ntext <b>b</b>\n", []string{"paragraph: text b"}},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", []string{"table cell: a", "table cell: b", "table cell: 1", "table cell: 2"}},
		{"footnote", "Text[^1].\n\n[^1]: Note.\n", []string{"paragraph: Text.", "paragraph: Note."}},
		{"hard break", "a  \nb\n", []string{"paragraph: a\nb"}},
	}
	m := New(Options{})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := m.Parse([]byte(c.src))
			var got []string
			for _, b := range doc.Blocks {
				got = append(got, b.Kind.String()+": "+b.Text)
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("blocks\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

// Every letter or digit of a block's text maps back to the same byte in
// the source.
func TestSourceOffset(t *testing.T) {
	srcs := []string{
		"He said \"I will not specify \\[which\\] but\" it's a -- test &amp; more.\nSecond *line* with `code` and [a link](http://x).\n",
		"# Heading 2013\n\n![Caption, November 4, 2013.](<>)\n\n- one\n- two 2014\n",
		"Ünïcödé text — with “curly” quotes, 2014.\n",
	}
	m := New(Options{})
	for _, src := range srcs {
		doc := m.Parse([]byte(src))
		for _, b := range doc.Blocks {
			if b.Start < 0 || b.End > len(src) || b.Start > b.End {
				t.Errorf("block %q range [%d,%d]", b.Text, b.Start, b.End)
			}
			for i := 0; i < len(b.Text); i++ {
				c := b.Text[i]
				if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
					continue
				}
				if p := b.SourceOffset(i); p >= len(src) || src[p] != c {
					t.Errorf("%q: text[%d]=%q maps to source %d", b.Text, i, c, p)
				}
			}
			if p := b.SourceOffset(len(b.Text)); p > len(src) {
				t.Errorf("end maps past the source: %d", p)
			}
		}
	}
}

func TestRenderMarks(t *testing.T) {
	cases := []struct {
		name, src   string
		from, to    string // the mark covers text from the first "from" through the end of the first "to" after it
		block       int
		wantContain string
	}{
		{"inside text", "Alpha beta gamma.\n", "beta", "beta", 0,
			`<p>Alpha <span id="m" class="cited">beta</span><a class="cite-ref" href="/e/" title="T">Nov 2013</a> gamma.</p>`},
		{"whole paragraph", "Alpha beta.\n", "Alpha", "beta.", 0,
			`<p><span id="m" class="cited">Alpha beta.</span><a`},
		{"across typographic quotes", `He said "I will not" it's.`, "I will", "not”", 0,
			`He said &ldquo;<span id="m" class="cited">I will not&rdquo;</span><a`},
		{"boundary inside emphasis grows to the emphasis", "Alpha *beta gamma* delta.\n", "gamma", "delta", 0,
			`Alpha <span id="m" class="cited"><em>beta gamma</em> delta</span><a`},
		{"inside emphasis", "Alpha *beta gamma* delta.\n", "beta", "gamma", 0,
			`Alpha <em><span id="m" class="cited">beta gamma</span><a`},
		{"across a soft break", "Alpha beta\ngamma delta.\n", "beta", "gamma", 0,
			"Alpha <span id=\"m\" class=\"cited\">beta\ngamma</span><a"},
		{"after escapes", `\[x\] one two.`, "one", "two.", 0,
			`[x] <span id="m" class="cited">one two.</span>`},
		{"second block", "First.\n\nSecond one.\n", "one", "one", 1,
			`<p>Second <span id="m" class="cited">one</span>`},
		{"caption", "![Fighters on January 2, 2014.](<>)\n", "January", "2014.", 0,
			`<figure class="no-image"><figcaption><span class="no-image-label">Photo, not shown here: </span>Fighters on <span id="m" class="cited">January 2, 2014.</span><a`},
	}
	m := New(Options{})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := m.Parse([]byte(c.src))
			text := doc.Blocks[c.block].Text
			s := strings.Index(text, c.from)
			e := strings.Index(text[s:], c.to) + s + len(c.to)
			out, err := m.Render([]byte(c.src), []Mark{{Block: c.block, Start: s, End: e, ID: "m", Links: []Link{{Href: "/e/", Text: "Nov 2013", Title: "T"}}}})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), c.wantContain) {
				t.Errorf("output\n%s\ndoes not contain\n%s", out, c.wantContain)
			}
		})
	}
}

// TestRenderNestedTime: a date's words inside a cited sentence become a
// <time datetime> inside its mark.
func TestRenderNestedTime(t *testing.T) {
	m := New(Options{})
	src := []byte("The talks collapsed on *Monday* night in Geneva.\n")
	text := m.Parse(src).Blocks[0].Text
	on := strings.Index(text, "Monday")
	got, err := m.Render(src, []Mark{
		{Block: 0, Start: 0, End: len(text), ID: "q", Links: []Link{{Href: "/e/", Text: "13 Jan"}}},
		{Block: 0, Start: on, End: on + len("Monday night"), Class: "dating", Datetime: "2014-01-13TNI"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `<p><span id="q" class="cited">The talks collapsed on <time datetime="2014-01-13TNI" class="dating"><em>Monday</em> night</time> in Geneva.</span><a class="cite-ref" href="/e/">13 Jan</a></p>`
	if !strings.Contains(string(got), want) {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestRenderIgnoresBadMarks(t *testing.T) {
	m := New(Options{})
	src := []byte("Alpha.\n")
	want, _ := m.Render(src, nil)
	for _, mk := range []Mark{{Block: 3, Start: 0, End: 1}, {Block: 0, Start: 4, End: 2}, {Block: 0, Start: 0, End: 99}} {
		got, err := m.Render(src, []Mark{mk})
		if err != nil || string(got) != string(want) {
			t.Errorf("mark %+v: %q, %v", mk, got, err)
		}
	}
}

func TestUnsafeHTML(t *testing.T) {
	src := []byte("a <b>bold</b> [x](javascript:alert(1))\n\n<div>block</div>\n")
	safe, _ := New(Options{}).Render(src, nil)
	if strings.Contains(string(safe), "<b>") || strings.Contains(string(safe), "<div>") || strings.Contains(string(safe), "javascript:") {
		t.Errorf("raw HTML or dangerous URL passed through by default:\n%s", safe)
	}
	unsafe, _ := New(Options{UnsafeHTML: true}).Render(src, nil)
	if !strings.Contains(string(unsafe), "<b>bold</b>") || !strings.Contains(string(unsafe), "<div>block</div>") {
		t.Errorf("unsafe_html did not pass raw HTML:\n%s", unsafe)
	}
}

func TestFigureRender(t *testing.T) {
	m := New(Options{})
	out, _ := m.Render([]byte("![A \"quoted\" caption](photo.jpg)\n"), nil)
	want := `<figure><img src="photo.jpg" alt="A “quoted” caption" loading="lazy"><figcaption>A &ldquo;quoted&rdquo; caption</figcaption></figure>`
	if !strings.Contains(string(out), want) {
		t.Errorf("got %s\nwant %s", out, want)
	}
	out, _ = m.Render([]byte("![Caption only](<>)\n"), nil)
	// Said to be a photo's caption, so it does not read as a quotation.
	if strings.Contains(string(out), "<img") || !strings.Contains(string(out), `<figure class="no-image"><figcaption><span class="no-image-label">Photo, not shown here: </span>Caption only</figcaption>`) {
		t.Errorf("caption without photo: %s", out)
	}
}

func FuzzMarkdown(f *testing.F) {
	f.Add("He said \"x\" -- *a* [b](c) \\[d\\] &amp;\n\n![cap](<>)\n", 0, 3)
	f.Add("- a\n- b\n\n| x |\n|---|\n| y |\n", 1, 2)
	f.Fuzz(func(t *testing.T, src string, s, e int) {
		m := New(Options{})
		doc := m.Parse([]byte(src))
		var marks []Mark
		for i, b := range doc.Blocks {
			for j := 0; j <= len(b.Text); j++ {
				if p := b.SourceOffset(j); p < 0 || p > len(src) {
					t.Fatalf("block %d offset %d maps to %d (source %d bytes)", i, j, p, len(src))
				}
			}
			if len(b.Text) > 0 {
				marks = append(marks, Mark{Block: i, Start: abs(s) % len(b.Text), End: abs(s)%len(b.Text) + 1 + abs(e)%len(b.Text), ID: fmt.Sprint("m", i)})
			}
		}
		if _, err := m.Render([]byte(src), marks); err != nil {
			t.Fatal(err)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -(n + 1)
	}
	return n
}
