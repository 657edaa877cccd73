package timeline

import (
	"context"
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/newscorpus"
)

func TestScratchWork(t *testing.T) {
	dir := t.TempDir()
	if _, err := newscorpus.Write(dir, newscorpus.Options{Articles: *corpusArticles, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	arts, err := content.Load(context.Background(), dir, content.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	all, _, err := extractKept(context.Background(), arts, Options{}.Mentions, nil, &content.Overrides{}, false)
	if err != nil {
		t.Fatal(err)
	}
	w := &workCounts{}
	groupMentions(context.Background(), arts, all, nil, Options{work: w})
	for k := range w.n {
		t.Logf("%-20s %d", workNames[k], w.n[k].Load())
	}
}
