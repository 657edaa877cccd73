package render

import (
	"errors"
	"io/fs"
	"sort"
)

// Layers is a read-only file system made of layers: a file in an earlier
// layer hides the file of the same path in later ones. A site's own
// templates/ and static/ come first, the embedded defaults last.
type Layers []fs.FS

// Open opens the first layer's file of that name.
func (l Layers) Open(name string) (fs.File, error) {
	var firstErr error
	for _, f := range l {
		if f == nil {
			continue
		}
		file, err := f.Open(name)
		if err == nil {
			return file, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			// A file that is there but cannot be read (a link out of
			// the site, say) is an error, not hidden by the next layer.
			return nil, err
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr == nil {
		firstErr = &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return nil, firstErr
}

// Files lists the regular files of every layer, as sorted paths, each once.
func (l Layers) Files() ([]string, error) {
	seen := map[string]bool{}
	for _, f := range l {
		if f == nil {
			continue
		}
		err := fs.WalkDir(f, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == "." {
					return fs.SkipAll
				}
				return err
			}
			if d.Type().IsRegular() || (d.Type()&fs.ModeSymlink != 0) {
				seen[p] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out, nil
}

// Origin returns the index of the layer that provides name, or -1.
func (l Layers) Origin(name string) int {
	for i, f := range l {
		if f == nil {
			continue
		}
		if _, err := fs.Stat(f, name); err == nil {
			return i
		}
	}
	return -1
}
