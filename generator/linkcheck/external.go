package linkcheck

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// HTTPOptions configures the checks of external links. Zero values take
// the defaults given.
type HTTPOptions struct {
	// Client sends the requests; default: a client with Timeout. Check
	// follows redirects itself, so the client's CheckRedirect is replaced.
	Client *http.Client
	// Timeout bounds each request; default 10s.
	Timeout time.Duration
	// Retries is how many times a request that met a network error, a 429
	// or a 5xx status is tried again; default 2; negative: never.
	Retries int
	// Backoff is the wait before the first retry, doubled for each next
	// one; default 1s. A Retry-After header on 429 and 503 answers
	// replaces it. Waits are capped at MaxBackoff, default 30s.
	Backoff, MaxBackoff time.Duration
	// Concurrency is the number of requests in flight; default 8. PerHost
	// limits the requests in flight to one host; default 2.
	Concurrency, PerHost int
	// MaxRedirects is the longest redirect chain followed; default 10.
	MaxRedirects int
	// CacheFile, when set, keeps the URLs found good between runs, for
	// CacheMaxAge (default 24h). Broken URLs are always checked again.
	CacheFile   string
	CacheMaxAge time.Duration
	// UserAgent is sent with every request; default "timeline-check/1".
	UserAgent string
}

func (o HTTPOptions) withDefaults() HTTPOptions {
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.Retries == 0 {
		o.Retries = 2
	} else if o.Retries < 0 {
		o.Retries = 0
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 30 * time.Second
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 8
	}
	if o.PerHost <= 0 {
		o.PerHost = 2
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 10
	}
	if o.CacheMaxAge <= 0 {
		o.CacheMaxAge = 24 * time.Hour
	}
	if o.UserAgent == "" {
		o.UserAgent = "timeline-check/1"
	}
	c := &http.Client{Timeout: o.Timeout}
	if o.Client != nil {
		cc := *o.Client
		c = &cc
		if c.Timeout == 0 {
			c.Timeout = o.Timeout
		}
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	o.Client = c
	return o
}

// urlResult is what is known of an external URL.
type urlResult struct {
	Status   int       `json:"status"`             // of the last answer
	Final    string    `json:"final,omitempty"`    // where redirects led, if anywhere
	Redirect int       `json:"redirect,omitempty"` // status of the first redirect
	Err      string    `json:"error,omitempty"`
	Checked  time.Time `json:"checked"`
}

func (r urlResult) ok() bool { return r.Err == "" && r.Status >= 200 && r.Status < 300 }

// cacheFile is the format of HTTPOptions.CacheFile.
type cacheFile struct {
	Version int                  `json:"version"`
	URLs    map[string]urlResult `json:"urls"`
}

// httpChecker checks external URLs.
type httpChecker struct {
	o     HTTPOptions
	mu    sync.Mutex
	hosts map[string]chan struct{}
}

// checkExternal checks every distinct external URL once and reports each
// place a broken or redirected one is linked from.
func (c *checker) checkExternal(ctx context.Context) error {
	o := c.opts.HTTP.withDefaults()
	urls := make([]string, 0, len(c.ext))
	for u := range c.ext {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	c.externalURLs = len(urls)
	cache, err := loadCache(o.CacheFile)
	if err != nil {
		return err
	}
	now := time.Now()
	results := make([]urlResult, len(urls))
	var todo []int
	for i, u := range urls {
		if r, ok := cache.URLs[u]; ok && r.ok() && now.Sub(r.Checked) < o.CacheMaxAge && now.Sub(r.Checked) >= 0 {
			results[i] = r
			continue
		}
		todo = append(todo, i)
	}
	h := &httpChecker{o: o, hosts: map[string]chan struct{}{}}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < o.Concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = h.check(ctx, urls[i])
			}
		}()
	}
	for _, i := range todo {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, u := range urls {
		r := results[i]
		if r.ok() {
			cache.URLs[u] = r
		} else {
			delete(cache.URLs, u)
		}
		for _, occ := range c.ext[u] {
			c.externalFinding(occ, u, r)
		}
	}
	if o.CacheFile != "" {
		return saveCache(o.CacheFile, cache, now, o.CacheMaxAge)
	}
	return nil
}

