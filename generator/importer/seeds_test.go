package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// seedsDir holds the raw seed articles; it is outside the repository.
const seedsDir = "../../../shared/seeds"

type seedSource struct {
	File, Outlet, Title, URL, Author, Note string
	Published                              time.Time
}

// seedSources reads SOURCES.toml, skipping the test when the seeds are
// not checked out beside the repository.
func seedSources(t *testing.T) []seedSource {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(seedsDir, "SOURCES.toml"))
	if os.IsNotExist(err) {
		t.Skip("no ../shared/seeds beside the repository")
	}
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Article []seedSource }
	if _, err := toml.Decode(string(data), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Article) == 0 {
		t.Fatal("SOURCES.toml lists no article")
	}
	return doc.Article
}

func (s seedSource) options() Options {
	o := Options{Title: s.Title, Outlet: s.Outlet, URL: s.URL, Author: s.Author}
	if !s.Published.IsZero() {
		o.Published = s.Published.Format("2006-01-02")
	}
	return o
}

// contentFile returns the file of ../../content whose title is title.
func contentFile(t *testing.T, title string) (string, []byte) {
	t.Helper()
	files, err := filepath.Glob("../../content/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no content files: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte("title = "+tomlString(title)+"\n")) {
			return f, data
		}
	}
	t.Fatalf("no content file has the title %q", title)
	return "", nil
}

func importSeed(t *testing.T, s seedSource) *Article {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(seedsDir, s.File))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Import(s.File, src, s.options())
	if err != nil {
		t.Fatalf("%s: %v", s.File, err)
	}
	return a
}

// TestSeedsGolden imports each raw seed with the facts of SOURCES.toml and
// compares the result with the cleaned article in content/.
func TestSeedsGolden(t *testing.T) {
	for _, s := range seedSources(t) {
		t.Run(s.File, func(t *testing.T) {
			a := importSeed(t, s)
			name, want := contentFile(t, s.Title)
			got := a.Markdown()
			if !bytes.Equal(got, want) {
				t.Errorf("%s: import differs from %s:\n%s", s.File, name, lineDiff(string(want), string(got)))
			}
		})
	}
}

// lineDiff shows the lines of want missing from got (-) and the lines of
// got not in want (+), in order.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	in := func(l string, ls []string) bool {
		for _, x := range ls {
			if x == l {
				return true
			}
		}
		return false
	}
	var b strings.Builder
	for i, l := range w {
		if !in(l, g) {
			b.WriteString("- " + strconv.Itoa(i+1) + ": " + l + "\n")
		}
	}
	for i, l := range g {
		if !in(l, w) {
			b.WriteString("+ " + strconv.Itoa(i+1) + ": " + l + "\n")
		}
	}
	return b.String()
}

// TestSeedsAccounted lists, for each raw seed, what the golden test
// compares as a whole: the article's paragraphs in content/ that the
// import lost, the blocks it kept that content/ does not have (furniture
// that survived), and the lines of the raw page that went nowhere: each
// line must become a paragraph or a fact of the front matter, or be
// listed as taken out, with its line, for the editor to check.
func TestSeedsAccounted(t *testing.T) {
	for _, s := range seedSources(t) {
		t.Run(s.File, func(t *testing.T) {
			a := importSeed(t, s)
			_, want := contentFile(t, s.Title)
			_, body, _ := bytes.Cut(want[3:], []byte("\n+++\n"))
			var paragraphs []string
			for _, p := range strings.Split(strings.TrimSpace(string(body)), "\n\n") {
				paragraphs = append(paragraphs, strings.TrimSpace(p))
			}
			var lost, kept []string
			for _, p := range paragraphs {
				if !slicesContains(a.Body, p) {
					lost = append(lost, p)
				}
			}
			for _, b := range a.Body {
				if !slicesContains(paragraphs, b) {
					kept = append(kept, b)
				}
			}
			if len(lost) > 0 || len(kept) > 0 {
				t.Errorf("paragraphs of the article lost: %q\nfurniture kept: %q", lost, kept)
			}
			noted := map[int]bool{}
			for _, n := range append(append([]Note(nil), a.Removed...), a.Flagged...) {
				noted[n.Line] = true
			}
			src, err := os.ReadFile(filepath.Join(seedsDir, s.File))
			if err != nil {
				t.Fatal(err)
			}
			facts := []string{a.Title, a.Summary, a.Author, a.Outlet}
			var nowhere []string
			for i, line := range strings.Split(string(src), "\n") {
				line = strings.TrimSpace(line)
				if line == "" || noted[i+1] {
					continue
				}
				md := escapeInline(line)
				if slicesContains(a.Body, md) || slicesContains(a.Body, "## "+md) || slicesContains(facts, line) ||
					strings.HasPrefix(line, a.Title+" | ") || keptAsCaption(a.Body, line) {
					continue
				}
				nowhere = append(nowhere, strconv.Itoa(i+1)+": "+line)
			}
			if len(nowhere) > 0 {
				t.Errorf("lines of the raw page neither kept nor listed as taken out:\n%s", strings.Join(nowhere, "\n"))
			}
			t.Logf("%d paragraphs kept, %d lines taken out, %d flagged", len(a.Body), len(a.Removed), len(a.Flagged))
		})
	}
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// keptAsCaption reports whether the line is a photo caption of body, as
// the import tidies it ("2013.Credit: Reuters" becomes "2013. Credit:
// Reuters").
func keptAsCaption(body []string, line string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(strings.ReplaceAll(s, ".", ". ")), " ") }
	for _, b := range body {
		if strings.HasPrefix(b, "![") && strings.Contains(norm(b), norm(escapeInline(line))) {
			return true
		}
	}
	return false
}
