package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/timeline-dev/timeline/generator/content"
)

var today = time.Date(2014, 1, 15, 0, 0, 0, 0, time.UTC)

// TestSite: a new site's files; its example article parses; an existing
// content/ folder is never overwritten.
func TestSite(t *testing.T) {
	dir := t.TempDir()
	files, err := Site(dir, SiteOptions{Title: `The "Bridge"`, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(files, " "); got != "config.toml content/example.md .gitignore" {
		t.Errorf("files %q", got)
	}
	cfg, _ := os.ReadFile(filepath.Join(dir, "config.toml"))
	if !strings.Contains(string(cfg), `title       = "The \"Bridge\""`) {
		t.Errorf("config.toml does not quote the title:\n%s", cfg)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "content", "example.md"))
	a, err := content.Parse("content/example.md", src, content.Options{Location: time.UTC})
	if err != nil {
		t.Fatalf("the example article does not parse: %v", err)
	}
	if a.Date.String() != "2014-01-15" || !strings.Contains(string(src), "December 2013") {
		t.Errorf("example article dated %s, or without last month's name:\n%s", a.Date, src)
	}
	// A folder with content/ is a site already.
	other := t.TempDir()
	os.Mkdir(filepath.Join(other, "content"), 0o755)
	if _, err := Site(other, SiteOptions{Today: today}); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("Site over content/: %v", err)
	}
	if _, err := os.Stat(filepath.Join(other, "config.toml")); err == nil {
		t.Error("Site wrote config.toml next to an existing content/")
	}
}

// TestArticle: the file name is the title's slug, at most eight words;
// what is not given is a placeholder the content parser refuses.
func TestArticle(t *testing.T) {
	dir := t.TempDir()
	p, err := Article(dir, ArticleOptions{Title: "Université talks: one two three four five six seven eight nine", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if p != "content/universite-talks-one-two-three-four-five-six.md" {
		t.Errorf("path %q", p)
	}
	src, _ := os.ReadFile(filepath.Join(dir, p))
	_, err = content.Parse(p, src, content.Options{Location: time.UTC})
	if err == nil || !strings.Contains(err.Error(), "outlet is still a placeholder") {
		t.Errorf("an article without an outlet parses: %v", err)
	}
	for _, c := range []ArticleOptions{{Title: "  "}, {Title: "!!!"}, {Title: "x", Published: "2014-13-01", Today: today}} {
		if _, err := Article(dir, c); err == nil {
			t.Errorf("Article(%+v) made a file", c)
		}
	}
}
