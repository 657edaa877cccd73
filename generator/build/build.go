// Package build wires the generator's stages into a build: config →
// content → timeline (events) → render → output. It is the only package
// that knows all of them; serve and the command line call it.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/timeline-dev/timeline/generator/config"
	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/markdown"
	"github.com/timeline-dev/timeline/generator/mentions"
	"github.com/timeline-dev/timeline/generator/output"
	"github.com/timeline-dev/timeline/generator/render"
	"github.com/timeline-dev/timeline/generator/tagcache"
	"github.com/timeline-dev/timeline/generator/temporal"
	"github.com/timeline-dev/timeline/generator/timeline"
	"github.com/timeline-dev/timeline/generator/timing"
)

// Options configures a build. Source defaults to the current folder.
type Options struct {
	Source  string // the site folder: config.toml, content/, templates/, static/
	Dest    string // the output folder; default: the config's output, inside Source
	BaseURL string // overrides the config's base_url
	Drafts  bool   // include draft articles
	// Theme holds the default templates/ and static/ folders, which the
	// site's own folders override file by file.
	Theme fs.FS
	// Busy, if set, is called when another build is writing the output
	// folder dest, before Build waits for it to finish (see output.Open);
	// pid is that build's process id, 0 when not known.
	Busy func(dest string, pid int)
	// Fresh ignores the last build: event ids come from the content alone,
	// as on a clean checkout, rather than from the output folder's
	// events.json (see timeline.Options.Previous).
	Fresh bool
	// KeepGoing makes Timeline return the model when overrides name ids
	// that no event has, with their errors in Model.Unapplied.
	KeepGoing bool
	// NoCache neither reads nor writes the site's .timeline-cache/
	// folder, where a build keeps the mentions of each article for the
	// next one (see package tagcache). The site is the same either way.
	NoCache bool
	// Stages, if set, records how long each stage of the build takes:
	// load, then those of timeline.Build (see timeline.Options.Mark), then
	// render (the pages rendered and written) and commit (the output
	// folder replaced). "timeline build --timings" prints them.
	Stages *timing.Recorder
}

// Site is a site built in memory.
type Site struct {
	Config   *config.Config
	Articles []*content.Article
	Model    *timeline.Model
	Files    *render.Site
}

// Result summarizes a build written to disk.
type Result struct {
	Dest     string
	Articles int
	// Tagged and Cached count the articles whose mentions were extracted
	// and recorded in the mentions cache, and those whose mentions came
	// from it (see Options.NoCache); both are 0 without the cache.
	Tagged, Cached int
	Events         int
	Pages          int
	Files          int
	Duration       time.Duration
	// Notes are what the editor should know that is no error (see
	// timeline.Model.Notes).
	Notes []*diag.Error
}

// Load reads the site's configuration with the options' overrides applied.
func Load(opts Options) (*config.Config, error) {
	// A site is a folder, even an empty one: a mistyped --source must not
	// build nothing into a new folder and say it worked.
	if fi, err := os.Stat(source(opts)); err != nil || !fi.IsDir() {
		what := "no such folder"
		if err == nil {
			what = "not a folder"
		} else if !errors.Is(err, fs.ErrNotExist) {
			what = err.Error()
		}
		return nil, &flagError{fmt.Sprintf("--source %s: %s (the site folder holds config.toml and content/)", source(opts), what)}
	}
	cfg, err := config.Load(source(opts))
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		base, err := config.NormalizeBaseURL(opts.BaseURL)
		if err != nil {
			return nil, &flagError{"--base-url: " + err.Error()}
		}
		cfg.BaseURL = base
	}
	return cfg, nil
}

type flagError struct{ msg string }

func (e *flagError) Error() string { return e.msg }

// IsUsage reports whether err is a bad option value rather than a problem
// in the site.
func IsUsage(err error) bool {
	var fe *flagError
	return errors.As(err, &fe)
}

func source(opts Options) string {
	if opts.Source == "" {
		return "."
	}
	return opts.Source
}

// Dest returns the output folder of a build.
func Dest(opts Options, cfg *config.Config) string {
	if opts.Dest != "" {
		return opts.Dest
	}
	return filepath.Join(source(opts), filepath.FromSlash(cfg.Output))
}

// Timeline reads the articles and builds the timeline model, without
// rendering. explain, if set, records the grouping decisions.
func Timeline(ctx context.Context, opts Options, cfg *config.Config, explain *timeline.Explanation) ([]*content.Article, *timeline.Model, error) {
	articles, model, save, err := buildTimeline(ctx, opts, cfg, explain, nil, false)
	if err != nil {
		return nil, nil, err
	}
	if _, _, note := save(); note != nil {
		model.Notes = append(model.Notes, note)
	}
	return articles, model, nil
}

