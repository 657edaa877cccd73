package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/internal/synth"
)

// TestSessionSameAsBuild edits a site the way an editor does, step by
// step, rebuilding with one Session after each step, and checks that every
// file of each snapshot, rendered on demand, has the bytes a full Render
// of the same files gives, and that the session re-read, re-parsed and
// re-tagged only what changed.
func TestSessionSameAsBuild(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.Write(dir, synth.Options{Articles: 30, Seed: 7, NoEvents: true}); err != nil {
		t.Fatal(err)
	}
	arts, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	if len(arts) < 10 {
		t.Fatalf("%d articles", len(arts))
	}
	rel := func(p string) string {
		r, _ := filepath.Rel(dir, p)
		return filepath.ToSlash(r)
	}
	write := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit := func(p string, f func(string) string) {
		t.Helper()
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		write(p, f(string(b)))
	}
	a0, a1, a2 := arts[0], arts[1], arts[2]
	moved := filepath.Join(dir, "content", "moved", "renamed.md")
	brokenSrc := "+++\ntitle = \"Broken\"\noutlet = \"X\"\npublished = 2014-02-30\n+++\n\nText.\n"
	var saved string
	steps := []struct {
		name    string
		change  func()
		changed []string // nil: the session is not told
		parsed  int      // files parsed again
		tagged  int      // articles tagged again
		full    bool
		scanned bool // when told what changed
		wantErr string
	}{
		{name: "first build", change: func() {}, parsed: len(arts), tagged: len(arts), full: true},
		{name: "nothing changed", change: func() {}, changed: []string{}},
		{name: "a sentence edited", change: func() {
			edit(a0, func(s string) string { return strings.Replace(s, " said", " said on Tuesday", 1) })
		}, changed: []string{rel(a0)}, parsed: 1, tagged: 1},
		{name: "a title edited, not told", change: func() {
			edit(a1, func(s string) string { return strings.Replace(s, "title = \"", "title = \"New: ", 1) })
		}, parsed: 1, tagged: 1},
		{name: "an article added", change: func() {
			write(filepath.Join(dir, "content", "2014", "new.md"), "+++\ntitle = \"New\"\noutlet = \"The Courier\"\npublished = 2014-03-04\n+++\n\nThe minister resigned on Monday, officials said.\n")
		}, changed: []string{"content/2014/new.md"}, parsed: 1, tagged: 1},
		{name: "an article renamed into a new folder", change: func() {
			saved = a2
			if err := os.MkdirAll(filepath.Dir(moved), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(a2, moved); err != nil {
				t.Fatal(err)
			}
		}, changed: []string{rel(a2), "content/moved"}, parsed: 1, tagged: 1, scanned: true},
		{name: "an article deleted", change: func() {
			if err := os.Remove(filepath.Join(dir, "content", "2014", "new.md")); err != nil {
				t.Fatal(err)
			}
		}, changed: []string{"content/2014/new.md"}},
		{name: "broken front matter", change: func() {
			write(filepath.Join(dir, "content", "broken.md"), brokenSrc)
		}, changed: []string{"content/broken.md"}, wantErr: "content/broken.md:4:13: published"},
		{name: "front matter fixed", change: func() {
			write(filepath.Join(dir, "content", "broken.md"), strings.Replace(brokenSrc, "02-30", "02-28", 1))
		}, changed: []string{"content/broken.md"}, parsed: 1, tagged: 1},
		{name: "a file that is not an article", change: func() {
			write(filepath.Join(dir, "content", "notes.txt"), "to do\n")
		}, changed: []string{"content/notes.txt"}, scanned: false},
		{name: "editor backup files", change: func() {
			write(filepath.Join(dir, "content", "broken.md~"), brokenSrc)
			write(filepath.Join(dir, "content", ".broken.md.swp"), brokenSrc)
		}, changed: []string{"content/broken.md~", "content/.broken.md.swp"}},
		{name: "a template overridden", change: func() {
			b, err := timeline.Theme.ReadFile("templates/404.html")
			if err != nil {
				t.Fatal(err)
			}
			write(filepath.Join(dir, "templates", "404.html"), strings.Replace(string(b), "</main>", "<p>Try the timeline.</p></main>", 1))
		}, changed: []string{"templates/404.html"}},
		{name: "a stylesheet overridden", change: func() {
			write(filepath.Join(dir, "static", "style.css"), "body { color: teal }\n")
		}, changed: []string{"static/style.css"}},
		{name: "an override added", change: func() {
			write(filepath.Join(dir, "content", "_events.toml"), "")
		}, changed: []string{"content/_events.toml"}},
		{name: "config.toml saved unchanged", change: func() {
			edit(filepath.Join(dir, "config.toml"), func(s string) string { return s })
		}, changed: []string{"config.toml"}},
		{name: "the configuration changed", change: func() {
			edit(filepath.Join(dir, "config.toml"), func(s string) string { return s + "base_url = \"/sub/\"\n" })
		}, changed: []string{"config.toml"}, parsed: len(arts) + 1, tagged: len(arts) + 1, full: true},
		{name: "the renamed article back, told of the folder only", change: func() {
			if err := os.Rename(moved, saved); err != nil {
				t.Fatal(err)
			}
		}, changed: []string{"content/moved"}, parsed: 1, tagged: 1, scanned: true},
	}
	// Without the mentions cache on disk, which would give the mentions
	// of every article after the configuration changed.
	opts := Options{Source: dir, Theme: timeline.Theme, NoCache: true}
	s := NewSession(opts)
	ctx := context.Background()
	for _, st := range steps {
		st.change()
		snap, err := s.Build(ctx, st.changed)
		if st.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), st.wantErr) {
				t.Fatalf("%s: error %v, want %q", st.name, err, st.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %s", st.name, diag.Detail(err))
		}
		if snap.Stats.Parsed != st.parsed || snap.Stats.Tagged != st.tagged || snap.Stats.Full != st.full {
			t.Errorf("%s: parsed %d, tagged %d, full %v; want %d, %d, %v", st.name,
				snap.Stats.Parsed, snap.Stats.Tagged, snap.Stats.Full, st.parsed, st.tagged, st.full)
		}
		if st.changed != nil && !st.full && snap.Stats.Scanned != st.scanned {
			t.Errorf("%s: scanned %v, want %v", st.name, snap.Stats.Scanned, st.scanned)
		}
		if !st.full && !snap.Stats.TemplatesReused && !strings.HasPrefix(st.name, "a template") {
			t.Errorf("%s: templates parsed again", st.name)
		}
		cfg, err := Load(opts)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Render(ctx, opts, cfg)
		if err != nil {
			t.Fatalf("%s: full render: %s", st.name, diag.Detail(err))
		}
		got := snap.Files.Paths()
		if len(got) != len(want.Files.Files) {
			t.Errorf("%s: %d files, want %d", st.name, len(got), len(want.Files.Files))
		}
		for _, p := range got {
			b, err := snap.Files.File(p)
			if err != nil {
				t.Fatalf("%s: %s: %v", st.name, p, err)
			}
			if w, ok := want.Files.Files[p]; !ok || !bytes.Equal(b, w) {
				t.Errorf("%s: %s differs from a full build", st.name, p)
			}
		}
	}
}

