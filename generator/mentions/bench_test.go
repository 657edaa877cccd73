package mentions

import (
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/newscorpus"
)

// BenchmarkExtract measures Extract on one core over 200 articles of the
// generated news corpus (cmd/timeline-corpus, seed 1). Parsing them is not
// measured.
func BenchmarkExtract(b *testing.B) {
	const n = 200
	w := newscorpus.NewWorld(n, 1)
	var arts []*content.Article
	var bytes int64
	for i := range n {
		a := w.Article(i, 1)
		ca, err := content.Parse("content/"+a.Path, a.Markdown(), content.Options{})
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, ca)
		bytes += int64(len(a.Body))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	mentions := 0
	for b.Loop() {
		mentions = 0
		for _, a := range arts {
			mentions += len(Extract(a, Options{}))
		}
	}
	b.ReportMetric(float64(mentions), "mentions")
}
