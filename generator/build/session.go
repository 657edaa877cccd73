package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/timeline-dev/timeline/generator/config"
	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/internal/parallel"
	"github.com/timeline-dev/timeline/generator/markdown"
	"github.com/timeline-dev/timeline/generator/render"
	"github.com/timeline-dev/timeline/generator/tagcache"
	"github.com/timeline-dev/timeline/generator/timeline"
)

// Session builds one site again and again, as a preview server does after
// every edit, keeping between builds what an edit does not change:
//
//   - every article file's bytes and its parse (or its errors): a file is
//     parsed again only when its bytes changed;
//   - every article's mentions and the headlines made of its sentences
//     (timeline.Cache): only changed articles are tagged again, while
//     grouping, which depends on every article, is always redone;
//   - the parsed templates (render.TemplateCache), reused while the
//     template files are the same.
//
// A build gives a Snapshot whose files render on demand, so that a server
// renders only the pages browsers ask for. A change of config.toml starts
// from scratch (when its bytes changed). The result is always the one Render gives for the same
// files: the caches are keyed by the bytes they were made from.
//
// A Session is not safe for concurrent use: one build at a time.
type Session struct {
	opts Options

	cfg    *config.Config
	cfgSrc []byte // config.toml as read
	md     *markdown.Markdown
	files  map[string]*sourceFile // content paths ("content/a.md") → file
	cache  *timeline.Cache
	// store is the site's mentions cache on disk (see package tagcache),
	// read on the first build, nil with Options.NoCache; storeNote says
	// why there is none.
	store     *tagcache.Cache
	storeNote *diag.Error
	templates *render.TemplateCache
	// prev is the timeline of the last build written to the output
	// folder, read when the session starts: the preview gives events
	// the ids a build would.
	prev *timeline.Previous
	// dirty are the article files Preview read since the last Build that
	// succeeded, which Preview's model must all take in.
	dirty map[string]bool
	// assembled are the articles as articles last made them, and where
	// each path's is among them.
	assembled   []*content.Article
	assembledAt map[string]int
}

// sourceFile is an article file as last read.
type sourceFile struct {
	src     []byte
	article *content.Article
	err     error
}

// Snapshot is the site as one build of a Session made it.
type Snapshot struct {
	Config   *config.Config
	Articles []*content.Article
	Model    *timeline.Model
	// Files renders the site's files on demand.
	Files *render.Renderer
	Stats SessionStats
}

// SessionStats says what a build of a Session did again and what it
// reused.
type SessionStats struct {
	// Full is set when the build started from scratch: the first one, and
	// those after config.toml changed.
	Full bool
	// Scanned is set when content/ was walked again (a folder changed, or
	// no list of changed files was given).
	Scanned bool
	// Parsed is the number of article files parsed; Read the number read.
	Parsed, Read int
	// Tagged is the number of articles whose mentions were extracted;
	// Reused the number whose mentions came from the cache.
	Tagged, Reused int
	// TemplatesReused is set when the parsed templates were reused.
	TemplatesReused bool
	// Provisional is set for a snapshot of Preview.
	Provisional bool
	Duration    time.Duration
}

// NewSession returns a session that builds the site of opts. Nothing is
// read before the first Build.
func NewSession(opts Options) *Session {
	return &Session{opts: opts}
}

// Build builds the site again. changed lists the files and folders that
// changed since the last build, as slash paths relative to the site folder
// ("content/a.md", "templates/base.html", "config.toml"); nil means
// unknown: every article file is read again (and parsed only if its bytes
// changed). Templates, static files and the overrides file are read on
// every build; they are small.
//
// On error the session keeps its caches, so the next build after a fix is
// as quick as any.
func (s *Session) Build(ctx context.Context, changed []string) (*Snapshot, error) {
	start := time.Now()
	var st SessionStats
	src := source(s.opts)
	if s.cfg == nil || changed == nil || contains(changed, config.FileName) {
		b, _ := os.ReadFile(filepath.Join(src, config.FileName)) // Load reports the errors
		if s.cfg == nil || !bytes.Equal(b, s.cfgSrc) {
			s.reset()
			cfg, err := Load(s.opts)
			if err != nil {
				return nil, err
			}
			s.cfg, s.cfgSrc = cfg, b
			s.prev = previous(s.opts, Dest(s.opts, cfg))
			s.md = markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML})
			s.store, s.storeNote = openCache(ctx, s.opts, cfg)()
			st.Full = true
		}
	}
	var err error
	if st.Full || changed == nil || s.needsScan(changed) {
		st.Scanned = true
		st.Read, st.Parsed, err = s.scan(ctx)
	} else {
		st.Read, st.Parsed, err = s.reread(ctx, articleFiles(changed))
	}
	if err != nil {
		return nil, err
	}
	articles, overrides, err := s.articles()
	if err != nil {
		return nil, err
	}
	topts := timelineOptions(s.cfg, nil, overrides, s.cache, s.store)
	prev := s.prev
	topts.Previous = func() *timeline.Previous { return prev }
	model, err := timeline.Build(ctx, articles, topts)
	if err != nil {
		return nil, err
	}
	note := s.storeNote
	if _, err := s.store.Save(ctx, articles); err != nil && note == nil {
		note = cacheNote(s.opts, "not saved", err)
	}
	if note != nil {
		model.Notes = append(model.Notes, note)
	}
	s.dirty = nil
	if err := ctx.Err(); err != nil {
		return nil, err // the caches are those of this build
	}
	s.cache.Prepare() // for the next Preview
	cs := s.cache.Stats()
	st.Tagged, st.Reused = cs.Extracted, cs.Reused
	return s.snapshot(articles, model, st, start)
}

