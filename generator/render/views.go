package render

import (
	"cmp"
	"fmt"
	"html/template"
	"iter"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/markdown"
	"github.com/timeline-dev/timeline/generator/render/axis"
	"github.com/timeline-dev/timeline/generator/timeline"
	"github.com/timeline-dev/timeline/generator/timex"
)

// Page is the data every page template receives. Exactly one of Timeline,
// Event, Article and Sources is set, according to Kind.
type Page struct {
	Site        timeline.Site
	Kind        string // "timeline", "event", "article", "sources" or "404"
	Lang        string
	Title       string // the page's own title; the layout adds the site's
	Description string
	Path        string // the site path of the page, e.g. "/events/x/"
	Canonical   string // the page's absolute URL, when the base URL has a host; else "" (rel=canonical and og:url must be absolute)
	FaviconURL  string
	// OGImage is the absolute URL of the site's share card (og:image),
	// when the base URL has a host; else "".
	OGImage     string
	Home        string // link to the timeline
	SourcesURL  string
	EntitiesURL string // the index of people, organizations and places
	FeedURL     string
	EventsJSON  string
	TimelineJS  string
	StyleURL    string
	ScriptURL   string // timeline.js, on the timeline pages; "" without one
	// JSONLD is the page's schema.org data, written as JSON-LD.
	JSONLD any

	Timeline *TimelineView
	Event    *EventView
	Article  *ArticleView
	Sources  *SourcesView
	Entity   *EntityView   // an entity's page
	Entities *EntitiesView // the index of entity pages

	r *renderer // for the fragments (Header, Footer)
}

// TimelineView is the home page: events by year and period.
type TimelineView struct {
	Years    []*YearView
	Events   int // events shown
	All      int // events in all
	Key      int // key events
	Articles int
	Outlets  int
	From, To string // labels of the first and last dates
	Range    string // the dates from the first to the last, as plain as pageRange makes them: "2013 – 15 Sep 2014"
	// Extract says that events are found in the articles' text; with
	// Articles, it lets an empty timeline say what to do.
	Extract bool
	// KeyOnly is set on the lead page, "/", which lists the key events;
	// AllURL ("/all/", every event) and KeyURL link the two views.
	KeyOnly        bool
	AllURL, KeyURL string
	// Pages link the pages of every event, when there are several.
	Pages []AllPageLink
	// Axis is the time axis of the events shown, as inline SVG (see
	// package axis); AxisKey says what it shows.
	Axis    template.HTML
	AxisKey *AxisKey
}

// YearView is the events starting in one year.
type YearView struct {
	Year    int
	ID      string // fragment, "y2013"
	Periods []*PeriodView
}

// PeriodView is a run of events under one heading: a month ("November
// 2013") or, for events less precise than a month, their own date
// ("mid-2013").
type PeriodView struct {
	Label    string
	Datetime string
	ID       string // fragment, "m2013-11" or "p2013-mid"; "m2013-11-2" for a month that comes back

	key    string // the period, without the number that makes ID unique
	r      *renderer
	events []int // indexes in the model
}

// Events are the cards of the period's events, made one at a time as a
// template ranges over them: a timeline page of many thousands of events
// never holds all its cards at once.
func (p *PeriodView) Events() iter.Seq[*EventCard] {
	return func(yield func(*EventCard) bool) {
		for _, i := range p.events {
			if !yield(p.r.cardFor(i)) {
				return
			}
		}
	}
}

// EventCard is an event with its citations, as listed on the timeline and
// shown on its page.
type EventCard struct {
	ID, Href, Headline string
	Label, Datetime    string
	Summary            string
	Citations          []*CitationView
	Outlets            int // distinct outlets citing the event
	Key                bool
	// DisputedBy are the events that deny this one; Disputes the events
	// this one denies.
	DisputedBy, Disputes []*EventLink
	// Disagreement lists the other dates sources give, e.g.
	// "Naharnet: Tue 14 Jan 2014, night".
	Disagreement []string
	// OutletNames, Entities and Start/End feed the timeline page's
	// filters (data attributes of the card).
	OutletNames string // "Haaretz|Naharnet"
	Entities    string // "person:mekdad=Faisal Mekdad|place:damascus=Damascus"
	Start, End  string // the dates' first and last days
	Fuzzy       bool   // the date is approximate (see fuzzy)

	r  *renderer
	at int // the event's index, for its fragments
}

