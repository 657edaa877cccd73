package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/internal/synth"
	"github.com/timeline-dev/timeline/generator/newscorpus"
)

// BenchmarkReload measures the edit-to-reload latency of timeline serve:
// from the write of an article to the reload event reaching a connected
// client (a Go client of the live-reload stream, on the edited article's
// page), over 20 edits of one article, each changing a sentence. It
// reports the median and the 95th percentile (ms/median, ms/p95) on the
// seed site and on synthetic sites of 1,000 and 10,000 articles. Each
// edit goes the whole way: the watcher's event and debounce, re-reading
// and re-tagging the article, placing its mentions among the events
// (the preview, build.Session.Preview), rendering the page open in the
// tab, and the event (on the seed, whose Build is quick, the Build alone:
// see QuickBuild). After each reload it waits for the exact Build that
// follows the preview and reports the median time from the write to its
// end (ms/exact-median) and how many times the tab reloaded again
// (second-reloads: the exact page differed from the preview). A tab on
// the home page counts its reloads too (index-reloads, over the 20
// edits). The edits are a person's, not a burst: each comes once the
// ReloadGap after the last reload has passed (a burst of saves is
// coalesced, and measured by TestReloadsPerSave).
//
// Run it with -benchtime 1x for exactly 20 edits per size (make
// bench-serve); TIMELINE_BENCH_SIZES limits the sizes, e.g. "seed,1000",
// and "news10000" is the generated news corpus of make bench.
func BenchmarkReload(b *testing.B) {
	sizes := []string{"seed", "1000", "10000"}
	if s := os.Getenv("TIMELINE_BENCH_SIZES"); s != "" {
		sizes = strings.Split(s, ",")
	}
	for _, size := range sizes {
		b.Run("articles="+size, func(b *testing.B) {
			var dir string
			if size == "seed" {
				dir = seedSite(b)
			} else if n, ok := strings.CutPrefix(size, "news"); ok {
				// The generated news of cmd/timeline-corpus: longer articles,
				// more dated sentences, and so costlier exact builds.
				var articles int
				fmt.Sscan(n, &articles)
				dir = b.TempDir()
				if _, err := newscorpus.Write(dir, newscorpus.Options{Articles: articles, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			} else {
				var n int
				fmt.Sscan(size, &n)
				dir = b.TempDir()
				if _, err := synth.Write(dir, synth.Options{Articles: n, Seed: 1, NoEvents: true}); err != nil {
					b.Fatal(err)
				}
			}
			benchReload(b, dir)
		})
	}
}

func benchReload(b *testing.B, dir string) {
	began := time.Now()
	h := start(b, dir, func(s *Server) { s.opts.Quiet = DefaultQuiet })
	firstBuild := time.Since(began)
	// The article: the middle one in file order.
	paths, err := content.Files(dir)
	if err != nil || len(paths) == 0 {
		b.Fatal(err)
	}
	rel := paths[len(paths)/2]
	src, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		b.Fatal(err)
	}
	a, err := content.Parse(rel, src, content.Options{})
	if err != nil {
		b.Fatal(err)
	}
	page := "/articles/" + a.ID + "/"
	text := string(src)
	// The edit: a word of the body's first sentence, changed back and
	// forth, so that every edit changes the page.
	body := a.BodyOffset
	word := strings.Fields(text[body:])[0]
	variants := []string{text, text[:body] + strings.Replace(text[body:], word, word+" (updated)", 1)}
	tb := h.open(page)
	index := h.open("/")
	var samples, settled, collect []time.Duration
	extra, indexReloads := 0, 0
	edit := 0
	for b.Loop() {
		for i := 0; i < 20; i++ {
			edit++
			t0 := time.Now()
			if err := os.WriteFile(filepath.Join(dir, rel), []byte(variants[edit%2]), 0o644); err != nil {
				b.Fatal(err)
			}
			for {
				e, ok := <-tb.events
				if !ok {
					b.Fatal("stream closed")
				}
				if e.name == "reload" {
					break
				}
				if e.name == "build-error" {
					b.Fatalf("build error: %s", e.data)
				}
			}
			reloaded := time.Now()
			samples = append(samples, reloaded.Sub(t0))
			// The exact build that follows a preview: how long until the
			// site is exact, and whether the tab reloaded again.
			h.srv.idle()
			settled = append(settled, time.Since(t0))
			// An editor saves again seconds later, when the server has
			// collected the exact Build's garbage, not the instant the
			// Build ends (a save then waits on the collection).
			h.srv.collected()
			collect = append(collect, time.Since(t0)-settled[len(settled)-1])
			// The second reload, if the exact Build changed the page, comes
			// when it ends, or a ReloadGap after the first: every event
			// until a little after both is this edit's.
			exactDone := t0.Add(settled[len(settled)-1])
			until := reloaded.Add(ReloadGap)
			if until.Before(exactDone) {
				until = exactDone
			}
			next := time.After(time.Until(until.Add(100 * time.Millisecond)))
			count := func(t *tab, e event) {
				if e.name != "reload" {
					return
				}
				if t == tb {
					extra++
				} else {
					indexReloads++
				}
			}
		drain:
			for {
				select { // the events already there first
				case e := <-tb.events:
					count(tb, e)
					continue
				case e := <-index.events:
					count(index, e)
					continue
				default:
				}
				select {
				case e := <-tb.events:
					count(tb, e)
				case e := <-index.events:
					count(index, e)
				case <-next:
					break drain
				}
			}
		}
	}
	// The previews' own time (Session.Preview with the pages the tabs
	// show), against the edit-to-reload latency.
	var previews []time.Duration
	for len(h.rebuilds) > 0 {
		if r := <-h.rebuilds; r.Provisional {
			previews = append(previews, r.Stats.Duration)
		}
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	sortD := func(s []time.Duration) { sort.Slice(s, func(i, j int) bool { return s[i] < s[j] }) }
	sortD(samples)
	sortD(settled)
	b.ReportMetric(ms(samples[len(samples)/2]), "ms/median")
	b.ReportMetric(ms(samples[(len(samples)*95+99)/100-1]), "ms/p95")
	b.ReportMetric(ms(samples[0]), "ms/min")
	if len(previews) > 0 {
		sortD(previews)
		b.ReportMetric(ms(previews[len(previews)/2]), "ms/preview-median")
	}
	b.ReportMetric(ms(settled[len(settled)/2]), "ms/exact-median")
	sortD(collect)
	b.ReportMetric(ms(collect[len(collect)/2]), "ms/collect-median")
	b.ReportMetric(float64(extra), "second-reloads")
	b.ReportMetric(float64(indexReloads), "index-reloads")
	b.ReportMetric(float64(len(samples)), "edits")
	b.ReportMetric(ms(firstBuild), "ms/first-build")
}
