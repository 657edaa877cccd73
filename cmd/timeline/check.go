package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/timeline-dev/timeline/generator/config"
	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/linkcheck"
	"github.com/timeline-dev/timeline/generator/linkcheck/sources"
	"github.com/timeline-dev/timeline/generator/markdown"
)

func checkCommand() *command {
	return &command{
		name:    "check",
		args:    "[--source DIR] [--base-url URL] [--format text|json|github] [--external [--cache FILE] ...] [DIR]",
		summary: "verify a built site: links, fragments, feeds, exports, citations",
		doc: `Check verifies the built site in DIR (default: the output folder that
the site's config.toml names, public/ without one; the site is the folder
--source names, the current folder by default) before it is published:

  - every href, src, srcset, <link>, <meta http-equiv=refresh> and
    <form action> of every HTML page: internal targets exist (with the
    site's base path, "…/" meaning "…/index.html", percent-encoding and
    query strings), #fragments name an id or <a name> on the target page,
    no link is empty or javascript:, images have alt text, ids are unique;
  - feed.xml is well-formed Atom with links that resolve, sitemap.xml lists
    exactly the built pages, events.json matches its schema and its pages
    and anchors resolve, timeline.json loads as TimelineJS data;
  - citations: every event has one, every cited article exists, every
    quote occurs verbatim at its anchor on the article page, and no page
    links to an event that does not exist;
  - with --external, links to other sites (HEAD, then GET; retries with
    backoff on 429 and 5xx; redirects are reported as warnings).

The base path is read from the site's events.json (site.base_url), unless
--base-url gives it.

Each problem is printed once, sorted, as file:line:col: message, then a
summary line. A problem that comes from the site's sources is shown where
it is written there, with its place in the built file after the message:
a citation whose quote or anchor is missing, or a link to it, at the
sentence in content/<article>.md; a link written in an article's body at
the line that writes it; an article's original URL at its front matter
url; an event an editor named at content/_events.toml (or the [[event]]
table). The sources are read from the site folder's content/ (--source,
or the current folder). --format json prints one JSON object (each
finding with its "source" when it has one); --format github prints GitHub
Actions annotations (::error file=…,line=…,col=…::message), on the
Markdown line when there is one, so that on a pull request they land on
the diff.

Exit status: 0 when the site is whole (warnings allowed), 1 when problems
were found, 2 on a usage error or when the folder cannot be read.

Examples:

	timeline build && timeline check
	timeline check --source mysite               # mysite/public, mapped to mysite/content
	timeline check --format github public        # in GitHub Actions
	timeline check --external --cache .cache/links.json public`,
		flags: func(fs *flag.FlagSet) func(context.Context, env, []string) error {
			var opts linkcheck.Options
			site := fs.String("source", "", "the site `folder`: its config.toml names the output, its content/ the sources findings are mapped to (default: the current folder)")
			format := fs.String("format", "text", "output `format`: text, json or github")
			fs.StringVar(&opts.BaseURL, "base-url", "", "the `URL` the site was built for (default: site.base_url of events.json)")
			fs.BoolVar(&opts.External, "external", false, "also check links to other sites over HTTP")
			fs.StringVar(&opts.HTTP.CacheFile, "cache", "", "keep external results that were good in this `file` between runs")
			fs.DurationVar(&opts.HTTP.CacheMaxAge, "cache-max-age", 24*time.Hour, "recheck cached external links older than this `age`")
			fs.DurationVar(&opts.HTTP.Timeout, "timeout", 10*time.Second, "`time` allowed for each external request")
			fs.IntVar(&opts.HTTP.Retries, "retries", 2, "retries of an external request after a 429, a 5xx or a network error (`n`, 0 for none)")
			fs.IntVar(&opts.HTTP.Concurrency, "concurrency", 8, "external requests in flight (`n`)")
			fs.IntVar(&opts.HTTP.PerHost, "per-host", 2, "external requests in flight to one host (`n`)")
			return func(ctx context.Context, e env, args []string) error {
				if len(args) > 1 {
					return usagef("unexpected argument %q", args[1])
				}
				if *format != "text" && *format != "json" && *format != "github" {
					return usagef("--format: %q is not text, json or github", *format)
				}
				if opts.HTTP.Retries == 0 {
					opts.HTTP.Retries = -1 // the flag's 0 means none
				}
				if opts.BaseURL != "" {
					base, err := config.NormalizeBaseURL(opts.BaseURL)
					if err != nil {
						return usagef("--base-url: %v", err)
					}
					opts.BaseURL = base
				}
				dir, err := checkDir(*site, args, &opts)
				if err != nil {
					return err
				}
				rep, err := linkcheck.Check(ctx, dir, opts)
				if err != nil {
					if errors.Is(err, context.Canceled) {
						return err
					}
					fmt.Fprintf(e.stderr, "timeline check: %v\n", err)
					return silentError{exitUsage}
				}
				if err := linkcheck.Write(e.stdout, rep, *format); err != nil {
					return err
				}
				if rep.Errors() > 0 {
					return silentError{exitError}
				}
				return nil
			}
		},
	}
}

// checkDir returns the folder to check: the argument, or the output folder
// of the site (site, or the current folder). For the latter, a base_url in
// config.toml is used when the built site has no events.json to say it.
// When the site has a content/ folder, opts.Sources are its sources.
func checkDir(site string, args []string, opts *linkcheck.Options) (string, error) {
	if site != "" {
		if fi, err := os.Stat(site); err != nil || !fi.IsDir() {
			return "", usagef("--source %s: no such folder (the site folder holds config.toml and content/)", site)
		}
	} else {
		site = "."
	}
	cfg, cfgErr := config.Load(site)
	var dir string
	if len(args) == 1 {
		dir = args[0]
	} else {
		if cfgErr != nil {
			return "", fmt.Errorf("%v", cfgErr)
		}
		dir = filepath.Join(site, filepath.FromSlash(cfg.Output))
		if opts.BaseURL == "" {
			if _, err := os.Stat(filepath.Join(dir, "events.json")); err != nil {
				opts.BaseURL = cfg.BaseURL
			}
		}
	}
	if fi, err := os.Stat(filepath.Join(site, content.Dir)); err != nil || !fi.IsDir() {
		return dir, nil
	}
	var copts content.Options // parsed as the build parses them, when config.toml can say how
	if cfgErr == nil {
		copts = content.Options{Language: cfg.Language, Location: cfg.Location, Markdown: markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML})}
	}
	opts.Sources = sources.New(site, copts)
	return dir, nil
}
