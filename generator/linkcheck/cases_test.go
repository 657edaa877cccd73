package linkcheck

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestCases runs the cases in testdata/cases: each archive is a small
// built site and, in its "want" file, every finding the check must report
// for it, one a line. Run with -update to rewrite the want files, then
// review the diff.
func TestCases(t *testing.T) {
	files, err := filepath.Glob("testdata/cases/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			want, hasWant := "", false
			for _, f := range ar.Files {
				if f.Name == "want" {
					want, hasWant = string(f.Data), true
					continue
				}
				p := filepath.Join(dir, filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if !hasWant {
				t.Fatal("no want file")
			}
			r, err := Check(context.Background(), dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := formatFindings(r.Findings, "")
			if *update {
				for i := range ar.Files {
					if ar.Files[i].Name == "want" {
						ar.Files[i].Data = []byte(got)
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != want {
				t.Errorf("findings differ from the want file (run go test -update and review the diff)\n got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
