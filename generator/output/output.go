// Package output writes a rendered site to its folder so that readers
// never see half a site and a failed build never damages the last good one:
// files go to a staging folder beside the destination, which replaces the
// destination only once every file is written (an atomic exchange where the
// system has one).
//
// The site replaced is kept beside the destination, hidden (".public.prev"
// for "public"), and the next build stages into it: a file whose bytes are
// the same is left as it is (its modification time too, which deploy tools
// such as rsync look at), a changed one is rewritten in place, what the new
// site does not have is removed. A build after a small change then writes
// little, and makes and deletes no folders: on file systems where making
// and deleting thousands of folders is slow (ext4 with discard on virtual
// disks), that is most of the cost of writing a large site again.
//
// One build at a time writes a destination: Open takes an exclusive lock
// on a file beside it (".public.lock", flock(2), which the kernel drops
// when the process ends however it ends; the file is removed when the
// build is done) and a second build waits for the first to finish. A
// build killed part way (kill -9, the out-of-memory killer) leaves the
// destination as it was or the new site, since only one atomic exchange
// changes it; what it leaves beside it (a staging folder, or the site it
// replaced when it died just after the exchange) is taken as the spare or
// removed by the next build, under the lock.
package output

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/timeline-dev/timeline/generator/internal/parallel"
)

// SpareOf returns the folder where the site that dest replaced is kept:
// ".<name>.prev" beside it.
func SpareOf(dest string) string {
	dest = filepath.Clean(dest)
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".prev")
}

// LockOf returns the lock file of dest: ".<name>.lock" beside it, which
// holds the process id of the build that has it and is removed when that
// build is done (a build killed leaves it; the next one takes it over).
func LockOf(dest string) string {
	dest = filepath.Clean(dest)
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".lock")
}

// A Stage is a site being written: its files go to a staging folder beside
// the destination, which Commit puts in the destination's place and Abort
// gives up. Create and WriteFile may be called from several goroutines at
// once, so that pages are written as they are rendered, none kept in
// memory.
type Stage struct {
	dest, dir string
	// reused is set when dir is the previous site (see the package doc):
	// files are compared before they are written, and what the new site
	// does not have is removed at Commit.
	reused  bool
	dirs    sync.Map  // slash paths of the folders made or kept under dir → true
	files   sync.Map  // with reused: slash paths of the files written → true
	buffers sync.Pool // *bufio.Writer, for the files being written
	reads   sync.Pool // with reused: *bufio.Reader, for the files compared
	lock    *os.File  // dest's lock, held until Commit or Abort
	// early is the goroutine of MakeDirs, which Commit and Abort wait for
	// (stop ends it early).
	early sync.WaitGroup
	stop  chan struct{}
}

// Options configures Open.
type Options struct {
	// Busy, if set, is called once when another build is writing the
	// destination, before Open waits for it to finish; pid is that
	// build's process id, 0 when not known.
	Busy func(pid int)
}

// NewStage is Open without a deadline or options.
func NewStage(dest string) (*Stage, error) {
	return Open(context.Background(), dest, Options{})
}

// Open creates the staging folder of a site to be written to dest, or
// takes the site dest replaced last time. dest's parent must exist or be
// creatable. It first takes dest's lock (see LockOf), waiting as long as
// another build holds it or until ctx is done, and puts right what a
// build killed part way left beside dest.
func Open(ctx context.Context, dest string, opts Options) (*Stage, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lock, err := acquire(ctx, dest, opts.Busy)
	if err != nil {
		return nil, err
	}
	st, err := newStage(dest)
	if err != nil {
		(&Stage{dest: dest, lock: lock}).release()
		return nil, err
	}
	st.lock = lock
	return st, nil
}