// buildTimeline is Timeline, calling loaded (if set) with the articles as
// soon as they are read, and letting each article's source go once its
// mentions are found if release is set (timeline.Options.Release). save
// waits for what the build added to the mentions cache to be written
// (see openCache and saveFunc), which runs in the background from when
// every article is tagged, while the site is built and rendered.
func buildTimeline(ctx context.Context, opts Options, cfg *config.Config, explain *timeline.Explanation, loaded func([]*content.Article), release bool) (_ []*content.Article, _ *timeline.Model, save saveFunc, err error) {
	md := markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML})
	cache := openCache(ctx, opts, cfg)
	articles, err := content.Load(ctx, source(opts), content.LoadOptions{
		Options: content.Options{Language: cfg.Language, Location: cfg.Location, Markdown: md},
		Drafts:  opts.Drafts,
	})
	if err != nil {
		return nil, nil, nil, err
	}
	opts.Stages.Mark("load")
	if loaded != nil {
		loaded(articles)
	}
	overrides, err := content.LoadOverrides(source(opts), articles)
	if err != nil {
		return nil, nil, nil, err
	}
	store, note := cache()
	topts := timelineOptions(cfg, explain, overrides, nil, store)
	// The last build's events.json is read while the mentions are grouped
	// (work for one core, mostly), and waited for when the events are
	// named (see timeline.Options.Previous).
	prev := newBackground(func() *timeline.Previous { return previous(opts, Dest(opts, cfg)) })
	topts.Previous = prev.wait
	topts.KeepGoing = opts.KeepGoing
	topts.Release = release
	if opts.Stages != nil {
		topts.Mark = opts.Stages.Mark
	}
	// The cache is saved as soon as every article's mentions are found,
	// while they are grouped (work for one core, mostly), rather than
	// held, encoded, until the pages are written: the build's peak of
	// memory is the grouping's. If Build never says so, it starts when
	// Build returns.
	type saved struct {
		hits, puts int
		note       *diag.Error
	}
	saving := newBackground(func() saved {
		hits, puts := store.Stats()
		if note != nil {
			return saved{hits, puts, note}
		}
		_, err := store.Save(ctx, articles)
		store = nil // what it recorded, encoded, the site does not need
		if err != nil {
			return saved{hits, puts, cacheNote(opts, "not saved", err)}
		}
		return saved{hits, puts, nil}
	})
	topts.Extracted = func() { saving.start(); prev.start() }
	model, err := timeline.Build(ctx, articles, topts)
	if err != nil {
		saving.cancel() // not started: nothing is saved; started: no write outlives the build
		return nil, nil, nil, err
	}
	saving.start()
	save = func() (int, int, *diag.Error) {
		s := saving.wait()
		return s.hits, s.puts, s.note
	}
	return articles, model, save, nil
}

// background is work run once, in a goroutine of its own, from when it
// is started (or first waited for) to its result.
type background[T any] struct {
	once sync.Once
	done chan struct{}
	f    func() T
	v    T
}

func newBackground[T any](f func() T) *background[T] {
	return &background[T]{done: make(chan struct{}), f: f}
}

// start starts the work, unless it has started (or was cancelled).
func (b *background[T]) start() {
	b.once.Do(func() {
		go func() {
			defer close(b.done)
			b.v = b.f()
		}()
	})
}

// wait starts the work if need be and returns its result.
func (b *background[T]) wait() T {
	b.start()
	<-b.done
	return b.v
}

// cancel keeps work not started from ever starting, and waits for work
// started to end.
func (b *background[T]) cancel() {
	b.once.Do(func() { close(b.done) })
	<-b.done
}

// saveFunc saves the mentions cache of a build (see buildTimeline): hits
// is the number of articles whose mentions came from the cache, puts the
// number whose mentions were extracted and recorded in it.
type saveFunc func() (hits, puts int, note *diag.Error)

// openCache starts reading the site's mentions cache, unless
// opts.NoCache, and returns a function that waits for it: the cache, or
// nil and a note saying why there is none.
func openCache(ctx context.Context, opts Options, cfg *config.Config) func() (*tagcache.Cache, *diag.Error) {
	if opts.NoCache {
		return func() (*tagcache.Cache, *diag.Error) { return nil, nil }
	}
	type opened struct {
		c   *tagcache.Cache
		err error
	}
	done := make(chan opened, 1)
	go func() {
		c, err := tagcache.Open(ctx, filepath.Join(source(opts), tagcache.Dir), cacheOptions(cfg))
		done <- opened{c, err}
	}()
	return func() (*tagcache.Cache, *diag.Error) {
		o := <-done
		if o.err != nil {
			return nil, cacheNote(opts, "not used", o.err)
		}
		return o.c, nil
	}
}

