package linkcheck

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
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
	frags     []fragLink              // to pages not scanned when the link was found
	ext       map[string][]occurrence // external URL → where it is linked
	bytes     int64
	links     atomic.Int64
	citations int

	externalURLs int
	tjsLinks     []tjsLink // the links of timeline.json, see placeDeferred

	// sitemapMissing reports the pages sitemap.xml leaves out, once every
	// page has been scanned (see checkSitemap).
	sitemapMissing func()
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
	if baseURL == "" && c.model != nil && c.model.Site != nil {
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
	c.ext = map[string][]occurrence{}
	if err := c.scanFiles(ctx); err != nil {
		return err
	}
	c.checkFragments()
	if c.sitemapMissing != nil {
		c.sitemapMissing()
	}
	if c.model != nil {
		c.checkModel()
	}
	if c.opts.External {
		if err := c.checkExternal(ctx); err != nil {
			return err
		}
	}
	c.placeDeferred()
	c.out.place(c.osPath)
	c.locate()
	return nil
}

// job is one file to check.
type job struct {
	idx  int32 // in the tree
	kind int
}

const (
	jobHTML = iota
	jobFeed
	jobSitemap
	jobTimelineJS
)

// scanFiles checks every file that holds links, in parallel. Fragment
// links are checked at once when their target page has been scanned, so
// the pages most linked to go first: the home page, which the event pages
// link fragments of, and the pages with citation anchors, which the event
// pages, the feed and timeline.json link to. The big single files come
// next, early enough that no worker is left with one at the end.
func (c *checker) scanFiles(ctx context.Context) error {
	want := c.wantedTexts()
	var first, home, cited, rest []job
	for i, p := range c.tree.paths {
		j := job{int32(i), jobHTML}
		switch {
		case p == "feed.xml":
			j.kind = jobFeed
			first = append(first, j)
		case p == "sitemap.xml":
			j.kind = jobSitemap
			first = append(first, j)
		case p == "timeline.json":
			j.kind = jobTimelineJS
			first = append(first, j)
		case !isPage(p):
		case p == "index.html":
			home = append(home, j)
		case want[p] != nil:
			cited = append(cited, j)
		default:
			rest = append(rest, j)
		}
	}
	jobs := append(append(append(home, cited...), first...), rest...)
	var next atomic.Int64
	var wg sync.WaitGroup
	var firstErr error
	var errOnce sync.Once
	for w := 0; w < c.opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := &pageScanner{c: c}
			br := bufio.NewReaderSize(nil, 64<<10)
			var bytes int64
			for ctx.Err() == nil {
				k := int(next.Add(1)) - 1
				if k >= len(jobs) {
					break
				}
				j := jobs[k]
				n, err := c.scanFile(s, br, j, want[c.tree.paths[j.idx]])
				bytes += n
				if err != nil {
					errOnce.Do(func() { firstErr = err })
				}
			}
			c.mu.Lock()
			c.bytes += bytes
			c.mu.Unlock()
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (r *countingReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.n += int64(n)
	return n, err
}

// scanFile checks one file and returns its size.
func (c *checker) scanFile(s *pageScanner, br *bufio.Reader, j job, want map[string]bool) (int64, error) {
	p := c.tree.paths[j.idx]
	open := openFile
	if c.tree.regular(p) {
		open = openRegular
	}
	f, err := open(c.osPath(p))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	br.Reset(f)
	cr := &countingReader{r: br}
	switch j.kind {
	case jobHTML:
		info, err := s.scan(p, j.idx, cr, want)
		if err != nil {
			return cr.n, fmt.Errorf("%s: %v", p, err)
		}
		c.tree.pages[j.idx].Store(info)
		// The fragment links whose target has now been scanned (this
		// page's own, most of the time) are checked now.
		var later []fragLink
		for _, l := range s.frags {
			if c.tree.page(l.target) != nil {
				c.checkFragment(l)
			} else {
				later = append(later, l)
			}
		}
		c.links.Add(int64(s.links + len(s.ext)))
		if len(later) > 0 || len(s.ext) > 0 {
			c.mu.Lock()
			c.frags = append(c.frags, later...)
			for i, u := range s.extURLs {
				c.ext[u] = append(c.ext[u], s.ext[i])
			}
			c.mu.Unlock()
		}
	case jobFeed:
		err = c.checkFeed(p, cr)
	case jobSitemap:
		err = c.checkSitemap(p, cr)
	case jobTimelineJS:
		var n int64
		n, err = c.checkTimelineJS(p, cr)
		return n, err
	}
	return cr.n, err
}

// checkFragments checks the fragment links whose target page had not been
// scanned when they were found.
func (c *checker) checkFragments() {
	for _, l := range c.frags {
		c.checkFragment(l)
	}
	c.frags = nil
}

// osPath converts a site path to a path on disk.
func (c *checker) osPath(p string) string { return filepath.Join(c.dir, filepath.FromSlash(p)) }
