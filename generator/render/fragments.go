package render

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"
	"sync/atomic"

	"github.com/timeline-dev/timeline/generator/timeline"
)

// Fragments are pieces of pages that many pages share, rendered once by
// the templates of fragments.html and partials.html (or a site's
// redefinitions of them): the site's header and footer for each kind of
// page, the link to each event, which event pages (related events) and
// article pages list, and each event's citations, which its page and the
// timeline pages show (each citation, too, is rendered once for both).
// A template that uses them asks for them by method (Page.Header,
// Page.Footer, EventLink.HTML, EventCard.CitationsHTML, CitationView.HTML),
// so a site whose templates do not use them needs no definition of them.

// fragment is a piece rendered once.
type fragment struct {
	once sync.Once
	html template.HTML
	err  error
}

func (f *fragment) get(render func() (template.HTML, error)) (template.HTML, error) {
	f.once.Do(func() { f.html, f.err = render() })
	return f.html, f.err
}

// fragments holds a renderer's fragments.
type fragments struct {
	mu     sync.Mutex
	chrome map[[2]string]*fragment // (kind, template) → fragment
	links  []*EventLink            // by event index, made when first asked for
	once   []sync.Once
	cites  []kept // by event index: its citations
	cards  []kept // by event index: its citations as a timeline card shows them

	// keptBytes is the size of the citations kept; once it reaches
	// citationBudget, more are rendered without being kept. When release
	// is set (Renderer.Write renders each page once), an event's citations
	// are dropped after the uses its pages make of them.
	keptBytes atomic.Int64
	release   atomic.Bool

	// buffers are the *bytes.Buffer fragments are rendered into before
	// they are copied into a string of their size.
	buffers sync.Pool

	// shared are, while Renderer.Write renders the site, the events'
	// cards, each made once for the pages that show it (see sharedCard);
	// nil otherwise.
	shared atomic.Pointer[[]sharedCard]
}

// citationBudget bounds the citations kept for reuse: a story of tens of
// thousands of events would otherwise keep hundreds of megabytes, from
// the timeline page, which shows them all, to the last event's page.
const citationBudget = 64 << 20

// kept is a fragment kept while it is of use.
type kept struct {
	mu   sync.Mutex
	html template.HTML
	have bool
	uses int
}

func newFragments(events int) *fragments {
	return &fragments{chrome: map[[2]string]*fragment{}, links: make([]*EventLink, events), once: make([]sync.Once, events),
		cites: make([]kept, events), cards: make([]kept, events), buffers: sync.Pool{New: func() any { return new(bytes.Buffer) }}}
}

// citations returns the citations fragment of card c, kept or rendered.
func (r *renderer) citations(c *EventCard) (template.HTML, error) {
	// Its page is the event's.
	return r.keptFragment(&r.frags.cites[c.at], 1, "citations", c.Citations)
}

// cardCitations renders an event's card-citations fragment, kept for the
// timeline and, for a key event, the key events' page.
func (r *renderer) cardCitations(c *EventCard) (template.HTML, error) {
	uses := 1
	if r.m.Events[c.at].Key {
		uses++
	}
	return r.keptFragment(&r.frags.cards[c.at], uses, "card-citations", c)
}

// keptFragment renders template name with data once, kept in k (within
// the budget) for the uses pages make of it.
func (r *renderer) keptFragment(k *kept, uses int, name string, data any) (template.HTML, error) {
	f := r.frags
	k.mu.Lock()
	if k.have {
		h := k.html
		k.uses++
		if f.release.Load() && k.uses >= uses {
			k.html, k.have = "", false
			f.keptBytes.Add(-int64(len(h)))
		}
		k.mu.Unlock()
		return h, nil
	}
	k.mu.Unlock()
	h, err := r.execute(name, data)
	if err != nil {
		return "", err
	}
	if uses <= 1 && f.release.Load() {
		return h, nil // its only use
	}
	k.mu.Lock()
	if !k.have && f.keptBytes.Add(int64(len(h))) <= citationBudget {
		k.html, k.have, k.uses = h, true, 1
	} else if !k.have {
		f.keptBytes.Add(-int64(len(h)))
	}
	k.mu.Unlock()
	return h, nil
}

// execute renders the named template of the layout with data.
func (r *renderer) execute(name string, data any) (template.HTML, error) {
	for _, page := range PageTemplates {
		t := r.tmpl[page]
		if t == nil || t.Lookup(name) == nil {
			continue
		}
		buf := r.frags.buffers.Get().(*bytes.Buffer)
		buf.Reset()
		err := t.ExecuteTemplate(buf, name, data)
		h := template.HTML(buf.String())
		if buf.Cap() <= 1<<20 {
			r.frags.buffers.Put(buf)
		}
		if err != nil {
			return "", r.templateError(err, "fragments.html")
		}
		return h, nil
	}
	return "", fmt.Errorf("no template defines %q (it is in the built-in fragments.html)", name)
}

// chrome returns the fragment name (site-header or site-footer) for pages
// of a kind.
func (r *renderer) chrome(kind, name string) (template.HTML, error) {
	f := r.frags
	f.mu.Lock()
	fr := f.chrome[[2]string{kind, name}]
	if fr == nil {
		fr = &fragment{}
		f.chrome[[2]string{kind, name}] = fr
	}
	f.mu.Unlock()
	return fr.get(func() (template.HTML, error) {
		// The page of the kind with none of a page's own fields: what a
		// fragment may not depend on is not there to depend on.
		p := r.basePage(kind, "", "", "")
		p.Canonical = ""
		return r.execute(name, p)
	})
}

