package synth

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
)

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
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

// The same options write byte-identical sites; another seed another one.
func TestDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, w := range []struct {
		dir  string
		seed uint64
	}{{a, 5}, {b, 5}, {c, 6}} {
		if _, err := Write(w.dir, Options{Articles: 30, Seed: w.seed}); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb, tc := readTree(t, a), readTree(t, b), readTree(t, c)
	if len(ta) != 31 || len(ta) != len(tb) {
		t.Fatalf("%d and %d files, want 31 (config.toml and 30 articles)", len(ta), len(tb))
	}
	same := true
	for p, x := range ta {
		if !bytes.Equal(x, tb[p]) {
			t.Errorf("%s differs between two writes with one seed", p)
		}
		if !bytes.Equal(x, tc[p]) {
			same = false
		}
	}
	if same {
		t.Error("seeds 5 and 6 wrote the same site")
	}
}

// Every article parses, and every declared quote is found in its body.
func TestValidContent(t *testing.T) {
	dir := t.TempDir()
	st, err := Write(dir, Options{Articles: 60, Seed: 1, BaseURL: "/sub/"})
	if err != nil {
		t.Fatal(err)
	}
	arts, err := content.Load(context.Background(), dir, content.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	declared := 0
	for _, a := range arts {
		declared += len(a.Events)
		if len(a.Doc.Blocks) < 4 {
			t.Errorf("%s: %d blocks, want several paragraphs", a.Path, len(a.Doc.Blocks))
		}
	}
	if len(arts) != 60 || declared != st.Declared || st.Declared < 60 || st.Events >= st.Declared {
		t.Errorf("%d articles, %d declared events (stats %+v): want 60 articles, 1 to 3 events each, some shared", len(arts), declared, st)
	}
	cfg, _ := os.ReadFile(filepath.Join(dir, "config.toml"))
	if !strings.Contains(string(cfg), `base_url = "/sub/"`) {
		t.Errorf("config.toml: %s", cfg)
	}
}

func TestNoEvents(t *testing.T) {
	dir := t.TempDir()
	st, err := Write(dir, Options{Articles: 10, NoEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range readTree(t, dir) {
		if strings.Contains(string(b), "[[event]]") {
			t.Errorf("%s declares an event", p)
		}
	}
	if st.Declared != 0 || st.Articles != 10 {
		t.Errorf("stats %+v", st)
	}
}
