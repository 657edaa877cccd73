package timeline

import (
	"context"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/newscorpus"
	"github.com/timeline-dev/timeline/generator/timex"
)

// TestRerank edits generated news articles (dated sentences added,
// replaced and removed, so that dates gain and lose marks of every kind)
// and checks that Update ranks its events as rankEvents does with the
// last build's relevance, counting every citation again, and that it did
// so from the memo (rerank), not by falling back on rankEvents.
func TestRerank(t *testing.T) {
	dir := t.TempDir()
	if _, err := newscorpus.Write(dir, newscorpus.Options{Articles: 120, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	base, err := content.Load(ctx, dir, content.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var cache Cache
	if _, err := Build(ctx, base, Options{Cache: &cache}); err != nil {
		t.Fatal(err)
	}
	var memo *rankMemo
	rel := map[string]float64{}
	memoOf := func() {
		if memo = cache.last.ranks; memo == nil {
			t.Fatal("Build left no rank memo")
		}
		clear(rel)
		for id, j := range memo.arts.num {
			rel[id] = memo.arts.rel[j]
		}
	}
	memoOf()
	// Dates the corpus's events have, for sentences that land on them,
	// and the articles published on the day after one (whose sentences
	// on it count as the next day's news).
	var dates []string
	type dayAfter struct {
		article int
		date    string
	}
	var after []dayAfter
	byDay := map[string][]int{}
	for i, a := range base {
		byDay[a.Date.String()] = append(byDay[a.Date.String()], i)
	}
	citing := map[timex.Date]map[string]bool{} // the articles citing a day
	for _, e := range cache.last.model.Events {
		if e.Date.Start == e.Date.End {
			if citing[e.Date.Start] == nil {
				citing[e.Date.Start] = map[string]bool{}
			}
			for _, c := range e.Citations {
				citing[e.Date.Start][c.Article] = true
			}
		}
	}
	for _, e := range cache.last.model.Events {
		if e.Date.Start != e.Date.End {
			continue
		}
		d := e.Date.Start.Time().Format("January 2, 2006")
		if len(e.Citations) > 1 {
			dates = append(dates, d)
		}
		for _, i := range byDay[e.Date.Start.AddDays(1).String()] {
			if !citing[e.Date.Start][base[i].ID] { // its sentence adds to the day's signal
				after = append(after, dayAfter{i, d})
			}
		}
	}
	if len(dates) < 10 || len(after) < 5 {
		t.Fatalf("only %d dates of events cited twice, %d articles of the day after", len(dates), len(after))
	}
	r := rand.New(rand.NewSource(5))
	arts := base
	var changed []string
	rankedAgain := 0
	for step := 0; step < 24; step++ {
		i := r.Intn(len(arts))
		d := dates[r.Intn(len(dates))]
		if step%2 == 1 {
			x := after[r.Intn(len(after))]
			i, d = x.article, x.date
		}
		// Each sentence its own (a sentence that two articles of an
		// outlet share may be furniture, which Update leaves to Build).
		s := []string{
			fmt.Sprintf("The inquiry opened on %s, the ministry said in its notice %d.", d, step),
			fmt.Sprintf("On %s, the minister met %d strikers in the capital.", d, 100+step),
			fmt.Sprintf("The council met again on Tuesday, a spokesman said of motion %d.", step),
			fmt.Sprintf("Officials said the talks on clause %d had collapsed last month.", step),
		}[r.Intn(4)]
		kind := r.Intn(3)
		if step%4 == 1 {
			// On the day before the article's, opening it: the day
			// after's news of an event of the day (which an opening
			// sentence may found).
			s = fmt.Sprintf("The minister met %d strikers in the capital yesterday, aides said.", 100+step)
			kind = 3
		}
		switch kind {
		case 3: // a first paragraph
			arts = edited(t, arts, i, func(src string) string {
				k := arts[i].BodyOffset
				return src[:k] + "\n" + s + "\n\n" + strings.TrimLeft(src[k:], "\n")
			})
		case 0: // a paragraph added
			arts = edited(t, arts, i, func(src string) string { return src + "\n" + s + "\n" })
		case 1: // the last paragraph replaced
			arts = edited(t, arts, i, func(src string) string {
				k := strings.LastIndex(strings.TrimRight(src, "\n"), "\n\n")
				return src[:k+2] + s + "\n"
			})
		default: // the first paragraph removed
			arts = edited(t, arts, i, func(src string) string {
				a := arts[i]
				body := src[a.BodyOffset:]
				k := strings.Index(strings.TrimLeft(body, "\n"), "\n\n")
				if k < 0 {
					return src
				}
				return src[:a.BodyOffset] + strings.TrimLeft(body, "\n")[k+2:]
			})
		}
		if !slices.Contains(changed, arts[i].ID) {
			changed = append(changed, arts[i].ID)
		}
		got, ok, err := Update(ctx, arts, changed, Options{Cache: &cache})
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			// An edit Update leaves to Build (a sentence that stops
			// being furniture): Build, as a preview server does.
			if _, err := Build(ctx, arts, Options{Cache: &cache}); err != nil {
				t.Fatal(err)
			}
			memoOf()
			changed = nil
			continue
		}
		if _, ok := memo.rerank(got.Events, got.Articles, &cache); !ok {
			t.Fatalf("step %d: the memo declined an edit of the text alone", step)
		}
		rankedAgain++
		want := rankEvents(got.Events, got.Articles, rel, &cache)
		for k, e := range got.Events {
			if w := want[k]; e.Importance != w.importance || e.Rank != w.rank || e.Key != w.key {
				t.Errorf("step %d: event %s: importance %v, rank %d, key %v; counted again: %v, %d, %v",
					step, e.ID, e.Importance, e.Rank, e.Key, w.importance, w.rank, w.key)
			}
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	if rankedAgain < 16 {
		t.Errorf("Update made only %d of 24 edits", rankedAgain)
	}
}
