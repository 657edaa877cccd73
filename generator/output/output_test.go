package output

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteReplaces(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := Write(context.Background(), map[string][]byte{"index.html": []byte("one"), "a/b/c.html": []byte("c")}, dest); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(dest, "a/b/c.html")) != "c" {
		t.Fatal("nested file not written")
	}
	if err := Write(context.Background(), map[string][]byte{"index.html": []byte("two")}, dest); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(dest, "index.html")) != "two" {
		t.Error("not replaced")
	}
	if _, err := os.Stat(filepath.Join(dest, "a")); !os.IsNotExist(err) {
		t.Error("a stale file of the previous build survived")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("staging leftovers: %v", entries)
	}
}

// A failed write leaves the previous site untouched and no staging folder.
func TestWriteFailureKeepsPrevious(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := Write(context.Background(), map[string][]byte{"index.html": []byte("good")}, dest); err != nil {
		t.Fatal(err)
	}
	err := Write(context.Background(), map[string][]byte{"index.html": []byte("bad"), "../escape.html": []byte("x")}, dest)
	if err == nil {
		t.Fatal("invalid path accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, map[string][]byte{"index.html": []byte("bad")}, dest); err == nil {
		t.Fatal("cancelled write succeeded")
	}
	if read(t, filepath.Join(dest, "index.html")) != "good" {
		t.Error("previous site damaged")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("staging leftovers: %v", entries)
	}
}

func TestSwapFallback(t *testing.T) {
	dir := t.TempDir()
	stage, dest := filepath.Join(dir, "stage"), filepath.Join(dir, "dest")
	os.MkdirAll(stage, 0o755)
	os.MkdirAll(dest, 0o755)
	os.WriteFile(filepath.Join(stage, "f"), []byte("new"), 0o644)
	os.WriteFile(filepath.Join(dest, "f"), []byte("old"), 0o644)
	if err := swap(stage, dest); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(dest, "f")) != "new" {
		t.Error("not swapped")
	}
	if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := swap(dest, filepath.Join(dir, "file")); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("swap onto a file: %v", err)
	}
}

func TestCheckDest(t *testing.T) {
	site := t.TempDir()
	os.MkdirAll(filepath.Join(site, "content"), 0o755)
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "config.toml"), nil, 0o644)
	cases := []struct {
		dest string
		ok   bool
	}{
		{filepath.Join(site, "public"), true},
		{filepath.Join(site, "out", "x"), true},
		{site, false},
		{filepath.Dir(site), false},
		{other, false},
	}
	for _, c := range cases {
		err := CheckDest(site, c.dest)
		if (err == nil) != c.ok {
			t.Errorf("CheckDest(%s) = %v, want ok=%v", c.dest, err, c.ok)
		}
	}
}
