package main

import (
	"context"
	"flag"
	"fmt"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/build"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/tagcache"
	"github.com/timeline-dev/timeline/generator/timing"
)

// buildFlags are the flags shared by the commands that build the site.
type buildFlags struct {
	source, dest, baseURL string
	drafts, fresh         bool
	noCache               bool
}

func (f *buildFlags) register(fs *flag.FlagSet, withDest bool) {
	fs.StringVar(&f.source, "source", ".", "the site `folder`: config.toml, content/, templates/, static/")
	if withDest {
		fs.StringVar(&f.dest, "dest", "", "write the site to this `folder` (default: the config's output, \"public\")")
	}
	fs.StringVar(&f.baseURL, "base-url", "", "the `URL` the site is published at, overriding base_url in config.toml")
	fs.BoolVar(&f.drafts, "drafts", false, "include articles marked draft = true")
	fs.BoolVar(&f.fresh, "fresh", false, "ignore the last build's events.json: event ids from the content alone, as on a clean checkout (CI)")
	fs.BoolVar(&f.noCache, "no-cache", false, "neither read nor write .timeline-cache/, the mentions of each article kept for the next build")
}

func (f *buildFlags) options() build.Options {
	return build.Options{Source: f.source, Dest: f.dest, BaseURL: f.baseURL, Drafts: f.drafts, Fresh: f.fresh, NoCache: f.noCache, Theme: timeline.Theme}
}

func buildCommand() *command {
	return &command{
		name:    "build",
		args:    "[--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--fresh] [--no-cache] [--quiet] [--timings] [--cpuprofile FILE] [--memprofile FILE]",
		summary: "build the site into its output folder",
		doc: `Build reads the articles in content/, builds the timeline and writes the
site to the output folder (public/ unless config.toml or --dest says
otherwise). The site is written to a staging folder first and replaces the
output folder only when the whole build succeeded, so a failed build leaves
the previous site untouched, and a build killed part way leaves either
the previous site or the new one. A second build into the same folder
waits for the first to finish. The same content, built after the same
last build, always gives byte-identical output.

An event keeps its id (its page's address, and the name content/
_events.toml gives it) from the last build: the output folder's
events.json, matched by the sentences events cite, so that a copy edit
changes no id. --fresh ignores it, as a build on a clean checkout (CI)
does: ids then come from each event's date and heaviest words. An id
that an event no longer has answers with a redirect to its page; a note
says which line of _events.toml keeps it on a clean checkout.

The dates and sentences found in each article are kept in the site's
.timeline-cache/ folder (git-ignored by "timeline new site"), keyed by the
article file's bytes, the options that read it and the timeline program
itself: the next build tags only the articles that changed, and writes
the same site as a build without the cache. --no-cache neither reads nor
writes it; deleting the folder is always safe.

Problems in the content, the configuration or the templates are reported
as file:line:column: message, all at once, and the exit status is 1.

--timings prints to standard error, once the build is done, how long
each of its stages took: reading the articles (load), counting their
words (relevance), finding their dated sentences (extract), grouping
them into events (group), dating and naming the events (assemble),
ranking and linking them (link), rendering and writing the pages
(render) and replacing the output folder (commit); with each, the CPU
time the whole process used on every core, and the heap the build held
when it ended; then the peak memory of the process. --cpuprofile and
--memprofile write pprof profiles of the build (CPU, and the heap in use
at its end), for "go tool pprof".

Examples:

	timeline build
	timeline build --source my-story --dest /tmp/site --base-url https://example.org/story/
	timeline build --drafts --quiet && timeline check`,
		flags: func(fs *flag.FlagSet) func(context.Context, env, []string) error {
			var f buildFlags
			f.register(fs, true)
			quiet := fs.Bool("quiet", false, "print nothing on success")
			timings := fs.Bool("timings", false, "print how long each stage of the build took (wall and CPU time, heap) to standard error")
			var prof profileFlags
			prof.register(fs)
			return func(ctx context.Context, e env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q", args[0])
				}
				stop, err := prof.start()
				if err != nil {
					return err
				}
				opts := f.options()
				opts.Busy = func(dest string, pid int) {
					who := "another build"
					if pid > 0 {
						who += fmt.Sprintf(" (process %d)", pid)
					}
					fmt.Fprintf(e.stderr, "timeline: %s is writing %s; waiting for it to finish\n", who, dest)
				}
				if *timings {
					opts.Stages = timing.Start()
				}
				res, err := build.Build(ctx, opts)
				if perr := stop(); perr != nil && err == nil {
					return perr
				}
				if err != nil {
					return buildError(e, err)
				}
				if err := opts.Stages.Write(e.stderr); err != nil {
					return err
				}
				for _, n := range res.Notes {
					fmt.Fprintln(e.stderr, n.Detail())
				}
				if !*quiet {
					cached := ""
					if res.Cached > 0 {
						cached = fmt.Sprintf(" (%s tagged, %d from %s)", count(res.Tagged, "article"), res.Cached, tagcache.Dir)
					}
					fmt.Fprintf(e.stdout, "built %s, %s, %s in %d ms → %s%s\n",
						count(res.Articles, "article"), count(res.Events, "event"), count(res.Pages, "page"), res.Duration.Milliseconds(), res.Dest, cached)
				}
				return nil
			}
		},
	}
}

// buildError reports a failed build: usage problems exit 2, problems in
// the site print every diagnostic with its source line and exit 1.
func buildError(e env, err error) error {
	if build.IsUsage(err) {
		return usagef("%v", err)
	}
	errs := diag.Errors(err)
	if len(errs) == 0 {
		return fmt.Errorf("build failed: %v", err)
	}
	fmt.Fprintln(e.stderr, diag.Detail(err))
	fmt.Fprintf(e.stderr, "build failed: %d %s\n", len(errs), map[bool]string{true: "error", false: "errors"}[len(errs) == 1])
	return silentError{exitError}
}

// count writes n and a noun, plural unless n is 1: "1 article", "5 events".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
