package newscorpus

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/build"
	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/temporal"
)

// articles returns the n articles of seed.
func articles(n int, seed uint64) []*Article {
	w := NewWorld(n, seed)
	out := make([]*Article, n)
	for i := range out {
		out[i] = w.Article(i, seed)
	}
	return out
}

// tree reads every file below dir: path → bytes.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestDeterministic checks that the same size and seed give the same
// bytes, whatever the order the articles are made in, and that another
// seed gives another corpus.
func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if _, err := Write(d, Options{Articles: 120, Seed: 3}); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) != 120+2 { // config.toml, the marker
		t.Errorf("%d files, want 122", len(ta))
	}
	for p, data := range ta {
		if !bytes.Equal(data, tb[p]) {
			t.Errorf("%s differs between two writes", p)
		}
	}
	w := NewWorld(120, 3)
	late := w.Article(77, 3)
	for i := range 77 {
		w.Article(i, 3)
	}
	if again := w.Article(77, 3); again.Body != late.Body || again.Path != late.Path {
		t.Error("an article depends on the articles made before it")
	}
	if c := articles(120, 4); c[77].Body == late.Body {
		t.Error("another seed gives the same article")
	}
	// A second write into the same folder replaces the corpus.
	if _, err := Write(a, Options{Articles: 50, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	if n := len(tree(t, a)); n != 52 {
		t.Errorf("after writing 50 articles over 120: %d files, want 52", n)
	}
}

// TestRefusesFolder checks that Write never writes into a folder that is
// not a corpus it wrote.
func TestRefusesFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, Options{Articles: 5}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("Write into a folder of other files: %v, want a refusal", err)
	}
}

// TestArticles checks the shape of the articles: length, front matter that
// content.Parse accepts, no slot left unfilled.
func TestArticles(t *testing.T) {
	all := articles(300, 1)
	words, dated := 0, 0
	for _, a := range all {
		if a.Words < MinWords || a.Words > MaxWords {
			t.Errorf("%s: %d words, want %d to %d", a.Path, a.Words, MinWords, MaxWords)
		}
		words += a.Words
		dated += len(a.Reports)
		if strings.ContainsAny(a.Body, "{}") || strings.Contains(a.Body, "  ") {
			t.Errorf("%s: a slot left unfilled:\n%s", a.Path, a.Body)
		}
		for _, line := range strings.Split(a.Body, "\n") {
			if r, _ := utf8.DecodeRuneInString(line); unicode.IsLower(r) {
				t.Errorf("%s: a paragraph starts in lower case: %.80s", a.Path, line)
			}
		}
		src := a.Markdown()
		p, err := content.Parse("content/"+a.Path, src, content.Options{})
		if err != nil {
			t.Fatalf("%s: %v\n%s", a.Path, err, src)
		}
		if p.Title != a.Title || p.Outlet != a.Outlet || !p.Published.Equal(a.Published) {
			t.Errorf("%s: parsed %q %q %v, wrote %q %q %v", a.Path, p.Title, p.Outlet, p.Published, a.Title, a.Outlet, a.Published)
		}
		if h := a.Hugo(); !bytes.HasSuffix(h, []byte(a.Body)) || !bytes.Contains(h, []byte("\ndate = "+a.Published.Format(time.DateOnly)+"\n")) {
			t.Errorf("%s: the Hugo file lacks the body or the date:\n%.300s", a.Path, h)
		}
	}
	if avg := words / len(all); avg < 680 || avg > 820 {
		t.Errorf("%d words an article on average, want about 750", avg)
	}
	if avg := float64(dated) / float64(len(all)); avg < 4 {
		t.Errorf("%.1f sentences reporting a happening an article, want several", avg)
	}
}