// Preview builds the site quickly after an edit of article files, for a
// preview server to show while Build makes the site exactly: the changed
// files are parsed again, and their mentions are placed among the events
// of the last Build (see timeline.Update), so that the work grows with
// the edit rather than with the site. The snapshot's Stats.Provisional is
// set: a Build of the same files may group some mentions differently.
//
// ok is false, and Build is the way, when changed holds anything but
// existing article files that the last build had, when one of them does
// not parse, or when timeline.Update cannot take the edit (articles that
// declare events, overrides, no last Build).
func (s *Session) Preview(ctx context.Context, changed []string) (snap *Snapshot, ok bool, err error) {
	start := time.Now()
	if s.cfg == nil || len(changed) == 0 {
		return nil, false, nil
	}
	var edited []string
	for _, p := range changed {
		if s.leftover(p) {
			continue
		}
		if !isArticlePath(p) || ignoredPath(p) || s.files[p] == nil || s.files[p].article == nil {
			return nil, false, nil
		}
		info, err := os.Lstat(filepath.Join(source(s.opts), filepath.FromSlash(p)))
		if err != nil || !info.Mode().IsRegular() {
			return nil, false, nil
		}
		edited = append(edited, p)
	}
	if len(edited) == 0 {
		return nil, false, nil
	}
	changed = edited
	st := SessionStats{Provisional: true}
	st.Read, st.Parsed, err = s.reread(ctx, changed)
	if err != nil {
		return nil, false, err
	}
	if s.dirty == nil {
		s.dirty = map[string]bool{}
	}
	for _, p := range changed {
		f := s.files[p]
		if f == nil || f.err != nil {
			return nil, false, nil // Build reports it
		}
		s.dirty[p] = true
	}
	var ids []string
	for p := range s.dirty {
		f := s.files[p]
		if f == nil || f.article == nil {
			return nil, false, nil
		}
		ids = append(ids, f.article.ID)
	}
	sort.Strings(ids)
	articles, overrides, err := s.replaced()
	if err != nil {
		return nil, false, nil // Build reports it
	}
	model, ok, err := timeline.Update(ctx, articles, ids, timelineOptions(s.cfg, nil, overrides, s.cache, nil))
	if !ok || err != nil {
		return nil, false, err
	}
	st.Tagged, st.Reused = len(ids), len(articles)-len(ids)
	snap, err = s.snapshot(articles, model, st, start)
	return snap, err == nil, err
}

// leftover reports a path under content/ that is gone and was neither an
// article nor a folder of articles: the temporary file of an editor's
// save ("content/sedX4kq1", "content/.a.md.tmp") renamed over an article.
func (s *Session) leftover(p string) bool {
	if !strings.HasPrefix(p, content.Dir+"/") || isArticlePath(p) || p == content.Dir+"/"+content.OverridesFile {
		return false
	}
	if _, err := os.Lstat(filepath.Join(source(s.opts), filepath.FromSlash(p))); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	for q := range s.files {
		if strings.HasPrefix(q, p+"/") {
			return false
		}
	}
	return true
}

// replaced returns the articles and overrides as articles does, quickly
// when the articles of the files read since the last Build (s.dirty) take
// the place of those they replace (the same id, date, outlet and draft
// status): then the list is the last one with them in it.
func (s *Session) replaced() ([]*content.Article, *content.Overrides, error) {
	out := s.assembled
	for p := range s.dirty {
		i, ok := s.assembledAt[p]
		a := s.files[p].article
		if !ok || a == nil {
			return s.articles()
		}
		old := out[i]
		if a.ID != old.ID || a.Draft != old.Draft || !a.Published.Equal(old.Published) || a.Outlet != old.Outlet {
			return s.articles()
		}
		if len(out) > 0 && &out[0] == &s.assembled[0] {
			out = slices.Clone(out)
		}
		out[i] = a
	}
	overrides, err := content.LoadOverrides(source(s.opts), out)
	if err != nil {
		return nil, nil, err
	}
	return out, overrides, nil
}

