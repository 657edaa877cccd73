package content

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/internal/parallel"
)

// LoadOptions configures Load.
type LoadOptions struct {
	Options
	// Drafts includes articles marked draft = true.
	Drafts bool
}

// Load reads and parses every article under site/content, in parallel. It
// reports all problems at once, as a diag.List, and returns the articles
// sorted by publication date, outlet and id.
func Load(ctx context.Context, site string, opts LoadOptions) ([]*Article, error) {
	paths, err := Files(site)
	if err != nil {
		return nil, err
	}
	opts.Options = opts.Options.withDefaults()
	articles := make([]*Article, len(paths))
	errs := make([]error, len(paths))
	err = parallel.For(ctx, len(paths), func(i int) {
		src, err := ReadFile(site, paths[i])
		if err != nil {
			errs[i] = err
			return
		}
		articles[i], errs[i] = Parse(paths[i], src, opts.Options)
	})
	if err != nil {
		return nil, err
	}
	return Assemble(paths, articles, errs, opts.Drafts)
}

// Assemble finishes a load from files parsed one by one, as Load and a
// watch-mode cache of parsed files do: paths[i] gave articles[i] or
// errs[i]. It reports every parse error and every pair of files that give
// one id as a diag.List, leaves drafts out unless drafts is set, and
// returns the articles sorted as Load does, in a new slice.
func Assemble(paths []string, articles []*Article, errs []error, drafts bool) ([]*Article, error) {
	var list diag.List
	for i, err := range errs {
		list.Add(paths[i], err)
	}
	out := make([]*Article, 0, len(articles))
	for _, a := range articles {
		if a != nil && (drafts || !a.Draft) {
			out = append(out, a)
		}
	}
	list = append(list, checkIDs(out)...)
	if err := list.Err(); err != nil {
		return nil, err
	}
	Sort(out)
	return out, nil
}

// Sort orders articles by publication time, then outlet, then id.
func Sort(articles []*Article) {
	sort.SliceStable(articles, func(i, j int) bool {
		a, b := articles[i], articles[j]
		if !a.Published.Equal(b.Published) {
			return a.Published.Before(b.Published)
		}
		if a.Outlet != b.Outlet {
			return a.Outlet < b.Outlet
		}
		return a.ID < b.ID
	})
}

// checkIDs reports articles whose paths give the same id.
func checkIDs(articles []*Article) diag.List {
	var errs diag.List
	seen := map[string]*Article{}
	for _, a := range articles {
		if a.ID == "" {
			errs = append(errs, &diag.Error{File: a.Path, Msg: "the file name gives an empty article id; use letters or digits in it"})
			continue
		}
		if b, ok := seen[a.ID]; ok {
			errs = append(errs, &diag.Error{File: a.Path, Msg: "article id " + a.ID + " is also the id of " + b.Path + "; rename one of the files"})
			continue
		}
		seen[a.ID] = a
	}
	return errs
}

// Files lists the article files of a site, as sorted slash paths relative to
// the site ("content/foo.md"). Hidden files and folders, editor backups and
// files that are not Markdown are skipped; a site without content/ has none.
// Folders that cannot be read are reported together, as a diag.List.
func Files(site string) ([]string, error) {
	root := filepath.Join(site, Dir)
	var paths []string
	var errs diag.List
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return fs.SkipAll
			}
			rel, rerr := filepath.Rel(site, p)
			if rerr != nil {
				return err
			}
			if errors.Is(err, fs.ErrNotExist) { // removed while listed
				return nil
			}
			errs = append(errs, fileError(filepath.ToSlash(rel), "cannot read the folder", err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != root && Ignored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.EqualFold(path.Ext(name), ".md") {
			return nil
		}
		rel, err := filepath.Rel(site, p)
		if err != nil {
			return err
		}
		paths = append(paths, filepath.ToSlash(rel))
		return nil
	})
	sort.Strings(paths)
	if err != nil {
		return paths, err
	}
	return paths, errs.Err()
}

// Ignored reports whether a file or folder name is one an editor or tool
// leaves behind rather than content: hidden files (.#foo.md, .foo.swp),
// backups (foo.md~, foo.md.bak, foo.md.orig), vim's 4913 probe, JetBrains'
// ___jb_ files, and names starting with "_" (site data such as _events.toml).
func Ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "_"), strings.HasPrefix(name, "#"),
		strings.HasSuffix(name, "~"), strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".bak"), strings.HasSuffix(name, ".orig"), strings.HasSuffix(name, ".tmp"),
		strings.Contains(name, "___jb_"), name == "4913":
		return true
	}
	return false
}
