package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/importer"
)

func importCommand() *command {
	cmd := &command{
		name:    "import",
		args:    "FILE... [--outlet NAME] [--published DATE] [--url URL] [--title T] [--author NAME] [--dest DIR] [--source DIR] [--dry-run] [--force]",
		summary: "turn a raw text or saved web page into a content article",
		doc: `Import turns articles copied from the web into content articles: raw
text (the page's text pasted into a file, title on the first line) or an
HTML page saved from a browser (.html, .htm, or any file that starts like
one). "-" reads standard input.

It keeps the article's title, paragraphs, subheadings and photo captions,
and takes out the page's furniture: navigation, cookie notices,
newsletter and subscription boxes, "Sign up" and "Already signed up? LOG
IN", share buttons, related-article teasers and their bylines, repeated
captions, reader comment threads, footers. Lines in another script than
the article's (an Arabic "read this in Arabic" link) are taken out and
flagged. For HTML the markup helps: nav, footer, aside and form elements,
class and id names (cookie, newsletter, share, related, comments, ad...),
link density, and the page's metadata (og:title, og:site_name,
article:published_time, JSON-LD, the canonical link) give the facts.

Each article is written to DIR/<outlet-and-title>.md (DIR is the site's
content/ folder unless --dest says otherwise); an existing file is left
alone unless --force. For each file import prints what it wrote, every
line it removed or flagged (input file:line, why, the text) so you can
check that no article text went, and the facts it could not find. Those
are written as TODO values, and "timeline build" fails until you fill
them in: import prints the very messages build will give. The flags
give facts the input lacks or gets wrong, and win over what is found.

--dry-run writes nothing and prints the article it would write.

Examples:

	timeline import ~/Downloads/naharnet.html
	timeline import --outlet Naharnet --published 2014-01-15 copied.txt
	pbpaste | timeline import --outlet "The Week (UK)" -
	timeline import --dry-run page.html | less`,
	}
	cmd.flags = func(fs *flag.FlagSet) func(context.Context, env, []string) error {
		var f importFlags
		fs.StringVar(&f.opts.Outlet, "outlet", "", "the outlet's `name`, e.g. \"Naharnet\"")
		fs.StringVar(&f.opts.Published, "published", "", "the publication `date`, 2014-01-15 or an RFC 3339 time")
		fs.StringVar(&f.opts.URL, "url", "", "the article's `URL`")
		fs.StringVar(&f.opts.Title, "title", "", "the article's `title`")
		fs.StringVar(&f.opts.Author, "author", "", "the author's `name`")
		fs.StringVar(&f.dest, "dest", "", "write the articles to this `folder` (default: the site's content/)")
		fs.StringVar(&f.source, "source", ".", "the site `folder`")
		fs.BoolVar(&f.dryRun, "dry-run", false, "write nothing; print the article that would be written")
		fs.BoolVar(&f.force, "force", false, "overwrite an existing article file")
		return func(ctx context.Context, e env, args []string) error {
			files, err := f.parseRest(fs, args)
			if errors.Is(err, flag.ErrHelp) {
				printCommandHelp(e.stdout, cmd, fs)
				return nil
			}
			if err != nil {
				return err
			}
			return f.run(e, files)
		}
	}
	return cmd
}

type importFlags struct {
	opts          importer.Options
	dest, source  string
	dryRun, force bool
}

// parseRest returns the files among args, parsing the flags written
// after them ("timeline import page.html --outlet X").
func (f *importFlags) parseRest(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for len(args) > 0 {
		files = append(files, args[0])
		if err := fs.Parse(args[1:]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%s", flagError(err, fs))
		}
		args = fs.Args()
	}
	if len(files) == 0 {
		return nil, usagef("no FILE to import (give - to read standard input)")
	}
	stdin := 0
	for _, name := range files {
		if name == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return nil, usagef("- (standard input) can be given once")
	}
	if len(files) > 1 && (f.opts.Title != "" || f.opts.URL != "") {
		return nil, usagef("--title and --url are one article's: give one FILE with them")
	}
	if p := f.opts.Published; p != "" && !isDate(p) {
		return nil, usagef("--published %q is not a date (want 2014-01-15 or an RFC 3339 time such as 2014-01-15T09:30:00Z)", p)
	}
	if f.dest == "" {
		f.dest = filepath.Join(f.source, content.Dir)
	}
	return files, nil
}

