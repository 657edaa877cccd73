package render

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/timeline"
)

// Entity pages: a page for each person, organization and place that two
// events or more involve, with the events that do as a mini-timeline.

// entityPage is an entity that has a page.
type entityPage struct {
	Kind, Key, Name string
	Page            string // "/entities/<id>/"
	id              string
	events          []int // in timeline order
	// What each of its pages shows of all its events, made once (see
	// summary) rather than for each page: the number of outlets that
	// report them, and the links to its pages.
	once    sync.Once
	outlets int
	links   []AllPageLink
}

// summary makes p.outlets and p.links, the first time it is called.
func (p *entityPage) summary(r *renderer) {
	p.once.Do(func() {
		outlets := map[string]bool{}
		for _, i := range p.events {
			for _, c := range r.m.Events[i].Citations {
				if a := r.modelArts[c.Article]; a != nil {
					outlets[a.Outlet] = true
				}
			}
		}
		p.outlets = len(outlets)
		if n := p.pages(); n > 1 {
			for j := range n {
				first, last := p.events[j*entityPageEvents], p.events[min(len(p.events), (j+1)*entityPageEvents)-1]
				p.links = append(p.links, AllPageLink{Href: r.url(p.pagePath(j)),
					Label: pageRange(r.m.Events[first].Date, r.m.Events[last].Date)})
			}
		}
	})
}

// entityPages returns the entities that have pages, by kind (people,
// organizations, places) and name; made the first time it is asked for.
func (r *renderer) entityPages() []*entityPage {
	r.entityOnce.Do(func() {
		byKey := map[string]*entityPage{}
		var all []*entityPage
		for i, e := range r.m.Events {
			for _, en := range e.Entities {
				if en.Kind != "person" && en.Kind != "organization" && en.Kind != "place" {
					continue
				}
				k := en.Kind + ":" + en.Key
				p := byKey[k]
				if p == nil {
					p = &entityPage{Kind: en.Kind, Key: en.Key, Name: en.Name}
					byKey[k] = p
					all = append(all, p)
				}
				if n := len(p.events); n == 0 || p.events[n-1] != i {
					p.events = append(p.events, i)
				}
			}
		}
		kinds := map[string]int{"person": 0, "organization": 1, "place": 2}
		var pages []*entityPage
		for _, p := range all {
			if len(p.events) >= 2 {
				pages = append(pages, p)
			}
		}
		slices.SortFunc(pages, func(a, b *entityPage) int {
			return cmp.Or(cmp.Compare(kinds[a.Kind], kinds[b.Kind]), strings.Compare(a.Name, b.Name), strings.Compare(a.Key, b.Key))
		})
		used := map[string]int{}
		r.entityByKey = map[string]*entityPage{}
		r.entityByID = map[string]*entityPage{}
		for _, p := range pages {
			id := content.Slug(p.Name)
			if id == "" {
				id = content.Slug(p.Key)
			}
			if id == "" {
				id = p.Kind
			}
			if used[id]++; used[id] > 1 {
				id = fmt.Sprintf("%s-%d", id, used[id])
			}
			p.id, p.Page = id, "/entities/"+id+"/"
			r.entityByKey[p.Kind+":"+p.Key] = p
			r.entityByID[id] = p
		}
		r.entities = pages
	})
	return r.entities
}

// entityOf returns the page of an event's entity, or nil.
func (r *renderer) entityOf(en timeline.Entity) *entityPage {
	r.entityPages()
	return r.entityByKey[en.Kind+":"+en.Key]
}

// EntityRef names an entity of an event, with the link to its page if it
// has one.
type EntityRef struct {
	Name, Href string
}

// EntityView is an entity's page: who or what, and its events.
type EntityView struct {
	Name, Kind string
	Events     []*EventLink // those of this page, in timeline order
	All        int          // the events that involve it
	// Pages link the entity's pages, when its events take several
	// (entityPageEvents a page).
	Pages   []AllPageLink
	Axis    template.HTML
	AxisKey *AxisKey
	Outlets int
}

// entityPageEvents is the most events an entity's page lists: the events
// of a story's main place or actor (1,728 of LibyaWar_cnn's involve
// Libya) take several pages, each fast to load and to read.
const entityPageEvents = 100

// pages is the number of pages of the entity's events.
func (p *entityPage) pages() int { return max(1, (len(p.events)+entityPageEvents-1)/entityPageEvents) }

// pagePath is the path of the entity's page k (from 0).
func (p *entityPage) pagePath(k int) string {
	if k == 0 {
		return p.Page
	}
	return fmt.Sprintf("%s%d/", p.Page, k+1)
}

// EntitiesView is the index of the entity pages.
type EntitiesView struct {
	Most   []EntityLink // those of the most events, when there are many
	Groups []EntityGroup
	Count  int
}

// EntityGroup is the entities of one kind.
type EntityGroup struct {
	Kind     string // "People", "Organizations", "Places"
	Entities []EntityLink
}

// EntityLink links an entity page, with its number of events.
type EntityLink struct {
	Name, Href string
	Events     int
}

var kindTitles = map[string]string{"person": "People", "organization": "Organizations", "place": "Places"}

// entityPage is page k (from 0) of an entity's events.
func (r *renderer) entityPage(p *entityPage, k int) *Page {
	title := p.Name
	if n := p.pages(); n > 1 {
		title = fmt.Sprintf("%s, page %d of %d", p.Name, k+1, n)
	}
	pg := r.basePage("entity", title, fmt.Sprintf("%s: %s of the timeline that involve %s.", p.Name, plural(len(p.events), "event", "events"), p.Name), p.pagePath(k))
	p.summary(r)
	v := &EntityView{Name: p.Name, Kind: p.Kind, All: len(p.events), Outlets: p.outlets}
	listed := p.events[k*entityPageEvents : min(len(p.events), (k+1)*entityPageEvents)]
	if len(p.links) > 0 {
		v.Pages = slices.Clone(p.links)
		v.Pages[k].Current = true
	}
	shown := make([]*timeline.Event, len(listed))
	for j, i := range listed {
		v.Events = append(v.Events, r.linkAt(i))
		shown[j] = r.m.Events[i]
	}
	v.Axis, v.AxisKey = r.axisOf(shown, func(id string) string { return r.url(r.m.Events[r.events[id]].Page) })
	pg.Entity = v
	return pg
}

func (r *renderer) entitiesPage() *Page {
	pg := r.basePage("entities", "People, organizations and places", "The people, organizations and places that two events or more of the timeline involve.", "/entities/")
	v := &EntitiesView{}
	for _, p := range r.entityPages() {
		title := kindTitles[p.Kind]
		if n := len(v.Groups); n == 0 || v.Groups[n-1].Kind != title {
			v.Groups = append(v.Groups, EntityGroup{Kind: title})
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Entities = append(g.Entities, EntityLink{Name: p.Name, Href: r.url(p.Page), Events: len(p.events)})
		v.Count++
	}
	// Those most in the news first, when the lists are long.
	if v.Count > 30 {
		most := slices.Clone(r.entityPages())
		slices.SortStableFunc(most, func(a, b *entityPage) int { return cmp.Compare(len(b.events), len(a.events)) })
		for _, p := range most[:12] {
			v.Most = append(v.Most, EntityLink{Name: p.Name, Href: r.url(p.Page), Events: len(p.events)})
		}
	}
	pg.Entities = v
	return pg
}
