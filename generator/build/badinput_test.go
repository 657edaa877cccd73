package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/diag"
)

// The site every row of TestBadInput starts from, and builds first.
const (
	badConfig = `title = "Bad input"
base_url = "https://example.org/"
`
	badArticle = `+++
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
	badOther = `+++
title = "More talks"
outlet = "Reuters"
published = 2014-01-16
+++

Delegates met in Geneva on Monday to discuss a ceasefire, officials said.
`
)

// edit returns the good article with old replaced by new (which must be in
// it).
func edit(old, new string) string {
	if !strings.Contains(badArticle, old) {
		panic("edit: " + old + " is not in the article")
	}
	return strings.Replace(badArticle, old, new, 1)
}

// A bad input is a change to a good site. Its build must fail with every
// message of want (regular expressions matched against the lines of the
// error, which must all name their file), leave the output of the good
// build byte for byte as it was, and leave no staging folder behind; a
// row without want (CRLF, a BOM, odd file names) must build instead, and
// have the files of output. Nothing in absent may appear in the error (the
// text of a file outside the site).
type badInput struct {
	name  string
	files map[string]string // written over the good site
	// setup makes what files cannot: links, a pipe, permissions, 50 MB.
	setup  func(t *testing.T, site string)
	want   []string
	output []string
	absent []string
	// unprivileged rows test permissions, which root does not need: as
	// root they run again in a process of the user nobody.
	unprivileged bool
}

var badInputs = []badInput{
	// TOML
	{name: "malformed TOML: string not closed", files: map[string]string{"content/a.md": edit(`outlet = "Naharnet"`, `outlet = "Naharnet`)},
		want: []string{`^content/a\.md:3:19: outlet: strings cannot contain newlines$`}},
	{name: "malformed TOML: value not quoted", files: map[string]string{"content/a.md": edit(`outlet = "Naharnet"`, `outlet = Naharnet`)},
		want: []string{`^content/a\.md:3:10: outlet: expected value but found "Naharnet" instead$`}},
	{name: "malformed TOML: key twice", files: map[string]string{"content/a.md": edit(`outlet = "Naharnet"`, "outlet = \"Naharnet\"\noutlet = \"AFP\"")},
		want: []string{`^content/a\.md:4:1: .*'outlet' has already been defined`}},
	{name: "front matter never closed", files: map[string]string{"content/a.md": edit("+++\n\nGerman", "\nGerman")},
		want: []string{`^content/a\.md:1:1: front matter is not closed: no \+\+\+ line after this one$`}},
	{name: "missing key", files: map[string]string{"content/a.md": edit("title = \"Talks in Geneva\"\n", "")},
		want: []string{`^content/a\.md:1:1: missing required key "title"$`}},
	{name: "unknown key", files: map[string]string{"content/a.md": edit(`title =`, `titel =`)},
		want: []string{`^content/a\.md:2:1: unknown key "titel" \(did you mean "title"\?\)$`, `^content/a\.md:1:1: missing required key "title"$`}},
	{name: "mistyped key: string for a boolean", files: map[string]string{"content/a.md": edit(`url =`, "draft = \"yes\"\nurl =")},
		want: []string{`^content/a\.md:5:9: draft: incompatible types: TOML value has type string; destination has type boolean$`}},
	{name: "mistyped key: number for a date", files: map[string]string{"content/a.md": edit(`published = 2014-01-15`, `published = 12`)},
		want: []string{`^content/a\.md:4:13: published: want a date such as 2014-01-15, got 12$`}},
	{name: "mistyped key: string for a table", files: map[string]string{"content/a.md": edit("[[event]]\ndate = \"2013-11\"", "event = \"2013-11\"\n[x]\ndate = \"2013-11\"")},
		want: []string{`^content/a\.md:7:9: event: incompatible types: TOML value has type string; destination has type slice$`}},

	// Dates
	{name: "impossible date", files: map[string]string{"content/a.md": edit(`published = 2014-01-15`, `published = 2014-02-30`)},
		want: []string{`^content/a\.md:4:13: published: "2014-02-30" is not a real date \(February 2014 has 28 days\)$`}},
	{name: "impossible event date", files: map[string]string{"content/a.md": edit(`date = "2013-11"`, `date = "2014-02-30"`)},
		want: []string{`^content/a\.md:8:8: date: "2014-02-30" is not a valid TIMEX3 value: February 2014 has 28 days$`}},
	{name: "date before year 1", files: map[string]string{"content/a.md": edit(`published = 2014-01-15`, `published = 0000-12-31`)},
		want: []string{`^content/a\.md:4:13: published: year 0000 is before year 1: dates run from 0001-01-01 to 9999-12-31$`}},
	{name: "event date before year 1", files: map[string]string{"content/a.md": edit(`date = "2013-11"`, `date = "0000-11"`)},
		want: []string{`^content/a\.md:8:8: date: "0000-11" starts before year 1: dates run from 0001-01-01 to 9999-12-31$`}},
	{name: "date after 9999", files: map[string]string{"content/a.md": edit(`published = 2014-01-15`, `published = 10000-01-01`)},
		want: []string{`^content/a\.md:4:13: published: "10000-01-01" is not a real date \(years after 9999 are not supported: a year has four digits\)$`}},
	{name: "event date after 9999", files: map[string]string{"content/a.md": edit(`date = "2013-11"`, `date = "10000-11"`)},
		want: []string{`^content/a\.md:8:8: date: "10000-11": years after 9999 are not supported \(a year has at most four digits\)$`}},
	{name: "override date after 9999", files: map[string]string{"content/_events.toml": "[[event]]\narticle = \"a\"\nquote = \"Delegates met in Geneva\"\ndate = \"10000\"\n"},
		want: []string{`^content/_events\.toml:4:1: date: "10000": years after 9999 are not supported`}},

	// What is in the file
	{name: "empty file", files: map[string]string{"content/c.md": ""},
		want: []string{`^content/c\.md:1:1: missing front matter: the file must start with a \+\+\+ line$`}},
	{name: "50 MB article", setup: func(t *testing.T, site string) {
		big := []byte(strings.Repeat("Delegates met in Geneva on Monday to discuss a ceasefire, officials said.\n\n", 50<<20/75))
		write(t, filepath.Join(site, "content/big.md"), badOther+string(big))
	}, want: []string{`^content/big\.md: the file is 50\.0 MiB; an article may be at most 1 MiB \(content\.MaxSize\)$`}},
	{name: "invalid UTF-8", files: map[string]string{"content/a.md": badArticle + "\nCaf\xe9 owners met on Monday.\n"},
		want: []string{`^content/a\.md:16:4: invalid UTF-8 \(byte 0xe9\): an article must be saved as UTF-8$`}},
	{name: "invalid UTF-8 in front matter", files: map[string]string{"content/a.md": edit(`Talks in Geneva`, "Talks in Gen\xe8ve")},
		want: []string{`^content/a\.md:2:22: invalid UTF-8 \(byte 0xe8\)`}},
	{name: "UTF-8 BOM", files: map[string]string{"content/a.md": "\ufeff" + badArticle},
		output: []string{"articles/a/index.html"}},
	{name: "CRLF line endings", files: map[string]string{"content/a.md": strings.ReplaceAll(badArticle, "\n", "\r\n"), "content/b.md": strings.ReplaceAll(badOther, "\n", "\r\n")},
		output: []string{"articles/a/index.html", "events/2013-11-france-germany-spain/index.html"}},
	{name: "NUL byte", files: map[string]string{"content/a.md": badArticle + "\nA NUL\x00 byte.\n"},
		want: []string{`^content/a\.md:16:6: NUL byte: an article is Markdown text, and this looks like a binary file$`}},
	{name: "binary file named .md", files: map[string]string{"content/c.md": "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00"},
		want: []string{`^content/c\.md:1:8: NUL byte`}},

	// Ids and file names
	{name: "two articles with the same id", files: map[string]string{"content/x/y.md": badOther, "content/x-y.md": badOther},
		want: []string{`^content/x/y\.md: article id x-y is also the id of content/x-y\.md; rename one of the files$`}},
	{name: "ids differing in case", files: map[string]string{"content/A.md": badOther},
		want: []string{`^content/a\.md: article id a is also the id of content/A\.md; rename one of the files$`}},
	{name: "file names with spaces, dots and accents", files: map[string]string{
		"content/Université de Genève.md": badOther, "content/a..b.md": badOther, `content/a\..\..\evil.md`: badOther, "content/2014/ x /index.md": badOther},
		output: []string{"articles/universite-de-geneve/index.html", "articles/a-b/index.html", "articles/a-evil/index.html", "articles/2014-x/index.html"}},
	{name: "file name without letters or digits", files: map[string]string{"content/إقرأ.md": badOther},
		want: []string{`^content/إقرأ\.md: the file name gives an empty article id; use letters or digits in it$`}},
	{name: "event id with ..", files: map[string]string{"content/a.md": edit(`date = "2013-11"`, "date = \"2013-11\"\nid = \"../../evil\"")},
		want: []string{`^content/a\.md:9:6: id: "\.\./\.\./evil" is not a slug`}},
	{name: "event id with spaces and accents", files: map[string]string{"content/a.md": edit(`date = "2013-11"`, "date = \"2013-11\"\nid = \"Réunion à Genève\"")},
		want: []string{`^content/a\.md:9:6: id: "Réunion à Genève" is not a slug`}},
	{name: "rename with a slash", files: map[string]string{"content/_events.toml": "[[event]]\nid = \"x\"\nrename = \"a/b\"\n"},
		want: []string{`^content/_events\.toml:3:1: rename: "a/b" is not a slug`}},
	{name: "merge into ..", files: map[string]string{"content/_events.toml": "[[merge]]\nids = [\"x\", \"y\"]\ninto = \"../../escaped\"\n"},
		want: []string{`^content/_events\.toml:3:1: into: "\.\./\.\./escaped" is not a slug`}},
	{name: "split id with a space", files: map[string]string{"content/_events.toml": "[[split]]\narticle = \"a\"\nquote = \"Delegates met in Geneva\"\nid = \"two words\"\n"},
		want: []string{`^content/_events\.toml:4:1: id: "two words" is not a slug`}},

	// Links and permissions
	{name: "symlink loop", setup: symlink("loop.md", "content/loop.md"),
		want: []string{`^content/loop\.md: symbolic link loop: content/loop\.md leads back to itself$`}},
	{name: "symlink loop of two", setup: together(symlink("l2.md", "content/l1.md"), symlink("l1.md", "content/l2.md")),
		want: []string{`^content/l1\.md: symbolic link loop`, `^content/l2\.md: symbolic link loop`}},
	{name: "folder symlink loop", setup: symlink("..", "content/sub/up"), output: []string{"articles/a/index.html"}},
	{name: "dangling symlink", setup: symlink("nowhere.md", "content/c.md"),
		want: []string{`^content/c\.md: symbolic link to nowhere\.md, which does not exist$`}},
	{name: "symlink out of the site", setup: outside("content/c.md"),
		want: []string{`^content/c\.md: symbolic link to .*secret\.md, outside the site: a build reads only the site's own files$`}, absent: []string{"TOPSECRET"}},
	{name: "symlink out of the site: _events.toml", setup: outside("content/_events.toml"),
		want: []string{`^content/_events\.toml: symbolic link to .*, outside the site`}, absent: []string{"TOPSECRET"}},
	{name: "symlink out of the site: static/", setup: outside("static/secret.txt"),
		want: []string{`^static/secret\.txt: symbolic link to .*, outside the site`}},
	{name: "symlink out of the site: templates/", setup: outside("templates/event.html"),
		want: []string{`^templates/event\.html: symbolic link to .*, outside the site`}, absent: []string{"TOPSECRET"}},
	{name: "symlink inside the site", files: map[string]string{"notes/c.md": badOther}, setup: symlink("../notes/c.md", "content/c.md"),
		output: []string{"articles/c/index.html"}},
	{name: "named pipe", setup: func(t *testing.T, site string) {
		if err := syscall.Mkfifo(filepath.Join(site, "content/pipe.md"), 0o644); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
	}, want: []string{`^content/pipe\.md: a named pipe, not a regular file: an article is a Markdown text file$`}},
	{name: "unreadable file", unprivileged: true, files: map[string]string{"content/c.md": badOther}, setup: chmod("content/c.md", 0),
		want: []string{`^content/c\.md: cannot read the file: permission denied$`}},
	{name: "unreadable folder", unprivileged: true, files: map[string]string{"content/sub/c.md": badOther}, setup: chmod("content/sub", 0),
		want: []string{`^content/sub: cannot read the folder: permission denied$`}},

	// Templates
	{name: "template that does not parse", files: map[string]string{"templates/event.html": "{{define \"main\"}}\n<h1>{{.Event.Headline}</h1>\n{{end}}"},
		want: []string{`^templates/event\.html:2: bad character U\+007D '}'$`}},
	{name: "template calling a missing field", files: map[string]string{"templates/event.html": "{{define \"main\"}}\n\n<p>{{.Event.Nope}}</p>\n{{end}}"},
		want: []string{`^templates/event\.html:3:11: executing "main" at <\.Event\.Nope>: can't evaluate field Nope in type \*render\.EventView$`}},

	// Overrides and quotes
	{name: "override naming a missing event", files: map[string]string{"content/_events.toml": "[[event]]\nid = \"no-such-event\"\nheadline = \"Talks\"\n"},
		want: []string{`^content/_events\.toml:2:1: no event has the id "no-such-event"$`}},
	{name: "merge naming a missing event", files: map[string]string{"content/_events.toml": "\n[[merge]]\nids = [\"2013-11-france-germany-spain\", \"no-such-event\"]\n"},
		want: []string{`^content/_events\.toml:3:1: no event has the id "no-such-event"$`}},
	{name: "quote not in its article", files: map[string]string{"content/a.md": edit(`quote = "German, French and Spanish`, `quote = "German, French and Italian`)},
		want: []string{`^content/a\.md:9:9: quote: not found in the body: "German, French and Italian agencies`}},
	{name: "override quote not in its article", files: map[string]string{"content/_events.toml": "[[event]]\narticle = \"b\"\nquote = \"Delegates met in Paris\"\ndate = \"2014-01\"\n"},
		want: []string{`^content/_events\.toml:3:1: quote: not found in article b: "Delegates met in Paris"$`}},

	// URLs that are not the article's address
	{name: "javascript: url", files: map[string]string{"content/a.md": edit(`"https://example.com/a"`, `"javascript:alert(1)"`)},
		want: []string{`^content/a\.md:5:7: url: "javascript:alert\(1\)" is not an absolute http\(s\) URL$`}},
	{name: "javascript: url, mixed case and spaces", files: map[string]string{"content/a.md": edit(`"https://example.com/a"`, `"  JaVaScRiPt:alert(1)"`)},
		want: []string{`^content/a\.md:5:7: url: "JaVaScRiPt:alert\(1\)" is not an absolute http\(s\) URL$`}},
	{name: "data: url", files: map[string]string{"content/a.md": edit(`"https://example.com/a"`, `"data:text/html,<script>alert(1)</script>"`)},
		want: []string{`^content/a\.md:5:7: url: "data:text/html,<script>alert\(1\)</script>" is not an absolute http\(s\) URL$`}},
	{name: "vbscript: url", files: map[string]string{"content/a.md": edit(`"https://example.com/a"`, `"vbscript:msgbox(1)"`)},
		want: []string{`^content/a\.md:5:7: url: "vbscript:msgbox\(1\)" is not an absolute http\(s\) URL$`}},
}

