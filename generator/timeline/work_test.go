package timeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/eval/t17"
	"github.com/timeline-dev/timeline/generator/internal/corpus"
)

// countWork builds the timeline of articles and returns what it counted.
func countWork(t *testing.T, arts []*content.Article, opts Options) (counts [numWorkKinds]int64, events int) {
	t.Helper()
	content.Sort(arts)
	w := &workCounts{}
	opts.work = w
	m, err := Build(context.Background(), arts, opts)
	if err != nil {
		t.Fatal(err)
	}
	for k := range counts {
		counts[k] = w.n[k].Load()
	}
	return counts, len(m.Events)
}

// checkGrowth fails when a count grows faster than the input by more than
// slack: a stage that compares everything with everything grows with the
// square of the input (16 times for 4 times the articles), one that looks
// only at what is near in time and shares words grows as the input does.
func checkGrowth(t *testing.T, small, large []*content.Article, slack float64, opts Options) {
	t.Helper()
	a, ea := countWork(t, small, opts)
	b, eb := countWork(t, large, opts)
	grow := float64(len(large)) / float64(len(small))
	t.Logf("%d → %d articles (×%.1f), %d → %d events", len(small), len(large), grow, ea, eb)
	for k := range a {
		r := float64(b[k]+1) / float64(a[k]+1)
		t.Logf("%-18s %9d → %9d  ×%.2f", workNames[k], a[k], b[k], r)
		if r > grow*slack {
			t.Errorf("%s grew ×%.2f for ×%.1f the articles: faster than linear (limit ×%.1f)", workNames[k], r, grow, grow*slack)
		}
	}
}

func parseAll(t *testing.T, files []corpus.File) []*content.Article {
	t.Helper()
	var arts []*content.Article
	for _, f := range files {
		a, err := content.Parse("content/"+f.Name, f.Data, content.Options{})
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	return arts
}

// smallBounds bound what each mention, event and denial looks at so
// that stories of test size reach the bounds, as stories of tens of
// thousands of articles reach maxPostings, maxCandidates, maxMembers and
// maxDisputeCandidates: below them, the work of each grows with the
// story's density, and the whole with its square.
var smallBounds = Options{bounds: bounds{postings: 4, candidates: 4, members: 4, disputes: 8}}

// TestWorkGrowsLinearly builds the synthetic long-running story as 100
// articles over 900 days and as 800 over the same days (eight times as
// dense; the same people, places and kinds of dates recur) and checks
// that, once the bounds are reached, no counted step grows faster than
// the articles: nothing compares everything with everything. Which words
// index a mention depends on the story's size (those in at most 2% of its
// mentions); the test fixes that threshold, as otherwise the denser story
// would index words the sparser one does not (whose postings maxPostings
// bounds in turn).
func TestWorkGrowsLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 900 articles")
	}
	files := corpus.Articles(800, 7)
	opts := smallBounds
	opts.bounds.fixedDF = 200
	checkGrowth(t, parseAll(t, files[:100]), parseAll(t, files), 1.5, opts)
}

// TestWorkGrowsLinearlyOnRealStory does the same with a Timeline17 story,
// when ../shared is there: every fourth article, then all of them.
func TestWorkGrowsLinearlyOnRealStory(t *testing.T) {
	dir := filepath.Join("../../../shared/t17", "H1N1_reuters")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and no %s: %v", dir, err)
		}
		t.Skip("no ../shared/t17")
	}
	s, err := t17.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	var all, half []corpus.File
	for i, a := range s.Articles {
		f := corpus.File{Name: t17.FileName(a.ID), Data: []byte(t17.Markdown(s.Outlet, a))}
		all = append(all, f)
		if i%4 == 0 {
			half = append(half, f)
		}
	}
	checkGrowth(t, parseAll(t, half), parseAll(t, all), 1.5, smallBounds)
}

// midDate returns the day halfway between two YYYY-MM-DD days.
func midDate(a, b string) string {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return b
	}
	return ta.Add(tb.Sub(ta) / 2).Format(time.DateOnly)
}
