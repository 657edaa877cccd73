package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/diag"
)

// An article's page reads its file again once the build let its source
// go: the same body, or an error naming the file when it changed.
func TestReread(t *testing.T) {
	site := t.TempDir()
	file := filepath.Join(site, "content", "a.md")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	src := "+++\ntitle = \"A\"\noutlet = \"O\"\npublished = 2014-01-02\n+++\nTalks began on Monday.\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	articles, err := content.Load(context.Background(), site, content.LoadOptions{})
	if err != nil {
		t.Fatal(diag.Detail(err))
	}
	a := articles[0]
	want := string(a.Body())
	files := sumFiles(articles)
	a.Source, a.Doc = nil, nil
	if b, err := files.reread(site, a); err != nil || string(b) != want {
		t.Fatalf("reread: %q, %v; want %q", b, err, want)
	}
	for _, changed := range []string{
		strings.Replace(src, "Monday", "Friday", 1), // the same size
		src + "More.\n",
	} {
		if err := os.WriteFile(file, []byte(changed), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := files.reread(site, a)
		if err == nil || !strings.HasPrefix(diag.Detail(err), "content/a.md: ") || !strings.Contains(err.Error(), "changed while the site was built") {
			t.Errorf("reread after a change: %v; want an error naming content/a.md", err)
		}
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if _, err := files.reread(site, a); err == nil || !strings.Contains(diag.Detail(err), "content/a.md") {
		t.Errorf("reread of a removed file: %v; want an error naming content/a.md", err)
	}
}
