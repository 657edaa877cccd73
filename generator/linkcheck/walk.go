package linkcheck

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// tree is the list of files and folders of the site.
type tree struct {
	files map[string]string   // slash paths of files (and symbolic links), each mapped to itself
	dirs  map[string]struct{} // slash paths of folders, "" for the root
}

func (t *tree) hasFile(p string) bool { _, ok := t.files[p]; return ok }

// file returns the path of the file p as the tree holds it, so callers
// keep no copy of their own.
func (t *tree) file(p string) (string, bool) { f, ok := t.files[p]; return f, ok }
func (t *tree) hasDir(p string) bool         { _, ok := t.dirs[p]; return ok }

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
	t := &tree{files: map[string]string{}, dirs: map[string]struct{}{"": {}}}
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
						t.files[p] = p
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

// pathError is an error opening a file, worded like os.Open's.
type pathError struct {
	path string
	err  error
}

func (e *pathError) Error() string { return "open " + e.path + ": " + e.err.Error() }
func (e *pathError) Unwrap() error { return e.err }
