// Package render turns the timeline model and the articles into the files
// of the site, in memory: the HTML pages (html/template, from templates that
// a site may override by file name), the Atom feed, the sitemap, the
// TimelineJS data, events.json and the static files. Pages render in
// parallel; the result is byte-identical for the same input.
package render

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"math"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/internal/parallel"
	"github.com/timeline-dev/timeline/generator/markdown"
	"github.com/timeline-dev/timeline/generator/timeline"
)

// Options configures Render.
type Options struct {
	// Templates holds the page templates (base.html, index.html, event.html,
	// article.html, sources.html, 404.html), a site's own layer first.
	Templates Layers
	// TemplateNames names each template layer in messages, e.g.
	// "templates" for the site's folder and "built-in templates".
	TemplateNames []string
	// Static holds files copied to the root of the site, such as style.css.
	Static Layers
	// Markdown renders article bodies.
	Markdown *markdown.Markdown
	// Body, if set, returns the Markdown body of an article for its
	// page, for a build that let the articles' sources go once it had
	// the timeline (see timeline.Options.Release); by default, a.Body().
	Body func(a *content.Article) ([]byte, error)
	// BaseURL is where the site is published: "/" or "https://host/path/".
	BaseURL string
	// Location is the time zone of dates in feeds.
	Location *time.Location
	// FeedLimit is the number of entries in feed.xml, the events most
	// recently reported; 0 means every event.
	FeedLimit int
	// Extract says that events are found in the articles' text (the
	// site's extract setting), for what an empty timeline tells editors.
	Extract bool
	// TemplateCache, if set, keeps the parsed templates for the next
	// Render or New, which reuses them when the template files and the
	// base URL are the same.
	TemplateCache *TemplateCache
}

// Site is a rendered site: file paths (slash-separated, relative to the
// output root, e.g. "events/x/index.html") and their contents.
type Site struct {
	Files map[string][]byte
}

// Paths returns the file paths in sorted order.
func (s *Site) Paths() []string {
	out := make([]string, 0, len(s.Files))
	for p := range s.Files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Pages returns the number of HTML pages.
func (s *Site) Pages() int {
	n := 0
	for p := range s.Files {
		if strings.HasSuffix(p, ".html") {
			n++
		}
	}
	return n
}

// Render renders the site. articles are the parsed articles of the model.
func Render(ctx context.Context, m *timeline.Model, articles []*content.Article, opts Options) (*Site, error) {
	r, err := New(m, articles, opts)
	if err != nil {
		return nil, err
	}
	return r.Render(ctx)
}

// Renderer renders the files of one site, all at once (Render) or one at
// a time, on demand (File), as a preview server does: it renders only the
// pages a browser asks for, and the same file has the same bytes either
// way. A Renderer is safe for concurrent use.
type Renderer struct {
	r      *renderer
	static map[string][]byte
	fixed  map[string]func(io.Writer) error // the pages that are not an event's or an article's

	pathsOnce sync.Once
	paths     []string
}

// New prepares the rendering of a site: it reads the static files and
// parses the templates (or takes them from opts.TemplateCache), but renders
// no page yet. Its work does not grow with the number of pages, but for
// indexing the model's events and articles by id.
func New(m *timeline.Model, articles []*content.Article, opts Options) (*Renderer, error) {
	if opts.Markdown == nil {
		opts.Markdown = markdown.New(markdown.Options{})
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	r, err := newRenderer(m, articles, opts)
	if err != nil {
		return nil, err
	}
	site := &Site{Files: map[string][]byte{}}
	if err := r.static(site); err != nil {
		return nil, err
	}
	r.styleHash = r.assetHash(site, "style.css")
	if _, ok := site.Files["timeline.js"]; ok {
		r.scriptHash = r.assetHash(site, "timeline.js")
		r.script = true
	}
	return &Renderer{r: r, static: site.Files, fixed: r.fixedPages()}, nil
}

// Paths returns the paths of every file of the site, sorted.
func (rr *Renderer) Paths() []string {
	rr.pathsOnce.Do(func() {
		r := rr.r
		paths := make([]string, 0, len(rr.static)+len(rr.fixed)+len(r.m.Events)+len(r.m.Articles))
		for p := range rr.static {
			paths = append(paths, p)
		}
		add := func(p string) {
			if _, ok := rr.static[p]; !ok {
				paths = append(paths, p)
			}
		}
		for p := range rr.fixed {
			add(p)
		}
		for _, e := range r.m.Events {
			add(pageFile(e.Page))
		}
		for _, id := range r.redirectIDs {
			add(pageFile(timeline.EventPage(id)))
		}
		for _, a := range r.m.Articles {
			add(pageFile(a.Page))
		}
		for _, en := range r.entityPages() {
			for k := range en.pages() {
				add(pageFile(en.pagePath(k)))
			}
		}
		for _, pg := range r.allPages()[1:] {
			add(pageFile(pg.path))
		}
		sort.Strings(paths)
		rr.paths = paths
	})
	return rr.paths
}

// jobOrder returns the paths in the order Write renders them: the files
// made of the whole model first (the timeline pages, the feeds, the
// exports: each is one long job), then the pages, so that no long job is
// left for the end while the other cores are idle. Each page of every
// event comes just before the pages of its events, which show the same
// cards (see cardFor): a card is then kept for a short while.
func (rr *Renderer) jobOrder() []string {
	r := rr.r
	paths := rr.Paths()
	// rank orders the pages: 0 the fixed ones, 2k+1 page k of every
	// event, 2k+2 the pages of its events, then the others.
	rank := func(p string) int {
		if _, ok := rr.fixed[p]; ok {
			return 0
		}
		if id, ok := pageID(p, "events/"); ok {
			if i, ok := r.events[id]; ok && pageFile(r.m.Events[i].Page) == p {
				r.allPages()
				return 2*int(r.allPageOf[i]) + 2
			}
		}
		if id, ok := pageID(p, "all/"); ok {
			if k, err := strconv.Atoi(id); err == nil && k >= 2 && k <= len(r.allPages()) {
				return 2*(k-1) + 1
			}
		}
		return math.MaxInt
	}
	ranks := make(map[string]int, len(paths))
	for _, p := range paths {
		ranks[p] = rank(p)
	}
	out := slices.Clone(paths)
	slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(ranks[a], ranks[b]) })
	return out
}

