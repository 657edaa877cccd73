package content

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/timeline-dev/timeline/generator/diag"
)

const good = `+++
title = "Western Intelligence Talking to Damascus"
outlet = "Naharnet"
published = 2014-01-15
url = "https://www.naharnet.com/stories/en/114074"
tags = ["syria"]

[[event]]
date = "2013-11"
headline = "European agencies contact Damascus"
quote = "German, French and Spanish agencies have been speaking to regime officials since November, the U.S. daily said."
+++

Mekdad said in a broadcast aired Tuesday night: "many of them have visited Damascus, yes."

German, French and Spanish agencies have been speaking to regime officials since November, the U.S. daily said.
`

func TestParseGood(t *testing.T) {
	a, err := Parse("content/naharnet-talks.md", []byte(good), Options{})
	if err != nil {
		t.Fatal(diag.Detail(err))
	}
	if a.ID != "naharnet-talks" || a.Title != "Western Intelligence Talking to Damascus" || a.Outlet != "Naharnet" ||
		a.Date.String() != "2014-01-15" || a.Language != "en" || len(a.Tags) != 1 {
		t.Errorf("article: %+v", a)
	}
	if len(a.Doc.Blocks) != 2 || !strings.HasPrefix(string(a.Body()), "\nMekdad said") {
		t.Fatalf("body blocks: %+v", a.Doc.Blocks)
	}
	if line, col := a.Position(a.Doc.Blocks[1].Start); line != 16 || col != 1 {
		t.Errorf("second paragraph at %d:%d, want 16:1", line, col)
	}
	if len(a.Events) != 1 {
		t.Fatalf("events: %+v", a.Events)
	}
	ev := a.Events[0]
	if ev.Date != "2013-11" || ev.Block != 1 || ev.Start != 0 || ev.Line != 8 ||
		ev.Quote != "German, French and Spanish agencies have been speaking to regime officials since November, the U.S. daily said." {
		t.Errorf("event: %+v", ev)
	}
}

func TestPublished(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	cases := []struct {
		value string
		loc   *time.Location
		date  string
	}{
		{"2014-01-15", nil, "2014-01-15"},
		{"2014-01-15T23:30:00-05:00", nil, "2014-01-16"},    // 04:30 UTC the next day
		{"2014-01-15T23:30:00-05:00", london, "2014-01-16"}, // 04:30 in London
		{"2014-01-16T00:30:00+02:00", nil, "2014-01-15"},    // 22:30 UTC the day before
		{"2014-01-15T10:00:00", london, "2014-01-15"},       // local date-time: in the site's zone
	}
	for _, c := range cases {
		src := strings.Replace(good, "published = 2014-01-15", "published = "+c.value, 1)
		a, err := Parse("content/a.md", []byte(src), Options{Location: c.loc})
		if err != nil {
			t.Fatalf("%s: %v", c.value, err)
		}
		if a.Date.String() != c.date {
			t.Errorf("published = %s in %v: date %s, want %s", c.value, c.loc, a.Date, c.date)
		}
	}
}