func symlink(target, link string) func(*testing.T, string) {
	return func(t *testing.T, site string) {
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
func outside(p string) func(*testing.T, string) {
	return func(t *testing.T, site string) {
		secret := filepath.Join(t.TempDir(), "secret.md")
		write(t, secret, "TOPSECRET: a file the build must not read\n")
		symlink(secret, p)(t, site)
	}
}

func together(fs ...func(*testing.T, string)) func(*testing.T, string) {
	return func(t *testing.T, site string) {
		for _, f := range fs {
			f(t, site)
		}
	}
}

func chmod(p string, mode os.FileMode) func(*testing.T, string) {
	return func(t *testing.T, site string) {
		full := filepath.Join(site, filepath.FromSlash(p))
		if err := os.Chmod(full, mode); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(full, 0o755) }) // so that the folder can be removed
	}
}

// TestBadInput builds a good site, then the site with one bad input, and
// checks that the build fails with the message of the row at its file,
// line and column and leaves the output byte for byte as it was.
func TestBadInput(t *testing.T) {
	for _, c := range badInputs {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if c.unprivileged && os.Geteuid() == 0 {
				// Root reads any file and lists any folder, whatever
				// their permissions (and so does a folder without x
				// permission): run the row again as nobody.
				asNobody(t)
				return
			}
			badInputRow(t, c)
		})
	}
}

