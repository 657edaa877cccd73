package serve

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/internal/synth"
)

var fullLoad = flag.Bool("load", false, "TestServeLoad at full size: 200 live-reload clients and 1,000 page requests/s for 30 s (make load)")

// loadSize is the size of a load test.
type loadSize struct {
	clients  int           // live-reload streams held open
	rate     int           // page requests a second
	duration time.Duration // of the requests and of the edits
	edit     time.Duration // between two edits of an article
}

// TestServeLoad puts timeline serve under load on 127.0.0.1: live-reload
// clients (server-sent event streams) held open and page requests at a
// steady rate, while articles are edited every 100 ms, so that the site
// is previewed and rebuilt all along and pages are rendered again after
// each rebuild. No request may fail (a connection error, a status other
// than 200, a stream that ends), no goroutine may be left once the server
// and the clients are gone, and the heap in use after the load may not
// have grown past twice what it was before it, plus 64 MiB. With -load
// (make load): 200 clients, 1,000 requests/s for 30 s, and the rate must
// be held (90% of the requests served in the time); otherwise 50
// clients, 1,000 requests/s for 3 s. It reports requests, errors, p50
// and p99 latency, goroutines and heap in use before and after.
func TestServeLoad(t *testing.T) {
	size := loadSize{clients: 50, rate: 1000, duration: 3 * time.Second, edit: 100 * time.Millisecond}
	if *fullLoad {
		size.clients, size.duration = 200, 30*time.Second
	}
	dir := t.TempDir()
	if _, err := synth.Write(dir, synth.Options{Articles: 100, Seed: 5, NoEvents: true}); err != nil {
		t.Fatal(err)
	}
	settleHeap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapInuse
	}
	goroutinesBefore := runtime.NumGoroutine()

	h := start(t, dir, func(s *Server) { s.opts.Quiet = DefaultQuiet })
	// Rebuilds are reported on a channel of the harness: drain it, and
	// count them and their errors.
	var rebuilds, rebuildErrs atomic.Int64
	stopDrain := make(chan struct{})
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		for {
			select {
			case r := <-h.rebuilds:
				rebuilds.Add(1)
				if r.Err != nil {
					rebuildErrs.Add(1)
					t.Errorf("rebuild failed: %v", r.Err)
				}
			case <-stopDrain:
				return
			}
		}
	}()

	// The pages asked for: the home page, the sources page and every
	// article's page (their addresses do not change with the edits, which
	// event pages' may), the share card and the stylesheets, which every
	// rebuild renders again.
	snap := h.srv.state.Load().files.snap
	pages := []string{"/", "/sources/", "/og.png"}
	for _, p := range snap.Files.Paths() {
		if strings.HasSuffix(p, ".css") {
			pages = append(pages, "/"+p)
		}
	}
	for _, a := range snap.Model.Articles {
		pages = append(pages, a.Page)
	}
	heapBefore := settleHeap()

	// The articles edited: ten, each back and forth between its text and
	// its text with a word added, in turn.
	paths, err := content.Files(dir)
	if err != nil || len(paths) < 10 {
		t.Fatalf("articles: %v %v", paths, err)
	}
	type variant struct {
		path string
		text [2][]byte
	}
	var edits []variant
	for _, rel := range paths[:10] {
		src, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		a, err := content.Parse(rel, src, content.Options{})
		if err != nil {
			t.Fatal(err)
		}
		body := string(src[a.BodyOffset:])
		word := strings.Fields(body)[0]
		edited := string(src[:a.BodyOffset]) + strings.Replace(body, word, word+" (updated)", 1)
		edits = append(edits, variant{filepath.Join(dir, rel), [2][]byte{src, []byte(edited)}})
	}

	// The live-reload clients, on the pages of the edited articles and
	// others, each on a connection of its own.
	streamTr := &http.Transport{MaxIdleConnsPerHost: -1, DisableKeepAlives: true}
	streamCtx, closeStreams := context.WithCancel(context.Background())
	var streamErrs, events, reloads atomic.Int64
	var streams sync.WaitGroup
	connected := make(chan error, size.clients)
	for i := range size.clients {
		page := pages[i%len(pages)]
		streams.Add(1)
		go func() {
			defer streams.Done()
			req, _ := http.NewRequestWithContext(streamCtx, http.MethodGet, h.base+livePrefix+"events?path="+page, nil)
			resp, err := streamTr.RoundTrip(req)
			if err != nil {
				connected <- err
				return
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				connected <- fmt.Errorf("events: %s", resp.Status)
				return
			}
			sc := bufio.NewScanner(resp.Body)
			hello := false
			for sc.Scan() {
				line := sc.Text()
				if !strings.HasPrefix(line, "event: ") {
					continue
				}
				events.Add(1)
				switch strings.TrimPrefix(line, "event: ") {
				case "hello":
					if !hello {
						hello = true
						connected <- nil
					}
				case "reload":
					reloads.Add(1)
				}
			}
			if streamCtx.Err() == nil {
				streamErrs.Add(1)
				t.Errorf("stream of %s ended during the load: %v", page, sc.Err())
			}
		}()
	}
	for range size.clients {
		if err := <-connected; err != nil {
			t.Fatalf("live-reload client: %v", err)
		}
	}
	if n := len(h.srv.hub.list()); n != size.clients {
		t.Fatalf("%d streams open, want %d", n, size.clients)
	}

	// The edits, every size.edit for the duration.
	ctx, stop := context.WithTimeout(context.Background(), size.duration)
	defer stop()
	var edited atomic.Int64
	editsDone := make(chan struct{})
	go func() {
		defer close(editsDone)
		tick := time.NewTicker(size.edit)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			// Saved as most editors do, by renaming a new file over the
			// old: a rebuild never reads half a file (which would fail it,
			// rightly, until the write ends).
			e := edits[i%len(edits)]
			tmp := filepath.Join(filepath.Dir(e.path), "."+filepath.Base(e.path)+".tmp")
			if err := os.WriteFile(tmp, e.text[(i/len(edits)+1)%2], 0o644); err != nil {
				t.Error(err)
				return
			}
			if err := os.Rename(tmp, e.path); err != nil {
				t.Error(err)
				return
			}
			edited.Add(1)
		}
	}()

	// The page requests: sent at the rate (open loop: the next one does
	// not wait for the last), by a pool of workers.
	pageTr := &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256, IdleConnTimeout: 5 * time.Second}
	client := &http.Client{Transport: pageTr, Timeout: 30 * time.Second}
	work := make(chan string, size.rate)
	var (
		mu        sync.Mutex
		latencies []time.Duration
		failures  []string
		late      int // requests not sent in time: every worker busy
	)
	var workers sync.WaitGroup
	for range 64 {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for p := range work {
				t0 := time.Now()
				err := get(client, h.base+p)
				d := time.Since(t0)
				mu.Lock()
				if err != nil {
					failures = append(failures, fmt.Sprintf("%s: %v", p, err))
				} else {
					latencies = append(latencies, d)
				}
				mu.Unlock()
			}
		}()
	}
	began := time.Now()
	total := int(size.duration.Seconds() * float64(size.rate))
	interval := time.Second / time.Duration(size.rate)
	for i := range total {
		if wait := time.Until(began.Add(time.Duration(i) * interval)); wait > 0 {
			time.Sleep(wait)
		}
		select {
		case work <- pages[i%len(pages)]:
		default:
			late++
			work <- pages[i%len(pages)]
		}
	}
	close(work)
	workers.Wait()
	elapsed := time.Since(began)
	<-editsDone
	h.srv.idle() // the Build after the last preview

	// The figures, before anything is closed.
	heapAfter := settleHeap()
	slices.Sort(latencies)
	pct := func(p float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))]
	}
	served := len(latencies)
	openStreams := len(h.srv.hub.list())

	// Everything closed: the streams, the server, the connections.
	closeStreams()
	streams.Wait()
	h.stop()
	close(stopDrain)
	<-drained
	pageTr.CloseIdleConnections()
	streamTr.CloseIdleConnections()
	goroutinesAfter := runtime.NumGoroutine()
	for deadline := time.Now().Add(10 * time.Second); goroutinesAfter > goroutinesBefore && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		goroutinesAfter = runtime.NumGoroutine()
	}
	heapClosed := settleHeap()

	mib := func(b uint64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
	t.Logf("%d live-reload clients, %d page requests at %d/s over %v (%d pages), %d edits, %d rebuilds",
		size.clients, total, size.rate, size.duration, len(pages), edited.Load(), rebuilds.Load())
	t.Logf("served %d in %v (%.0f/s), %d sent late, errors %d (requests) + %d (streams) + %d (rebuilds); latency p50 %v, p99 %v, max %v",
		served, elapsed.Round(time.Millisecond), float64(served)/elapsed.Seconds(), late, len(failures), streamErrs.Load(), rebuildErrs.Load(),
		pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond))
	t.Logf("events on the streams %d (%d reloads); goroutines %d before, %d after; heap in use %s before the load, %s after it, %s once closed",
		events.Load(), reloads.Load(), goroutinesBefore, goroutinesAfter, mib(heapBefore), mib(heapAfter), mib(heapClosed))

	if len(failures) > 0 {
		t.Errorf("%d of %d requests failed; first: %s", len(failures), total, failures[:min(5, len(failures))])
	}
	if openStreams != size.clients {
		t.Errorf("%d streams open at the end of the load, want %d", openStreams, size.clients)
	}
	if goroutinesAfter > goroutinesBefore {
		buf := make([]byte, 1<<20)
		t.Errorf("goroutine leak: %d before, %d after\n%s", goroutinesBefore, goroutinesAfter, buf[:runtime.Stack(buf, true)])
	}
	if heapAfter > 2*heapBefore+64<<20 {
		t.Errorf("heap in use grew from %s to %s", mib(heapBefore), mib(heapAfter))
	}
	if edited.Load() == 0 || rebuilds.Load() == 0 {
		t.Errorf("%d edits, %d rebuilds: no rebuild burst", edited.Load(), rebuilds.Load())
	}
	if *fullLoad && elapsed > size.duration*10/9 {
		t.Errorf("the rate was not held: %d requests took %v, want at most %v", total, elapsed, size.duration*10/9)
	}
}

// get fetches a page and reads it whole: an error unless its status is
// 200 and, for an HTML page, its body has the live-reload script.
func get(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return fmt.Errorf("timeout: %w", err)
		}
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s", resp.Status)
	}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") && !strings.Contains(string(b), liveScript) {
		return fmt.Errorf("no live-reload script in %d bytes", len(b))
	}
	return nil
}
