package linkcheck

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/timeline-dev/timeline/generator/internal/jsonstream"
)

// model is the part of events.json the check reads. Required fields are
// pointers so that a missing one can be told from an empty one.
type model struct {
	Site *struct {
		Title   *string `json:"title"`
		BaseURL string  `json:"base_url"`
	} `json:"site"`
	Articles *[]mArticle `json:"articles"`
	Events   *[]mEvent   `json:"events"`

	events   map[string]int // id → index
	articles map[string]int
	typeErr  *jsonError // a value of the wrong type, reported with the rest
	size     int64      // of the file
}

type mArticle struct {
	ID        *string  `json:"id"`
	Title     *string  `json:"title"`
	Outlet    *string  `json:"outlet"`
	Published *string  `json:"published"`
	Page      *string  `json:"page"`
	URL       string   `json:"url"`
	Events    []string `json:"events"`
}

type mEvent struct {
	ID        *string      `json:"id"`
	Page      *string      `json:"page"`
	Headline  *string      `json:"headline"`
	Date      *mDate       `json:"date"`
	Citations *[]mCitation `json:"citations"`
}

type mDate struct {
	Value *string `json:"value"`
	Start *string `json:"start"`
	End   *string `json:"end"`
}

type mCitation struct {
	Article *string `json:"article"`
	Quote   *string `json:"quote"`
	Anchor  *string `json:"anchor"`
	Origin  *string `json:"origin"`
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// loadModel reads events.json. A file that is not JSON or has a value of
// the wrong type is a *jsonError.
func loadModel(name string) (*model, error) {
	f, err := openFile(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := &model{}
	cr := &countingReader{r: f}
	err = jsonstream.DecodeObject(cr, []jsonstream.Field{
		{Name: "site", Whole: &m.Site},
		{Name: "articles", Start: func() { m.Articles = &[]mArticle{} }, Elem: func(d *json.Decoder) error {
			*m.Articles = append(*m.Articles, mArticle{})
			return d.Decode(&(*m.Articles)[len(*m.Articles)-1])
		}},
		{Name: "events", Start: func() { m.Events = &[]mEvent{} }, Elem: func(d *json.Decoder) error {
			*m.Events = append(*m.Events, mEvent{})
			return d.Decode(&(*m.Events)[len(*m.Events)-1])
		}},
	})
	if err == nil {
		m.index()
		m.size = cr.n
		return m, nil
	}
	// Not valid, or not in the usual shape: decode it whole.
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	m = &model{}
	if err := json.Unmarshal(data, m); err != nil {
		je := decodeError("events.json", data, EventsJSON, err)
		if _, isType := err.(*json.UnmarshalTypeError); !isType {
			return nil, je
		}
		// A value of the wrong type: report it and check the rest.
		m.typeErr = je
	}
	m.index()
	m.size = int64(len(data))
	return m, nil
}

func (m *model) articleList() []mArticle {
	if m.Articles == nil {
		return nil
	}
	return *m.Articles
}

func (m *model) eventList() []mEvent {
	if m.Events == nil {
		return nil
	}
	return *m.Events
}

func (m *model) index() {
	m.events, m.articles = map[string]int{}, map[string]int{}
	for i, e := range m.eventList() {
		if e.ID != nil {
			if _, dup := m.events[*e.ID]; !dup {
				m.events[*e.ID] = i
			}
		}
	}
	for i, a := range m.articleList() {
		if a.ID != nil {
			if _, dup := m.articles[*a.ID]; !dup {
				m.articles[*a.ID] = i
			}
		}
	}
}

func (m *model) hasEvent(id string) bool { _, ok := m.events[id]; return ok }

// sitePathFile returns the file of a site path of events.json ("/x/y/"),
// and whether it exists.
func (c *checker) sitePathFile(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") {
		return p, false
	}
	return c.tree.targetFile(strings.TrimPrefix(p, "/"))
}

// wantedTexts returns, for every page, the ids whose text citations quote.
func (c *checker) wantedTexts() map[string]map[string]bool {
	want := map[string]map[string]bool{}
	if c.model == nil {
		return want
	}
	for _, e := range c.model.eventList() {
		if e.Citations == nil {
			continue
		}
		for _, ct := range *e.Citations {
			if ct.Anchor == nil {
				continue
			}
			page, frag, ok := strings.Cut(*ct.Anchor, "#")
			if !ok || frag == "" {
				continue
			}
			file, ok := c.sitePathFile(page)
			if !ok {
				continue
			}
			if want[file] == nil {
				want[file] = map[string]bool{}
			}
			want[file][unescapeFragment(frag)] = true
		}
	}
	return want
}

// checkModel checks events.json against its schema and every citation
// against the article page it points to.
func (c *checker) checkModel() {
	m := c.model
	jf := &jsonFindings{file: "events.json"}
	if m.Site == nil {
		jf.addf("site", EventsJSON, "missing \"site\"")
	} else if m.Site.Title == nil {
		jf.addf("site", EventsJSON, "site: missing \"title\"")
	}
	if m.Articles == nil {
		jf.addf("", EventsJSON, "missing \"articles\"")
	}
	if m.Events == nil {
		jf.addf("", EventsJSON, "missing \"events\"")
	}
	for i, a := range m.articleList() {
		c.checkArticle(jf, i, a)
	}
	for i, e := range m.eventList() {
		c.checkEvent(jf, i, e)
	}
	var data []byte
	if len(jf.list) > 0 || m.typeErr != nil {
		var err error
		data, err = os.ReadFile(c.osPath("events.json"))
		if err != nil {
			c.out.addf("events.json", 0, 0, EventsJSON, "cannot read: %v", err)
			return
		}
	}
	if m.typeErr != nil {
		m.typeErr.data = data
		c.out.add(m.typeErr.finding(""))
	}
	for _, f := range jf.place(data) {
		c.out.add(f)
	}
}

func (c *checker) checkArticle(jf *jsonFindings, i int, a mArticle) {
	at := func(field string) jsonPath { return pathOf("articles", i, field) }
	for _, f := range []struct {
		name string
		v    *string
	}{{"id", a.ID}, {"title", a.Title}, {"outlet", a.Outlet}, {"page", a.Page}} {
		if f.v == nil || *f.v == "" && f.name != "title" {
			jf.addf(pathOf("articles", i), EventsJSON, "article %d: missing %q", i+1, f.name)
		}
	}
	if a.ID == nil {
		return
	}
	if j := c.model.articles[*a.ID]; j != i {
		jf.addf(at("id"), EventsJSON, "duplicate article id %q (also article %d)", *a.ID, j+1)
	}
	if a.Published != nil && *a.Published != "" {
		if _, err := time.Parse(time.DateOnly, *a.Published); err != nil {
			jf.addf(at("published"), EventsJSON, "article %q: published %q is not a date (YYYY-MM-DD)", *a.ID, *a.Published)
		}
	}
	if a.Page != nil && *a.Page != "" {
		if !isSitePath(*a.Page, "articles", *a.ID) {
			jf.addf(at("page"), EventsJSON, "article %q: page %q, want %q", *a.ID, *a.Page, "/articles/"+*a.ID+"/")
		} else if _, ok := c.sitePathFile(*a.Page); !ok {
			jf.addf(at("page"), Citation, "article %q: page %s does not exist (cited articles must have a page)", *a.ID, *a.Page)
		}
	}
	for k, ev := range a.Events {
		if !c.model.hasEvent(ev) {
			jf.addf(pathOf("articles", i, "events", k), EventsJSON, "article %q lists event %q, which does not exist", *a.ID, ev)
		}
	}
}

func (c *checker) checkEvent(jf *jsonFindings, i int, e mEvent) {
	at := func(parts ...any) jsonPath { return pathOf(append([]any{"events", i}, parts...)...) }
	// name says which event, for messages.
	name := func() string {
		if e.ID == nil || *e.ID == "" {
			return fmt.Sprintf("event %d", i+1)
		}
		return fmt.Sprintf("event %q", *e.ID)
	}
	if e.ID == nil || *e.ID == "" {
		jf.addf(at(), EventsJSON, "%s: missing \"id\"", name())
	} else {
		if j := c.model.events[*e.ID]; j != i {
			jf.addFrom(Origin{Event: *e.ID}, at("id"), EventsJSON, "duplicate event id %q (also event %d)", *e.ID, j+1)
		}
	}
	if e.Headline == nil {
		jf.addf(at(), EventsJSON, "%s: missing \"headline\"", name())
	}
	switch {
	case e.Page == nil || *e.Page == "":
		jf.addf(at(), EventsJSON, "%s: missing \"page\"", name())
	case e.ID != nil && !isSitePath(*e.Page, "events", *e.ID):
		jf.addf(at("page"), EventsJSON, "%s: page %q, want %q", name(), *e.Page, "/events/"+*e.ID+"/")
	default:
		if _, ok := c.sitePathFile(*e.Page); !ok {
			jf.addFrom(Origin{Event: *e.ID}, at("page"), EventsJSON, "%s: page %s does not exist", name(), *e.Page)
		}
	}
	c.checkDate(jf, at, name, e.Date)
	if e.Citations == nil || len(*e.Citations) == 0 {
		p := at("citations")
		if e.Citations == nil {
			p = at()
		}
		jf.addFrom(Origin{Event: deref(e.ID)}, p, UncitedEvent, "%s has no citation", name())
		return
	}
	for k, ct := range *e.Citations {
		c.checkCitation(jf, at, name, k, ct)
	}
}

func (c *checker) checkDate(jf *jsonFindings, at func(...any) jsonPath, name func() string, d *mDate) {
	if d == nil {
		jf.addf(at(), EventsJSON, "%s: missing \"date\"", name())
		return
	}
	if d.Value == nil || *d.Value == "" {
		jf.addf(at("date"), EventsJSON, "%s: date: missing \"value\"", name())
	}
	var days [2]time.Time
	for k, f := range []struct {
		key string
		v   *string
	}{{"start", d.Start}, {"end", d.End}} {
		if f.v == nil {
			jf.addf(at("date"), EventsJSON, "%s: date: missing %q", name(), f.key)
			return
		}
		t, err := time.Parse(time.DateOnly, *f.v)
		if err != nil {
			jf.addf(at("date", f.key), EventsJSON, "%s: date: %s %q is not a date (YYYY-MM-DD)", name(), f.key, *f.v)
			return
		}
		days[k] = t
	}
	if days[1].Before(days[0]) {
		jf.addf(at("date", "end"), EventsJSON, "%s: date: end %s is before start %s", name(), *d.End, *d.Start)
	}
}

func (c *checker) checkCitation(jf *jsonFindings, at func(...any) jsonPath, name func() string, k int, ct mCitation) {
	cat := func(field string) jsonPath { return at("citations", k, field) }
	cname := func() string { return fmt.Sprintf("%s, citation %d", name(), k+1) }
	for _, f := range []struct {
		key string
		v   *string
	}{{"article", ct.Article}, {"quote", ct.Quote}, {"anchor", ct.Anchor}} {
		if f.v == nil || *f.v == "" {
			jf.addf(at("citations", k), EventsJSON, "%s: missing %q", cname(), f.key)
			return
		}
	}
	if ct.Origin != nil && *ct.Origin != "editor" && *ct.Origin != "extracted" {
		jf.addf(cat("origin"), EventsJSON, "%s: origin %q, want \"editor\" or \"extracted\"", cname(), *ct.Origin)
	}
	c.citations++
	ai, ok := c.model.articles[*ct.Article]
	if !ok {
		jf.addf(cat("article"), Citation, "%s cites article %q, which does not exist", cname(), *ct.Article)
		return
	}
	a := c.model.articleList()[ai]
	page, frag, _ := strings.Cut(*ct.Anchor, "#")
	if a.Page != nil && page != *a.Page || frag == "" {
		jf.addFrom(Origin{Article: *ct.Article, Quote: *ct.Quote}, cat("anchor"), EventsJSON, "%s: anchor %q is not on the article's page %s#…", cname(), *ct.Anchor, deref(a.Page))
		return
	}
	file, ok := c.sitePathFile(page)
	if !ok {
		return // reported once, at the article's page
	}
	frag = unescapeFragment(frag)
	var info *pageInfo
	if i, ok := c.tree.lookup(file); ok {
		info = c.tree.page(i)
	}
	from := Origin{Article: *ct.Article, Quote: *ct.Quote}
	if info == nil || !info.hasID(frag) {
		jf.addFrom(from, cat("anchor"), Citation, "%s: anchor %s: no element with id %q on %s", cname(), *ct.Anchor, frag, file)
		return
	}
	text, quote := info.texts[frag], normalizeSpace(*ct.Quote)
	if !strings.Contains(text, quote) {
		jf.addFrom(from, cat("quote"), Citation, "%s: quote not found at %s: %q (the element reads %q)", cname(), *ct.Anchor, shorten(quote, 80), shorten(text, 80))
	}
}

// isSitePath reports whether p is "/dir/id/".
func isSitePath(p, dir, id string) bool {
	return len(p) == len(dir)+len(id)+3 && p[0] == '/' && p[1:1+len(dir)] == dir && p[1+len(dir)] == '/' &&
		p[2+len(dir):2+len(dir)+len(id)] == id && p[len(p)-1] == '/'
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
