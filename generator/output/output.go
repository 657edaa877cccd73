// Package output writes a rendered site to its folder so that readers
// never see half a site and a failed build never damages the last good one:
// files go to a staging folder beside the destination, which replaces the
// destination only once every file is written (an atomic exchange where the
// system has one).
package output

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/timeline-dev/timeline/generator/internal/parallel"
)

// Write writes files (slash paths relative to the site root) to dest,
// replacing what was there. dest's parent must exist or be creatable.
func Write(ctx context.Context, files map[string][]byte, dest string) error {
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

// A Stage is a site being written: its files go to a staging folder beside
// the destination, which Commit puts in the destination's place and Abort
// removes. WriteFile may be called from several goroutines at once, so
// that pages are written as they are rendered, none kept in memory.
type Stage struct {
	dest, dir string
	dirs      sync.Map  // slash paths of the folders made under dir → true
	buffers   sync.Pool // *bufio.Writer, for the files being written
}

// NewStage creates the staging folder of a site to be written to dest.
// dest's parent must exist or be creatable.
func NewStage(dest string) (*Stage, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	st := &Stage{dest: dest, dir: dir}
	st.buffers.New = func() any { return bufio.NewWriterSize(nil, 64<<10) }
	return st, nil
}

// WriteFile writes the file at the slash path p, relative to the site's
// root, making its folders as needed.
func (s *Stage) WriteFile(p string, b []byte) error {
	f, err := s.Create(p)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	return errors.Join(err, f.Close())
}

// Create creates the file at the slash path p, relative to the site's
// root, making its folders as needed, for writing through a buffer that
// Close flushes.
func (s *Stage) Create(p string) (io.WriteCloser, error) {
	if !fs.ValidPath(p) || p == "." || strings.Contains(p, `\`) {
		return nil, fmt.Errorf("output: invalid file path %q", p)
	}
	if err := s.mkdir(path.Dir(p)); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(s.dir, filepath.FromSlash(p)), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	w := s.buffers.Get().(*bufio.Writer)
	w.Reset(f)
	return &file{Writer: w, f: f, s: s}, nil
}

// file is a file being written through a buffer.
type file struct {
	*bufio.Writer
	f *os.File
	s *Stage
}

func (f *file) Close() error {
	err := errors.Join(f.Flush(), f.f.Close())
	f.Reset(nil)
	f.s.buffers.Put(f.Writer)
	return err
}

// mkdir makes the folder at slash path d and its parents, each once.
func (s *Stage) mkdir(d string) error {
	if d == "." {
		return nil
	}
	if _, ok := s.dirs.Load(d); ok {
		return nil
	}
	if err := s.mkdir(path.Dir(d)); err != nil {
		return err
	}
	err := os.Mkdir(filepath.Join(s.dir, filepath.FromSlash(d)), 0o755)
	if err != nil && !errors.Is(err, fs.ErrExist) { // another writer may have made it
		return err
	}
	s.dirs.Store(d, true)
	return nil
}

// Commit puts the staged site in the destination's place and removes the
// previous one. The Stage is then spent.
func (s *Stage) Commit(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		s.Abort()
		return err
	}
	if err := swap(s.dir, s.dest); err != nil {
		s.Abort()
		return err
	}
	return nil
}

// Abort removes the staging folder; the destination is left as it was.
func (s *Stage) Abort() { removeAll(s.dir) }

// swap puts the staging folder in place of dest and removes the old dest.
func swap(stage, dest string) error {
	info, err := os.Lstat(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.Rename(stage, dest)
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("output: %s exists and is not a folder", dest)
	}
	if exchange(stage, dest) == nil {
		// stage now holds the old site.
		return removeAll(stage)
	}
	old := stage + ".old"
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	if err := os.Rename(stage, dest); err != nil {
		_ = os.Rename(old, dest) // put the old site back
		return err
	}
	return removeAll(old)
}

// removeAll removes the folder dir like os.RemoveAll, but the folders two
// levels down (a site has one per page: events/<id>/) on every core.
func removeAll(dir string) error {
	var subs []string
	top, _ := os.ReadDir(dir)
	for _, t := range top {
		if !t.IsDir() {
			continue
		}
		entries, _ := os.ReadDir(filepath.Join(dir, t.Name()))
		for _, e := range entries {
			if e.IsDir() {
				subs = append(subs, filepath.Join(dir, t.Name(), e.Name()))
			}
		}
	}
	errs := make([]error, len(subs)+1)
	parallel.For(context.Background(), len(subs), func(i int) { errs[i] = os.RemoveAll(subs[i]) })
	errs[len(subs)] = os.RemoveAll(dir)
	return errors.Join(errs...)
}

// CheckDest refuses destinations where replacing the folder would destroy
// the site's sources: the site folder itself, a folder containing it, or a
// folder holding content/ or config.toml.
func CheckDest(site, dest string) error {
	s, err1 := filepath.Abs(site)
	d, err2 := filepath.Abs(dest)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	if d == s || strings.HasPrefix(s+string(filepath.Separator), d+string(filepath.Separator)) {
		return fmt.Errorf("output folder %s contains the site's source %s: building there would delete it; choose another --dest", dest, site)
	}
	for _, name := range []string{"content", "config.toml", ".git"} {
		if _, err := os.Lstat(filepath.Join(d, name)); err == nil {
			return fmt.Errorf("output folder %s holds %s: it looks like a site's source or a repository, not build output; choose another --dest", dest, path.Join(filepath.Base(d), name))
		}
	}
	return nil
}