// CitationView is one source of an event.
type CitationView struct {
	Outlet       string
	ArticleTitle string
	ArticleHref  string
	Published    string // label of the article's publication date
	PublishedISO string
	Quote        string
	Anchor       string // link to the quote on the article page
	URL          string // the original article
	Expression   string // the words that date it ("in November")
	ValueLabel   string // how this source dates it
	Differs      bool   // the source dates it differently from the event
	Origin       string
	Basis        string // how the citation is dated, for readers: "dated by its paragraph"
	Denies       bool
	// Before, Dating and After are the quote cut around the expression
	// that dates it (Dating is "" when the quote has none); TextURL is the
	// original with a text fragment (#:~:text=) that points to the quote.
	Before, Dating, After string
	TextURL               string

	r    *renderer
	once sync.Once // renders html, the citation fragment (see HTML)
	html template.HTML
	err  error
}

// EventLink is a link to an event. Its HTML method renders it with the
// event-link fragment.
type EventLink struct {
	Href, Headline, Label, Datetime string

	r    *renderer
	frag *fragment
}

// EventView is an event's page.
type EventView struct {
	*EventCard
	Prev, Next *EventLink
	Back       string // the event on the pages of every event
	// People, Organizations and Places involved, and the other events
	// that involve the same people or organizations.
	People, Organizations, Places []EntityRef
	Related                       []*EventLink
}

// ArticleView is an article's page.
type ArticleView struct {
	ID, Title, Outlet, Author, URL, Summary string
	Published, PublishedISO                 string
	Language                                string
	Tags                                    []string
	Body                                    template.HTML
	Events                                  []*EventLink
}

// SourcesView lists the articles by outlet.
type SourcesView struct {
	Outlets  []*OutletView
	Articles int
	Range    string // the publication dates, first to last: "15–16 Jan 2014"
}

// OutletView is an outlet and its articles, oldest first.
type OutletView struct {
	Name     string
	ID       string
	Articles []*ArticleLink
}

// ArticleLink is a link to an article page.
type ArticleLink struct {
	Title, Href, URL, Published, PublishedISO string
	Events                                    int
}

func (r *renderer) basePage(kind, title, description, sitePath string) *Page {
	lang := r.m.Site.Language
	if lang == "" {
		lang = "en"
	}
	style := r.assetURL("style.css", r.styleHash)
	return &Page{
		Site: r.m.Site, Kind: kind, Lang: lang, Title: title, Description: description,
		Path: sitePath, Canonical: absolute(r.absURL(sitePath)), Home: r.url("/"), SourcesURL: r.url("/sources/"), EntitiesURL: r.url("/entities/"),
		FeedURL: r.url("/feed.xml"), EventsJSON: r.url("/events.json"), TimelineJS: r.url("/timeline.json"),
		StyleURL: style, FaviconURL: r.url("/favicon.svg"), OGImage: absolute(r.absURL("/" + ogImagePath)), r: r,
	}
}

// assetURL links a static file, versioned by its hash (when known) so
// that browsers fetch it again when it changes.
func (r *renderer) assetURL(name, hash string) string {
	u := r.url("/" + name)
	if hash != "" {
		u += "?v=" + hash
	}
	return u
}

// absolute returns u if it is an absolute URL, else "".
func absolute(u string) string {
	if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
		return u
	}
	return ""
}

// allPageSize is about how many events a page of every event lists: a
// page is cut at a month (or a less precise period) once it has this
// many, so that a story of thousands of events loads fast on a phone.
const allPageSize = 100

// allPage is one page of every event: the events from first to last
// (indexes in the model) and its path.
type allPage struct {
	path        string // "/all/", "/all/2/", ...
	first, last int
}

// allPages cuts the timeline into pages of every event (see allPageSize);
// made the first time it is asked for.
func (r *renderer) allPages() []allPage {
	r.allOnce.Do(func() {
		var pages []allPage
		start := 0
		for i := 1; i <= len(r.m.Events); i++ {
			if i < len(r.m.Events) {
				// A new period once the page is full; within a period,
				// at twice the size.
				if n := i - start; !(n >= allPageSize && !samePeriod(r.m.Events[i-1].Date, r.m.Events[i].Date) || n >= 2*allPageSize) {
					continue
				}
			}
			path := "/all/"
			if len(pages) > 0 {
				path = fmt.Sprintf("/all/%d/", len(pages)+1)
			}
			pages = append(pages, allPage{path: path, first: start, last: i - 1})
			start = i
		}
		if len(pages) == 0 {
			pages = []allPage{{path: "/all/", first: 0, last: -1}}
		}
		r.allPaged = pages
		r.allPageOf = make([]int32, len(r.m.Events))
		for k, pg := range pages {
			for i := pg.first; i <= pg.last; i++ {
				r.allPageOf[i] = int32(k)
			}
		}
	})
	return r.allPaged
}