// Header is the site's header for the page's kind: the site-header
// fragment.
func (p *Page) Header() (template.HTML, error) { return p.r.chrome(p.Kind, "site-header") }

// Footer is the site's footer for the page's kind: the site-footer
// fragment.
func (p *Page) Footer() (template.HTML, error) { return p.r.chrome(p.Kind, "site-footer") }

// HTML is the link to the event: the event-link fragment, rendered once
// for every page that links to the event.
func (l *EventLink) HTML() (template.HTML, error) {
	return l.frag.get(func() (template.HTML, error) { return l.r.execute("event-link", l) })
}

// CitationsHTML is the list of the event's citations: the citations
// fragment (partials.html), rendered once for the timeline pages and the
// event's page.
func (c *EventCard) CitationsHTML() (template.HTML, error) { return c.r.citations(c) }

// CardCitationsHTML is the event's citations as its card on the timeline
// shows them: the card-citations fragment (partials.html), the first
// citation and the others behind a disclosure.
func (c *EventCard) CardCitationsHTML() (template.HTML, error) { return c.r.cardCitations(c) }

// HTML is the citation: the citation fragment (partials.html), rendered
// once for its event's page and its card on the timeline pages.
func (c *CitationView) HTML() (template.HTML, error) {
	c.once.Do(func() { c.html, c.err = c.r.execute("citation", c) })
	return c.html, c.err
}

// sharedCard is an event's card while Renderer.Write renders the pages
// that show it: its page, its page of every event and, for a key event,
// the lead page. They share its citations, each rendered once.
type sharedCard struct {
	mu   sync.Mutex
	card *EventCard
	uses int
	size int64 // what it counts for in keptBytes
}

// cardFor returns the card of event i: while Write renders the site, the
// one its pages share, made by the first of them and dropped after the
// last (kept within citationBudget; beyond it each page makes its own).
func (r *renderer) cardFor(i int) *EventCard {
	f := r.frags
	shared := f.shared.Load()
	if shared == nil {
		return r.card(i)
	}
	want := 2 // the event's page and its page of every event
	if r.m.Events[i].Key {
		want++ // and the lead page
	}
	k := &(*shared)[i]
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.uses >= want {
		return r.card(i) // a page the count did not foresee
	}
	c := k.card
	if c == nil {
		c = r.card(i)
		if size := cardSize(c); f.keptBytes.Add(size) <= citationBudget {
			k.card, k.size = c, size
		} else {
			f.keptBytes.Add(-size)
		}
	}
	k.uses++
	if k.uses >= want && k.card != nil {
		f.keptBytes.Add(-k.size)
		k.card, k.size = nil, 0
	}
	return c
}

// releaseCards drops the cards shared while Write rendered the site.
func (r *renderer) releaseCards() {
	f := r.frags
	shared := f.shared.Swap(nil)
	if shared == nil {
		return
	}
	for i := range *shared {
		k := &(*shared)[i]
		k.mu.Lock()
		f.keptBytes.Add(-k.size)
		k.card, k.size = nil, 0
		k.mu.Unlock()
	}
}

// cardSize estimates the bytes a card holds once its citations are
// rendered.
func cardSize(c *EventCard) int64 {
	n := int64(512)
	for _, cv := range c.Citations {
		n += 1024 + 3*int64(len(cv.Quote))
	}
	return n
}

// Lead is the citation a card shows first; Rest the others.
func (c *EventCard) Lead() *CitationView {
	if len(c.Citations) == 0 {
		return nil
	}
	return c.Citations[0]
}

// Rest are the citations after the lead that a card shows, at most
// cardQuotes-1: an event of hundreds of quotes keeps them on its page.
func (c *EventCard) Rest() []*CitationView {
	if len(c.Citations) < 2 {
		return nil
	}
	return c.Citations[1:min(len(c.Citations), cardQuotes)]
}

// Total is the number of the event's citations.
func (c *EventCard) Total() int { return len(c.Citations) }

// Others is the number of citations after the lead.
func (c *EventCard) Others() int { return max(0, len(c.Citations)-1) }

// Unshown is the number of citations a card leaves to the event's page.
func (c *EventCard) Unshown() int { return max(0, len(c.Citations)-cardQuotes) }

// cardQuotes is the most quotes a timeline card holds.
const cardQuotes = 10

// linkAt returns the link to event i, the same for every page.
func (r *renderer) linkAt(i int) *EventLink {
	f := r.frags
	f.once[i].Do(func() {
		e := r.m.Events[i]
		f.links[i] = &EventLink{Href: r.url(e.Page), Headline: e.Headline, Label: e.Date.Label, Datetime: datetimeOf(e.Date.Value),
			r: r, frag: &fragment{}}
	})
	return f.links[i]
}

// link returns the link to an event of the model (nil for nil).
func (r *renderer) link(e *timeline.Event) *EventLink {
	if e == nil {
		return nil
	}
	return r.linkAt(r.events[e.ID])
}