// acquire takes the lock of dest, waiting while another process holds it.
// The holder removes the lock file as it lets go (see release): a lock
// taken on a file no longer at the lock's name is let go and taken again
// on the file there now.
func acquire(ctx context.Context, dest string, busy func(pid int)) (*os.File, error) {
	name := LockOf(dest)
	told := false
	for {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock the output folder: %w", err)
		}
		for {
			ok, err := tryLock(f)
			if err != nil {
				f.Close()
				return nil, fmt.Errorf("lock the output folder: %s: %w", name, err)
			}
			if ok {
				break
			}
			if !told && busy != nil {
				busy(holder(f))
				told = true
			}
			select {
			case <-ctx.Done():
				pid := holder(f)
				f.Close()
				return nil, fmt.Errorf("%s is being written by another build (process %d, lock %s): %w",
					dest, pid, name, ctx.Err())
			case <-time.After(50 * time.Millisecond):
			}
		}
		held, herr := f.Stat()
		now, nerr := os.Stat(name)
		if herr == nil && nerr == nil && os.SameFile(held, now) {
			// The holder's process id, for the builds that wait.
			if err := f.Truncate(0); err == nil {
				f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
			}
			return f, nil
		}
		f.Close()
	}
}

// holder returns the process id written in a lock file, 0 if none.
func holder(f *os.File) int {
	b := make([]byte, 32)
	n, _ := f.ReadAt(b, 0)
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b[:n])))
	return pid
}

// release removes dest's lock file and lets the lock go; the Stage is
// then spent.
func (s *Stage) release() {
	if s.lock != nil {
		os.Remove(LockOf(s.dest))
		s.lock.Close()
		s.lock = nil
	}
}

// newStage makes the staging folder, dest's lock held.
func newStage(dest string) (*Stage, error) {
	if err := tidy(dest); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dest)
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	st := &Stage{dest: dest, dir: dir}
	st.buffers.New = func() any { return bufio.NewWriterSize(nil, 64<<10) }
	st.reads.New = func() any { return bufio.NewReaderSize(nil, 64<<10) }
	// Take the spare, if there is one: renaming it to the unique name just
	// made claims it, so that two builds never stage into one folder.
	spare := SpareOf(dest)
	if info, err := os.Lstat(spare); err == nil && info.IsDir() && os.Remove(dir) == nil {
		if os.Rename(spare, dir) == nil {
			st.reused = true
			return st, nil
		}
		if err := os.Mkdir(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create staging folder: %w", err)
		}
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return st, nil
}

// tidy puts right, dest's lock held, what builds killed part way left
// beside dest: staging folders (".public.tmp-*"), half written or holding
// the site a build replaced just before it died. With two renames instead
// of an atomic exchange, a build that died between them left no dest and
// its old site at "<staging folder>.old": that goes back in place. One of
// the others becomes the spare when there is none (the next build checks
// every file of it, as of any spare); the rest are removed.
func tidy(dest string) error {
	parent, prefix := filepath.Dir(dest), "."+filepath.Base(dest)+".tmp-"
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	var strays []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			strays = append(strays, filepath.Join(parent, e.Name()))
		}
	}
	take := func(to string, ok func(string) bool) {
		for i, p := range strays {
			if info, err := os.Lstat(p); err == nil && info.IsDir() && ok(p) && os.Rename(p, to) == nil {
				strays = append(strays[:i], strays[i+1:]...)
				return
			}
		}
	}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		take(dest, func(p string) bool { return strings.HasSuffix(p, ".old") })
	}
	if _, err := os.Lstat(SpareOf(dest)); errors.Is(err, fs.ErrNotExist) {
		take(SpareOf(dest), func(string) bool { return true })
	}
	var errs []error
	for _, p := range strays {
		if err := removeAll(p); err != nil {
			errs = append(errs, fmt.Errorf("remove the staging folder an interrupted build left: %w", err))
		}
	}
	return errors.Join(errs...)
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
	if !validPath(p) {
		return nil, fmt.Errorf("output: invalid file path %q", p)
	}
	if err := s.mkdir(path.Dir(p)); err != nil {
		return nil, err
	}
	full := filepath.Join(s.dir, filepath.FromSlash(p))
	if !s.reused {
		f, err := openFile(full, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return nil, err
		}
		w := s.buffers.Get().(*bufio.Writer)
		w.Reset(f)
		return &file{Writer: w, f: f, s: s}, nil
	}
	s.files.Store(p, true)
	f, err := openFile(full, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		// A folder of the last site where the file goes.
		if rerr := os.RemoveAll(full); rerr != nil {
			return nil, err
		}
		if f, err = openFile(full, os.O_RDWR|os.O_CREATE, 0o644); err != nil {
			return nil, err
		}
	}
	r := s.reads.Get().(*bufio.Reader)
	r.Reset(f)
	return &update{f: f, r: r, s: s}, nil
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
	full := filepath.Join(s.dir, filepath.FromSlash(d))
	err := os.Mkdir(full, 0o755)
	if errors.Is(err, fs.ErrExist) && s.reused {
		if info, serr := os.Lstat(full); serr == nil && !info.IsDir() {
			// A file of the last site where the folder goes.
			if err = os.Remove(full); err == nil {
				err = os.Mkdir(full, 0o755)
			}
		}
	}
	if err != nil && !errors.Is(err, fs.ErrExist) { // another writer may have made it
		return err
	}
	s.dirs.Store(d, true)
	return nil
}

