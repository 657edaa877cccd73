//go:build unix

package timeline

import (
	"context"
	"flag"
	"syscall"
	"testing"
	"time"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/newscorpus"
)

var corpusArticles = flag.Int("timeline.corpus", 1000, "articles of the generated news corpus of BenchmarkCorpus")

// BenchmarkCorpus measures Build (extraction, grouping, ranking,
// headlines, links) on the generated news corpus of cmd/timeline-corpus
// (seed 1, -timeline.corpus articles; 1,000 by default), and extraction
// alone, and relevance with the word counts cached. Writing and parsing
// the articles is not measured.
func BenchmarkCorpus(b *testing.B) {
	dir := b.TempDir()
	if _, err := newscorpus.Write(dir, newscorpus.Options{Articles: *corpusArticles, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	arts, err := content.Load(context.Background(), dir, content.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("extract", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuTime()
		for b.Loop() {
			if _, err := extractAll(context.Background(), arts, Options{}.Mentions, nil, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	})
	// relevance as a preview update redoes it: the word counts cached.
	b.Run("relevance", func(b *testing.B) {
		b.ReportAllocs()
		c := &Cache{}
		relevance(arts, c)
		for b.Loop() {
			relevance(arts, c)
		}
	})
	b.Run("build", func(b *testing.B) {
		cpu := cpuTime()
		benchBuild(b, arts)
		b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	})
}

// cpuTime returns the CPU time the process has used, user and system:
// less disturbed than wall time by other work on the machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
