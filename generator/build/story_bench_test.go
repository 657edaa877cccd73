package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/eval/t17"
)

// bpoil are the four Timeline17 stories on the BP oil spill, one per
// outlet (about 1,175 articles in all).
var bpoil = []string{"bpoil_bbc", "bpoil_guardian", "bpoil_reuters", "bpoil_washingtonpost"}

// BenchmarkStory600 times a full build, to disk, of a real story of 600
// articles from four outlets: the first 600 articles by publication date of
// the Timeline17 BP oil spill stories (../shared/t17), merged. Each
// iteration builds into an empty output folder (a CI build). The story is
// not in the repository: without ../shared the benchmark is skipped, or
// fails when CI is set.
//
//	go test -run '^$' -bench Story600 -benchtime 3x -count 5 ./generator/build
func BenchmarkStory600(b *testing.B) {
	shared := filepath.Join("..", "..", "..", "shared", "t17")
	if _, err := os.Stat(filepath.Join(shared, bpoil[0], "articles.jsonl")); err != nil {
		if os.Getenv("CI") != "" {
			b.Fatalf("Timeline17 stories missing: %v", err)
		}
		b.Skipf("Timeline17 stories missing: %v", err)
	}
	var stories []*t17.Story
	for _, name := range bpoil {
		s, err := t17.Read(filepath.Join(shared, name))
		if err != nil {
			b.Fatal(err)
		}
		stories = append(stories, s)
	}
	site := filepath.Join(b.TempDir(), "bpoil600")
	if err := t17.WriteSite(t17.Merge("bpoil600", 600, stories...), site); err != nil {
		b.Fatal(err)
	}
	dest := filepath.Join(b.TempDir(), "public")
	opts := Options{Source: site, Dest: dest, Theme: timeline.Theme}
	ctx := context.Background()
	var events int
	for b.Loop() {
		b.StopTimer()
		for _, d := range []string{dest, filepath.Join(filepath.Dir(dest), ".public.prev")} {
			if err := os.RemoveAll(d); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		res, err := Build(ctx, opts)
		if err != nil {
			b.Fatal(err)
		}
		if res.Articles != 600 {
			b.Fatalf("built %d articles, want 600", res.Articles)
		}
		events = res.Events
	}
	b.ReportMetric(float64(events), "events")
}