// Each bad input gives one error naming the file, line and column, and
// what was expected.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		name       string
		old, new   string // replace old by new in good
		want, hint string
	}{
		{"no front matter", good, "Just text.\n", "content/bad.md:1:1: missing front matter: the file must start with a +++ line", "+++"},
		{"front matter not closed", "+++\n\nMekdad", "\nMekdad", "content/bad.md:1:1: front matter is not closed", "+++"},
		{"unknown key", "tags = [", "titel = \"x\"\ntags = [", `content/bad.md:6:1: unknown key "titel" (did you mean "title"?)`, "valid keys here: author, draft, event,"},
		{"unknown key in event", "headline = ", "headlin = \"x\"\nheadline = ", `content/bad.md:10:1: unknown key "headlin" (did you mean "headline"?)`, "valid keys in [event]: date, headline, id, mod, quote"},
		{"missing title", "title = \"Western Intelligence Talking to Damascus\"\n", "", `content/bad.md:1:1: missing required key "title"`, `title = "`},
		{"missing outlet", "outlet = \"Naharnet\"\n", "", `content/bad.md:1:1: missing required key "outlet"`, `outlet = "Naharnet"`},
		{"missing published", "published = 2014-01-15\n", "", `content/bad.md:1:1: missing required key "published"`, "published = 2014-01-15"},
		{"empty title", `title = "Western Intelligence Talking to Damascus"`, `title = " "`, `content/bad.md:2:9: title: must not be empty`, ""},
		{"impossible date", "published = 2014-01-15", "published = 2014-02-30", "content/bad.md:4:13: ", ""},
		{"quoted date", "published = 2014-01-15", `published = "2014-01-15"`, `content/bad.md:4:13: published: "2014-01-15" is a string: write the date without quotes`, "published = 2014-01-15"},
		{"time only", "published = 2014-01-15", "published = 10:30:00", `content/bad.md:4:13: published: 10:30:00 is a time of day, not a date`, ""},
		{"bad url", `url = "https://www.naharnet.com/stories/en/114074"`, `url = "www.naharnet.com"`, `content/bad.md:5:7: url: "www.naharnet.com" is not an absolute http(s) URL`, ""},
		{"wrong type", `tags = ["syria"]`, `tags = "syria"`, `content/bad.md:6:8: tags: incompatible types`, ""},
		{"bad language", "tags = [", "language = \"english\"\ntags = [", `content/bad.md:6:12: language: "english" is not a language tag`, ""},
		{"bad event date", `date = "2013-11"`, `date = "2013-13"`, `content/bad.md:9:8: date: "2013-13" is not a valid TIMEX3 value: month: 13 is out of range 1-12`, "YYYY-MM-DD"},
		{"event date not on the calendar", `date = "2013-11"`, `date = "P3Y"`, `content/bad.md:9:8: date: "P3Y" does not name a place on the calendar`, ""},
		{"missing event date", "date = \"2013-11\"\n", "", `content/bad.md:8:1: event 1: missing required key "date"`, "TIMEX3"},
		{"bad mod", `date = "2013-11"`, "date = \"2013-11\"\nmod = \"MIDDLE\"", `content/bad.md:10:7: mod: "MIDDLE" is not a TIMEX3 mod`, ""},
		{"bad event id", `date = "2013-11"`, "date = \"2013-11\"\nid = \"Bad Id\"", `content/bad.md:10:6: id: "Bad Id" is not a slug`, ""},
		{"missing quote", "quote = \"German, French and Spanish agencies have been speaking to regime officials since November, the U.S. daily said.\"\n", "", `content/bad.md:8:1: event 1: missing required key "quote"`, "copied exactly"},
		{"quote not in body", `quote = "German, French and Spanish agencies have been speaking`, `quote = "German, French and Italian agencies have been speaking`, `content/bad.md:11:9: quote: not found in the body: "German, French and Italian agencies`, `the body matches the first 3 words, then reads "German, French and Spanish`},
		{"outlet left TODO", `outlet = "Naharnet"`, `outlet = "TODO: the outlet's name"`, `content/bad.md:3:10: outlet is still a placeholder ("TODO: the outlet's name"): fill it in`, `outlet = "Naharnet"`},
		{"published left TODO", "published = 2014-01-15", `published = "TODO: the publication date, as 2014-01-15"`, `content/bad.md:4:13: published is still a placeholder`, "published = 2014-01-15"},
		{"url left TODO", `url = "https://www.naharnet.com/stories/en/114074"`, `url = "TODO"`, `content/bad.md:5:7: url is still a placeholder`, "url = "},
		{"Hugo's date", "published = 2014-01-15", "date = 2014-01-15", `content/bad.md:4:1: unknown key "date" (Hugo's "date" is "published" here)`, "valid keys here:"},
		{"toml syntax", `outlet = "Naharnet"`, `outlet = "Naharnet`, `content/bad.md:3:`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(good, c.old, c.new, 1)
			if src == good {
				t.Fatalf("case does not change the input")
			}
			_, err := Parse("content/bad.md", []byte(src), Options{})
			errs := diag.Errors(err)
			if len(errs) != 1 {
				t.Fatalf("got %d errors, want 1:\n%v", len(errs), err)
			}
			if !strings.HasPrefix(errs[0].Error(), c.want) {
				t.Errorf("error\n got %s\nwant %s…", errs[0].Error(), c.want)
			}
			if !strings.Contains(errs[0].Detail(), c.hint) {
				t.Errorf("detail\n%s\ndoes not contain %q", errs[0].Detail(), c.hint)
			}
		})
	}
}

