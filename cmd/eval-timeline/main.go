// Command eval-timeline scores the timelines the product builds from real
// news against the timelines journalists wrote, on Timeline17 stories
// (../shared/t17), as timeline-summarization research does (news-tls).
//
// Usage:
//
//	eval-timeline [-dir ../shared/t17] [-story NAME,...] [-summary quote|headline] [-keep DIR] [-errors]
//
// Each story becomes a site (t17.WriteSite: prose from the Penn-Treebank
// tokens, the outlet from the folder name, published from the article's
// time) built by the product's own build into a temporary folder. Its
// events.json is the system's timeline: events in rank order, each a
// single day with a summary (its lead quote, or its headline). For each
// ground-truth timeline, the events are cut as the protocol says
// (tlseval.Cut) and scored: Date F1, ROUGE-1/2 F1 concat and align+ m:1.
// A table gives each story (averaged over its timelines) and the mean over
// stories, with the build time and the number of events. -errors lists,
// per story, the ground-truth dates missed (with the rank of the best
// event on that day, if any) and the dates selected wrongly.
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	timelinetheme "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/build"
	"github.com/timeline-dev/timeline/generator/eval/t17"
	"github.com/timeline-dev/timeline/generator/eval/tlseval"
	"github.com/timeline-dev/timeline/generator/timeline"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command's flags.
type options struct {
	dir, summary, keep string
	stories            []string
	errors             bool
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval-timeline", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.dir, "dir", "../shared/t17", "the folder of Timeline17 stories")
	only := fs.String("story", "", "score only these stories (comma-separated folder names)")
	fs.StringVar(&o.summary, "summary", "quote", "an event's summary: its lead `quote` or its `headline`")
	fs.StringVar(&o.keep, "keep", "", "build the sites into this `folder` and keep them (default: a temporary one)")
	fs.BoolVar(&o.errors, "errors", false, "list the missed and wrongly selected dates of each story")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "eval-timeline: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if o.summary != "quote" && o.summary != "headline" {
		fmt.Fprintf(stderr, "eval-timeline: -summary must be quote or headline, not %q\n", o.summary)
		return 2
	}
	if *only != "" {
		o.stories = strings.Split(*only, ",")
	}
	rows, err := evaluate(ctx, o, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "eval-timeline:", err)
		return 1
	}
	printTable(stdout, rows)
	return 0
}

// row is the score of one story, averaged over its timelines.
type row struct {
	name                 string
	articles, events     int
	build                time.Duration
	timelines            int
	date                 tlseval.PRF
	r1c, r2c, r1a, r2a   float64 // ROUGE F1: concat and align+ m:1
	selected, truthDates int     // dates, summed over timelines
}