func (c *checker) externalFinding(occ occurrence, u string, r urlResult) {
	f := Finding{File: occ.file, Line: occ.at.line, Col: occ.at.col, Kind: External, Severity: Error, link: occ.href}
	via := ""
	if r.Final != "" {
		via = fmt.Sprintf("redirects (%d) to %q, which ", r.Redirect, r.Final)
	}
	switch {
	case r.Err != "":
		f.Msg = fmt.Sprintf("broken link %q (%s%s)", occ.href, via, r.Err)
	case !r.ok():
		f.Msg = fmt.Sprintf("broken link %q (%sanswers %s)", occ.href, via, statusText(r.Status))
	case r.Final != "":
		f.Kind, f.Severity = Redirect, Warning
		f.Msg = fmt.Sprintf("link %q redirects (%d) to %q", occ.href, r.Redirect, r.Final)
	default:
		return
	}
	if occ.at.line == 0 {
		c.out.addPending(pendingFinding{f: f, tag: occ.at.tag, attr: occ.at.attr, first: -1})
		return
	}
	c.out.add(f)
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	return strconv.Itoa(code)
}

// check follows u's redirects and returns the outcome.
func (h *httpChecker) check(ctx context.Context, u string) urlResult {
	res := urlResult{Checked: time.Now().UTC()}
	cur := u
	for hop := 0; ; hop++ {
		status, loc, err := h.fetch(ctx, cur)
		if err != nil {
			res.Err = err.Error()
			return res
		}
		res.Status = status
		if status < 300 || status >= 400 || status == http.StatusNotModified {
			return res
		}
		if loc == "" {
			res.Err = fmt.Sprintf("%s without a Location", statusText(status))
			return res
		}
		if hop >= h.o.MaxRedirects {
			res.Err = fmt.Sprintf("more than %d redirects", h.o.MaxRedirects)
			return res
		}
		base, _ := url.Parse(cur)
		next, err := base.Parse(loc)
		if err != nil {
			res.Err = fmt.Sprintf("bad redirect Location %q", loc)
			return res
		}
		next.Fragment = ""
		if res.Redirect == 0 {
			res.Redirect = status
		}
		cur = next.String()
		res.Final = cur
	}
}

// fetch sends HEAD, or GET when the server does not answer HEAD, with
// retries; it returns the status and the Location header.
func (h *httpChecker) fetch(ctx context.Context, u string) (int, string, error) {
	pu, err := url.Parse(u)
	if err != nil {
		return 0, "", fmt.Errorf("not a URL: %v", err)
	}
	if pu.Scheme != "http" && pu.Scheme != "https" {
		return 0, "", fmt.Errorf("unsupported scheme %q", pu.Scheme)
	}
	method := http.MethodHead
	for attempt := 0; ; {
		status, loc, retryAfter, err := h.do(ctx, method, u, pu.Host)
		if err == nil && method == http.MethodHead {
			switch status {
			case http.StatusMethodNotAllowed, http.StatusForbidden, http.StatusNotImplemented:
				method = http.MethodGet
				continue
			}
		}
		retry := err != nil || status == http.StatusTooManyRequests || status >= 500
		if ctx.Err() != nil {
			return 0, "", ctx.Err()
		}
		if !retry || attempt >= h.o.Retries {
			return status, loc, err
		}
		wait := h.o.Backoff << attempt
		if retryAfter > 0 && (status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable) {
			wait = retryAfter
		}
		wait = min(wait, h.o.MaxBackoff)
		attempt++
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return 0, "", ctx.Err()
		case <-t.C:
		}
	}
}

// do sends one request within the host's limit.
func (h *httpChecker) do(ctx context.Context, method, u, host string) (status int, loc string, retryAfter time.Duration, err error) {
	slot := h.slot(strings.ToLower(host))
	select {
	case slot <- struct{}{}:
	case <-ctx.Done():
		return 0, "", 0, ctx.Err()
	}
	defer func() { <-slot }()
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, "", 0, err
	}
	req.Header.Set("User-Agent", h.o.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	resp, err := h.o.Client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		if os.IsTimeout(err) {
			return 0, "", 0, fmt.Errorf("timed out after %v", h.o.Timeout)
		}
		return 0, "", 0, err
	}
	io.CopyN(io.Discard, resp.Body, 16<<10)
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location"), parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()), nil
}

func (h *httpChecker) slot(host string) chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	s, ok := h.hosts[host]
	if !ok {
		s = make(chan struct{}, h.o.PerHost)
		h.hosts[host] = s
	}
	return s
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

func loadCache(name string) (*cacheFile, error) {
	c := &cacheFile{Version: 1, URLs: map[string]urlResult{}}
	if name == "" {
		return c, nil
	}
	data, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, err
	}
	var f cacheFile
	if err := json.Unmarshal(data, &f); err != nil || f.Version != 1 {
		return c, nil // an unreadable cache is an empty one
	}
	if f.URLs != nil {
		c.URLs = f.URLs
	}
	return c, nil
}

// saveCache writes the cache atomically, without entries past max age.
func saveCache(name string, c *cacheFile, now time.Time, maxAge time.Duration) error {
	for u, r := range c.URLs {
		if now.Sub(r.Checked) >= maxAge {
			delete(c.URLs, u)
		}
	}
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".linkcheck-cache-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), name)
}