// pageFile is the file of a page path: "/events/x/" → "events/x/index.html".
func pageFile(page string) string { return strings.TrimPrefix(page, "/") + "index.html" }

// job returns the function that renders the generated file at p into w.
func (rr *Renderer) job(p string) (func(w io.Writer) error, bool) {
	if j, ok := rr.fixed[p]; ok {
		return j, true
	}
	r := rr.r
	if id, ok := pageID(p, "events/"); ok {
		if i, ok := r.events[id]; ok && pageFile(r.m.Events[i].Page) == p {
			return func(w io.Writer) error { return r.page(w, "event.html", r.eventPage(i)) }, true
		}
		if i, ok := r.redirectTo[id]; ok && pageFile(timeline.EventPage(id)) == p {
			return func(w io.Writer) error { return r.redirect(w, i) }, true
		}
	}
	if id, ok := pageID(p, "all/"); ok {
		var k int
		if _, err := fmt.Sscanf(id, "%d", &k); err == nil && k >= 2 && k <= len(r.allPages()) && fmt.Sprint(k) == id {
			return func(w io.Writer) error { return r.page(w, "index.html", r.timelinePageAt(false, k-1)) }, true
		}
	}
	if id, ok := pageID(p, "entities/"); ok {
		r.entityPages()
		k := 0
		if base, n, paged := strings.Cut(id, "/"); paged {
			// Page n of an entity's events: "/entities/libya/2/".
			if _, err := fmt.Sscanf(n, "%d", &k); err != nil || fmt.Sprint(k) != n || k < 2 {
				return nil, false
			}
			id, k = base, k-1
		}
		if en := r.entityByID[id]; en != nil && k < en.pages() {
			return func(w io.Writer) error { return r.page(w, "entity.html", r.entityPage(en, k)) }, true
		}
	}
	if id, ok := pageID(p, "articles/"); ok {
		if a := r.modelArts[id]; a != nil && pageFile(a.Page) == p {
			return func(w io.Writer) error {
				pg, err := r.articlePage(a)
				if err != nil {
					return err
				}
				return r.page(w, "article.html", pg)
			}, true
		}
	}
	return nil, false
}

// pageID returns the id in a file path "<dir><id>/index.html".
func pageID(p, dir string) (string, bool) {
	rest, ok := strings.CutPrefix(p, dir)
	if !ok {
		return "", false
	}
	return strings.CutSuffix(rest, "/index.html")
}

// Has reports whether the site has a file at path p.
func (rr *Renderer) Has(p string) bool {
	if _, ok := rr.job(p); ok {
		return true
	}
	_, ok := rr.static[p]
	return ok
}