// allURL returns the link to event i on the pages of every event.
func (r *renderer) allURL(i int) string {
	pages := r.allPages()
	return r.url(pages[r.allPageOf[i]].path) + "#" + r.m.Events[i].ID
}

// AllPageLink links a page of every event, with its dates.
type AllPageLink struct {
	Href, Label string
	Current     bool
}

func (r *renderer) timelinePage(keyOnly bool) *Page { return r.timelinePageAt(keyOnly, 0) }

// timelinePageAt is the lead page (keyOnly) or page k of every event.
func (r *renderer) timelinePageAt(keyOnly bool, k int) *Page {
	desc := r.m.Site.Description
	if desc == "" {
		desc = fmt.Sprintf("A timeline of %s from %s, each citing its sources.", plural(len(r.m.Events), "event", "events"), plural(len(r.m.Articles), "article", "articles"))
	}
	// The timeline leads with the key events; every event is a click
	// away.
	p := r.basePage("timeline", "", desc, "/")
	pages := r.allPages()
	tv := &TimelineView{All: len(r.m.Events), Articles: len(r.m.Articles), Outlets: len(outlets(r.m.Articles)), Extract: r.opts.Extract,
		KeyOnly: keyOnly, AllURL: r.url("/all/"), KeyURL: r.url("/")}
	if !keyOnly {
		pg := pages[k]
		title := "All events"
		if len(pages) > 1 {
			title = fmt.Sprintf("All events, page %d of %d", k+1, len(pages))
		}
		p = r.basePage("timeline", title, "Every event of the timeline, each citing its sources.", pg.path)
		if len(pages) > 1 {
			for j, o := range pages {
				tv.Pages = append(tv.Pages, AllPageLink{Href: r.url(o.path), Current: j == k,
					Label: pageRange(r.m.Events[o.first].Date, r.m.Events[o.last].Date)})
			}
		}
	}
	var shown []*timeline.Event
	for i, e := range r.m.Events {
		if e.Key {
			tv.Key++
		}
		if keyOnly && e.Key || !keyOnly && i >= pages[k].first && i <= pages[k].last {
			shown = append(shown, e)
		}
	}
	tv.Events = len(shown)
	var year *YearView
	var period *PeriodView
	used := map[string]int{} // period ids: a month may come back after a less precise event
	for _, e := range shown {
		y := e.Date.Start.Year
		if year == nil || year.Year != y {
			year = &YearView{Year: y, ID: fmt.Sprintf("y%d", y)}
			tv.Years = append(tv.Years, year)
			period = nil
		}
		label, dt, id := periodOf(e.Date)
		if period == nil || period.key != id {
			used[id]++
			unique := id
			if n := used[id]; n > 1 {
				unique = fmt.Sprintf("%s-%d", id, n)
			}
			period = &PeriodView{Label: label, Datetime: dt, ID: unique, key: id, r: r}
			year.Periods = append(year.Periods, period)
		}
		period.events = append(period.events, r.events[e.ID])
	}
	if n := len(shown); n > 0 {
		tv.From, tv.To = shown[0].Date.Label, shown[n-1].Date.Label
		if tv.To == tv.From {
			tv.To = ""
		}
		tv.Range = pageRange(shown[0].Date, shown[n-1].Date)
	}
	if keyOnly {
		// The lead page's axis draws the whole story: its key events as
		// marks linking to their cards, every event in the density band.
		tv.Axis, tv.AxisKey = r.axisMarking(r.m.Events, tv.Key, func(id string) string {
			if i := r.events[id]; !r.m.Events[i].Key {
				return r.allURL(i)
			}
			return "#" + id
		})
	} else {
		tv.Axis, tv.AxisKey = r.axis(shown)
	}
	p.JSONLD = r.ldItemList(r.m.Site.Title, shown)
	if r.script {
		p.ScriptURL = r.assetURL("timeline.js", r.scriptHash)
	}
	p.Timeline = tv
	return p
}

// axis draws the time axis of the events shown: a mark for each (the
// best-ranked first, when there are more than the axis marks), linking to
// its entry in the list.
func (r *renderer) axis(shown []*timeline.Event) (template.HTML, *AxisKey) {
	return r.axisOf(shown, func(id string) string { return "#" + id })
}