// validPath reports a slash path of a file or folder inside the site.
func validPath(p string) bool {
	return fs.ValidPath(p) && p != "." && !strings.Contains(p, `\`)
}

// MakeDirs makes the folders dirs (slash paths relative to the site's
// root, which the site is known to have) in the background, until ctx is
// done or the stage is committed or aborted, while the caller goes on: a
// build makes its article pages' folders while it builds the timeline, on
// the core grouping leaves idle, since making thousands of folders is slow
// on some file systems (see the package doc). Create makes a folder
// itself when it needs it first.
func (s *Stage) MakeDirs(ctx context.Context, dirs []string) {
	if s.stop == nil {
		s.stop = make(chan struct{})
	}
	stop := s.stop
	s.early.Add(1)
	go func() {
		defer s.early.Done()
		for n, d := range dirs {
			if n%64 == 0 {
				select {
				case <-stop:
					return
				case <-ctx.Done():
					return
				default:
				}
			}
			if !validPath(d) {
				continue
			}
			s.mkdir(d) // an error shows again when a file goes there
		}
	}()
}

// waitDirs stops MakeDirs and waits for it.
func (s *Stage) waitDirs() {
	if s.stop != nil {
		close(s.stop)
		s.stop = nil
	}
	s.early.Wait()
}

// file is a new file being written through a buffer.
type file struct {
	*bufio.Writer
	f *fdFile
	s *Stage
}

func (f *file) Close() error {
	err := errors.Join(f.Flush(), f.f.Close())
	f.Reset(nil)
	f.s.buffers.Put(f.Writer)
	return err
}

// update is a file of the last site being written again: as long as the
// bytes written are the ones it has, nothing is written; from the first
// difference on, the rest is written over it, and Close cuts what is left
// of the old file.
type update struct {
	f    *fdFile
	r    *bufio.Reader // the old bytes, while they are the same
	w    *bufio.Writer // from the first difference
	off  int64         // bytes found the same
	err  error
	s    *Stage
	done bool
}

func (u *update) Write(b []byte) (int, error) {
	if u.err != nil {
		return 0, u.err
	}
	rest := b
	// The old bytes are compared in the reader's buffer, a piece of at
	// most its size at a time.
	for u.w == nil && len(rest) > 0 {
		k := min(len(rest), u.r.Size())
		old, _ := u.r.Peek(k)
		if !bytes.Equal(old, rest[:k]) {
			// The first difference is in this piece: write from its
			// start on.
			if _, err := u.f.Seek(u.off, io.SeekStart); err != nil {
				u.err = err
				return len(b) - len(rest), err
			}
			u.w = u.s.buffers.Get().(*bufio.Writer)
			u.w.Reset(u.f)
			break
		}
		u.r.Discard(k)
		u.off += int64(k)
		rest = rest[k:]
	}
	if len(rest) == 0 {
		return len(b), nil
	}
	n, err := u.w.Write(rest)
	u.off += int64(n)
	if err != nil {
		u.err = err
	}
	return len(b) - len(rest) + n, err
}

func (u *update) Close() error {
	if u.done {
		return nil
	}
	u.done = true
	err := u.err
	same := u.w == nil
	if same {
		// As long as the old file, or longer?
		if _, rerr := u.r.ReadByte(); rerr == io.EOF {
			u.release()
			return errors.Join(err, u.f.Close())
		}
	} else {
		err = errors.Join(err, u.w.Flush())
	}
	if size, serr := u.f.Size(); serr != nil {
		err = errors.Join(err, serr)
	} else if size != u.off {
		err = errors.Join(err, u.f.Truncate(u.off))
	}
	u.release()
	return errors.Join(err, u.f.Close())
}

func (u *update) release() {
	u.r.Reset(nil)
	u.s.reads.Put(u.r)
	if u.w != nil {
		u.w.Reset(nil)
		u.s.buffers.Put(u.w)
	}
}

// Commit puts the staged site in the destination's place and keeps the
// previous one as the spare for the next build. The Stage is then spent.
func (s *Stage) Commit(ctx context.Context) error {
	s.waitDirs()
	if err := ctx.Err(); err != nil {
		s.Abort()
		return err
	}
	if s.reused {
		if err := s.sweep(); err != nil {
			s.Abort()
			return err
		}
	}
	if err := swap(s.dir, s.dest, SpareOf(s.dest)); err != nil {
		s.Abort()
		return err
	}
	s.release()
	return nil
}

// Abort gives the staging folder up; the destination is left as it was.
// A reused spare is kept for the next build, which checks every file of
// it again.
func (s *Stage) Abort() {
	s.waitDirs()
	defer s.release()
	if s.reused && os.Rename(s.dir, SpareOf(s.dest)) == nil {
		return
	}
	removeAll(s.dir)
}

// sweep removes from a reused spare what the new site does not have: the
// folders two levels down (a site has one per page: events/<id>/) on
// every core.
func (s *Stage) sweep() error {
	// stale removes the entries of folder rel that the new site does not
	// have, and returns the folders it keeps.
	stale := func(rel string) ([]string, error) {
		entries, err := os.ReadDir(filepath.Join(s.dir, filepath.FromSlash(rel)))
		if err != nil {
			return nil, err
		}
		var keep []string
		for _, e := range entries {
			p := path.Join(rel, e.Name())
			full := filepath.Join(s.dir, filepath.FromSlash(p))
			if e.IsDir() {
				if _, ok := s.dirs.Load(p); ok {
					keep = append(keep, p)
				} else if err := os.RemoveAll(full); err != nil {
					return nil, err
				}
				continue
			}
			if _, ok := s.files.Load(p); !ok {
				if err := os.Remove(full); err != nil {
					return nil, err
				}
			}
		}
		return keep, nil
	}
	var walk func(rel string) error
	walk = func(rel string) error {
		keep, err := stale(rel)
		for _, k := range keep {
			err = errors.Join(err, walk(k))
		}
		return err
	}
	top, err := stale(".")
	if err != nil {
		return err
	}
	var second []string
	for _, t := range top {
		sub, err := stale(t)
		if err != nil {
			return err
		}
		second = append(second, sub...)
	}
	errs := make([]error, len(second))
	parallel.For(context.Background(), len(second), func(i int) { errs[i] = walk(second[i]) })
	return errors.Join(errs...)
}

// swap puts the staging folder in place of dest and keeps the old dest as
// spare (or removes it when it cannot).
func swap(stage, dest, spare string) error {
	info, err := os.Lstat(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.Rename(stage, dest)
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("output: %s exists and is not a folder", dest)
	}
	old := stage
	if exchange(stage, dest) != nil {
		old = stage + ".old"
		if err := os.Rename(dest, old); err != nil {
			return err
		}
		if err := os.Rename(stage, dest); err != nil {
			_ = os.Rename(old, dest) // put the old site back
			return err
		}
	}
	// old now holds the previous site.
	if err := os.Rename(old, spare); err != nil {
		return removeAll(old)
	}
	return nil
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