// IsStatic reports whether the file at p is a copy of a static file
// rather than a generated one.
func (rr *Renderer) IsStatic(p string) bool {
	_, gen := rr.job(p)
	_, ok := rr.static[p]
	return ok && !gen
}

// File renders the file at path p (a path of Paths). The error for a path
// the site does not have satisfies errors.Is(err, fs.ErrNotExist); a
// template error is a *diag.Error at the template's file:line:column.
func (rr *Renderer) File(p string) ([]byte, error) {
	if job, ok := rr.job(p); ok {
		var buf bytes.Buffer
		if err := job(&buf); err != nil {
			var list diag.List
			list.Add(p, err)
			return nil, list.Err()
		}
		return buf.Bytes(), nil
	}
	if b, ok := rr.static[p]; ok {
		return b, nil
	}
	return nil, &fs.PathError{Op: "render", Path: p, Err: fs.ErrNotExist}
}

// Render renders every file, pages in parallel, into memory.
func (rr *Renderer) Render(ctx context.Context) (*Site, error) {
	site := &Site{Files: make(map[string][]byte, len(rr.Paths()))}
	var mu sync.Mutex
	_, err := rr.Write(ctx, func(p string) (io.WriteCloser, error) {
		return &memFile{done: func(b []byte) {
			mu.Lock()
			site.Files[p] = b
			mu.Unlock()
		}}, nil
	})
	if err != nil {
		return nil, err
	}
	return site, nil
}

// memFile is a file of a site rendered into memory.
type memFile struct {
	bytes.Buffer
	done func([]byte)
}

func (f *memFile) Close() error {
	f.done(f.Bytes())
	return nil
}

// Write renders every file, pages in parallel, each into the file create
// makes for its path (which Write closes): a site written this way is
// never whole in memory, nor is any of its pages. create is called from
// several goroutines at once. Write returns the number of HTML pages
// written; template errors come back together, as a diag.List, each at
// its file:line:column.
func (rr *Renderer) Write(ctx context.Context, create func(p string) (io.WriteCloser, error)) (pages int, err error) {
	paths := rr.jobOrder()
	rr.r.frags.release.Store(true) // each page is rendered once
	defer rr.r.frags.release.Store(false)
	shared := make([]sharedCard, len(rr.r.m.Events))
	rr.r.frags.shared.Store(&shared)
	defer rr.r.releaseCards()
	var list diag.List
	var mu sync.Mutex
	fail := func(p string, err error) {
		mu.Lock()
		list.Add(p, err)
		mu.Unlock()
	}
	var writeErr error
	var writeOnce sync.Once
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	err = parallel.For(ctx, len(paths), func(i int) {
		p := paths[i]
		b, static := rr.static[p]
		job, gen := rr.job(p)
		if !gen && !static {
			return
		}
		f, err := create(p)
		if err != nil {
			writeOnce.Do(func() { writeErr = err; cancel() })
			return
		}
		if gen {
			err = job(f)
		} else {
			_, err = f.Write(b)
		}
		if cerr := f.Close(); err == nil && cerr != nil {
			writeOnce.Do(func() { writeErr = cerr; cancel() })
			return
		}
		if err != nil {
			fail(p, err)
		}
	})
	if writeErr != nil {
		return 0, writeErr
	}
	if err != nil {
		return 0, err
	}
	if err := list.Err(); err != nil {
		return 0, err
	}
	for _, p := range paths {
		if strings.HasSuffix(p, ".html") {
			pages++
		}
	}
	return pages, nil
}

// renderer holds what every page needs.
type renderer struct {
	m         *timeline.Model
	opts      Options
	basePath  string
	host      string // scheme://host of an absolute base URL, or ""
	articles  map[string]*content.Article
	modelArts map[string]*timeline.Article
	events    map[string]int // id → index in m.Events
	tmpl      map[string]*template.Template
	styleHash string
	// script is set when the theme has timeline.js, the timeline pages'
	// progressive enhancement; scriptHash versions its URL.
	script     bool
	scriptHash string
	// related finds an event's related events; made the first time a
	// page needs it.
	relatedOnce sync.Once
	related     *relatedIndex
	// entities are the entity pages (see entityPages).
	entityOnce  sync.Once
	entities    []*entityPage
	entityByKey map[string]*entityPage // "kind:key"
	entityByID  map[string]*entityPage
	// allPaged are the pages of every event (see allPages), allPageOf
	// the page of each event.
	allOnce   sync.Once
	allPaged  []allPage
	allPageOf []int32
	// frags are the pieces of pages rendered once (see fragments).
	frags *fragments
	// redirectTo are the events' old ids (see redirect.go), each with its
	// event's index; redirectIDs the same, sorted.
	redirectTo  map[string]int
	redirectIDs []string
}

