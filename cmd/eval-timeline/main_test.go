package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A story of three articles whose ground truth has the two days the
// later articles look back on.
var story = map[string]string{
	"articles.jsonl": `{"id": "a1", "time": "2010-04-21", "text": "An explosion sank the Deepwater Horizon rig on Tuesday night .\nEleven workers are missing ."}
{"id": "a2", "time": "2010-04-30", "text": "Oil reached the Louisiana coast on Thursday .\nThe rig sank on April 20 after an explosion ."}
{"id": "a3", "time": "2010-05-12", "text": "Executives said the explosion on April 20 began with a failed cement job .\nOil reached the coast on April 29 ."}
`,
	"timelines.jsonl": `[["2010-04-20", ["The Deepwater Horizon rig explodes and sinks ."]], ["2010-04-29", ["Oil reaches the Louisiana coast ."]]]
`,
	"keywords.json": `["oil", "spill"]`,
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	sdir := filepath.Join(dir, "spill_reuters")
	if err := os.MkdirAll(sdir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range story {
		if err := os.WriteFile(filepath.Join(sdir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"-dir", dir, "-errors"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	got := out.String()
	for _, want := range []string{
		"== spill_reuters#1: 2 dates, 2 selected",
		"story                   arts events   build | date P/R/F1       |",
		"spill_reuters              3 ",
		"| 1.000 1.000 1.000 |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if code := run(context.Background(), []string{"-dir", dir, "-story", "nope"}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), `no story "nope"`) {
		t.Errorf("unknown story: exit %d, %s", code, errOut.String())
	}
}

// TestFloor scores two small Timeline17 stories and fails if a score
// falls below its floor: a regression test of extraction, grouping and
// ranking on real news (make eval-timeline scores all twelve).
func TestFloor(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "t17")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("Timeline17 stories not found: %v", err)
		}
		t.Skipf("Timeline17 stories not found: %v", err)
	}
	floors := map[string]struct{ date, r2align float64 }{
		"H1N1_bbc":      {0.80, 0.03},
		"H1N1_guardian": {0.80, 0.03},
	}
	var stories []string
	for s := range floors {
		stories = append(stories, s)
	}
	rows, err := evaluate(context.Background(), options{dir: dir, stories: stories, summary: "quote"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		f := floors[r.name]
		t.Logf("%s: %d articles, %d events, Date F1 %.3f, ROUGE-2 align+ m:1 %.3f", r.name, r.articles, r.events, r.date.F, r.r2a)
		if r.date.F < f.date {
			t.Errorf("%s: Date F1 %.3f, below its floor %.2f", r.name, r.date.F, f.date)
		}
		if r.r2a < f.r2align {
			t.Errorf("%s: ROUGE-2 align+ m:1 %.3f, below its floor %.2f", r.name, r.r2a, f.r2align)
		}
	}
}