func isDate(s string) bool {
	if _, err := time.Parse("2006-01-02", s); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// run imports each file, reporting as it goes; a file that fails is
// reported and the others still imported, and the exit status is 1.
func (f *importFlags) run(e env, files []string) error {
	failed := 0
	written := map[string]string{} // output path → input
	for i, name := range files {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		if err := f.importOne(e, name, written); err != nil {
			fmt.Fprintln(e.stderr, err)
			failed++
		}
	}
	if failed > 0 {
		if len(files) > 1 {
			fmt.Fprintf(e.stderr, "import failed: %d of %d files\n", failed, len(files))
		}
		return silentError{exitError}
	}
	return nil
}

// importOne imports one file. Its errors name the input.
func (f *importFlags) importOne(e env, name string, written map[string]string) error {
	label := name
	var src []byte
	var err error
	if name == "-" {
		label = "stdin"
		src, err = io.ReadAll(e.stdin)
	} else {
		src, err = os.ReadFile(name)
	}
	if err != nil {
		return fmt.Errorf("%s: %v", label, unwrapPath(err))
	}
	a, err := importer.Import(name, src, f.opts)
	if err != nil {
		return fmt.Errorf("%s: %v", label, err)
	}
	out := filepath.Join(f.dest, a.Slug()+".md")
	if prev, ok := written[out]; ok {
		return fmt.Errorf("%s: gives %s, as %s did: give it another --title", label, out, prev)
	}
	md := a.Markdown()
	exists := false
	if f.dryRun {
		_, err := os.Stat(out)
		exists = err == nil && !f.force
	} else if err := writeArticle(out, md, f.force); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %s already exists: use --force to overwrite it (or --title for another name)", label, out)
		}
		return fmt.Errorf("%s: %v", label, err)
	}
	written[out] = label
	f.report(e, label, out, a, md, exists)
	return nil
}

// writeArticle writes md to path, creating its folder; without force it
// fails with fs.ErrExist when the file exists.
func writeArticle(path string, md []byte, force bool) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if !force {
		flags |= os.O_EXCL
	}
	file, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return err
	}
	if _, err := file.Write(md); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}

// report prints what was written, the notes and the facts to fill in;
// exists tells a dry run that the file exists.
func (f *importFlags) report(e env, label, out string, a *importer.Article, md []byte, exists bool) {
	w := e.stdout
	verb := "wrote"
	switch {
	case exists:
		verb = "would refuse to overwrite (it exists; --force overwrites)"
	case f.dryRun:
		verb = "would write"
	}
	fmt.Fprintf(w, "%s %s: %q, %d blocks\n", verb, out, a.Title, len(a.Body))
	if len(a.Removed) > 0 {
		fmt.Fprintf(w, "  removed %s (check that none is the article's):\n", lines(len(a.Removed)))
		for _, n := range a.Removed {
			fmt.Fprintf(w, "    %s:%d: %s: %s\n", label, n.Line, n.Reason, n.Text)
		}
	}
	if len(a.Flagged) > 0 {
		fmt.Fprintf(w, "  flagged %s in another script (taken out):\n", lines(len(a.Flagged)))
		for _, n := range a.Flagged {
			fmt.Fprintf(w, "    %s:%d: %s: %s\n", label, n.Line, n.Reason, n.Text)
		}
	}
	if errs := buildErrors(f.source, out, md); len(errs) > 0 {
		fmt.Fprintf(w, "  not found, written as TODO: %s; timeline build fails until you fill them in:\n", strings.Join(a.Missing, ", "))
		for _, e := range errs {
			fmt.Fprintf(w, "    %s\n", e.Error())
		}
	}
	if f.dryRun {
		fmt.Fprintf(w, "--- %s\n%s", out, md)
	}
}

func lines(n int) string {
	if n == 1 {
		return "1 line"
	}
	return fmt.Sprintf("%d lines", n)
}

// buildErrors returns what "timeline build" will say of the article
// written to out: the content parser's errors, with the path the build
// names it by (relative to the site).
func buildErrors(site, out string, md []byte) []*diag.Error {
	path := filepath.ToSlash(out)
	if rel, err := filepath.Rel(site, out); err == nil && !strings.HasPrefix(rel, "..") {
		path = filepath.ToSlash(rel)
	}
	_, err := content.Parse(path, md, content.Options{})
	return diag.Errors(err)
}

// unwrapPath drops the "open FILE:" of an *fs.PathError, since the
// message names the file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
