package linkcheck

import (
	"context"
	"flag"
	"testing"

	"github.com/timeline-dev/timeline/generator/internal/synth"
)

var (
	benchArticles = flag.Int("linkcheck.articles", 1000, "articles in the synthetic site BenchmarkCheck builds (scripts/bench-check.sh measures 10000 with the command)")
	benchDir      = flag.String("linkcheck.dir", "", "a built site for BenchmarkCheck to check instead of building a synthetic one")
)

// BenchmarkCheck checks the built output of a synthetic site (internal
// checks only, as CI runs them): pages, fragments, feeds, exports and
// citations. Building the site is not timed. With -linkcheck.dir, it checks
// that folder instead (e.g. one scripts/bench-check.sh built), which makes
// profiling a big site quick.
func BenchmarkCheck(b *testing.B) {
	out := *benchDir
	if out == "" {
		src := b.TempDir()
		if _, err := synth.Write(src, synth.Options{Articles: *benchArticles, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		out = buildSite(b, src, "")
	}
	var r *Report
	b.ResetTimer()
	for b.Loop() {
		var err error
		if r, err = Check(context.Background(), out, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if r.Errors() > 0 {
		b.Fatalf("the synthetic site has %d errors: %v", r.Errors(), r.Findings[0])
	}
	b.SetBytes(r.Bytes)
	b.ReportMetric(float64(r.Pages), "pages")
	b.ReportMetric(float64(r.Links), "links")
}
