package build

import (
	"context"
	"flag"
	"io"
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