// articles returns the articles of the files as last read, and the
// overrides.
func (s *Session) articles() ([]*content.Article, *content.Overrides, error) {
	paths := make([]string, 0, len(s.files))
	for p := range s.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	parsed := make([]*content.Article, len(paths))
	errs := make([]error, len(paths))
	for i, p := range paths {
		parsed[i], errs[i] = s.files[p].article, s.files[p].err
	}
	articles, err := content.Assemble(paths, parsed, errs, s.opts.Drafts)
	if err != nil {
		return nil, nil, err
	}
	s.assembled, s.assembledAt = articles, make(map[string]int, len(articles))
	for i, a := range articles {
		s.assembledAt[a.Path] = i
	}
	overrides, err := content.LoadOverrides(source(s.opts), articles)
	if err != nil {
		return nil, nil, err
	}
	return articles, overrides, nil
}

// snapshot makes the renderer of a model.
func (s *Session) snapshot(articles []*content.Article, model *timeline.Model, st SessionStats, start time.Time) (*Snapshot, error) {
	ropts, err := renderOptions(source(s.opts), s.opts.Theme, s.cfg, s.md)
	if err != nil {
		return nil, err
	}
	ropts.TemplateCache = s.templates
	hits := s.templates.Hits()
	files, err := render.New(model, articles, ropts)
	if err != nil {
		return nil, err
	}
	st.TemplatesReused = s.templates.Hits() > hits
	st.Duration = time.Since(start)
	return &Snapshot{Config: s.cfg, Articles: articles, Model: model, Files: files, Stats: st}, nil
}

// reset forgets everything: the next build starts from scratch.
func (s *Session) reset() {
	s.cfg, s.cfgSrc, s.md, s.prev = nil, nil, nil, nil
	s.files = map[string]*sourceFile{}
	s.dirty = nil
	s.assembled, s.assembledAt = nil, nil
	s.cache = &timeline.Cache{}
	s.store, s.storeNote = nil, nil
	s.templates = &render.TemplateCache{}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// needsScan reports whether a change under content/ may have added or
// removed article files that are not named in the list: a folder created,
// removed or renamed.
func (s *Session) needsScan(changed []string) bool {
	for _, p := range changed {
		if p != content.Dir && !strings.HasPrefix(p, content.Dir+"/") {
			continue
		}
		if p == content.Dir+"/"+content.OverridesFile || isArticlePath(p) || ignoredPath(p) {
			continue
		}
		info, err := os.Lstat(filepath.Join(source(s.opts), filepath.FromSlash(p)))
		switch {
		case err == nil && info.IsDir():
			return true
		case err == nil:
			continue // a file that is not an article
		case p == content.Dir:
			return true
		}
		// Gone: a folder, if articles were in it.
		for q := range s.files {
			if strings.HasPrefix(q, p+"/") {
				return true
			}
		}
	}
	return false
}

// isArticlePath reports whether a content path names a Markdown file.
func isArticlePath(p string) bool {
	return strings.HasPrefix(p, content.Dir+"/") && strings.EqualFold(path.Ext(p), ".md")
}

// ignoredPath reports whether content.Files skips the path: one of its
// names below content/ is ignored.
func ignoredPath(p string) bool {
	for _, name := range strings.Split(strings.TrimPrefix(p, content.Dir+"/"), "/") {
		if content.Ignored(name) {
			return true
		}
	}
	return false
}

// articleFiles keeps the article files of a list of changed paths.
func articleFiles(changed []string) []string {
	var out []string
	for _, p := range changed {
		if isArticlePath(p) && !ignoredPath(p) {
			out = append(out, p)
		}
	}
	return out
}

// scan lists content/ again and reads every article file.
func (s *Session) scan(ctx context.Context) (read, parsed int, err error) {
	paths, err := content.Files(source(s.opts))
	if err != nil {
		return 0, 0, err
	}
	keep := make(map[string]bool, len(paths))
	for _, p := range paths {
		keep[p] = true
	}
	for p := range s.files {
		if !keep[p] {
			delete(s.files, p)
		}
	}
	return s.reread(ctx, paths)
}

// reread reads the given article files, in parallel, and parses those
// whose bytes changed; a file that no longer exists is forgotten.
func (s *Session) reread(ctx context.Context, paths []string) (read, parsed int, err error) {
	type result struct {
		file    *sourceFile
		gone    bool
		changed bool
	}
	results := make([]result, len(paths))
	opts := content.Options{Language: s.cfg.Language, Location: s.cfg.Location, Markdown: s.md}
	err = parallel.For(ctx, len(paths), func(i int) {
		p := paths[i]
		b, err := content.ReadFile(source(s.opts), p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			results[i].gone = true
			return
		case err != nil:
			// A file being replaced may not be readable for a
			// moment: report it like a parse error, at its path.
			results[i] = result{file: &sourceFile{err: err}, changed: true}
			return
		}
		if old := s.files[p]; old != nil && old.article != nil && bytes.Equal(old.src, b) {
			results[i].file = old
			return
		}
		a, err := content.Parse(p, b, opts)
		results[i] = result{file: &sourceFile{src: b, article: a, err: err}, changed: true}
	})
	if err != nil {
		return 0, 0, err
	}
	for i, r := range results {
		switch {
		case r.gone:
			delete(s.files, paths[i])
		default:
			read++
			if r.changed {
				parsed++
			}
			s.files[paths[i]] = r.file
		}
	}
	return read, parsed, nil
}
