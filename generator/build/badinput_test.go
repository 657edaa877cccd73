package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/internal/badinput"
	"github.com/timeline-dev/timeline/generator/tagcache"
)

// TestBadInput builds a good site, then the site with one bad input (a row
// of badinput.Rows, the table that serve's TestServeBadInput runs too), and
// checks that the build fails with the message of the row at its file,
// line and column and leaves the output byte for byte as it was, and that
// no staging folder is left.
func TestBadInput(t *testing.T) {
	for _, c := range badinput.Rows {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			if c.Unprivileged && os.Geteuid() == 0 {
				// Root reads any file and lists any folder, whatever
				// their permissions (and so does a folder without x
				// permission): run the row again as nobody.
				badinput.AsNobody(t)
				return
			}
			badInputRow(t, c)
		})
	}
}

func badInputRow(t *testing.T, c badinput.Row) {
	site := t.TempDir()
	badinput.WriteSite(t, site)
	opts := Options{Source: site, Theme: timeline.Theme}
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("the good site does not build: %v", diag.Detail(err))
	}
	before := tree(t, res.Dest)

	c.Break(t, site)
	start := time.Now()
	res, err = Build(context.Background(), opts)
	t.Logf("build: %v", time.Since(start).Round(time.Millisecond))
	if len(c.Want) == 0 {
		if err != nil {
			t.Fatalf("build failed: %v", diag.Detail(err))
		}
		for _, p := range c.Output {
			if _, err := os.Stat(filepath.Join(res.Dest, filepath.FromSlash(p))); err != nil {
				t.Errorf("output lacks %s", p)
			}
		}
		checkInside(t, site, res.Dest)
		return
	}
	if err == nil {
		t.Fatal("the build succeeded")
	}
	if IsUsage(err) {
		t.Errorf("a bad input reported as a usage error: %v", err)
	}
	errs := diag.Errors(err)
	if len(errs) == 0 {
		t.Fatalf("error without a file: %v", err)
	}
	var lines []string
	for _, e := range errs {
		if e.File == "" || strings.HasPrefix(e.File, "/") {
			t.Errorf("error names no site file: %v", e)
		}
		lines = append(lines, e.Error())
	}
	t.Logf("errors:\n%s", strings.Join(lines, "\n"))
	for _, w := range c.Want {
		re := regexp.MustCompile(w)
		found := false
		for _, l := range lines {
			found = found || re.MatchString(l)
		}
		if !found {
			t.Errorf("no error matches %s; got\n%s", w, diag.Detail(err))
		}
	}
	for _, s := range c.Absent {
		if strings.Contains(diag.Detail(err), s) {
			t.Errorf("the error shows %q:\n%s", s, diag.Detail(err))
		}
	}
	if after := tree(t, filepath.Join(site, "public")); !bytes.Equal(after, before) {
		t.Error("the failed build changed the output folder")
	}
	checkInside(t, site, filepath.Join(site, "public"))
}

// tree is the folder's files and bytes, for comparing byte for byte.
func tree(t *testing.T, dir string) []byte {
	t.Helper()
	var b bytes.Buffer
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		b.WriteString(rel + " " + info.Mode().String() + "\n")
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b.Write(data)
			b.WriteByte(0)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkInside checks that the site folder holds nothing but its sources,
// the output and its spare: no staging folder left, nothing written
// beside them.
func checkInside(t *testing.T, site, dest string) {
	t.Helper()
	entries, err := os.ReadDir(site)
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(dest)
	for _, e := range entries {
		switch name := e.Name(); {
		case name == "config.toml", name == "content", name == "templates", name == "static", name == "notes", name == base,
			name == tagcache.Dir:
		case strings.HasPrefix(name, "."+base+".tmp-"), strings.HasSuffix(name, ".old"):
			t.Errorf("the build left its staging folder %s", name)
		case strings.HasPrefix(name, "."+base+"."): // the spare (.public.prev), the lock
		default:
			t.Errorf("the build left %s in the site folder", name)
		}
	}
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeSymlink != 0 {
			t.Errorf("the output has a symbolic link: %s", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
