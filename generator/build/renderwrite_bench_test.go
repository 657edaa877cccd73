//go:build unix

package build

import (
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/newscorpus"
	"github.com/timeline-dev/timeline/generator/output"
	"github.com/timeline-dev/timeline/generator/timing"
)

var benchArticles = flag.Int("build.articles", 1000, "articles of the generated news corpus of BenchmarkRenderWrite (when no -build.site)")

// BenchmarkRenderWrite times the last two stages of a build, rendering and
// writing, on a generated news corpus (generator/newscorpus, seed 1, of
// -build.articles articles; or the site of -build.site): the timeline is
// built and its files rendered once, untimed, then every file of the site
// is
//
//   - render: rendered, to a writer that only counts the bytes;
//   - fresh: rendered and written to a new output folder (the one before
//     removed, untimed);
//   - rebuild: rendered and written over the last build's site (whose
//     files are then all the same, as after a build that changed nothing).
//
// Besides the wall time per site it reports the process's CPU time (user
// and system, which the machine's other load disturbs less) and the
// allocations, per page:
//
//	go test -run '^$' -bench RenderWrite -benchtime 3x ./generator/build -args -build.articles 1000
func BenchmarkRenderWrite(b *testing.B) {
	site := *benchSite
	if site == "" {
		site = filepath.Join(b.TempDir(), "news")
		if _, err := newscorpus.Write(site, newscorpus.Options{Articles: *benchArticles, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	opts := Options{Source: site, Theme: timeline.Theme, Fresh: true, NoCache: true}
	cfg, err := Load(opts)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	_, _, rr, _, err := prepare(ctx, opts, cfg, nil, false)
	if err != nil {
		b.Fatal(err)
	}
	// A first rendering, untimed, makes what a renderer makes once for
	// all its pages (the related events' index, the entity pages...).
	var discard atomic.Int64
	if _, err := rr.Write(ctx, func(string) (io.WriteCloser, error) { return counter{&discard}, nil }); err != nil {
		b.Fatal(err)
	}
	pages := 0
	for _, p := range rr.Paths() {
		if strings.HasSuffix(p, ".html") {
			pages++
		}
	}
	// measure runs write b.N times, reporting CPU time and allocations
	// per page besides ns/op (a whole site).
	measure := func(b *testing.B, before func(), write func()) {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		mallocs, bytes := ms.Mallocs, ms.TotalAlloc
		var cpu time.Duration
		for b.Loop() {
			if before != nil {
				b.StopTimer()
				before()
				b.StartTimer()
			}
			c := timing.ProcessCPU()
			write()
			cpu += timing.ProcessCPU() - c
		}
		runtime.ReadMemStats(&ms)
		n := float64(b.N * pages)
		b.ReportMetric(float64(cpu.Microseconds())/n, "cpu-µs/page")
		b.ReportMetric(float64(b.Elapsed().Microseconds())/n, "µs/page")
		b.ReportMetric(float64(ms.Mallocs-mallocs)/n, "allocs/page")
		b.ReportMetric(float64(ms.TotalAlloc-bytes)/n, "B/page")
		b.ReportMetric(float64(pages), "pages")
	}
	b.Run("render", func(b *testing.B) {
		measure(b, nil, func() {
			var n atomic.Int64
			if _, err := rr.Write(ctx, func(string) (io.WriteCloser, error) { return counter{&n}, nil }); err != nil {
				b.Fatal(err)
			}
		})
	})
	write := func(b *testing.B, dest string) {
		stage, err := output.Open(ctx, dest, output.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := rr.Write(ctx, stage.Create); err != nil {
			stage.Abort()
			b.Fatal(err)
		}
		if err := stage.Commit(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("fresh", func(b *testing.B) {
		dest := filepath.Join(b.TempDir(), "public")
		measure(b, func() {
			for _, d := range []string{dest, output.SpareOf(dest)} {
				if err := os.RemoveAll(d); err != nil {
					b.Fatal(err)
				}
			}
		}, func() { write(b, dest) })
	})
	b.Run("rebuild", func(b *testing.B) {
		dest := filepath.Join(b.TempDir(), "public")
		write(b, dest) // the site replaced by the next build
		write(b, dest) // and the one it stages into
		measure(b, nil, func() { write(b, dest) })
	})
}