// axisOf draws the axis of events, each mark linking to href(event id).
func (r *renderer) axisOf(shown []*timeline.Event, href func(id string) string) (template.HTML, *AxisKey) {
	return r.axisMarking(shown, 400, href)
}

// AxisKey explains an axis: a legend of what its marks are (only those
// it draws) and a note of what it leaves out.
type AxisKey struct {
	Items []AxisKeyItem
	Note  string
}

// AxisKeyItem is a line of an axis's legend: a swatch of Kind ("key",
// "day", "span", "fuzzy", "disputed", "break", "band", "badge") and what
// it means.
type AxisKeyItem struct{ Kind, Text string }

// axisMarking draws the axis of events, the best-ranked marks of them
// marks and all of them in the density band when there are more.
func (r *renderer) axisMarking(shown []*timeline.Event, marks int, href func(id string) string) (template.HTML, *AxisKey) {
	if len(shown) == 0 {
		return "", nil
	}
	// Two layouts of the same axis, the style sheet showing one: a wide
	// one, which scrolls sideways where the screen is a little narrower,
	// and one for phones, whose labels stay readable at their width.
	items := r.axisItems(shown)
	l := axis.Lay(items, axis.Options{MaxMarks: marks, Width: axisWide})
	narrow := axis.Lay(items, axis.Options{MaxMarks: marks, Width: axisNarrow})
	title := fmt.Sprintf("Time axis: %s from %s to %s", plural(l.Items, "event", "events"), dayLabel(l.From), dayLabel(l.To))
	var b strings.Builder
	if err := l.SVGClass(&b, "axis axis-wide", title, href); err != nil {
		return "", nil
	}
	if err := narrow.SVGClass(&b, "axis axis-narrow", title, href); err != nil {
		return "", nil
	}
	key := axisKey(l)
	if len(narrow.Badges) > 0 && len(l.Badges) == 0 {
		key.Items = append(key.Items, AxisKeyItem{"badge", "more events under a mark"})
	}
	return template.HTML(b.String()), key
}

// The widths of the axis's two layouts, in CSS pixels at full size (see
// style.css: the narrow one shows below 36rem).
const (
	axisWide   = 720
	axisNarrow = 340
)

// axisKey is the legend of what layout l draws.
func axisKey(l axis.Layout) *AxisKey {
	var has struct{ key, day, span, fuzzy, disputed bool }
	for _, m := range l.Marks {
		has.key = has.key || m.Key
		has.day = has.day || m.W == 0 && !m.Key
		has.span = has.span || m.W > 0 && !m.Fuzzy
		has.fuzzy = has.fuzzy || m.Fuzzy
		has.disputed = has.disputed || m.Disputed
	}
	k := &AxisKey{}
	add := func(ok bool, kind, text string) {
		if ok {
			k.Items = append(k.Items, AxisKeyItem{kind, text})
		}
	}
	add(has.key, "key", "key event")
	add(has.day, "day", "an event of a day")
	add(has.span, "span", "of a week, a month or longer")
	add(has.fuzzy, "fuzzy", "an approximate date")
	add(has.disputed, "disputed", "disputed")
	add(len(l.Badges) > 0, "badge", "more events under a mark")
	add(len(l.Breaks) > 0, "break", "time left out")
	if len(l.Bars) > 0 {
		add(true, "band", fmt.Sprintf("all %s, by week or month", plural(l.Items, "event", "events")))
		if len(l.Marks) < l.Items {
			k.Note = fmt.Sprintf("Marks: the %s ranked first.", plural(len(l.Marks), "event", "events"))
		}
	}
	if l.Before+l.After > 0 {
		k.Note = strings.TrimSpace(k.Note + fmt.Sprintf(" Off the axis, long before or after the story: %s.", plural(l.Before+l.After, "event", "events")))
	}
	return k
}

// thousands writes n with a comma every three digits: 3,375.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// axisItems are the events as the axis shows them, best-ranked first
// (the first get marks when there are many).
func (r *renderer) axisItems(shown []*timeline.Event) []axis.Item {
	byRank := make([]*timeline.Event, len(shown))
	placed := 0 // when the ranks are 1 to len(shown), each in its place
	for _, e := range shown {
		if e.Rank >= 1 && e.Rank <= len(byRank) && byRank[e.Rank-1] == nil {
			byRank[e.Rank-1] = e
			placed++
		}
	}
	if placed < len(shown) {
		copy(byRank, shown)
		slices.SortStableFunc(byRank, func(a, b *timeline.Event) int { return cmp.Compare(a.Rank, b.Rank) })
	}
	items := make([]axis.Item, len(byRank))
	for i, e := range byRank {
		items[i] = axis.Item{
			ID: e.ID, Start: e.Date.Start, End: e.Date.End,
			Label: capitalize(e.Date.Label) + ": " + e.Headline,
			Key:   e.Key, Fuzzy: fuzzy(e.Date), Disputed: len(e.DisputedBy) > 0,
		}
	}
	return items
}

