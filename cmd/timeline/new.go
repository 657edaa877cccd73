package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"time"

	"github.com/timeline-dev/timeline/generator/config"
	"github.com/timeline-dev/timeline/generator/scaffold"
)

func newCommand() *command {
	return &command{
		name:    "new",
		args:    "site [--title T] DIR | article [--source DIR] [--outlet NAME] [--published DATE] [--url URL] [--author NAME] [--draft] TITLE",
		summary: "create a new site, or a new article in a site",
		doc: `New site creates a working site in DIR (made if missing): config.toml
with every common key explained, content/ with one example article, and a
.gitignore for the built output. No templates are needed: the embedded
defaults apply until you add a templates/ folder. It refuses to
overwrite an existing config.toml or content/.

New article creates content/<title as a slug>.md in the site with its
front matter filled where possible: the title, today's date (in the
site's timezone) as published unless --published gives it, and the
outlet, url and author given. A missing outlet is written as a TODO
placeholder that makes the build fail until it is filled in.

Examples:

	timeline new site my-story
	cd my-story && timeline build && timeline check
	timeline new article --outlet Reuters --published 2014-01-15 "Kerry denies contacts"`,
		flags: func(fs *flag.FlagSet) func(context.Context, env, []string) error {
			title := fs.String("title", "", "site: the site's `title` (default \"My timeline\")")
			source := fs.String("source", ".", "article: the site `folder`")
			outlet := fs.String("outlet", "", "article: the outlet's `name`")
			published := fs.String("published", "", "article: the publication `date`, YYYY-MM-DD (default today)")
			url := fs.String("url", "", "article: the original article's `URL`")
			author := fs.String("author", "", "article: the author's `name`")
			draft := fs.Bool("draft", false, "article: mark it draft = true (built only with --drafts)")
			return func(ctx context.Context, e env, args []string) error {
				if len(args) == 0 {
					return usagef("new what? 'site DIR' or 'article TITLE'")
				}
				kind := args[0]
				if err := fs.Parse(args[1:]); err != nil { // flags after the kind
					return usagef("%s", flagError(err, fs))
				}
				args = fs.Args()
				switch kind {
				case "site":
					if len(args) != 1 {
						return usagef("new site needs one folder: timeline new site DIR")
					}
					files, err := scaffold.Site(args[0], scaffold.SiteOptions{Title: *title, Today: time.Now()})
					if err != nil {
						return err
					}
					for _, f := range files {
						fmt.Fprintf(e.stdout, "created %s\n", filepath.Join(args[0], f))
					}
					fmt.Fprintf(e.stdout, "\nNext:\n\tcd %s\n\ttimeline serve      # preview at http://127.0.0.1:1313/\n\ttimeline new article \"Title\"\n", args[0])
					return nil
				case "article":
					if len(args) != 1 {
						return usagef("new article needs one title (quote it): timeline new article \"Title\"")
					}
					cfg, err := config.Load(*source)
					if err != nil {
						return buildError(e, err)
					}
					path, err := scaffold.Article(*source, scaffold.ArticleOptions{
						Title: args[0], Outlet: *outlet, URL: *url, Author: *author,
						Published: *published, Today: time.Now().In(cfg.Location), Draft: *draft,
					})
					if err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "created %s\n", filepath.Join(*source, path))
					return nil
				}
				return usagef("new %q: want 'site' or 'article'", kind)
			}
		},
	}
}