// TestSessionPreview edits article files and checks that Preview shows
// the edits at once, with every file of the snapshot rendering, that
// previews in a row take in every edit since the last Build, that the
// Build after them is a full build's, and that Preview leaves to Build
// what it cannot do.
func TestSessionPreview(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.Write(dir, synth.Options{Articles: 30, Seed: 5, NoEvents: true}); err != nil {
		t.Fatal(err)
	}
	arts, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	rel := func(p string) string {
		r, _ := filepath.Rel(dir, p)
		return filepath.ToSlash(r)
	}
	edit := func(p string, f func(string) string) {
		t.Helper()
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f(string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := func(snap *Snapshot, p string) string {
		t.Helper()
		for _, a := range snap.Articles {
			if a.Path == rel(p) {
				b, err := snap.Files.File("articles/" + a.ID + "/index.html")
				if err != nil {
					t.Fatal(err)
				}
				return string(b)
			}
		}
		t.Fatalf("no article %s", p)
		return ""
	}
	opts := Options{Source: dir, Theme: timeline.Theme}
	s := NewSession(opts)
	ctx := context.Background()
	if _, err := s.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	exact := func(name string) {
		t.Helper()
		snap, err := s.Build(ctx, []string{})
		if err != nil {
			t.Fatalf("%s: %s", name, diag.Detail(err))
		}
		cfg, _ := Load(opts)
		want, err := Render(ctx, opts, cfg)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range snap.Files.Paths() {
			b, err := snap.Files.File(p)
			if err != nil || !bytes.Equal(b, want.Files.Files[p]) {
				t.Errorf("%s: the Build after the preview: %s differs from a full build (%v)", name, p, err)
			}
		}
	}
	preview := func(name string, changed ...string) *Snapshot {
		t.Helper()
		snap, ok, err := s.Preview(ctx, changed)
		if err != nil || !ok {
			t.Fatalf("%s: Preview: ok %v, %v", name, ok, err)
		}
		if !snap.Stats.Provisional || snap.Stats.Parsed != 1 {
			t.Errorf("%s: stats %+v", name, snap.Stats)
		}
		for _, p := range snap.Files.Paths() {
			if _, err := snap.Files.File(p); err != nil {
				t.Errorf("%s: %s: %v", name, p, err)
			}
		}
		return snap
	}

	edit(arts[0], func(s string) string { return strings.Replace(s, " said", " said on Tuesday, with regret,", 1) })
	snap := preview("a sentence edited", rel(arts[0]))
	if !strings.Contains(page(snap, arts[0]), "with regret") {
		t.Error("a sentence edited: the preview's page lacks the edit")
	}
	exact("a sentence edited")

	// Saved the way sed -i and many editors save: a temporary file
	// renamed over the article.
	tmp := filepath.Join(dir, "content", "sedX4kq1")
	edit(arts[0], func(s string) string { return strings.Replace(s, "with regret", "with some regret", 1) })
	snap = preview("a save through a temporary file", rel(arts[0]), rel(tmp))
	if !strings.Contains(page(snap, arts[0]), "with some regret") {
		t.Error("a save through a temporary file: the preview's page lacks the edit")
	}

	edit(arts[1], func(s string) string { return s + "\nThe mayor resigned on March 3, 2014, aides said.\n" })
	preview("a paragraph added", rel(arts[1]))
	edit(arts[2], func(s string) string { return strings.Replace(s, "title = \"", "title = \"Update: ", 1) })
	snap = preview("then a title, before any Build", rel(arts[2]))
	if !strings.Contains(page(snap, arts[1]), "The mayor resigned") || !strings.Contains(page(snap, arts[2]), "Update: ") {
		t.Error("previews in a row: an edit since the last Build is missing")
	}
	exact("previews in a row")

	declines := []struct {
		name    string
		change  func()
		changed []string
	}{
		{"an article added", func() {
			os.WriteFile(filepath.Join(dir, "content", "2014", "new.md"), []byte("+++\ntitle = \"New\"\noutlet = \"X\"\npublished = 2014-03-04\n+++\n\nText.\n"), 0o644)
		}, []string{"content/2014/new.md"}},
		{"broken front matter", func() {
			edit(arts[3], func(s string) string { return strings.Replace(s, "+++", "+++\nnonsense", 1) })
		}, []string{rel(arts[3])}},
		{"the configuration", func() {}, []string{"config.toml"}},
		{"a folder of articles gone", func() {
			os.RemoveAll(filepath.Join(dir, "content", "2013"))
		}, []string{"content/2013"}},
		{"a template", func() {}, []string{"templates/base.html"}},
		{"unknown changes", func() {}, nil},
	}
	for _, d := range declines {
		d.change()
		if snap, ok, err := s.Preview(ctx, d.changed); ok || snap != nil || err != nil {
			t.Errorf("%s: Preview: ok %v, %v; want it to leave the change to Build", d.name, ok, err)
		}
	}
}
