package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	out, hugo := filepath.Join(dir, "site"), filepath.Join(dir, "hugo")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-n", "30", "-seed", "2", "-out", out, "-hugo", hugo}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "wrote 30 articles") || !strings.Contains(stdout.String(), "expressions: absolute") {
		t.Errorf("stdout: %q", stdout.String())
	}
	for _, f := range []string{filepath.Join(out, "config.toml"), filepath.Join(hugo, "hugo.toml")} {
		if _, err := os.Stat(f); err != nil {
			t.Error(err)
		}
	}
	// Usage errors: exit status 2.
	for _, args := range [][]string{{}, {"-n", "0", "-out", out}, {"-out", out, "extra"}, {"-bogus"}} {
		stderr.Reset()
		if code := run(args, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "usage:") {
			t.Errorf("%q: exit %d, stderr %q; want 2 and the usage", args, code, stderr.String())
		}
	}
	// A folder that is not a corpus is refused: exit status 1.
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := run([]string{"-n", "3", "-out", other}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "refusing") {
		t.Errorf("into a folder of other files: exit %d, stderr %q", code, stderr.String())
	}
}
