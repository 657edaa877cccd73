// Package scaffold creates the files a new site or a new article starts
// from: "timeline new site" and "timeline new article". It never
// overwrites a file: an existing one is an error naming it.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/timeline-dev/timeline/generator/config"
	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/tagcache"
)

// SiteOptions describe a new site.
type SiteOptions struct {
	Title string    // the site's title; "My timeline" if empty
	Today time.Time // the example article's publication date
}

// Site creates a working site in dir: config.toml and content/ with one
// example article. dir may exist, but must not hold a config.toml or a
// content/ folder already. It returns the files it wrote, relative to dir.
func Site(dir string, opts SiteOptions) ([]string, error) {
	if opts.Title == "" {
		opts.Title = "My timeline"
	}
	if opts.Today.IsZero() {
		return nil, errors.New("scaffold: SiteOptions.Today is required")
	}
	for _, name := range []string{config.FileName, content.Dir} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return nil, fmt.Errorf("%s already exists: timeline new site does not overwrite a site", filepath.Join(dir, name))
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	data := map[string]any{
		"Title":      strconv.Quote(opts.Title),
		"Today":      opts.Today.Format("2006-01-02"),
		"TodayLong":  opts.Today.Format("January 2, 2006"),
		"Weekday":    opts.Today.Format("Monday"),
		"LastMonth":  opts.Today.AddDate(0, -1, 0).Format("January 2006"),
		"GitIgnored": config.Default().Output,
		"CacheDir":   tagcache.Dir,
	}
	files := []struct{ name, tmpl string }{
		{config.FileName, siteConfig},
		{filepath.Join(content.Dir, "example.md"), exampleArticle},
		{".gitignore", gitignore},
	}
	if err := os.MkdirAll(filepath.Join(dir, content.Dir), 0o755); err != nil {
		return nil, err
	}
	var written []string
	for _, f := range files {
		var b bytes.Buffer
		if err := template.Must(template.New(f.name).Parse(f.tmpl)).Execute(&b, data); err != nil {
			return written, err
		}
		if err := create(filepath.Join(dir, f.name), b.Bytes()); err != nil {
			if f.name == ".gitignore" && errors.Is(err, fs.ErrExist) {
				continue // the folder is already a repository with its own
			}
			return written, err
		}
		written = append(written, filepath.ToSlash(f.name))
	}
	return written, nil
}

// ArticleOptions describe a new article. Title is required; the others
// are written when given, and outlet and published become placeholders
// the build refuses until they are filled when not.
type ArticleOptions struct {
	Title, Outlet, URL, Author string
	Published                  string // a TOML date, e.g. 2014-01-15; "" for today
	Today                      time.Time
	Draft                      bool
}

// Article creates content/<slug of the title>.md in the site dir and
// returns its path relative to dir.
func Article(dir string, opts ArticleOptions) (string, error) {
	title := strings.TrimSpace(opts.Title)
	if title == "" {
		return "", errors.New("the article needs a title")
	}
	slug := content.Slug(title)
	if slug == "" {
		return "", fmt.Errorf("no file name can be made from the title %q: use letters or digits", title)
	}
	if words := strings.Split(slug, "-"); len(words) > 8 {
		slug = strings.Join(words[:8], "-")
	}
	published := opts.Published
	if published == "" {
		published = opts.Today.Format("2006-01-02")
	}
	if _, err := time.Parse("2006-01-02", published); err != nil {
		return "", fmt.Errorf("--published %q is not a date (want YYYY-MM-DD)", published)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "+++\ntitle = %s\n", strconv.Quote(title))
	if opts.Outlet != "" {
		fmt.Fprintf(&b, "outlet = %s\n", strconv.Quote(opts.Outlet))
	} else {
		b.WriteString("outlet = \"TODO: the outlet's name\"\n")
	}
	if opts.URL != "" {
		fmt.Fprintf(&b, "url = %s\n", strconv.Quote(opts.URL))
	} else {
		b.WriteString("# url = \"https://…\"   # the original article, for citations\n")
	}
	fmt.Fprintf(&b, "published = %s\n", published)
	if opts.Author != "" {
		fmt.Fprintf(&b, "author = %s\n", strconv.Quote(opts.Author))
	}
	if opts.Draft {
		b.WriteString("draft = true   # built only with --drafts\n")
	}
	b.WriteString("+++\n\nWrite the article here, one paragraph per block. Dated statements such as\n\"last month\" or \"on Tuesday\" are resolved against the published date.\n")
	rel := filepath.Join(content.Dir, slug+".md")
	if err := os.MkdirAll(filepath.Join(dir, content.Dir), 0o755); err != nil {
		return "", err
	}
	if err := create(filepath.Join(dir, rel), b.Bytes()); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("%s already exists: choose another title or edit that file", filepath.Join(dir, rel))
		}
		return "", err
	}
	return filepath.ToSlash(rel), nil
}

// create writes a new file, failing if it exists.
func create(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

const siteConfig = `# The site's configuration. Every key is optional; see the README's
# "config.toml" section for all of them.
title       = {{.Title}}
description = "A timeline of the story, built from the articles in content/."
base_url    = "/"        # where the site is published, e.g. "https://example.org/timeline/"
language    = "en"       # default language of the articles
output      = "public"   # the built site
timezone    = "UTC"      # zone of publication times without an offset
# date_order = "mdy"     # numeric dates: 1/2/2014 is January 2 (dmy: 1 February)
# extract    = true      # find events in the text; false: only the declared ones
`

const exampleArticle = `+++
title     = "An example article: replace it with your first one"
outlet    = "Example"
published = {{.Today}}
# url     = "https://…"     # the original article, for citations
+++

This file was created by timeline new site on {{.TodayLong}}. Each article
in content/ is a Markdown file like this one, with its title, outlet and
publication date in the front matter between the +++ lines.

The timeline is made of the dated statements the articles contain. Dates
such as "last month" or "on {{.Weekday}}" are read against the published
date, so a sentence saying the idea came up last month is placed in
{{.LastMonth}}.

Run timeline serve to see the site while you write, timeline build to
publish it into public/, and timeline check to verify it.
`

const gitignore = `/{{.GitIgnored}}/
/.{{.GitIgnored}}.prev/
/.{{.GitIgnored}}.tmp-*
/.{{.GitIgnored}}.lock
/{{.CacheDir}}/
`