// TestExpressions checks that every family of expressions occurs and that
// the tagger dates each reported happening as the world has it: the value
// it gives the expression holds the happening's day.
func TestExpressions(t *testing.T) {
	count := map[Family]int{}
	wrong := 0
	reports := 0
	for _, a := range articles(300, 2) {
		for f, n := range a.Families {
			count[f] += n
		}
		for _, r := range a.Reports {
			reports++
			tx := findTimex(r.Sentence, r.Expr, a.Published)
			if tx == nil {
				t.Errorf("%s: the tagger finds no %q in %q", a.Path, r.Expr, r.Sentence)
				wrong++
				continue
			}
			iv, ok := tx.Value.IntervalMod(tx.Mod)
			day := r.Happening.Day
			if !ok || day.Before(iv.Start.Time()) || day.After(iv.End.Time()) {
				t.Errorf("%s (published %s): %q is %s %s, not %s: %q", a.Path, a.Published.Format(time.DateOnly),
					r.Expr, tx.Value, tx.Mod, day.Format(time.DateOnly), r.Sentence)
				wrong++
			}
		}
		if wrong > 10 {
			t.Fatal("too many")
		}
	}
	for _, f := range Families {
		if count[f] < 20 {
			t.Errorf("%d expressions of the family %s in 300 articles, want many", count[f], f)
		}
	}
	t.Logf("%d reports; families: %v", reports, count)
}

// findTimex returns the expression the tagger finds in sentence that
// overlaps expr.
func findTimex(sentence, expr string, dct time.Time) *temporal.Timex {
	at := strings.Index(strings.ToLower(sentence), strings.ToLower(expr))
	if at < 0 {
		return nil
	}
	for _, tx := range temporal.Tag(sentence, dct) {
		if tx.Start < at+len(expr) && tx.End > at {
			return &tx
		}
	}
	return nil
}

// TestSameHappening checks that the world is told by several outlets:
// most happenings that are reported at all are reported by several
// outlets, on different days, in different words.
func TestSameHappening(t *testing.T) {
	type seen struct {
		outlets, days, sentences map[string]bool
	}
	by := map[int]*seen{}
	for _, a := range articles(400, 5) {
		for _, r := range a.Reports {
			s := by[r.Happening.ID]
			if s == nil {
				s = &seen{map[string]bool{}, map[string]bool{}, map[string]bool{}}
				by[r.Happening.ID] = s
			}
			s.outlets[a.Outlet] = true
			s.days[a.Published.Format(time.DateOnly)] = true
			s.sentences[r.Sentence] = true
		}
	}
	several := 0
	for _, s := range by {
		if len(s.outlets) >= 3 && len(s.days) >= 2 && len(s.sentences) >= 3 {
			several++
		}
	}
	if several*10 < len(by)*6 {
		t.Errorf("%d of %d happenings reported by 3 outlets or more on several days, want most", several, len(by))
	}
}

// TestBuild builds a small corpus with timeline build: the front matter is
// valid, the build groups reports of one happening by several outlets into
// one event, so that events are far fewer than dated sentences.
func TestBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site")
	}
	dir := t.TempDir()
	site, hugo := filepath.Join(dir, "site"), filepath.Join(dir, "hugo")
	truth := filepath.Join(dir, "truth.jsonl")
	st, err := Write(site, Options{Articles: 80, Seed: 1, Hugo: hugo, Truth: truth})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"hugo.toml", "layouts/page.html", "layouts/list.html"} {
		if _, err := os.Stat(filepath.Join(hugo, f)); err != nil {
			t.Error(err)
		}
	}
	if n := len(tree(t, filepath.Join(hugo, "content"))); n != 80 {
		t.Errorf("the Hugo site has %d articles, want 80", n)
	}
	res, err := build.Build(context.Background(), build.Options{Source: site, Theme: timeline.Theme})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 80 {
		t.Fatalf("built %d articles, want 80", res.Articles)
	}
	var out struct {
		Events []struct {
			Citations []struct{ Article, Quote string }
		}
	}
	b, err := os.ReadFile(filepath.Join(site, "public", "events.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	citations, multi := 0, 0
	for _, e := range out.Events {
		citations += len(e.Citations)
		arts := map[string]bool{}
		for _, c := range e.Citations {
			arts[c.Article] = true
		}
		if len(arts) >= 3 {
			multi++
		}
	}
	t.Logf("%d articles: %d dated sentences written (%d cited by the build), %d events, %d of them citing 3 articles or more",
		res.Articles, st.Reports, citations, res.Events, multi)
	if res.Events*3 > citations {
		t.Errorf("%d events for %d citations: the build groups little", res.Events, citations)
	}
	if multi < 20 {
		t.Errorf("%d events cite three articles or more, want many", multi)
	}
	lines := bytes.Count(must(os.ReadFile(truth)), []byte("\n"))
	if lines != st.Reports {
		t.Errorf("truth file: %d lines, want %d", lines, st.Reports)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
