package render

import (
	"github.com/timeline-dev/timeline/generator/timeline"
)

// schema.org data of the pages (JSON-LD), for search engines and link
// previews: the timeline as an ItemList of its events, an event as an
// Event, an article as a NewsArticle. html/template writes it into its
// <script> element escaped, so no text of an article can end the element.

// ldItemList is a timeline page's list of events: at most ldItems.
func (r *renderer) ldItemList(name string, events []*timeline.Event) map[string]any {
	const ldItems = 100
	var items []map[string]any
	for i, e := range events {
		if i == ldItems {
			break
		}
		items = append(items, map[string]any{"@type": "ListItem", "position": i + 1, "url": r.absURL(e.Page), "name": e.Headline})
	}
	return map[string]any{"@context": "https://schema.org", "@type": "ItemList", "name": name,
		"numberOfItems": len(events), "itemListElement": items}
}

// ldEvent is an event's page.
func (r *renderer) ldEvent(e *timeline.Event) map[string]any {
	return map[string]any{"@context": "https://schema.org", "@type": "Event", "name": e.Headline,
		"startDate": e.Date.Start.String(), "endDate": e.Date.End.String(), "url": r.absURL(e.Page),
		"description": e.Date.Label + ": " + e.Headline}
}

// ldArticle is an article's page.
func (r *renderer) ldArticle(a *timeline.Article) map[string]any {
	ld := map[string]any{"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.Title,
		"datePublished": a.Published.String(), "mainEntityOfPage": r.absURL(a.Page),
		"publisher": map[string]any{"@type": "Organization", "name": a.Outlet}}
	if a.URL != "" {
		ld["url"] = a.URL
	}
	if a.Author != "" {
		ld["author"] = map[string]any{"@type": "Person", "name": a.Author}
	}
	return ld
}
