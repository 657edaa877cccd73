package output

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	if err := writeSite(context.Background(), map[string][]byte{"index.html": []byte("one"), "a/b/c.html": []byte("c")}, dest); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(dest, "a/b/c.html")) != "c" {
		t.Fatal("nested file not written")
	}
	if err := writeSite(context.Background(), map[string][]byte{"index.html": []byte("two")}, dest); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(dest, "index.html")) != "two" {
		t.Error("not replaced")
	}
	if _, err := os.Stat(filepath.Join(dest, "a")); !os.IsNotExist(err) {
		t.Error("a stale file of the previous build survived")
	}
	if left := leftovers(t, dir); len(left) > 0 {
		t.Errorf("staging leftovers: %v", left)
	}
}

// leftovers lists what is in dir beside public and its spare.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != "public" && e.Name() != ".public.prev" {
			out = append(out, e.Name())
		}
	}
	return out
}

// A failed write leaves the previous site untouched and no staging folder.
func TestWriteFailureKeepsPrevious(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := writeSite(context.Background(), map[string][]byte{"index.html": []byte("good")}, dest); err != nil {
		t.Fatal(err)
	}
	err := writeSite(context.Background(), map[string][]byte{"index.html": []byte("bad"), "../escape.html": []byte("x")}, dest)
	if err == nil {
		t.Fatal("invalid path accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := writeSite(ctx, map[string][]byte{"index.html": []byte("bad")}, dest); err == nil {
		t.Fatal("cancelled write succeeded")
	}
	if read(t, filepath.Join(dest, "index.html")) != "good" {
		t.Error("previous site damaged")
	}
	if left := leftovers(t, dir); len(left) > 0 {
		t.Errorf("staging leftovers: %v", left)
	}
}

func TestSwapFallback(t *testing.T) {
	dir := t.TempDir()
	stage, dest := filepath.Join(dir, "stage"), filepath.Join(dir, "dest")
	os.MkdirAll(stage, 0o755)
	os.MkdirAll(dest, 0o755)
	os.WriteFile(filepath.Join(stage, "f"), []byte("new"), 0o644)
	os.WriteFile(filepath.Join(dest, "f"), []byte("old"), 0o644)
	if err := swap(stage, dest, filepath.Join(dir, "spare")); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(dest, "f")) != "new" {
		t.Error("not swapped")
	}
	if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := swap(dest, filepath.Join(dir, "file"), filepath.Join(dir, "spare2")); err == nil || !strings.Contains(err.Error(), "not a folder") {
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

// tree returns every file under dir with its bytes, and every folder as
// "dir/".
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == "." {
			return nil
		}
		if d.IsDir() {
			out[filepath.ToSlash(rel)+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Builds after the first stage into the site replaced the build before:
// every build's output is exactly its files, whatever the spare held
// (longer, shorter or equal files, a folder where a file goes and the
// reverse, files and folders to remove), and an unchanged file keeps its
// modification time.
func TestWriteReusesSpare(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	sites := []map[string][]byte{
		{"index.html": []byte("one"), "a/b/c.html": []byte("c"), "x": []byte("file"), "old/y.html": []byte("y"), "same.html": []byte("same")},
		{"index.html": []byte("two, longer"), "a/b/c.html": []byte("c"), "x/z.html": []byte("now a folder"), "same.html": []byte("same")},
		{"index.html": []byte("3"), "a/b/c.html": []byte("changed c"), "x": []byte("a file again"), "same.html": []byte("same"), "new/n.html": nil},
		{"index.html": []byte("3"), "a/b/c.html": []byte("changed"), "same.html": []byte("same")},
		{"same.html": []byte("same")},
	}
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	for i, files := range sites {
		if err := writeSite(context.Background(), files, dest); err != nil {
			t.Fatalf("site %d: %v", i, err)
		}
		got := tree(t, dest)
		want := map[string]string{}
		for p, b := range files {
			want[p] = string(b)
			for d := filepath.ToSlash(filepath.Dir(p)); d != "."; d = filepath.ToSlash(filepath.Dir(d)) {
				want[d+"/"] = ""
			}
		}
		if len(got) != len(want) {
			t.Errorf("site %d: %d entries, want %d:\n got %q\nwant %q", i, len(got), len(want), got, want)
		}
		for p, b := range want {
			if g, ok := got[p]; !ok || g != b {
				t.Errorf("site %d: %s = %q (present %v), want %q", i, p, g, ok, b)
			}
		}
		if i >= 2 {
			// same.html was staged into a spare holding it: untouched.
			info, err := os.Stat(filepath.Join(dest, "same.html"))
			if err != nil {
				t.Fatal(err)
			}
			if !info.ModTime().Equal(old) {
				t.Errorf("site %d: same.html was written again (modified %v)", i, info.ModTime())
			}
		}
		if i < 2 {
			for _, d := range []string{dest, SpareOf(dest)} {
				if _, err := os.Stat(filepath.Join(d, "same.html")); err == nil {
					os.Chtimes(filepath.Join(d, "same.html"), old, old)
				}
			}
		}
		if left := leftovers(t, dir); len(left) > 0 {
			t.Errorf("site %d: leftovers %v", i, left)
		}
		if _, err := os.Stat(SpareOf(dest)); i > 0 && err != nil {
			t.Errorf("site %d: no spare: %v", i, err)
		}
	}
}

// A file of the spare is compared a piece of the reader's buffer at a
// time: files larger than it, written in writes of every size, come out
// as written wherever they first differ from the old one, and one that is
// the same is left alone.
func TestUpdateLargeFiles(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	base := make([]byte, 200<<10)
	for i := range base {
		base[i] = byte('a' + i%26)
	}
	variant := func(at int, b byte) []byte {
		v := bytes.Clone(base)
		v[at] = b
		return v
	}
	versions := [][]byte{
		base, base, base, // the same: staged into a spare that has it
		variant(10, '#'),                     // differs in the first piece
		variant(70<<10, '#'),                 // past the first 64 KiB
		variant(len(base)-1, '#'),            // the last byte
		base[:150<<10],                       // shorter
		append(bytes.Clone(base), "more"...), // longer
		nil,                                  // empty
		base,
	}
	sizes := []int{1, 100, 64 << 10, 70 << 10, 300 << 10}
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	for i, want := range versions {
		st, err := NewStage(dest)
		if err != nil {
			t.Fatal(err)
		}
		f, err := st.Create("big.html")
		if err != nil {
			t.Fatal(err)
		}
		for rest, k := want, 0; len(rest) > 0; k++ {
			n := min(len(rest), sizes[(i+k)%len(sizes)])
			if _, err := f.Write(rest[:n]); err != nil {
				t.Fatal(err)
			}
			rest = rest[n:]
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		if err := st.Commit(context.Background()); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dest, "big.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("version %d: %d bytes, want %d (equal prefix %d)", i, len(got), len(want), commonPrefix(got, want))
		}
		info, err := os.Stat(filepath.Join(dest, "big.html"))
		if err != nil {
			t.Fatal(err)
		}
		if i == 2 && !info.ModTime().Equal(old) {
			t.Errorf("version %d, the same as the spare's: written again", i)
		}
		if i < 2 {
			for _, d := range []string{dest, SpareOf(dest)} {
				os.Chtimes(filepath.Join(d, "big.html"), old, old)
			}
		}
	}
}

func commonPrefix(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// A failed build that staged into the spare leaves the site as it was and
// the spare for the next build, which still writes exactly its files.
func TestFailureWithSpare(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	for _, files := range []map[string][]byte{{"index.html": []byte("1"), "a.html": []byte("a")}, {"index.html": []byte("2")}} {
		if err := writeSite(context.Background(), files, dest); err != nil {
			t.Fatal(err)
		}
	}
	st, err := NewStage(dest)
	if err != nil {
		t.Fatal(err)
	}
	if !st.reused {
		t.Fatal("the spare was not taken")
	}
	if err := st.WriteFile("index.html", []byte("broken build")); err != nil {
		t.Fatal(err)
	}
	st.Abort()
	if got := tree(t, dest); len(got) != 1 || got["index.html"] != "2" {
		t.Errorf("site after a failed build: %q", got)
	}
	if err := writeSite(context.Background(), map[string][]byte{"index.html": []byte("3"), "b.html": []byte("b")}, dest); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dest); len(got) != 2 || got["index.html"] != "3" || got["b.html"] != "b" {
		t.Errorf("site after the next build: %q", got)
	}
	if left := leftovers(t, dir); len(left) > 0 {
		t.Errorf("leftovers %v", left)
	}
}

// Two stages at once: the second waits for the first to end (its lock),
// says who holds it, and takes the spare the first gave back.
func TestSecondStageWaits(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	for _, s := range []string{"1", "2"} {
		if err := writeSite(context.Background(), map[string][]byte{"i": []byte(s)}, dest); err != nil {
			t.Fatal(err)
		}
	}
	a, err := NewStage(dest)
	if err != nil {
		t.Fatal(err)
	}
	busy := make(chan int, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := Open(ctx, dest, Options{Busy: func(pid int) { busy <- pid }}); err == nil ||
		!strings.Contains(err.Error(), "being written by another build") || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second stage while the first is open: %v", err)
	}
	if pid := <-busy; pid != os.Getpid() {
		t.Errorf("busy: pid %d, want %d", pid, os.Getpid())
	}
	got := make(chan *Stage)
	go func() {
		b, err := Open(context.Background(), dest, Options{})
		if err != nil {
			t.Error(err)
		}
		got <- b
	}()
	select {
	case <-got:
		t.Fatal("second stage did not wait")
	case <-time.After(100 * time.Millisecond):
	}
	a.Abort()
	b := <-got
	if b == nil {
		return
	}
	if !a.reused || !b.reused {
		t.Errorf("spare not reused: %v then %v", a.reused, b.reused)
	}
	b.Abort()
}

// What builds killed part way left beside the output is put right by the
// next one: a staging folder (half written, or holding the site a build
// replaced just before it died) becomes the spare when there is none,
// the others are removed; the old site left by the two-rename fallback
// goes back in place when the output is missing.
func TestTidyAfterKill(t *testing.T) {
	files := map[string][]byte{"index.html": []byte("new"), "a/b.html": []byte("b")}
	check := func(t *testing.T, dir, dest string) {
		t.Helper()
		if err := writeSite(context.Background(), files, dest); err != nil {
			t.Fatal(err)
		}
		if got := tree(t, dest); len(got) != 3 || got["index.html"] != "new" || got["a/b.html"] != "b" {
			t.Errorf("site: %q", got)
		}
		if left := leftovers(t, dir); len(left) > 0 {
			t.Errorf("leftovers %v", left)
		}
	}
	mk := func(t *testing.T, p string, files map[string]string) {
		for name, b := range files {
			full := filepath.Join(p, name)
			os.MkdirAll(filepath.Dir(full), 0o755)
			if err := os.WriteFile(full, []byte(b), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Run("staging folders", func(t *testing.T) {
		dir := t.TempDir()
		dest := filepath.Join(dir, "public")
		mk(t, dest, map[string]string{"index.html": "old"})
		mk(t, filepath.Join(dir, ".public.tmp-1"), map[string]string{"index.html": "ne", "x/y.html": "stale"})
		mk(t, filepath.Join(dir, ".public.tmp-2"), map[string]string{"index.html": "older"})
		mk(t, filepath.Join(dir, ".public.tmp-3"), nil)
		check(t, dir, dest)
		if _, err := os.Stat(SpareOf(dest)); err != nil {
			t.Errorf("no spare: %v", err)
		}
	})
	t.Run("spare kept", func(t *testing.T) {
		dir := t.TempDir()
		dest := filepath.Join(dir, "public")
		mk(t, dest, map[string]string{"index.html": "old"})
		mk(t, SpareOf(dest), map[string]string{"index.html": "older"})
		mk(t, filepath.Join(dir, ".public.tmp-1"), map[string]string{"index.html": "half"})
		check(t, dir, dest)
	})
	t.Run("two renames", func(t *testing.T) {
		dir := t.TempDir()
		dest := filepath.Join(dir, "public")
		mk(t, filepath.Join(dir, ".public.tmp-1"), map[string]string{"index.html": "staged"})
		mk(t, filepath.Join(dir, ".public.tmp-1.old"), map[string]string{"index.html": "old"})
		st, err := NewStage(dest)
		if err != nil {
			t.Fatal(err)
		}
		if got := tree(t, dest); len(got) != 1 || got["index.html"] != "old" {
			t.Errorf("site put back: %q", got)
		}
		st.Abort()
		check(t, dir, dest)
	})
}

// writeSite writes files through a Stage, as a build does: files (slash paths relative to the site root) to dest,
// replacing what was there. dest's parent must exist or be creatable.
func writeSite(ctx context.Context, files map[string][]byte, dest string) error {
	st, err := NewStage(dest)
	if err != nil {
		return err
	}
	for p, b := range files {
		if err := ctx.Err(); err != nil {
			st.Abort()
			return err
		}
		if err := st.WriteFile(p, b); err != nil {
			st.Abort()
			return err
		}
	}
	return st.Commit(ctx)
}

// MakeDirs makes folders while files are written into them; what it made
// is the site's, Abort leaves nothing, and a stage committed while it
// runs stops it.
func TestMakeDirs(t *testing.T) {
	for _, abort := range []bool{false, true} {
		dir := t.TempDir()
		dest := filepath.Join(dir, "public")
		st, err := NewStage(dest)
		if err != nil {
			t.Fatal(err)
		}
		var dirs []string
		for i := 0; i < 500; i++ {
			dirs = append(dirs, "articles/a"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+"-"+time.Duration(i).String())
		}
		dirs = append(dirs, "../escape", "/abs", ".")
		st.MakeDirs(context.Background(), dirs)
		for _, d := range dirs[:50] {
			if err := st.WriteFile(d+"/index.html", []byte(d)); err != nil {
				t.Fatal(err)
			}
		}
		if abort {
			st.Abort()
			entries, _ := os.ReadDir(dir)
			if len(entries) != 0 {
				t.Fatalf("abort left %v", entries)
			}
			continue
		}
		if err := st.Commit(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := read(t, filepath.Join(dest, dirs[3], "index.html")); got != dirs[3] {
			t.Errorf("file in a folder made early: %q", got)
		}
		if _, err := os.Stat(filepath.Join(dir, "escape")); !os.IsNotExist(err) {
			t.Error("a folder outside the site was made")
		}
	}
}
