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
