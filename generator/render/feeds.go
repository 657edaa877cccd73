package render

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/timeline-dev/timeline/generator/timeline"
	"github.com/timeline-dev/timeline/generator/timex"
)

// eventsJSON is the model, the contract for tools (see package timeline).
// It is written an article and an event at a time, as json.MarshalIndent
// would write the whole model (a large site's model is hundreds of
// megabytes of JSON, which need not be in memory at once).
func (r *renderer) eventsJSON(w io.Writer) error {
	return writeModelJSON(w, r.m)
}

func writeModelJSON(w io.Writer, m *timeline.Model) error {
	site, err := json.MarshalIndent(m.Site, "  ", "  ")
	if err != nil {
		return err
	}
	ew := &errWriter{w: w}
	ew.str("{\n  \"site\": ")
	ew.bytes(site)
	ew.str(",\n  \"articles\": ")
	writeJSONArray(ew, m.Articles)
	ew.str(",\n  \"events\": ")
	writeJSONArray(ew, m.Events)
	ew.str("\n}\n")
	return ew.err
}

// writeJSONArray writes a list as a member of the model's object.
func writeJSONArray[T any](w *errWriter, list []T) {
	if list == nil {
		w.str("null")
		return
	}
	writeJSONList(w, len(list), func(i int) any { return list[i] })
}