// fuzzy reports a date a reader should see as approximate: modified
// ("mid-2013", "about", "before") or a season, a quarter or a half.
func fuzzy(d timeline.Date) bool {
	switch d.Value.Granularity() {
	case timex.Season, timex.Quarter, timex.Half:
		return true
	}
	return d.Mod != timex.NoMod
}

// periodOf returns the heading an event is listed under.
func periodOf(d timeline.Date) (label, datetime, id string) {
	if d.Start.Year == d.End.Year && d.Start.Month == d.End.Month {
		return fmt.Sprintf("%s %d", d.Start.Month, d.Start.Year), fmt.Sprintf("%04d-%02d", d.Start.Year, int(d.Start.Month)),
			fmt.Sprintf("m%04d-%02d", d.Start.Year, int(d.Start.Month))
	}
	label = capitalize(d.Label)
	if d.Value.Granularity() == timex.Year && d.Mod == timex.NoMod {
		label = "Sometime in " + d.Label // not "2013" under the heading 2013
	}
	return label, datetimeOf(d.Value), "p-" + strings.ToLower(string(d.Value)) + strings.ToLower(string(d.Mod))
}

// samePeriod reports whether two dates are listed under one heading (see
// periodOf), without making the headings.
func samePeriod(a, b timeline.Date) bool {
	month := func(d timeline.Date) bool { return d.Start.Year == d.End.Year && d.Start.Month == d.End.Month }
	switch ma, mb := month(a), month(b); {
	case ma && mb:
		return a.Start.Year == b.Start.Year && a.Start.Month == b.Start.Month
	case ma || mb:
		return false
	}
	_, _, x := periodOf(a)
	_, _, y := periodOf(b)
	return x == y
}

// disagreement says which sources give another date, each outlet once
// with its number of articles: "CNN (8 articles): February 2011",
// "Haaretz and Naharnet: November 2013".
func (r *renderer) disagreement(alt timeline.Alternative) string {
	counts := map[string]int{}
	var outlets []string
	for _, id := range alt.Articles {
		if a := r.modelArts[id]; a != nil {
			if counts[a.Outlet] == 0 {
				outlets = append(outlets, a.Outlet)
			}
			counts[a.Outlet]++
		}
	}
	names := make([]string, len(outlets))
	for i, o := range outlets {
		names[i] = o
		if n := counts[o]; n > 1 {
			names[i] = fmt.Sprintf("%s (%d articles)", o, n)
		}
	}
	who := strings.Join(names, ", ")
	if n := len(names); n > 1 {
		who = strings.Join(names[:n-1], ", ") + " and " + names[n-1]
	}
	return who + ": " + alt.Label
}

