// Package badinput is the table of bad inputs of issue 14, shared by the
// tests of generator/build and generator/serve. Each row is a change to a
// good site (Site): a build of the changed site must fail with the row's
// messages, which name the file and line, and leave the output as it was
// (build's TestBadInput); timeline serve must show the same messages in
// its error overlay over the last good page, and clear them when the input
// is fixed (serve's TestServeBadInput). A row without messages (CRLF, a
// BOM, odd file names) must build instead, with the row's output files.
package badinput

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// The good site every row starts from: config.toml, content/a.md
// (Article, which declares an event) and content/b.md (Other).
const (
	Config = `title = "Bad input"
base_url = "https://example.org/"
`
	Article = `+++
title = "Talks in Geneva"
outlet = "Naharnet"
published = 2014-01-15
url = "https://example.com/a"

[[event]]
date = "2013-11"
quote = "German, French and Spanish agencies have been speaking to regime officials since November."
+++

German, French and Spanish agencies have been speaking to regime officials since November.

Delegates met in Geneva on Monday to discuss a ceasefire.
`
	Other = `+++
title = "More talks"
outlet = "Reuters"
published = 2014-01-16
+++

Delegates met in Geneva on Monday to discuss a ceasefire, officials said.
`
)

// Site are the files of the good site, by slash path.
var Site = map[string]string{"config.toml": Config, "content/a.md": Article, "content/b.md": Other}

// WriteSite writes the good site into the folder site.
func WriteSite(t testing.TB, site string) {
	t.Helper()
	for p, s := range Site {
		write(t, filepath.Join(site, filepath.FromSlash(p)), s)
	}
}

// Edit returns the good article with old replaced by new (which must be in
// it).
func Edit(old, new string) string {
	if !strings.Contains(Article, old) {
		panic("badinput.Edit: " + old + " is not in the article")
	}
	return strings.Replace(Article, old, new, 1)
}

// Row is a bad input: a change to the good site.
type Row struct {
	Name string
	// Files are written over the good site (slash paths).
	Files map[string]string
	// Setup makes what Files cannot: links, a pipe, permissions, 50 MB.
	Setup func(t testing.TB, site string)
	// Want are the messages, regular expressions each matched by a line
	// of the error (file:line:column: message), all of which must name a
	// file of the site. None: the site must build.
	Want []string
	// Output are files the build of a row without Want must have.
	Output []string
	// Absent may not appear in the error: the text of a file outside the
	// site.
	Absent []string
	// Unprivileged rows test permissions, which root does not need: as
	// root they run again in a process of the user nobody (AsNobody).
	Unprivileged bool
	// NotServed says why the row cannot run through timeline serve; ""
	// when it does.
	NotServed string
}

// Break applies the row to the good site in the folder site.
func (r Row) Break(t testing.TB, site string) {
	t.Helper()
	for p, s := range r.Files {
		write(t, filepath.Join(site, filepath.FromSlash(p)), s)
	}
	if r.Setup != nil {
		r.Setup(t, site)
	}
}

