package linkcheck

import (
	"context"
	"io"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
)

// tree is the list of files and folders of the site.
type tree struct {
	paths []string         // slash paths of files (and symbolic links), sorted
	index map[string]int32 // path → index in paths
	dirs  map[string]struct{}
	// pages holds, by index in paths, what an HTML page holds once it
	// has been scanned, for the fragment links to it.
	pages  []atomic.Pointer[pageInfo]
	nPages int // the number of HTML files
	// irregular holds the files that are not regular files (symbolic
	// links and the like), usually none.
	irregular map[string]struct{}
}

// entryType is the type of a folder entry.
type entryType uint8

const (
	entryDir entryType = iota
	entryRegular
	entryOther
)

// regular reports whether the file p is a regular file (not a symbolic
// link to one).
func (t *tree) regular(p string) bool { _, irr := t.irregular[p]; return !irr }

// lookup returns the index of the file p.
func (t *tree) lookup(p string) (int32, bool) { i, ok := t.index[p]; return i, ok }
func (t *tree) hasDir(p string) bool          { _, ok := t.dirs[p]; return ok }

// page returns what the HTML page of index i holds, or nil when it has not
// been scanned (yet).
func (t *tree) page(i int32) *pageInfo { return t.pages[i].Load() }

// walk lists the files under root with several goroutines: reading a folder
// is a system call that blocks, and a site has a folder per page.
func walk(ctx context.Context, root string, workers int) (*tree, error) {
	t := &tree{dirs: map[string]struct{}{"": {}}}
	var (
		mu       sync.Mutex
		cond     = sync.NewCond(&mu)
		stack    = []string{""}
		active   int
		firstErr error
	)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			var files, dirs, irregular []string
			for {
				mu.Lock()
				for len(stack) == 0 && active > 0 && firstErr == nil {
					cond.Wait()
				}
				if len(stack) == 0 || firstErr != nil {
					mu.Unlock()
					cond.Broadcast()
					return
				}
				dir := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				active++
				mu.Unlock()

				files, dirs, irregular = files[:0], dirs[:0], irregular[:0]
				var err error
				buf, err = readDir(filepath.Join(root, filepath.FromSlash(dir)), buf, func(name []byte, typ entryType) {
					p := string(name)
					if dir != "" {
						p = dir + "/" + p
					}
					switch typ {
					case entryDir:
						dirs = append(dirs, p)
					case entryOther:
						irregular = append(irregular, p)
						fallthrough
					default:
						files = append(files, p)
					}
				})
				if err == nil {
					err = ctx.Err()
				}
				mu.Lock()
				active--
				if err != nil && firstErr == nil {
					firstErr = err
				}
				for _, p := range dirs {
					t.dirs[p] = struct{}{}
				}
				stack = append(stack, dirs...)
				t.paths = append(t.paths, files...)
				for _, p := range irregular {
					if t.irregular == nil {
						t.irregular = map[string]struct{}{}
					}
					t.irregular[p] = struct{}{}
				}
				mu.Unlock()
				cond.Broadcast()
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	sort.Strings(t.paths)
	t.index = make(map[string]int32, len(t.paths))
	for i, p := range t.paths {
		t.index[p] = int32(i)
		if isPage(p) {
			t.nPages++
		}
	}
	t.pages = make([]atomic.Pointer[pageInfo], len(t.paths))
	return t, nil
}

// pathError is an error opening a file, worded like os.Open's.
type pathError struct {
	path string
	err  error
}

func (e *pathError) Error() string { return "open " + e.path + ": " + e.err.Error() }
func (e *pathError) Unwrap() error { return e.err }

// readAll reads r to its end, appending to buf, which it first grows to
// hold size bytes (the file's size, 0 when unknown): when the size is
// right, a single read fills it and a second sees the end.
func readAll(r io.Reader, buf []byte, size int) ([]byte, error) {
	if cap(buf)-len(buf) < size+1 {
		buf = append(buf[:cap(buf)], make([]byte, size+1-(cap(buf)-len(buf)))...)[:len(buf)]
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