// writeJSONList writes n items, made by item, as the array value of a
// member of an object at the top level, as json.MarshalIndent with the
// indent "  " writes it.
func writeJSONList(w *errWriter, n int, item func(int) any) {
	if n == 0 {
		w.str("[]")
		return
	}
	w.str("[\n")
	// An Encoder indents as MarshalIndent does, into a buffer it reuses,
	// and ends each value with a newline, which is not written.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("    ", "  ")
	for i := 0; i < n; i++ {
		buf.Reset()
		if err := enc.Encode(item(i)); err != nil {
			w.fail(err)
			return
		}
		w.str("    ")
		w.bytes(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		if i < n-1 {
			w.str(",")
		}
		w.str("\n")
	}
	w.str("  ]")
}

// errWriter keeps the first error of a run of writes.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) bytes(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *errWriter) str(s string) { e.bytes([]byte(s)) }

func (e *errWriter) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomAuthor  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Links     []atomLink `xml:"link"`
	Summary   string     `xml:"summary"`
	Content   atomText   `xml:"content"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// feed is an Atom feed with an entry per event, latest events first. Its
// dates are the publication times of the citing articles, never the time of
// the build, so the feed is the same from build to build.
func (r *renderer) feed() ([]byte, error) {
	f := atomFeed{
		Lang: r.m.Site.Language, Title: r.m.Site.Title, Subtitle: r.m.Site.Description,
		ID:     r.feedID(""),
		Links:  []atomLink{{Href: r.absURL("/feed.xml"), Rel: "self", Type: "application/atom+xml"}, {Href: r.absURL("/"), Rel: "alternate", Type: "text/html"}},
		Author: atomAuthor{Name: r.m.Site.Title},
	}
	var latest time.Time
	events := r.feedEvents()
	for _, e := range events {
		updated, published := r.reported(e)
		if updated.After(latest) {
			latest = updated
		}
		var body strings.Builder
		fmt.Fprintf(&body, "<p><strong>%s</strong>: %s</p>\n<ul>\n", html.EscapeString(capitalize(e.Date.Label)), html.EscapeString(e.Headline))
		for _, c := range e.Citations {
			a := r.modelArts[c.Article]
			fmt.Fprintf(&body, "<li><a href=\"%s\">%s</a>, <cite>%s</cite>: <blockquote>%s</blockquote></li>\n",
				html.EscapeString(r.absURL(c.Anchor)), html.EscapeString(a.Outlet), html.EscapeString(a.Title), html.EscapeString(c.Quote))
		}
		body.WriteString("</ul>\n")
		f.Entries = append(f.Entries, atomEntry{
			Title: capitalize(e.Date.Label) + ": " + e.Headline, ID: r.feedID(e.Page),
			Updated: rfc3339(updated), Published: rfc3339(published),
			Links:   []atomLink{{Href: r.absURL(e.Page), Rel: "alternate", Type: "text/html"}},
			Summary: eventDescription(e, r.modelArts),
			Content: atomText{Type: "html", Body: body.String()},
		})
	}
	if latest.IsZero() {
		latest = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.Updated = rfc3339(latest)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// feedEvents returns the events of the feed, latest events first: every
// event, or with a FeedLimit of n, the n most recently reported (by the
// latest publication time of the articles citing them; the later event
// first among equals), which are what a subscriber has not seen yet.
func (r *renderer) feedEvents() []*timeline.Event {
	events := make([]*timeline.Event, len(r.m.Events))
	for i, e := range r.m.Events {
		events[len(events)-1-i] = e // m.Events is in time order
	}
	n := r.opts.FeedLimit
	if n <= 0 || len(events) <= n {
		return events
	}
	type dated struct {
		at  time.Time
		pos int // in events
	}
	order := make([]dated, len(events))
	for i, e := range events {
		t, _ := r.reported(e)
		order[i] = dated{t, i}
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].at.After(order[j].at) })
	keep := make([]bool, len(events))
	for _, d := range order[:n] {
		keep[d.pos] = true
	}
	out := events[:0]
	for i, e := range events {
		if keep[i] {
			out = append(out, e)
		}
	}
	return out
}

// reported returns the latest and earliest publication times of the
// articles citing e.
func (r *renderer) reported(e *timeline.Event) (latest, earliest time.Time) {
	for _, c := range e.Citations {
		a := r.articles[c.Article]
		if a == nil {
			continue
		}
		t := a.Published
		if latest.IsZero() || t.After(latest) {
			latest = t
		}
		if earliest.IsZero() || t.Before(earliest) {
			earliest = t
		}
	}
	return latest, earliest
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// feedID is the Atom id of the feed (path "") or of an entry: the absolute
// URL when the site has one, otherwise a name-based UUID (RFC 4122 v5) of
// the site title and path, so ids never change between builds.
func (r *renderer) feedID(p string) string {
	if r.host != "" {
		if p == "" {
			return r.absURL("/")
		}
		return r.absURL(p)
	}
	h := sha1.Sum([]byte("timeline:" + r.m.Site.Title + ":" + p))
	h[6] = (h[6] & 0x0f) | 0x50
	h[8] = (h[8] & 0x3f) | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap lists every page a reader can visit, with the date of its latest
// source as lastmod.
func (r *renderer) sitemap() ([]byte, error) {
	var set sitemapURLSet
	var newest timex.Date
	for _, a := range r.m.Articles {
		if newest.Before(a.Published) {
			newest = a.Published
		}
	}
	lastmod := map[string]string{}
	if !newest.IsZero() {
		lastmod["/"], lastmod["/all/"], lastmod["/sources/"], lastmod["/entities/"] = newest.String(), newest.String(), newest.String(), newest.String()
	}
	for _, e := range r.m.Events {
		var d timex.Date
		for _, c := range e.Citations {
			if a := r.modelArts[c.Article]; a != nil && d.Before(a.Published) {
				d = a.Published
			}
		}
		if !d.IsZero() {
			lastmod[e.Page] = d.String()
		}
	}
	for _, a := range r.m.Articles {
		lastmod[a.Page] = a.Published.String()
	}
	for _, en := range r.entityPages() {
		var d string
		for _, i := range en.events {
			if m := lastmod[r.m.Events[i].Page]; m > d {
				d = m
			}
		}
		lastmod[en.Page] = d
	}
	for _, p := range r.htmlPages() {
		set.URLs = append(set.URLs, sitemapURL{Loc: r.absURL(p), LastMod: lastmod[p]})
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(set); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// TimelineJS v3 data: https://timeline.knightlab.com/docs/json-format.html
type tjsData struct {
	Title  *tjsSlide   `json:"title,omitempty"`
	Events []*tjsSlide `json:"events"`
}

type tjsSlide struct {
	StartDate   *tjsDate `json:"start_date,omitempty"`
	EndDate     *tjsDate `json:"end_date,omitempty"`
	Text        tjsText  `json:"text"`
	Group       string   `json:"group,omitempty"`
	DisplayDate string   `json:"display_date,omitempty"`
	UniqueID    string   `json:"unique_id,omitempty"`
}

type tjsDate struct {
	Year        int    `json:"year"`
	Month       int    `json:"month,omitempty"`
	Day         int    `json:"day,omitempty"`
	DisplayDate string `json:"display_date,omitempty"`
}

type tjsText struct {
	Headline string `json:"headline"`
	Text     string `json:"text,omitempty"`
}

// timelineJS exports the events in Knight Lab TimelineJS v3 format, with
// dates as precise as known (a year, a month or a day) and the citations
// as the slide text. TimelineJS shows headlines, texts and display dates
// as HTML: they are escaped.
func (r *renderer) timelineJS(w io.Writer) error {
	title, err := json.MarshalIndent(&tjsSlide{Text: tjsText{Headline: html.EscapeString(r.m.Site.Title), Text: html.EscapeString(r.m.Site.Description)}}, "  ", "  ")
	if err != nil {
		return err
	}
	// Written a slide at a time, as json.MarshalIndent would write a
	// tjsData of them all.
	ew := &errWriter{w: w}
	ew.str("{\n  \"title\": ")
	ew.bytes(title)
	ew.str(",\n  \"events\": ")
	writeJSONList(ew, len(r.m.Events), func(i int) any { return r.tjsSlide(r.m.Events[i]) })
	ew.str("\n}\n")
	return ew.err
}

// tjsSlide is an event's slide.
func (r *renderer) tjsSlide(e *timeline.Event) *tjsSlide {
	start, end := tjsDates(e.Date)
	var text strings.Builder
	for _, c := range e.Citations {
		a := r.modelArts[c.Article]
		fmt.Fprintf(&text, "<blockquote>%s</blockquote><p>— <a href=\"%s\">%s</a></p>", html.EscapeString(c.Quote), html.EscapeString(r.absURL(c.Anchor)), html.EscapeString(a.Outlet))
	}
	return &tjsSlide{
		StartDate: start, EndDate: end, DisplayDate: html.EscapeString(capitalize(e.Date.Label)),
		Text:     tjsText{Headline: html.EscapeString(e.Headline), Text: text.String()},
		Group:    fmt.Sprint(e.Date.Start.Year),
		UniqueID: e.ID,
	}
}

// tjsDates gives TimelineJS start and end dates at the precision of the
// value, and a span of its first and last days for a date longer than a
// day. The end date is omitted for a day.
func tjsDates(d timeline.Date) (*tjsDate, *tjsDate) {
	g := d.Value.Granularity()
	mk := func(x timex.Date) *tjsDate {
		t := &tjsDate{Year: x.Year}
		switch {
		case g >= timex.Week:
			t.Month, t.Day = int(x.Month), x.Day
		case g >= timex.Half || d.Mod == timex.Start || d.Mod == timex.Mid || d.Mod == timex.End:
			t.Month = int(x.Month)
		}
		return t
	}
	start, end := mk(d.Start), mk(d.End)
	start.DisplayDate = capitalize(d.Label)
	if d.Start != d.End {
		// TimelineJS draws a date without a day as a point on the 1st:
		// a month, a season or a year gets its first and last days, so
		// that it shows as the span it is (the display date keeps its
		// label).
		start.Month, start.Day = int(d.Start.Month), d.Start.Day
		end = &tjsDate{Year: d.End.Year, Month: int(d.End.Month), Day: d.End.Day}
		return start, end
	}
	if *end == (tjsDate{Year: start.Year, Month: start.Month, Day: start.Day}) {
		return start, nil
	}
	return start, end
}