// Rows is the table of bad inputs: issue 14's, row by row.
var Rows = []Row{
	// TOML
	{Name: "malformed TOML: string not closed", Files: map[string]string{"content/a.md": Edit(`outlet = "Naharnet"`, `outlet = "Naharnet`)},
		Want: []string{`^content/a\.md:3:19: outlet: strings cannot contain newlines$`}},
	{Name: "malformed TOML: value not quoted", Files: map[string]string{"content/a.md": Edit(`outlet = "Naharnet"`, `outlet = Naharnet`)},
		Want: []string{`^content/a\.md:3:10: outlet: expected value but found "Naharnet" instead$`}},
	{Name: "malformed TOML: key twice", Files: map[string]string{"content/a.md": Edit(`outlet = "Naharnet"`, "outlet = \"Naharnet\"\noutlet = \"AFP\"")},
		Want: []string{`^content/a\.md:4:1: .*'outlet' has already been defined`}},
	{Name: "front matter never closed", Files: map[string]string{"content/a.md": Edit("+++\n\nGerman", "\nGerman")},
		Want: []string{`^content/a\.md:1:1: front matter is not closed: no \+\+\+ line after this one$`}},
	{Name: "missing key", Files: map[string]string{"content/a.md": Edit("title = \"Talks in Geneva\"\n", "")},
		Want: []string{`^content/a\.md:1:1: missing required key "title"$`}},
	{Name: "unknown key", Files: map[string]string{"content/a.md": Edit(`title =`, `titel =`)},
		Want: []string{`^content/a\.md:2:1: unknown key "titel" \(did you mean "title"\?\)$`, `^content/a\.md:1:1: missing required key "title"$`}},
	{Name: "mistyped key: string for a boolean", Files: map[string]string{"content/a.md": Edit(`url =`, "draft = \"yes\"\nurl =")},
		Want: []string{`^content/a\.md:5:9: draft: incompatible types: TOML value has type string; destination has type boolean$`}},
	{Name: "mistyped key: number for a date", Files: map[string]string{"content/a.md": Edit(`published = 2014-01-15`, `published = 12`)},
		Want: []string{`^content/a\.md:4:13: published: want a date such as 2014-01-15, got 12$`}},
	{Name: "mistyped key: string for a table", Files: map[string]string{"content/a.md": Edit("[[event]]\ndate = \"2013-11\"", "event = \"2013-11\"\n[x]\ndate = \"2013-11\"")},
		Want: []string{`^content/a\.md:7:9: event: incompatible types: TOML value has type string; destination has type slice$`}},

	// Dates
	{Name: "impossible date", Files: map[string]string{"content/a.md": Edit(`published = 2014-01-15`, `published = 2014-02-30`)},
		Want: []string{`^content/a\.md:4:13: published: "2014-02-30" is not a real date \(February 2014 has 28 days\)$`}},
	{Name: "impossible event date", Files: map[string]string{"content/a.md": Edit(`date = "2013-11"`, `date = "2014-02-30"`)},
		Want: []string{`^content/a\.md:8:8: date: "2014-02-30" is not a valid TIMEX3 value: February 2014 has 28 days$`}},
	{Name: "date before year 1", Files: map[string]string{"content/a.md": Edit(`published = 2014-01-15`, `published = 0000-12-31`)},
		Want: []string{`^content/a\.md:4:13: published: year 0000 is before year 1: dates run from 0001-01-01 to 9999-12-31$`}},
	{Name: "event date before year 1", Files: map[string]string{"content/a.md": Edit(`date = "2013-11"`, `date = "0000-11"`)},
		Want: []string{`^content/a\.md:8:8: date: "0000-11" starts before year 1: dates run from 0001-01-01 to 9999-12-31$`}},
	{Name: "date after 9999", Files: map[string]string{"content/a.md": Edit(`published = 2014-01-15`, `published = 10000-01-01`)},
		Want: []string{`^content/a\.md:4:13: published: "10000-01-01" is not a real date \(years after 9999 are not supported: a year has four digits\)$`}},
	{Name: "event date after 9999", Files: map[string]string{"content/a.md": Edit(`date = "2013-11"`, `date = "10000-11"`)},
		Want: []string{`^content/a\.md:8:8: date: "10000-11": years after 9999 are not supported \(a year has at most four digits\)$`}},
	{Name: "override date after 9999", Files: map[string]string{"content/_events.toml": "[[event]]\narticle = \"a\"\nquote = \"Delegates met in Geneva\"\ndate = \"10000\"\n"},
		Want: []string{`^content/_events\.toml:4:1: date: "10000": years after 9999 are not supported`}},

	// What is in the file
	{Name: "empty file", Files: map[string]string{"content/c.md": ""},
		Want: []string{`^content/c\.md:1:1: missing front matter: the file must start with a \+\+\+ line$`}},
	{Name: "50 MB article", Setup: func(t testing.TB, site string) {
		big := []byte(strings.Repeat("Delegates met in Geneva on Monday to discuss a ceasefire, officials said.\n\n", 50<<20/75))
		write(t, filepath.Join(site, "content/big.md"), Other+string(big))
	}, Want: []string{`^content/big\.md: the file is 50\.0 MiB; an article may be at most 1 MiB \(content\.MaxSize\)$`}},
	{Name: "invalid UTF-8", Files: map[string]string{"content/a.md": Article + "\nCaf\xe9 owners met on Monday.\n"},
		Want: []string{`^content/a\.md:16:4: invalid UTF-8 \(byte 0xe9\): an article must be saved as UTF-8$`}},
	{Name: "invalid UTF-8 in front matter", Files: map[string]string{"content/a.md": Edit(`Talks in Geneva`, "Talks in Gen\xe8ve")},
		Want: []string{`^content/a\.md:2:22: invalid UTF-8 \(byte 0xe8\)`}},
	{Name: "UTF-8 BOM", Files: map[string]string{"content/a.md": "\ufeff" + Article},
		Output: []string{"articles/a/index.html"}},
	{Name: "CRLF line endings", Files: map[string]string{"content/a.md": strings.ReplaceAll(Article, "\n", "\r\n"), "content/b.md": strings.ReplaceAll(Other, "\n", "\r\n")},
		Output: []string{"articles/a/index.html", "events/2013-11-france-germany-spain/index.html"}},
	{Name: "NUL byte", Files: map[string]string{"content/a.md": Article + "\nA NUL\x00 byte.\n"},
		Want: []string{`^content/a\.md:16:6: NUL byte: an article is Markdown text, and this looks like a binary file$`}},
	{Name: "binary file named .md", Files: map[string]string{"content/c.md": "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00"},
		Want: []string{`^content/c\.md:1:8: NUL byte`}},

	// Ids and file names
	{Name: "two articles with the same id", Files: map[string]string{"content/x/y.md": Other, "content/x-y.md": Other},
		Want: []string{`^content/x/y\.md: article id x-y is also the id of content/x-y\.md; rename one of the files$`}},
	{Name: "ids differing in case", Files: map[string]string{"content/A.md": Other},
		Want: []string{`^content/a\.md: article id a is also the id of content/A\.md; rename one of the files$`}},
	{Name: "file names with spaces, dots and accents", Files: map[string]string{
		"content/Université de Genève.md": Other, "content/a..b.md": Other, `content/a\..\..\evil.md`: Other, "content/2014/ x /index.md": Other},
		Output: []string{"articles/universite-de-geneve/index.html", "articles/a-b/index.html", "articles/a-evil/index.html", "articles/2014-x/index.html"}},
	{Name: "file name without letters or digits", Files: map[string]string{"content/إقرأ.md": Other},
		Want: []string{`^content/إقرأ\.md: the file name gives an empty article id; use letters or digits in it$`}},
	{Name: "event id with ..", Files: map[string]string{"content/a.md": Edit(`date = "2013-11"`, "date = \"2013-11\"\nid = \"../../evil\"")},
		Want: []string{`^content/a\.md:9:6: id: "\.\./\.\./evil" is not a slug`}},
	{Name: "event id with spaces and accents", Files: map[string]string{"content/a.md": Edit(`date = "2013-11"`, "date = \"2013-11\"\nid = \"Réunion à Genève\"")},
		Want: []string{`^content/a\.md:9:6: id: "Réunion à Genève" is not a slug`}},
	{Name: "rename with a slash", Files: map[string]string{"content/_events.toml": "[[event]]\nid = \"x\"\nrename = \"a/b\"\n"},
		Want: []string{`^content/_events\.toml:3:1: rename: "a/b" is not a slug`}},
	{Name: "merge into ..", Files: map[string]string{"content/_events.toml": "[[merge]]\nids = [\"x\", \"y\"]\ninto = \"../../escaped\"\n"},
		Want: []string{`^content/_events\.toml:3:1: into: "\.\./\.\./escaped" is not a slug`}},
	{Name: "split id with a space", Files: map[string]string{"content/_events.toml": "[[split]]\narticle = \"a\"\nquote = \"Delegates met in Geneva\"\nid = \"two words\"\n"},
		Want: []string{`^content/_events\.toml:4:1: id: "two words" is not a slug`}},

	// Links and permissions
	{Name: "symlink loop", Setup: symlink("loop.md", "content/loop.md"),
		Want: []string{`^content/loop\.md: symbolic link loop: content/loop\.md leads back to itself$`}},
	{Name: "symlink loop of two", Setup: together(symlink("l2.md", "content/l1.md"), symlink("l1.md", "content/l2.md")),
		Want: []string{`^content/l1\.md: symbolic link loop`, `^content/l2\.md: symbolic link loop`}},
	{Name: "folder symlink loop", Setup: symlink("..", "content/sub/up"), Output: []string{"articles/a/index.html"}},
	{Name: "dangling symlink", Setup: symlink("nowhere.md", "content/c.md"),
		Want: []string{`^content/c\.md: symbolic link to nowhere\.md, which does not exist$`}},
	{Name: "symlink out of the site", Setup: outside("content/c.md"),
		Want: []string{`^content/c\.md: symbolic link to .*secret\.md, outside the site: a build reads only the site's own files$`}, Absent: []string{"TOPSECRET"}},
	{Name: "symlink out of the site: _events.toml", Setup: outside("content/_events.toml"),
		Want: []string{`^content/_events\.toml: symbolic link to .*, outside the site`}, Absent: []string{"TOPSECRET"}},
	{Name: "symlink out of the site: static/", Setup: outside("static/secret.txt"),
		Want: []string{`^static/secret\.txt: symbolic link to .*, outside the site`}},
	{Name: "symlink out of the site: templates/", Setup: outside("templates/event.html"),
		Want: []string{`^templates/event\.html: symbolic link to .*, outside the site`}, Absent: []string{"TOPSECRET"}},
	{Name: "symlink inside the site", Files: map[string]string{"notes/c.md": Other}, Setup: symlink("../notes/c.md", "content/c.md"),
		Output: []string{"articles/c/index.html"}},
	{Name: "named pipe", Setup: func(t testing.TB, site string) {
		if err := syscall.Mkfifo(filepath.Join(site, "content/pipe.md"), 0o644); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
	}, Want: []string{`^content/pipe\.md: a named pipe, not a regular file: an article is a Markdown text file$`}},
	{Name: "unreadable file", Unprivileged: true, Files: map[string]string{"content/c.md": Other}, Setup: chmod("content/c.md", 0),
		Want: []string{`^content/c\.md: cannot read the file: permission denied$`}},
	{Name: "unreadable folder", Unprivileged: true, Files: map[string]string{"content/sub/c.md": Other}, Setup: chmod("content/sub", 0),
		Want: []string{`^content/sub: cannot read the folder: permission denied$`}},

	// Templates
	{Name: "template that does not parse", Files: map[string]string{"templates/event.html": "{{define \"main\"}}\n<h1>{{.Event.Headline}</h1>\n{{end}}"},
		Want: []string{`^templates/event\.html:2: bad character U\+007D '}'$`}},
	{Name: "template calling a missing field", Files: map[string]string{"templates/event.html": "{{define \"main\"}}\n\n<p>{{.Event.Nope}}</p>\n{{end}}"},
		Want: []string{`^templates/event\.html:3:11: executing "main" at <\.Event\.Nope>: can't evaluate field Nope in type \*render\.EventView$`}},

	// Overrides and quotes
	{Name: "override naming a missing event", Files: map[string]string{"content/_events.toml": "[[event]]\nid = \"no-such-event\"\nheadline = \"Talks\"\n"},
		Want: []string{`^content/_events\.toml:2:1: no event has the id "no-such-event"$`}},
	{Name: "merge naming a missing event", Files: map[string]string{"content/_events.toml": "\n[[merge]]\nids = [\"2013-11-france-germany-spain\", \"no-such-event\"]\n"},
		Want: []string{`^content/_events\.toml:3:1: no event has the id "no-such-event"$`}},
	{Name: "quote not in its article", Files: map[string]string{"content/a.md": Edit(`quote = "German, French and Spanish`, `quote = "German, French and Italian`)},
		Want: []string{`^content/a\.md:9:9: quote: not found in the body: "German, French and Italian agencies`}},
	{Name: "override quote not in its article", Files: map[string]string{"content/_events.toml": "[[event]]\narticle = \"b\"\nquote = \"Delegates met in Paris\"\ndate = \"2014-01\"\n"},
		Want: []string{`^content/_events\.toml:3:1: quote: not found in article b: "Delegates met in Paris"$`}},

	// URLs that are not the article's address
	{Name: "javascript: url", Files: map[string]string{"content/a.md": Edit(`"https://example.com/a"`, `"javascript:alert(1)"`)},
		Want: []string{`^content/a\.md:5:7: url: "javascript:alert\(1\)" is not an absolute http\(s\) URL$`}},
	{Name: "javascript: url, mixed case and spaces", Files: map[string]string{"content/a.md": Edit(`"https://example.com/a"`, `"  JaVaScRiPt:alert(1)"`)},
		Want: []string{`^content/a\.md:5:7: url: "JaVaScRiPt:alert\(1\)" is not an absolute http\(s\) URL$`}},
	{Name: "data: url", Files: map[string]string{"content/a.md": Edit(`"https://example.com/a"`, `"data:text/html,<script>alert(1)</script>"`)},
		Want: []string{`^content/a\.md:5:7: url: "data:text/html,<script>alert\(1\)</script>" is not an absolute http\(s\) URL$`}},
	{Name: "vbscript: url", Files: map[string]string{"content/a.md": Edit(`"https://example.com/a"`, `"vbscript:msgbox(1)"`)},
		Want: []string{`^content/a\.md:5:7: url: "vbscript:msgbox\(1\)" is not an absolute http\(s\) URL$`}},
}

