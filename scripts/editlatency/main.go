// Command editlatency measures the edit-to-page latency of a preview
// server (timeline serve, hugo server): it edits one article N times, each
// time putting a new word at the start of its body, and after each write
// polls the article's page until the page has the word. It prints the
// minimum, median, 95th percentile and maximum, in milliseconds.
//
//	go run ./scripts/editlatency -url http://127.0.0.1:1313/articles/x/ -file site/content/x.md
//
// The latency includes the server's batching of file events, the rebuild
// and the rendering of the page; polling adds at most -every.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"time"
)

func main() {
	url := flag.String("url", "", "the page of the article")
	file := flag.String("file", "", "the article's file")
	edits := flag.Int("edits", 20, "number of edits")
	every := flag.Duration("every", 2*time.Millisecond, "polling interval")
	timeout := flag.Duration("timeout", 2*time.Minute, "give up on an edit after this long")
	settle := flag.Duration("settle", 300*time.Millisecond, "pause between edits")
	label := flag.String("label", "", "label of the result line")
	flag.Parse()
	if *url == "" || *file == "" {
		flag.Usage()
		os.Exit(2)
	}
	orig, err := os.ReadFile(*file)
	if err != nil {
		fail(err)
	}
	defer os.WriteFile(*file, orig, 0o644)
	body := bodyStart(orig)
	if body < 0 {
		fail(fmt.Errorf("%s: no front matter", *file))
	}
	if !waitFor(*url, "", *every, *timeout) {
		fail(fmt.Errorf("%s: no page", *url))
	}
	var samples []time.Duration
	for i := 1; i <= *edits; i++ {
		word := fmt.Sprintf("Revision%dx%d", i, time.Now().UnixNano()%1000)
		src := append(append(append([]byte{}, orig[:body]...), []byte(word+" ")...), orig[body:]...)
		t0 := time.Now()
		if err := os.WriteFile(*file, src, 0o644); err != nil {
			fail(err)
		}
		if !waitFor(*url, word, *every, *timeout) {
			fail(fmt.Errorf("edit %d: the page did not change within %v", i, *timeout))
		}
		samples = append(samples, time.Since(t0))
		time.Sleep(*settle)
	}
	sort.Slice(samples, func(i, j int) bool { return samples[i] < samples[j] })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	n := len(samples)
	fmt.Printf("%s edits=%d min=%.1fms median=%.1fms p95=%.1fms max=%.1fms\n", *label, n,
		ms(samples[0]), ms(samples[n/2]), ms(samples[(n*95+99)/100-1]), ms(samples[n-1]))
}

// bodyStart returns the offset after the front matter's closing +++ line.
func bodyStart(src []byte) int {
	if !bytes.HasPrefix(src, []byte("+++")) {
		return -1
	}
	i := bytes.Index(src[3:], []byte("\n+++"))
	if i < 0 {
		return -1
	}
	j := 3 + i + len("\n+++")
	for j < len(src) && (src[j] == '\n' || src[j] == '\r') {
		j++
	}
	return j
}

// waitFor polls url until it answers 200 with want in the body.
func waitFor(url, want string, every, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 && strings.Contains(string(b), want) {
				return true
			}
		}
		time.Sleep(every)
	}
	return false
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "editlatency:", err)
	os.Exit(1)
}