// evaluate scores each story of o.dir.
func evaluate(ctx context.Context, o options, w io.Writer) ([]row, error) {
	entries, err := os.ReadDir(o.dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() && (o.stories == nil || slices.Contains(o.stories, e.Name())) {
			if _, err := os.Stat(filepath.Join(o.dir, e.Name(), "articles.jsonl")); err == nil {
				names = append(names, e.Name())
			}
		}
	}
	for _, s := range o.stories {
		if !slices.Contains(names, s) {
			return nil, fmt.Errorf("no story %q in %s", s, o.dir)
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no story in %s", o.dir)
	}
	work := o.keep
	if work == "" {
		if work, err = os.MkdirTemp("", "eval-timeline-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(work)
	}
	var rows []row
	for _, name := range names {
		r, err := evaluateStory(ctx, o, filepath.Join(o.dir, name), filepath.Join(work, name), w)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// evaluateStory builds one story's site in site and scores it.
func evaluateStory(ctx context.Context, o options, dir, site string, w io.Writer) (row, error) {
	story, err := t17.Read(dir)
	if err != nil {
		return row{}, err
	}
	if len(story.Timelines) == 0 {
		return row{}, fmt.Errorf("no ground-truth timeline (timelines.jsonl)")
	}
	if err := os.RemoveAll(site); err != nil {
		return row{}, err
	}
	if err := t17.WriteSite(story, site); err != nil {
		return row{}, err
	}
	res, err := build.Build(ctx, build.Options{Source: site, Theme: timelinetheme.Theme})
	if err != nil {
		return row{}, err
	}
	m, err := readModel(filepath.Join(res.Dest, "events.json"))
	if err != nil {
		return row{}, err
	}
	ranked := Ranked(m, o.summary)
	r := row{name: story.Name, articles: res.Articles, events: len(m.Events), build: res.Duration, timelines: len(story.Timelines)}
	for i, gt := range story.Timelines {
		ref := tlseval.Timeline{}
		for _, e := range gt {
			ref[e.Date] = append(ref[e.Date], e.Sentences...)
		}
		pred := tlseval.Cut(candidates(ranked), ref)
		d := tlseval.DateF1(pred, ref)
		r.date.P += d.P
		r.date.R += d.R
		r.date.F += d.F
		r.r1c += tlseval.Concat(pred, ref, 1).F
		r.r2c += tlseval.Concat(pred, ref, 2).F
		r.r1a += tlseval.AlignM1(pred, ref, 1).F
		r.r2a += tlseval.AlignM1(pred, ref, 2).F
		r.selected += len(pred)
		r.truthDates += len(ref)
		if o.errors {
			printErrors(w, fmt.Sprintf("%s#%d", story.Name, i+1), ranked, pred, ref)
		}
	}
	n := float64(len(story.Timelines))
	r.date = tlseval.PRF{P: r.date.P / n, R: r.date.R / n, F: r.date.F / n}
	r.r1c, r.r2c, r.r1a, r.r2a = r.r1c/n, r.r2c/n, r.r1a/n, r.r2a/n
	return r, nil
}

func readModel(path string) (*timeline.Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m timeline.Model
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &m, nil
}

// Item is an event of the system's timeline, as the evaluation sees it.
type Item struct {
	Rank    int
	Date    time.Time
	Summary string
	Event   *timeline.Event
}

// Ranked returns the model's single-day events, best first: by rank, the
// order events.json gives, then by importance (for models without one),
// with the summary each contributes.
func Ranked(m *timeline.Model, summary string) []Item {
	var items []Item
	for _, e := range m.Events {
		if e.Date.Start != e.Date.End || e.Date.Start.IsZero() {
			continue
		}
		s := e.Headline
		if summary == "quote" && len(e.Citations) > 0 {
			s = e.Citations[0].Quote
		}
		d := time.Date(e.Date.Start.Year, time.Month(e.Date.Start.Month), e.Date.Start.Day, 0, 0, 0, 0, time.UTC)
		items = append(items, Item{Date: d, Summary: s, Event: e})
	}
	slices.SortStableFunc(items, func(a, b Item) int {
		if a.Event.Rank > 0 && b.Event.Rank > 0 {
			return cmp.Compare(a.Event.Rank, b.Event.Rank)
		}
		return cmp.Compare(b.Event.Importance, a.Event.Importance)
	})
	for i := range items {
		items[i].Rank = i + 1
	}
	return items
}

func candidates(items []Item) []tlseval.Candidate {
	cs := make([]tlseval.Candidate, len(items))
	for i, it := range items {
		cs[i] = tlseval.Candidate{Date: it.Date, Summary: it.Summary}
	}
	return cs
}

// printErrors lists the ground-truth dates missed, with the best-ranked
// event on each (if any), and the dates selected that are not in it.
func printErrors(w io.Writer, name string, ranked []Item, pred, ref tlseval.Timeline) {
	best := map[time.Time]Item{}
	for _, it := range ranked {
		if _, ok := best[it.Date]; !ok {
			best[it.Date] = it
		}
	}
	fmt.Fprintf(w, "== %s: %d dates, %d selected\n", name, len(ref), len(pred))
	for _, d := range ref.Dates() {
		if _, ok := pred[d]; ok {
			continue
		}
		it, ok := best[d]
		if !ok {
			fmt.Fprintf(w, "MISSED  %s  (no event)  truth: %s\n", d.Format(time.DateOnly), clip(ref[d][0], 90))
			continue
		}
		fmt.Fprintf(w, "MISSED  %s  rank %d: %s\n        truth: %s\n", d.Format(time.DateOnly), it.Rank, clip(it.Summary, 90), clip(ref[d][0], 90))
	}
	for _, d := range pred.Dates() {
		if _, ok := ref[d]; ok {
			continue
		}
		it := best[d]
		fmt.Fprintf(w, "WRONG   %s  rank %d: %s\n", d.Format(time.DateOnly), it.Rank, clip(it.Summary, 110))
	}
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func printTable(w io.Writer, rows []row) {
	fmt.Fprintf(w, "%-22s %5s %6s %7s | %-17s | %6s %6s | %6s %6s\n",
		"story", "arts", "events", "build", "date P/R/F1", "R1 cat", "R2 cat", "R1 al+", "R2 al+")
	var mean row
	for _, r := range rows {
		printRow(w, r)
		mean.articles += r.articles
		mean.events += r.events
		mean.build += r.build
		mean.date.P += r.date.P
		mean.date.R += r.date.R
		mean.date.F += r.date.F
		mean.r1c += r.r1c
		mean.r2c += r.r2c
		mean.r1a += r.r1a
		mean.r2a += r.r2a
	}
	if len(rows) > 1 {
		n := float64(len(rows))
		mean.name = fmt.Sprintf("mean of %d", len(rows))
		mean.date = tlseval.PRF{P: mean.date.P / n, R: mean.date.R / n, F: mean.date.F / n}
		mean.r1c, mean.r2c, mean.r1a, mean.r2a = mean.r1c/n, mean.r2c/n, mean.r1a/n, mean.r2a/n
		printRow(w, mean) // articles, events and build time are totals
	}
}

func printRow(w io.Writer, r row) {
	fmt.Fprintf(w, "%-22s %5d %6d %6.1fs | %.3f %.3f %.3f | %.3f  %.3f  | %.3f  %.3f\n",
		r.name, r.articles, r.events, r.build.Seconds(), r.date.P, r.date.R, r.date.F, r.r1c, r.r2c, r.r1a, r.r2a)
}
