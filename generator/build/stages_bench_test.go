package build

import (
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	timeline "github.com/timeline-dev/timeline"
)

var benchSite = flag.String("build.site", "", "site folder for BenchmarkStages")

func BenchmarkStages(b *testing.B) {
	if *benchSite == "" {
		b.Skip("no -build.site")
	}
	opts := Options{Source: *benchSite, Theme: timeline.Theme, NoCache: true}
	cfg, err := Load(opts)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.Run("timeline", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := Timeline(ctx, opts, cfg, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	_, _, rr, _, err := prepare(ctx, opts, cfg, nil, false)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("events", func(b *testing.B) {
		var paths []string
		for _, p := range rr.Paths() {
			if strings.HasPrefix(p, "events/") {
				paths = append(paths, p)
			}
		}
		for b.Loop() {
			for _, p := range paths {
				if _, err := rr.File(p); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(paths)), "µs/page")
	})
	b.Run("render", func(b *testing.B) {
		for b.Loop() {
			var n atomic.Int64
			if _, err := rr.Write(ctx, func(p string) (io.WriteCloser, error) { return counter{&n}, nil }); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(n.Load())
		}
	})
}

// counter is a file that counts the bytes written to it.
type counter struct{ n *atomic.Int64 }

func (c counter) Write(b []byte) (int, error) { c.n.Add(int64(len(b))); return len(b), nil }
func (c counter) Close() error                { return nil }

// BenchmarkPreview: Session.Preview after an edit of one article's first
// body word, and the render of its page and the home page, as serve does
// before it reloads the tabs that show them.
func BenchmarkPreview(b *testing.B) {
	if *benchSite == "" {
		b.Skip("no -build.site")
	}
	ctx := context.Background()
	s := NewSession(Options{Source: *benchSite, Theme: timeline.Theme, NoCache: true})
	snap, err := s.Build(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	a := snap.Articles[len(snap.Articles)/2]
	file := filepath.Join(*benchSite, filepath.FromSlash(a.Path))
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(file, orig, 0o644)
	text := string(orig)
	word := strings.Fields(text[a.BodyOffset:])[0]
	variants := []string{text, text[:a.BodyOffset] + strings.Replace(text[a.BodyOffset:], word, word+" (updated)", 1)}
	page := "articles/" + a.ID + "/index.html"
	i := 0
	b.Run("preview", func(b *testing.B) {
		for b.Loop() {
			i++
			if err := os.WriteFile(file, []byte(variants[i%2]), 0o644); err != nil {
				b.Fatal(err)
			}
			snap, ok, err := s.Preview(ctx, []string{a.Path})
			if !ok || err != nil {
				b.Fatal(ok, err)
			}
			for _, p := range []string{page, "index.html"} {
				if _, err := snap.Files.File(p); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	// The exact Build that follows a preview, with the same pages.
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			i++
			if err := os.WriteFile(file, []byte(variants[i%2]), 0o644); err != nil {
				b.Fatal(err)
			}
			snap, err := s.Build(ctx, []string{a.Path})
			if err != nil {
				b.Fatal(err)
			}
			for _, p := range []string{page, "index.html"} {
				if _, err := snap.Files.File(p); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
