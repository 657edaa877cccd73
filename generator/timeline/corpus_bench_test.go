//go:build unix

package timeline

import (
	"context"
	"flag"
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/newscorpus"
	"github.com/timeline-dev/timeline/generator/timing"
)

var corpusArticles = flag.Int("timeline.corpus", 1000, "articles of the generated news corpus of BenchmarkCorpus")

// BenchmarkCorpus measures Build (extraction, grouping, ranking,
// headlines, links) on the generated news corpus of cmd/timeline-corpus
// (seed 1, -timeline.corpus articles; 1,000 by default), extraction
// alone, grouping alone, and relevance with the word counts cached.
// Writing and parsing the articles is not measured.
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
		cpu := timing.ProcessCPU()
		for b.Loop() {
			if _, err := extractAll(context.Background(), arts, Options{}.Mentions, nil, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric((timing.ProcessCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	})
	// Grouping alone, from the mentions a build keeps, extracted once.
	b.Run("group", func(b *testing.B) {
		all, _, err := extractKept(context.Background(), arts, Options{}.Mentions, nil, &content.Overrides{}, false)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		cpu := timing.ProcessCPU()
		for b.Loop() {
			groupMentions(context.Background(), arts, all, nil, Options{})
		}
		b.ReportMetric((timing.ProcessCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
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
		cpu := timing.ProcessCPU()
		benchBuild(b, arts)
		b.ReportMetric((timing.ProcessCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	})
}