// cacheOptions describes the options of a site that change the mentions
// extracted from the same file: how it is parsed and how dates are read.
func cacheOptions(cfg *config.Config) string {
	return fmt.Sprintf("language=%q time_zone=%q unsafe_html=%t date_order=%q", cfg.Language, cfg.Location, cfg.UnsafeHTML, cfg.DateOrder)
}

func cacheNote(opts Options, what string, err error) *diag.Error {
	return &diag.Error{File: tagcache.Dir, Msg: fmt.Sprintf("note: the mentions cache was %s: %v; the site is the same without it, only slower to build", what, err)}
}

// timelineOptions are the options of timeline.Build for a configuration,
// with the in-memory cache and the mentions cache on disk if not nil.
func timelineOptions(cfg *config.Config, explain *timeline.Explanation, overrides *content.Overrides, cache *timeline.Cache, store *tagcache.Cache) timeline.Options {
	order := temporal.MonthFirst
	if cfg.DateOrder == "dmy" {
		order = temporal.DayFirst
	}
	topts := timeline.Options{
		Site: timeline.Site{
			Title: cfg.Title, BaseURL: cfg.BaseURL, Description: cfg.Description, Language: cfg.Language,
		},
		Declared:  !*cfg.Extract,
		Mentions:  mentions.Options{DateOrder: order},
		Explain:   explain,
		Overrides: overrides,
		Cache:     cache,
	}
	if store != nil { // a nil *tagcache.Cache is no nil timeline.Store
		topts.Store = store
	}
	return topts
}

// Render builds the site in memory, as on a clean checkout: it writes no
// output folder and reads none, so ids come from the content alone (as
// with Options.Fresh).
func Render(ctx context.Context, opts Options, cfg *config.Config) (*Site, error) {
	opts.Fresh, opts.NoCache = true, true
	articles, model, rr, _, err := prepare(ctx, opts, cfg, nil, false)
	if err != nil {
		return nil, err
	}
	files, err := rr.Render(ctx)
	if err != nil {
		return nil, err
	}
	return &Site{Config: cfg, Articles: articles, Model: model, Files: files}, nil
}

// prepare builds the timeline and the renderer of its files; loaded, if
// set, is called with the articles as soon as they are read. save is
// buildTimeline's. With release, the articles' sources are let go once
// their mentions are found, and each article's page reads its file again
// (see reread).
func prepare(ctx context.Context, opts Options, cfg *config.Config, loaded func([]*content.Article), release bool) (_ []*content.Article, _ *timeline.Model, _ *render.Renderer, save saveFunc, err error) {
	src := source(opts)
	var files *fileSums
	if release {
		then := loaded
		loaded = func(articles []*content.Article) {
			files = sumFiles(articles)
			if then != nil {
				then(articles)
			}
		}
	}
	articles, model, save, err := buildTimeline(ctx, opts, cfg, nil, loaded, release)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	md := markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML})
	ropts, err := renderOptions(src, opts.Theme, cfg, md)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	if release {
		ropts.Body = func(a *content.Article) ([]byte, error) { return files.reread(src, a) }
	}
	rr, err := render.New(model, articles, ropts)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	return articles, model, rr, save, nil
}

// renderOptions are the options of render for a site and configuration.
func renderOptions(src string, theme fs.FS, cfg *config.Config, md *markdown.Markdown) (render.Options, error) {
	tmpl, static, names, err := layers(src, theme)
	if err != nil {
		return render.Options{}, err
	}
	return render.Options{
		Templates: tmpl, TemplateNames: names, Static: static,
		Markdown: md, BaseURL: cfg.BaseURL, Location: cfg.Location,
		FeedLimit: *cfg.FeedLimit, Extract: *cfg.Extract,
	}, nil
}

// layers stacks the site's templates/ and static/ over the theme's.
func layers(src string, theme fs.FS) (tmpl, static render.Layers, names []string, err error) {
	for _, dir := range []string{"templates", "static"} {
		var l render.Layers
		if info, err := os.Stat(filepath.Join(src, dir)); err == nil && info.IsDir() {
			l = append(l, siteDir{site: src, dir: dir})
			if dir == "templates" {
				names = append(names, "templates")
			}
		}
		if theme != nil {
			sub, err := fs.Sub(theme, dir)
			if err != nil {
				return nil, nil, nil, err
			}
			l = append(l, sub)
			if dir == "templates" {
				names = append(names, "(built-in) templates")
			}
		}
		if dir == "templates" {
			tmpl = l
		} else {
			static = l
		}
	}
	return tmpl, static, names, nil
}