// card returns the card of event i.
func (r *renderer) card(i int) *EventCard {
	e := r.m.Events[i]
	c := &EventCard{ID: e.ID, Href: r.url(e.Page), Headline: e.Headline, Label: e.Date.Label, Datetime: datetimeOf(e.Date.Value),
		Summary: e.Summary, Key: e.Key, r: r, at: i}
	for _, id := range e.DisputedBy {
		c.DisputedBy = append(c.DisputedBy, r.link(r.event(id)))
	}
	for _, id := range e.Disputes {
		c.Disputes = append(c.Disputes, r.link(r.event(id)))
	}
	for _, alt := range e.Date.Disagreement {
		c.Disagreement = append(c.Disagreement, r.disagreement(alt))
	}
	seen := map[string]bool{}
	for _, ct := range e.Citations {
		a := r.modelArts[ct.Article]
		cv := &CitationView{
			Quote: ct.Quote, Anchor: r.url(ct.Anchor), Expression: ct.Expression,
			ValueLabel: ct.Value.Label(ct.Mod), Differs: ct.Basis == "expression" && (ct.Value != e.Date.Value || ct.Mod != e.Date.Mod),
			Origin: string(ct.Origin), Basis: basisNote[ct.Basis], Denies: ct.Denies, r: r,
		}
		cv.Before = ct.Quote
		if ct.Expression != "" {
			if k := strings.Index(ct.Quote, ct.Expression); k >= 0 {
				cv.Before, cv.Dating, cv.After = ct.Quote[:k], ct.Expression, ct.Quote[k+len(ct.Expression):]
			}
		}
		if a != nil {
			cv.Outlet, cv.ArticleTitle, cv.ArticleHref, cv.URL = a.Outlet, a.Title, r.url(a.Page), a.URL
			if a.URL != "" {
				cv.TextURL = a.URL + textFragment(ct.Quote)
			}
			cv.Published, cv.PublishedISO = dayLabel(a.Published), a.Published.String()
			seen[a.Outlet] = true
		}
		c.Citations = append(c.Citations, cv)
	}
	c.Outlets = len(seen)
	var names []string
	for _, ct := range c.Citations {
		if ct.Outlet != "" && !slices.Contains(names, ct.Outlet) {
			names = append(names, ct.Outlet)
		}
	}
	c.OutletNames = strings.Join(names, "|")
	var ents []string
	for _, en := range e.Entities {
		ents = append(ents, en.Kind+":"+en.Key+"="+entityNameEscaper.Replace(en.Name))
	}
	c.Entities = strings.Join(ents, "|")
	c.Start, c.End = e.Date.Start.String(), e.Date.End.String()
	c.Fuzzy = fuzzy(e.Date)
	return c
}

// datingMarks returns, for each cited sentence of an article, the words
// that date it (its citations' expressions, once each) as <time> marks.
func (r *renderer) datingMarks(a *timeline.Article) []markdown.Mark {
	var out []markdown.Mark
	type at struct{ block, start int }
	seen := map[at]bool{}
	for _, an := range a.Anchors {
		for _, id := range an.Events {
			for _, c := range r.m.Events[r.events[id]].Citations {
				if c.Article != a.ID || c.Expression == "" || c.Block != an.Block || c.Start < an.Start || c.End > an.End {
					continue
				}
				k := strings.Index(c.Quote, c.Expression) // the quote is the text at Start
				if k < 0 || seen[at{c.Block, c.Start + k}] {
					continue
				}
				seen[at{c.Block, c.Start + k}] = true
				out = append(out, markdown.Mark{Block: c.Block, Start: c.Start + k, End: c.Start + k + len(c.Expression),
					Class: "dating", Datetime: datetimeOf(c.Value)})
			}
		}
	}
	return out
}

// textFragment returns the text fragment (#:~:text=) that finds a quote
// on the original page: the quote itself, or for a long one its first and
// last five words, percent-encoded as the syntax asks.
func textFragment(quote string) string {
	words := strings.Fields(quote)
	enc := func(ws []string) string {
		return fragmentEscaper.Replace(url.PathEscape(strings.Join(ws, " ")))
	}
	if len(words) <= 10 {
		return "#:~:text=" + enc(words)
	}
	return "#:~:text=" + enc(words[:5]) + "," + enc(words[len(words)-5:])
}

// fragmentEscaper percent-encodes what url.PathEscape leaves and a text
// fragment may not hold: "-", "," and "&" delimit its parts.
var fragmentEscaper = strings.NewReplacer("-", "%2D", ",", "%2C", "&", "%26")

// entityNameEscaper keeps an entity's name from splitting the data
// attribute that lists a card's entities ("kind:key=Name|...").
var entityNameEscaper = strings.NewReplacer("|", " ", "=", " ")

// basisNote explains to readers how a citation without a date of its own
// was dated.
var basisNote = map[string]string{
	"paragraph": "date from its paragraph",
	"continues": "date from the sentence before",
	"present":   "date: the day it was published",
	"news-day":  "date: the day the article reports",
	"report":    "date from the report it goes on telling",
}

func (r *renderer) event(id string) *timeline.Event {
	if i, ok := r.events[id]; ok {
		return r.m.Events[i]
	}
	return nil
}

