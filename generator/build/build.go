// Package build wires the generator's stages into a build: config →
// content → timeline (events) → render → output. It is the only package
// that knows all of them; serve and the command line call it.
package build

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/timeline-dev/timeline/generator/config"
	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/markdown"
	"github.com/timeline-dev/timeline/generator/mentions"
	"github.com/timeline-dev/timeline/generator/output"
	"github.com/timeline-dev/timeline/generator/render"
	"github.com/timeline-dev/timeline/generator/temporal"
	"github.com/timeline-dev/timeline/generator/timeline"
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
	Events   int
	Pages    int
	Files    int
	Duration time.Duration
}

// Load reads the site's configuration with the options' overrides applied.
func Load(opts Options) (*config.Config, error) {
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
// rendering. explain, if set, receives the grouping decisions.
func Timeline(ctx context.Context, opts Options, cfg *config.Config, explain io.Writer) ([]*content.Article, *timeline.Model, error) {
	md := markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML})
	articles, err := content.Load(ctx, source(opts), content.LoadOptions{
		Options: content.Options{Language: cfg.Language, Location: cfg.Location, Markdown: md},
		Drafts:  opts.Drafts,
	})
	if err != nil {
		return nil, nil, err
	}
	overrides, err := content.LoadOverrides(source(opts), articles)
	if err != nil {
		return nil, nil, err
	}
	model, err := timeline.Build(ctx, articles, timelineOptions(cfg, explain, overrides, nil))
	if err != nil {
		return nil, nil, err
	}
	return articles, model, nil
}

// timelineOptions are the options of timeline.Build for a configuration.
func timelineOptions(cfg *config.Config, explain io.Writer, overrides *content.Overrides, cache *timeline.Cache) timeline.Options {
	order := temporal.MonthFirst
	if cfg.DateOrder == "dmy" {
		order = temporal.DayFirst
	}
	return timeline.Options{
		Site: timeline.Site{
			Title: cfg.Title, BaseURL: cfg.BaseURL, Description: cfg.Description, Language: cfg.Language,
		},
		Declared:  !*cfg.Extract,
		Mentions:  mentions.Options{DateOrder: order},
		Explain:   explain,
		Overrides: overrides,
		Cache:     cache,
	}
}

// Render builds the site in memory.
func Render(ctx context.Context, opts Options, cfg *config.Config) (*Site, error) {
	articles, model, rr, err := prepare(ctx, opts, cfg)
	if err != nil {
		return nil, err
	}
	files, err := rr.Render(ctx)
	if err != nil {
		return nil, err
	}
	return &Site{Config: cfg, Articles: articles, Model: model, Files: files}, nil
}

// prepare builds the timeline and the renderer of its files.
func prepare(ctx context.Context, opts Options, cfg *config.Config) ([]*content.Article, *timeline.Model, *render.Renderer, error) {
	src := source(opts)
	articles, model, err := Timeline(ctx, opts, cfg, nil)
	if err != nil {
		return nil, nil, nil, err
	}
	md := markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML})
	ropts, err := renderOptions(src, opts.Theme, cfg, md)
	if err != nil {
		return nil, nil, nil, err
	}
	rr, err := render.New(model, articles, ropts)
	if err != nil {
		return nil, nil, nil, err
	}
	return articles, model, rr, nil
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
		FeedLimit: *cfg.FeedLimit,
	}, nil
}

// layers stacks the site's templates/ and static/ over the theme's.
func layers(src string, theme fs.FS) (tmpl, static render.Layers, names []string, err error) {
	for _, dir := range []string{"templates", "static"} {
		var l render.Layers
		if info, err := os.Stat(filepath.Join(src, dir)); err == nil && info.IsDir() {
			l = append(l, os.DirFS(filepath.Join(src, dir)))
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
	articles, model, rr, err := prepare(ctx, opts, cfg)
	if err != nil {
		return nil, err
	}
	// Pages are written as they are rendered, to a staging folder that
	// replaces dest only when every file is written.
	stage, err := output.NewStage(dest)
	if err != nil {
		return nil, err
	}
	pages, err := rr.Write(ctx, stage.Create)
	if err != nil {
		stage.Abort()
		return nil, err
	}
	if err := stage.Commit(ctx); err != nil {
		return nil, err
	}
	return &Result{
		Dest: dest, Articles: len(articles), Events: len(model.Events),
		Pages: pages, Files: len(rr.Paths()), Duration: time.Since(start),
	}, nil
}