func badInputRow(t *testing.T, c badInput) {
	site := t.TempDir()
	write(t, filepath.Join(site, "config.toml"), badConfig)
	write(t, filepath.Join(site, "content/a.md"), badArticle)
	write(t, filepath.Join(site, "content/b.md"), badOther)
	opts := Options{Source: site, Theme: timeline.Theme}
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("the good site does not build: %v", diag.Detail(err))
	}
	before := tree(t, res.Dest)

	for p, s := range c.files {
		write(t, filepath.Join(site, filepath.FromSlash(p)), s)
	}
	if c.setup != nil {
		c.setup(t, site)
	}
	start := time.Now()
	res, err = Build(context.Background(), opts)
	t.Logf("build: %v", time.Since(start).Round(time.Millisecond))
	if len(c.want) == 0 {
		if err != nil {
			t.Fatalf("build failed: %v", diag.Detail(err))
		}
		for _, p := range c.output {
			if _, err := os.Stat(filepath.Join(res.Dest, filepath.FromSlash(p))); err != nil {
				t.Errorf("output lacks %s", p)
			}
		}
		checkInside(t, site, res.Dest)
		return
	}
	if err == nil {
		t.Fatal("the build succeeded")
	}
	if IsUsage(err) {
		t.Errorf("a bad input reported as a usage error: %v", err)
	}
	errs := diag.Errors(err)
	if len(errs) == 0 {
		t.Fatalf("error without a file: %v", err)
	}
	var lines []string
	for _, e := range errs {
		if e.File == "" || strings.HasPrefix(e.File, "/") {
			t.Errorf("error names no site file: %v", e)
		}
		lines = append(lines, e.Error())
	}
	t.Logf("errors:\n%s", strings.Join(lines, "\n"))
	for _, w := range c.want {
		re := regexp.MustCompile(w)
		found := false
		for _, l := range lines {
			found = found || re.MatchString(l)
		}
		if !found {
			t.Errorf("no error matches %s; got\n%s", w, diag.Detail(err))
		}
	}
	for _, s := range c.absent {
		if strings.Contains(diag.Detail(err), s) {
			t.Errorf("the error shows %q:\n%s", s, diag.Detail(err))
		}
	}
	if after := tree(t, filepath.Join(site, "public")); !bytes.Equal(after, before) {
		t.Error("the failed build changed the output folder")
	}
	checkInside(t, site, filepath.Join(site, "public"))
}