func TestFindQuote(t *testing.T) {
	a, err := Parse("content/a.md", []byte(good), Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		quote, want string
	}{
		{`Mekdad said in a broadcast aired Tuesday night: "many`, "Mekdad said in a broadcast aired Tuesday night: “many"},
		{"many  of them\nhave visited", "many of them have visited"},
		{`visited Damascus, yes."`, "visited Damascus, yes.”"},
		{"  the U.S. daily said.  ", "the U.S. daily said."},
	}
	for _, c := range cases {
		b, s, e, ok := FindQuote(a.Doc, c.quote)
		if !ok {
			t.Errorf("FindQuote(%q) not found", c.quote)
			continue
		}
		if got := a.Doc.Blocks[b].Text[s:e]; got != c.want {
			t.Errorf("FindQuote(%q) = %q, want %q", c.quote, got, c.want)
		}
	}
	if _, _, _, ok := FindQuote(a.Doc, "not there"); ok {
		t.Error("found a quote that is not there")
	}
}

func TestSlug(t *testing.T) {
	cases := map[string]string{
		"Mekdad’s BBC interview":   "mekdads-bbc-interview",
		"  Université Paris-Sud  ": "universite-paris-sud",
		"2014/naharnet talks":      "2014-naharnet-talks",
		"$1.4 billion -- pledged!": "1-4-billion-pledged",
		"إقرأ":                     "",
	}
	for in, want := range cases {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	for p, want := range map[string]string{"content/a.md": "a", "content/2014/Jan/b.md": "2014-jan-b", "content/story/index.md": "story"} {
		if got := IDFromPath(p); got != want {
			t.Errorf("IDFromPath(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestLoad(t *testing.T) {
	site := t.TempDir()
	write := func(p, s string) {
		t.Helper()
		p = filepath.Join(site, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/b.md", strings.Replace(good, "2014-01-15", "2014-01-10", 1))
	write("content/a/index.md", good)
	write("content/draft.md", strings.Replace(good, "tags = [", "draft = true\ntags = [", 1))
	write("content/.#a.md", "junk")
	write("content/a.md~", "junk")
	write("content/_events.toml", "junk")
	write("content/notes.txt", "junk")
	arts, err := Load(context.Background(), site, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if strings.Join(ids, ",") != "b,a" {
		t.Errorf("ids %v, want [b a] (sorted by date, drafts and junk skipped)", ids)
	}
	arts, _ = Load(context.Background(), site, LoadOptions{Drafts: true})
	if len(arts) != 3 {
		t.Errorf("with drafts: %d articles, want 3", len(arts))
	}

	// Errors from several files come together, sorted; colliding ids too.
	write("content/c.md", "no front matter")
	write("content/d.md", strings.Replace(good, "outlet", "outlte", 1))
	write("content/a-b.md", good)
	write("content/a/b.md", good)
	_, err = Load(context.Background(), site, LoadOptions{})
	got := err.Error()
	for _, want := range []string{"content/a/b.md: article id a-b is also the id of content/a-b.md", "content/c.md:1:1: missing front matter", `content/d.md:3:1: unknown key "outlte"`} {
		if !strings.Contains(got, want) {
			t.Errorf("errors\n%s\ndo not contain %q", got, want)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, site, LoadOptions{}); err != context.Canceled {
		t.Errorf("cancelled Load: %v", err)
	}
	if arts, err := Load(context.Background(), t.TempDir(), LoadOptions{}); err != nil || len(arts) != 0 {
		t.Errorf("site without content/: %v %v", arts, err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(good)
	f.Add("+++\ntitle='x'\n+++\n")
	f.Add("+++\r\n[[event]]\r\nquote = \"\"\"\nx\n\"\"\"\n+++\r\nbody")
	f.Fuzz(func(t *testing.T, src string) {
		a, err := Parse("content/f.md", []byte(src), Options{})
		if err != nil {
			for _, e := range diag.Errors(err) {
				if e.File != "content/f.md" || e.Line < 0 || e.Line > strings.Count(src, "\n")+1 {
					t.Fatalf("bad position in %v", e)
				}
			}
			if len(diag.Errors(err)) == 0 {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		if a.BodyOffset > len(src) {
			t.Fatalf("body offset %d > %d", a.BodyOffset, len(src))
		}
	})
}