func (r *renderer) eventPage(i int) *Page {
	e := r.m.Events[i]
	p := r.basePage("event", capitalize(e.Date.Label)+": "+e.Headline, eventDescription(e, r.modelArts), e.Page)
	v := &EventView{EventCard: r.cardFor(i), Back: r.allURL(i)}
	p.JSONLD = r.ldEvent(e)
	if i > 0 {
		v.Prev = r.linkAt(i - 1)
	}
	if i+1 < len(r.m.Events) {
		v.Next = r.linkAt(i + 1)
	}
	for _, en := range e.Entities {
		ref := EntityRef{Name: en.Name}
		if p := r.entityOf(en); p != nil {
			ref.Href = r.url(p.Page)
		}
		switch en.Kind {
		case "person":
			v.People = append(v.People, ref)
		case "organization":
			v.Organizations = append(v.Organizations, ref)
		case "place":
			v.Places = append(v.Places, ref)
		}
	}
	for _, o := range r.relatedIndex().related(i, nil) {
		v.Related = append(v.Related, r.linkAt(o))
	}
	p.Event = v
	return p
}

func eventDescription(e *timeline.Event, arts map[string]*timeline.Article) string {
	var outlets []string
	seen := map[string]bool{}
	for _, c := range e.Citations {
		if a := arts[c.Article]; a != nil && !seen[a.Outlet] {
			seen[a.Outlet] = true
			outlets = append(outlets, a.Outlet)
		}
	}
	return fmt.Sprintf("%s: %s. Reported by %s.", capitalize(e.Date.Label), strings.TrimSuffix(e.Headline, "."), strings.Join(outlets, ", "))
}

func (r *renderer) articlePage(a *timeline.Article) (*Page, error) {
	src := r.articles[a.ID]
	desc := a.Summary
	if desc == "" {
		desc = fmt.Sprintf("%s, %s.", a.Outlet, dayLabel(a.Published))
	}
	p := r.basePage("article", a.Title, desc, a.Page)
	p.JSONLD = r.ldArticle(a)
	v := &ArticleView{
		ID: a.ID, Title: a.Title, Outlet: a.Outlet, Author: a.Author, URL: a.URL, Summary: a.Summary,
		Published: dayLabel(a.Published), PublishedISO: a.Published.String(), Language: a.Language, Tags: a.Tags,
	}
	if src != nil {
		var marks []markdown.Mark
		for _, an := range a.Anchors {
			mk := markdown.Mark{Block: an.Block, Start: an.Start, End: an.End, ID: an.Fragment}
			for _, id := range an.Events {
				e := r.m.Events[r.events[id]]
				mk.Links = append(mk.Links, markdown.Link{Href: r.url(e.Page), Text: shortLabel(e.Date), Title: "Timeline: " + e.Headline})
			}
			marks = append(marks, mk)
		}
		// The words that date each cited sentence, as <time datetime>
		// inside it (after the sentence, which holds them).
		marks = append(marks, r.datingMarks(a)...)
		md, err := r.body(src)
		if err != nil {
			return nil, err
		}
		html, err := r.opts.Markdown.RenderString(md, marks)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", src.Path, err)
		}
		v.Body = template.HTML(html)
	}
	for _, id := range a.Events {
		v.Events = append(v.Events, r.linkAt(r.events[id]))
	}
	p.Article = v
	if a.Language != "" {
		p.Lang = a.Language
	}
	return p, nil
}

// body returns the Markdown body of an article (see Options.Body).
func (r *renderer) body(a *content.Article) ([]byte, error) {
	if r.opts.Body != nil {
		return r.opts.Body(a)
	}
	return a.Body(), nil
}

func (r *renderer) sourcesPage() *Page {
	p := r.basePage("sources", "Sources", fmt.Sprintf("The %d articles this timeline cites, by outlet.", len(r.m.Articles)), "/sources/")
	byOutlet := map[string]*OutletView{}
	var list []*OutletView
	for _, a := range r.m.Articles {
		o := byOutlet[a.Outlet]
		if o == nil {
			o = &OutletView{Name: a.Outlet}
			byOutlet[a.Outlet] = o
			list = append(list, o)
		}
		o.Articles = append(o.Articles, &ArticleLink{Title: a.Title, Href: r.url(a.Page), URL: a.URL,
			Published: dayLabel(a.Published), PublishedISO: a.Published.String(), Events: len(a.Events)})
	}
	sort.SliceStable(list, func(i, j int) bool { return strings.ToLower(list[i].Name) < strings.ToLower(list[j].Name) })
	used := map[string]bool{}
	for _, o := range list {
		id := "o-" + slugOrHash(o.Name)
		for n := 2; used[id]; n++ {
			id = fmt.Sprintf("o-%s-%d", slugOrHash(o.Name), n)
		}
		used[id] = true
		o.ID = id
	}
	p.Sources = &SourcesView{Outlets: list, Articles: len(r.m.Articles)}
	if n := len(r.m.Articles); n > 0 {
		first, last := r.m.Articles[0].Published, r.m.Articles[0].Published
		for _, a := range r.m.Articles {
			if a.Published.Before(first) {
				first = a.Published
			}
			if last.Before(a.Published) {
				last = a.Published
			}
		}
		day := func(d timex.Date) timeline.Date {
			return timeline.Date{Value: timex.Value(d.String()), Start: d, End: d}
		}
		p.Sources.Range = pageRange(day(first), day(last))
	}
	return p
}