func write(t testing.TB, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(target, link string) func(testing.TB, string) {
	return func(t testing.TB, site string) {
		p := filepath.Join(site, filepath.FromSlash(link))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
}

// outside links p to a file outside the site.
func outside(p string) func(testing.TB, string) {
	return func(t testing.TB, site string) {
		secret := filepath.Join(t.TempDir(), "secret.md")
		write(t, secret, "TOPSECRET: a file the build must not read\n")
		symlink(secret, p)(t, site)
	}
}

func together(fs ...func(testing.TB, string)) func(testing.TB, string) {
	return func(t testing.TB, site string) {
		for _, f := range fs {
			f(t, site)
		}
	}
}

func chmod(p string, mode os.FileMode) func(testing.TB, string) {
	return func(t testing.TB, site string) {
		full := filepath.Join(site, filepath.FromSlash(p))
		if err := os.Chmod(full, mode); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(full, 0o755) }) // so that the folder can be removed
	}
}

// Restore makes the site in the folder site the good one again, as an
// editor's fix of any row does: what is not the good site's is removed
// (made readable first), and the good files are written again where they
// differ. The output folder and the hidden files at the top (the spare
// output, the lock) are kept.
func Restore(t testing.TB, site string) {
	t.Helper()
	var extra []string
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
			return nil
		case !strings.Contains(rel, "/") && (rel == "public" || strings.HasPrefix(rel, ".")):
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		case rel == "content", Site[rel] != "" && d.Type().IsRegular():
			return nil
		}
		if d.IsDir() {
			// Readable, so that the walk and the removal go in.
			if err := os.Chmod(p, 0o755); err != nil {
				return err
			}
		}
		if len(extra) == 0 || !strings.HasPrefix(p, extra[len(extra)-1]+string(filepath.Separator)) {
			extra = append(extra, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range extra {
		if err := os.RemoveAll(p); err != nil {
			t.Fatal(err)
		}
	}
	for rel, s := range Site {
		p := filepath.Join(site, filepath.FromSlash(rel))
		if b, err := os.ReadFile(p); err == nil && string(b) == s {
			continue
		}
		os.Chmod(p, 0o644)
		write(t, p, s)
	}
}

// AsNobody runs the current test again in a new process of the user
// nobody (65534), to test what file permissions deny to anyone but root,
// and fails the test if it fails there. The test, when it runs as
// nobody, must not call AsNobody again.
func AsNobody(t *testing.T) {
	t.Helper()
	if os.Getenv("TIMELINE_TEST_NOBODY") != "" {
		t.Fatal("still root in the process run as nobody")
	}
	// The test binary's folder is private to root: copy it.
	dir, err := os.MkdirTemp("", "badinput-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	self, err := os.Executable()
	if err != nil {
		t.Skipf("cannot run as nobody: %v", err)
	}
	bin, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(dir, filepath.Base(self))
	if err := os.WriteFile(exe, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range []struct {
		name string
		mode os.FileMode
	}{{dir, 0o755}, {tmp, 0o777 | os.ModeSticky}} {
		if err := os.Chmod(d.name, d.mode); err != nil {
			t.Fatal(err)
		}
	}
	// The test and its parents, each matched whole (t.Name has "_" for
	// the spaces of subtest names).
	var run []string
	for _, part := range strings.Split(t.Name(), "/") {
		run = append(run, "^"+regexp.QuoteMeta(part)+"$")
	}
	cmd := exec.Command(exe, "-test.run="+strings.Join(run, "/"), "-test.v", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TIMELINE_TEST_NOBODY=1", "TMPDIR="+tmp, "HOME="+tmp)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		t.Fatalf("as nobody:\n%s", out)
	case err != nil:
		t.Skipf("cannot run as nobody: %v", err)
	case !bytes.Contains(out, []byte("--- PASS")):
		t.Fatalf("as nobody, the row did not run:\n%s", out)
	}
	t.Logf("passed as the user nobody")
}
