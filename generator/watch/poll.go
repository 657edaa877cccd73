package watch

import (
	"context"
	"io/fs"
	"path/filepath"
	"time"
)

// stamp is what polling compares of a file.
type stamp struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

// poll walks the watched paths every interval and sends what was created,
// changed or removed since the walk before.
func (w *Watcher) poll(ctx context.Context, out chan<- string, interval time.Duration) error {
	last := w.walk()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		now := w.walk()
		for p, s := range now {
			if old, ok := last[p]; !ok || old != s {
				send(ctx, out, p)
			}
		}
		for p := range last {
			if _, ok := now[p]; !ok {
				send(ctx, out, p)
			}
		}
		last = now
	}
}

// walk stamps every file and folder under the watched paths.
func (w *Watcher) walk() map[string]stamp {
	m := map[string]stamp{}
	for _, p := range w.opts.Paths {
		_ = filepath.WalkDir(filepath.Join(w.root, p), func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // gone, or unreadable: its absence is the change
			}
			if w.skip(q) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			r, ok := w.rel(q)
			if !ok {
				return nil
			}
			s := stamp{mode: info.Mode().Type()}
			if !info.IsDir() { // a folder's own times change with its files
				s.size, s.mod = info.Size(), info.ModTime()
			}
			m[r] = s
			return nil
		})
	}
	return m
}