// relatedIndex returns the index of related events (see relatedIndex).
func (r *renderer) relatedIndex() *relatedIndex {
	r.relatedOnce.Do(func() { r.related = newRelatedIndex(r.m.Events) })
	return r.related
}

func newRenderer(m *timeline.Model, articles []*content.Article, opts Options) (*renderer, error) {
	r := &renderer{m: m, opts: opts, articles: make(map[string]*content.Article, len(articles)),
		modelArts: make(map[string]*timeline.Article, len(m.Articles)), events: make(map[string]int, len(m.Events))}
	u, err := url.Parse(opts.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("base URL %q: %v", opts.BaseURL, err)
	}
	r.basePath = u.Path
	if r.basePath == "" {
		r.basePath = "/"
	}
	if u.Host != "" {
		r.host = u.Scheme + "://" + u.Host
	}
	for _, a := range articles {
		r.articles[a.ID] = a
	}
	for _, a := range m.Articles {
		r.modelArts[a.ID] = a
	}
	for i, e := range m.Events {
		r.events[e.ID] = i
	}
	r.redirectTo, r.redirectIDs = redirects(m, r.events)
	r.frags = newFragments(len(m.Events))
	if r.tmpl, err = r.parseTemplates(); err != nil {
		return nil, err
	}
	return r, nil
}

// url returns the link to a site path such as "/events/x/".
func (r *renderer) url(p string) string {
	if r.basePath == "/" && strings.HasPrefix(p, "/") {
		return p // a site at the root: no new string for each link
	}
	return r.basePath + strings.TrimPrefix(p, "/")
}

// absURL returns the absolute URL of a site path when the base URL has a
// host, and the root-relative link otherwise.
func (r *renderer) absURL(p string) string { return r.host + r.url(p) }

// static copies the static layers into the site.
func (r *renderer) static(site *Site) error {
	files, err := r.opts.Static.Files()
	if err != nil {
		return err
	}
	for _, p := range files {
		b, err := fs.ReadFile(r.opts.Static, p)
		if err != nil {
			return err
		}
		site.Files[p] = b
	}
	return nil
}

// fixedPages returns the generated files that are not an event's or an
// article's page, with the functions that render them.
func (r *renderer) fixedPages() map[string]func(io.Writer) error {
	page := func(name string, p func() *Page) func(io.Writer) error {
		return func(w io.Writer) error { return r.page(w, name, p()) }
	}
	file := func(f func() ([]byte, error)) func(io.Writer) error {
		return func(w io.Writer) error {
			b, err := f()
			if err != nil {
				return err
			}
			_, err = w.Write(b)
			return err
		}
	}
	return map[string]func(io.Writer) error{
		"index.html":          page("index.html", func() *Page { return r.timelinePage(true) }),
		"all/index.html":      page("index.html", func() *Page { return r.timelinePage(false) }),
		"sources/index.html":  page("sources.html", r.sourcesPage),
		"entities/index.html": page("entity.html", r.entitiesPage),
		"404.html":            page("404.html", r.notFoundPage),
		"feed.xml":            file(r.feed),
		"sitemap.xml":         file(r.sitemap),
		"timeline.json":       r.timelineJS,
		"events.json":         r.eventsJSON,
		ogImagePath:           r.ogImage,
	}
}

// htmlPages returns the site paths of the HTML pages a reader can visit
// (not the 404 page), for the sitemap.
func (r *renderer) htmlPages() []string {
	out := []string{"/", "/all/", "/sources/", "/entities/"}
	for _, e := range r.m.Events {
		out = append(out, e.Page)
	}
	for _, a := range r.m.Articles {
		out = append(out, a.Page)
	}
	for _, en := range r.entityPages() {
		for k := range en.pages() {
			out = append(out, en.pagePath(k))
		}
	}
	for _, pg := range r.allPages()[1:] {
		out = append(out, pg.path)
	}
	return out
}

func (r *renderer) assetHash(site *Site, name string) string {
	b, ok := site.Files[name]
	if !ok {
		return ""
	}
	return shortHash(b)
}