// tree is the folder's files and bytes, for comparing byte for byte.
func tree(t *testing.T, dir string) []byte {
	t.Helper()
	var b bytes.Buffer
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		b.WriteString(rel + " " + info.Mode().String() + "\n")
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b.Write(data)
			b.WriteByte(0)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkInside checks that the site folder holds nothing but its sources,
// the output and its spare: no staging folder left, nothing written
// beside them.
func checkInside(t *testing.T, site, dest string) {
	t.Helper()
	entries, err := os.ReadDir(site)
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(dest)
	for _, e := range entries {
		switch name := e.Name(); {
		case name == "config.toml", name == "content", name == "templates", name == "static", name == "notes", name == base:
		case strings.HasPrefix(name, "."+base+".tmp-"), strings.HasSuffix(name, ".old"):
			t.Errorf("the build left its staging folder %s", name)
		case strings.HasPrefix(name, "."+base+"."): // the spare (.public.prev), the lock
		default:
			t.Errorf("the build left %s in the site folder", name)
		}
	}
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeSymlink != 0 {
			t.Errorf("the output has a symbolic link: %s", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// asNobody runs the current test in a new process of the user nobody
// (65534), to test what file permissions deny to anyone but root.
func asNobody(t *testing.T) {
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
	exe := filepath.Join(dir, "build.test")
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
	name := strings.ReplaceAll(regexp.QuoteMeta(strings.TrimPrefix(t.Name(), "TestBadInput/")), " ", "_")
	cmd := exec.Command(exe, "-test.run=^TestBadInput$/^"+name+"$", "-test.v", "-test.count=1")
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
