// Package output writes a rendered site to its folder so that readers
// never see half a site and a failed build never damages the last good one:
// files go to a staging folder beside the destination, which replaces the
// destination only once every file is written (an atomic exchange where the
// system has one).
package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Write writes files (slash paths relative to the site root) to dest,
// replacing what was there. dest's parent must exist or be creatable.
func Write(ctx context.Context, files map[string][]byte, dest string) error {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".tmp-")
	if err != nil {
		return fmt.Errorf("create staging folder: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(stage)
		}
	}()
	if err := os.Chmod(stage, 0o755); err != nil {
		return err
	}
	for p, b := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !fs.ValidPath(p) || strings.Contains(p, `\`) {
			return fmt.Errorf("output: invalid file path %q", p)
		}
		full := filepath.Join(stage, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			return err
		}
	}
	if err := swap(stage, dest); err != nil {
		return err
	}
	ok = true
	return nil
}

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
		return os.RemoveAll(stage)
	}
	old := stage + ".old"
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	if err := os.Rename(stage, dest); err != nil {
		_ = os.Rename(old, dest) // put the old site back
		return err
	}
	return os.RemoveAll(old)
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
