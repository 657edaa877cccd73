package linkcheck

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// tree is the list of files and folders of the site.
type tree struct {
	files map[string]struct{} // slash paths of files (and symbolic links)
	dirs  map[string]struct{} // slash paths of folders, "" for the root
}

func (t *tree) hasFile(p string) bool { _, ok := t.files[p]; return ok }
func (t *tree) hasDir(p string) bool  { _, ok := t.dirs[p]; return ok }

// sortedFiles returns the file paths in order.
func (t *tree) sortedFiles() []string {
	out := make([]string, 0, len(t.files))
	for p := range t.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// walk lists the files under root with several goroutines: reading a folder
// is a system call that blocks, and a site has a folder per page.
func walk(ctx context.Context, root string, workers int) (*tree, error) {
	t := &tree{files: map[string]struct{}{}, dirs: map[string]struct{}{"": {}}}
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

				ents, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(dir)))
				if err == nil {
					err = ctx.Err()
				}
				mu.Lock()
				active--
				if err != nil && firstErr == nil {
					firstErr = err
				}
				for _, e := range ents {
					p := e.Name()
					if dir != "" {
						p = dir + "/" + p
					}
					if e.IsDir() {
						t.dirs[p] = struct{}{}
						stack = append(stack, p)
					} else {
						t.files[p] = struct{}{}
					}
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
	return t, nil
}

// fileReader reads files into a buffer it reuses.
type fileReader struct {
	buf []byte
}

// read returns the content of the file; the slice is valid until the next
// call. Files over 1 MiB get a buffer of their own so the reader does not
// keep it.
func (r *fileReader) read(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if r.buf == nil {
		r.buf = make([]byte, 64<<10)
	}
	buf := r.buf
	n := 0
	for {
		if n == len(buf) {
			nb := make([]byte, 2*len(buf))
			copy(nb, buf)
			buf = nb
		}
		m, err := f.Read(buf[n:])
		n += m
		if err == io.EOF || (err == nil && m == 0) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if len(buf) <= 1<<20 {
		r.buf = buf
	}
	return buf[:n], nil
}
