package timeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/internal/synth"
)

// BenchmarkTimeline measures extraction and grouping (Build without
// declared events): the seed site, and synthetic sites of 1,000 and
// 10,000 articles whose events must all come from the text. Parsing the
// articles is not measured.
func BenchmarkTimeline(b *testing.B) {
	b.Run("seed", func(b *testing.B) {
		files, _ := filepath.Glob("../../content/*.md")
		var arts []*content.Article
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			a, err := content.Parse("content/"+filepath.Base(f), src, content.Options{})
			if err != nil {
				b.Fatal(err)
			}
			arts = append(arts, a)
		}
		content.Sort(arts)
		benchBuild(b, arts)
	})
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if _, err := synth.Write(dir, synth.Options{Articles: n, Seed: 1, NoEvents: true}); err != nil {
				b.Fatal(err)
			}
			arts, err := content.Load(context.Background(), dir, content.LoadOptions{})
			if err != nil {
				b.Fatal(err)
			}
			benchBuild(b, arts)
		})
	}
}

func benchBuild(b *testing.B, arts []*content.Article) {
	var m *Model
	var bytes int64
	for _, a := range arts {
		bytes += int64(len(a.Body()))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	for b.Loop() {
		var err error
		m, err = Build(context.Background(), arts, Options{})
		if err != nil {
			b.Fatal(err)
		}
	}
	cites := 0
	for _, e := range m.Events {
		cites += len(e.Citations)
	}
	b.ReportMetric(float64(len(arts)), "articles")
	b.ReportMetric(float64(len(m.Events)), "events")
	b.ReportMetric(float64(cites), "citations")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(len(arts))*1000, "ms/1k-articles")
}
