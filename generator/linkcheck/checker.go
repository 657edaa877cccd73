package linkcheck

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// checker is one run of Check.
type checker struct {
	dir  string
	opts Options
	out  *findings
	base base
	tree *tree

	model *model // events.json, nil when absent or unreadable

	mu        sync.Mutex
	pages     map[string]*pageInfo // HTML file → what it holds
	frags     []fragLink
	ext       map[string][]occurrence // external URL → where it is linked
	bytes     int64
	links     atomic.Int64
	citations int

	externalURLs int
	tjsPaths     []jsonPath // timeline.json values holding links, see placeDeferred
}

// run does the whole check: list the files and read events.json at the same
// time, then scan every file in parallel, then check what needs every page.
func (c *checker) run(ctx context.Context) error {
	var (
		wg      sync.WaitGroup
		walkErr error
		mdl     *model
		mdlErr  error
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		mdl, mdlErr = loadModel(c.osPath("events.json"))
	}()
	c.tree, walkErr = walk(ctx, c.dir, c.opts.Workers)
	wg.Wait()
	if walkErr != nil {
		return walkErr
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var jerr *jsonError
	switch {
	case mdlErr == nil:
		c.model = mdl
		c.bytes += mdl.size
	case errors.Is(mdlErr, fs.ErrNotExist):
	case errors.As(mdlErr, &jerr):
		c.out.add(jerr.finding(c.osPath("events.json")))
	default:
		return mdlErr
	}
	baseURL := c.opts.BaseURL
	if baseURL == "" && c.model != nil {
		baseURL = c.model.Site.BaseURL
	}
	b, err := parseBase(baseURL)
	if err != nil {
		if c.opts.BaseURL != "" {
			return err
		}
		c.out.addf("events.json", 0, 0, EventsJSON, "site.base_url: %v", err)
		b, _ = parseBase("/")
	}
	c.base = b
	c.pages = map[string]*pageInfo{}
	c.ext = map[string][]occurrence{}
	if err := c.scanFiles(ctx); err != nil {
		return err
	}
	c.checkFragments()
	if c.model != nil {
		c.checkModel()
	}
	if c.opts.External {
		if err := c.checkExternal(ctx); err != nil {
			return err
		}
	}
	c.placeDeferred()
	return nil
}

// job is one file to check.
type job struct {
	path string
	kind int
}

const (
	jobHTML = iota
	jobFeed
	jobSitemap
	jobTimelineJS
)

// scanFiles checks every file that holds links, in parallel, biggest kinds
// first so that no worker is left with a big file at the end.
func (c *checker) scanFiles(ctx context.Context) error {
	var jobs []job
	for _, p := range c.tree.sortedFiles() {
		switch {
		case strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".htm"):
			jobs = append(jobs, job{p, jobHTML})
			c.pages[p] = nil
		case p == "feed.xml":
			jobs = append([]job{{p, jobFeed}}, jobs...)
		case p == "sitemap.xml":
			jobs = append([]job{{p, jobSitemap}}, jobs...)
		case p == "timeline.json":
			jobs = append([]job{{p, jobTimelineJS}}, jobs...)
		}
	}
	// The home page is the largest page: start it first.
	for i, j := range jobs {
		if j.path == "index.html" {
			jobs = append(append([]job{j}, jobs[:i]...), jobs[i+1:]...)
			break
		}
	}
	want := c.wantedTexts()
	next := make(chan job)
	var wg sync.WaitGroup
	var firstErr error
	var errOnce sync.Once
	for w := 0; w < c.opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := &pageScanner{c: c}
			br := bufio.NewReaderSize(nil, 64<<10)
			for j := range next {
				if err := c.scanFile(s, br, j, want[j.path]); err != nil {
					errOnce.Do(func() { firstErr = err })
				}
			}
		}()
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- j
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r *bufio.Reader
	n int64
}

func (r *countingReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.n += int64(n)
	return n, err
}

func (c *checker) scanFile(s *pageScanner, br *bufio.Reader, j job, want map[string]bool) error {
	f, err := openFile(c.osPath(j.path))
	if err != nil {
		return err
	}
	defer f.Close()
	br.Reset(f)
	cr := &countingReader{r: br}
	switch j.kind {
	case jobHTML:
		info, err := s.scan(j.path, cr, want)
		if err != nil {
			return fmt.Errorf("%s: %v", j.path, err)
		}
		c.mu.Lock()
		c.pages[j.path] = info
		c.frags = append(c.frags, s.frags...)
		for i, u := range s.extURLs {
			c.ext[u] = append(c.ext[u], s.ext[i])
		}
		c.mu.Unlock()
		c.links.Add(int64(len(s.ext)))
	case jobFeed:
		err = c.checkFeed(j.path, cr)
	case jobSitemap:
		err = c.checkSitemap(j.path, cr)
	case jobTimelineJS:
		err = c.checkTimelineJS(j.path, cr)
	}
	c.mu.Lock()
	c.bytes += cr.n
	c.mu.Unlock()
	return err
}

// checkFragments checks the links to fragments of other pages.
func (c *checker) checkFragments() {
	for _, l := range c.frags {
		c.checkFragment(l)
	}
}

func (c *checker) checkFragment(l fragLink) {
	info := c.pages[l.target]
	if info == nil || info.hasID(l.frag) || l.frag == "top" {
		return
	}
	c.out.addf(l.from, l.line, l.col, BrokenFragment, "broken fragment %q (no id %q on %s)", l.href, l.frag, l.target)
}

// osPath converts a site path to a path on disk.
func (c *checker) osPath(p string) string { return filepath.Join(c.dir, filepath.FromSlash(p)) }