// Build builds the site and writes it to its output folder. On any error
// the previous output is left as it was.
func Build(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	cfg, err := Load(opts)
	if err != nil {
		return nil, err
	}
	dest := Dest(opts, cfg)
	if err := output.CheckDest(source(opts), dest); err != nil {
		return nil, &flagError{err.Error()}
	}
	// Pages are written as they are rendered, to a staging folder that
	// replaces dest only when every file is written. It is opened first,
	// so that its article folders are made while the timeline is built.
	var busy func(int)
	if opts.Busy != nil {
		busy = func(pid int) { opts.Busy(dest, pid) }
	}
	stage, err := output.Open(ctx, dest, output.Options{Busy: busy})
	if err != nil {
		return nil, err
	}
	// The articles' sources are let go once the timeline has what it
	// needs of them (those of 100,000 generated articles, parsed, are some
	// 1.3 GB): each article's page reads its file again.
	articles, model, rr, save, err := prepare(ctx, opts, cfg, func(articles []*content.Article) {
		dirs := make([]string, len(articles))
		for i, a := range articles {
			dirs[i] = strings.Trim(timeline.ArticlePage(a.ID), "/")
		}
		stage.MakeDirs(ctx, dirs)
	}, true)
	if err != nil {
		stage.Abort()
		return nil, err
	}
	// The mentions cache, saved in the background since the articles
	// were tagged, is waited for once the pages are written: it holds
	// what the content gave, whatever becomes of the pages.
	pages, err := rr.Write(ctx, stage.Create)
	hits, puts, note := save()
	if err != nil {
		stage.Abort()
		return nil, err
	}
	opts.Stages.Mark("render")
	if err := stage.Commit(ctx); err != nil {
		return nil, err
	}
	opts.Stages.Mark("commit")
	notes := model.Notes
	if note != nil {
		notes = append(slices.Clip(notes), note)
	}
	return &Result{
		Dest: dest, Articles: len(articles), Tagged: puts, Cached: hits, Events: len(model.Events),
		Pages: pages, Files: len(rr.Paths()), Duration: time.Since(start), Notes: notes,
	}, nil
}

// siteDir is a folder of the site (templates/ or static/) as a file
// system: os.DirFS, but a symbolic link that leads outside the site is an
// error naming it, so that a build never publishes (static/) or prints in
// an error message (templates/) a file from elsewhere on the machine.
type siteDir struct {
	site string // the site folder
	dir  string // the folder in it: "static"
}

func (d siteDir) Open(name string) (fs.File, error) {
	fsys := os.DirFS(filepath.Join(d.site, d.dir))
	if !fs.ValidPath(name) {
		return fsys.Open(name) // the error
	}
	full := filepath.Join(d.site, d.dir, filepath.FromSlash(name))
	if _, err := os.Lstat(full); err != nil {
		return fsys.Open(name) // the error: does not exist...
	}
	f, err := d.open(fsys, name, full)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f, nil
}

// open opens the file at full (name in fsys), which exists, or says why
// not.
func (d siteDir) open(fsys fs.FS, name, full string) (fs.File, *diag.Error) {
	fail := func(format string, args ...any) *diag.Error {
		return &diag.Error{File: path.Join(d.dir, name), Msg: fmt.Sprintf(format, args...)}
	}
	target, _ := os.Readlink(full)
	real, err := filepath.EvalSymlinks(full)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fail("symbolic link to %s, which does not exist", target)
	case err != nil:
		if _, serr := os.Stat(full); errors.Is(serr, syscall.ELOOP) {
			return nil, fail("symbolic link loop: %s leads back to itself", path.Join(d.dir, name))
		}
		return nil, fail("cannot read: %v", err)
	}
	root, err := filepath.EvalSymlinks(d.site)
	if err != nil {
		return nil, fail("cannot read: %v", err)
	}
	if !content.Inside(root, real) {
		if target == "" {
			target = real
		}
		e := fail("symbolic link to %s, outside the site: a build reads only the site's own files", target)
		e.Hint = "copy the file into " + d.dir + "/, or link to a file inside the site"
		return nil, e
	}
	f, err := fsys.Open(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fail("cannot read: %v", err)
	}
	return f, nil
}
