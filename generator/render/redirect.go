package render

import (
	"html/template"
	"io"
	"sort"

	"github.com/timeline-dev/timeline/generator/timeline"
)

// Redirect pages: an event's old id (timeline.Event.Aliases: renamed,
// merged into it, or its id in the last build) keeps an address that
// answers, /events/<old-id>/, with a page that sends the reader on to the
// event's: a refresh, a canonical link and a visible link, and noindex so
// that search engines keep only the event's page. They are in no
// sitemap, and nothing links to them.

// redirectTemplate is the page at an old address. It is no theme
// template: a site never needs another.
var redirectTemplate = template.Must(template.New("redirect").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Headline}}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{{.URL}}">
<meta http-equiv="refresh" content="0; url={{.URL}}">
</head>
<body>
<p>This event has moved: <a href="{{.URL}}">{{.Headline}}</a></p>
</body>
</html>
`))

// redirectPage is what redirectTemplate shows.
type redirectPage struct {
	Lang, Headline, URL string
}

// redirects returns the old ids of the events, each with the index of its
// event, sorted: those that are no event's id.
func redirects(m *timeline.Model, events map[string]int) (map[string]int, []string) {
	to := map[string]int{}
	var ids []string
	for i, e := range m.Events {
		for _, a := range e.Aliases {
			if _, live := events[a]; live {
				continue
			}
			if _, dup := to[a]; dup {
				continue
			}
			to[a] = i
			ids = append(ids, a)
		}
	}
	sort.Strings(ids)
	return to, ids
}

// redirect writes the page at an old address of event i.
func (r *renderer) redirect(w io.Writer, i int) error {
	e := r.m.Events[i]
	lang := r.m.Site.Language
	if lang == "" {
		lang = "en"
	}
	return redirectTemplate.Execute(w, redirectPage{Lang: lang, Headline: e.Headline, URL: r.absURL(e.Page)})
}