func (r *renderer) notFoundPage() *Page {
	return r.basePage("404", "Page not found", "This page does not exist.", "/404.html")
}

func outlets(arts []*timeline.Article) map[string]bool {
	m := map[string]bool{}
	for _, a := range arts {
		m[a.Outlet] = true
	}
	return m
}

// datetimeOf returns a valid HTML datetime for a TIMEX3 value: a date,
// month, week or year string.
func datetimeOf(v timex.Value) string {
	iv, ok := v.Interval()
	if !ok {
		return ""
	}
	switch g := v.Granularity(); {
	case g >= timex.Day:
		return iv.Start.String()
	case g == timex.Week:
		return string(v)
	case g == timex.Month:
		return string(v)[:7]
	}
	return fmt.Sprintf("%04d", iv.Start.Year)
}

// dayLabel formats a date as "Wed 15 Jan 2014".
func dayLabel(d timex.Date) string {
	if d.IsZero() {
		return ""
	}
	return timex.Value(d.String()).Label(timex.NoMod)
}

// shortLabel is the label of a date for a small link: "15 Jan 2014",
// "Nov 2013", "mid-2013".
func shortLabel(d timeline.Date) string {
	switch g := d.Value.Granularity(); {
	case g >= timex.Day:
		return fmt.Sprintf("%d %s %d", d.Start.Day, d.Start.Month.String()[:3], d.Start.Year)
	case g == timex.Month && d.Mod == timex.NoMod:
		return fmt.Sprintf("%s %d", d.Start.Month.String()[:3], d.Start.Year)
	}
	return d.Label
}

// pageRange labels a page of every event by the dates its first and
// last events start on, each as precise as its date, sharing what they
// share: "20–25 Feb 2011", "28 Feb – 7 Mar 2011", "Dec 2010 – 20 Feb
// 2011", "1984 – 2005" (a week is its first day, a season its first
// month).
func pageRange(first, last timeline.Date) string {
	a, b := first.Start, last.Start
	pa, pb := rangePrecision(first.Value.Granularity()), rangePrecision(last.Value.Granularity())
	year := func(y int) string { return strconv.Itoa(y) }
	month := func(d timex.Date) string { return d.Month.String()[:3] }
	full := func(d timex.Date, p timex.Granularity) string {
		switch p {
		case timex.Day:
			return fmt.Sprintf("%d %s %d", d.Day, month(d), d.Year)
		case timex.Month:
			return month(d) + " " + year(d.Year)
		}
		return year(d.Year)
	}
	// An approximate date keeps its words ("summer 2013", "mid-2013").
	if fuzzy(first) || fuzzy(last) {
		fa, fb := full(a, pa), full(b, pb)
		if fuzzy(first) {
			fa = first.Label
		}
		if fuzzy(last) {
			fb = last.Label
		}
		if fa == fb {
			return fa
		}
		return fa + " – " + fb
	}
	switch {
	case a == b && pa == pb:
		return full(a, pa)
	case pa == timex.Day && pb == timex.Day && a.Year == b.Year && a.Month == b.Month:
		return fmt.Sprintf("%d–%d %s %d", a.Day, b.Day, month(a), a.Year)
	case pa == timex.Day && pb == timex.Day && a.Year == b.Year:
		return fmt.Sprintf("%d %s – %d %s %d", a.Day, month(a), b.Day, month(b), a.Year)
	case pa == timex.Month && pb == timex.Month && a.Year == b.Year:
		return fmt.Sprintf("%s – %s %d", month(a), month(b), a.Year)
	case pa == timex.Year && pb == timex.Year && a.Year == b.Year:
		return year(a.Year)
	}
	return full(a, pa) + " – " + full(b, pb)
}

// rangePrecision is what pageRange shows of a date of granularity g:
// its day, its month or its year.
func rangePrecision(g timex.Granularity) timex.Granularity {
	switch {
	case g >= timex.Week:
		return timex.Day
	case g >= timex.Half:
		return timex.Month
	}
	return timex.Year
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
