package render

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"

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
	Events     []*EventLink
	Axis       template.HTML
	AxisNote   string
	Outlets    int
}

// EntitiesView is the index of the entity pages.
type EntitiesView struct {
	Groups []EntityGroup
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

func (r *renderer) entityPage(p *entityPage) *Page {
	pg := r.basePage("entity", p.Name, fmt.Sprintf("%s: %s of the timeline that involve %s.", p.Name, plural(len(p.events), "event", "events"), p.Name), p.Page)
	v := &EntityView{Name: p.Name, Kind: p.Kind}
	shown := make([]*timeline.Event, len(p.events))
	outlets := map[string]bool{}
	for k, i := range p.events {
		v.Events = append(v.Events, r.linkAt(i))
		shown[k] = r.m.Events[i]
		for _, c := range shown[k].Citations {
			if a := r.modelArts[c.Article]; a != nil {
				outlets[a.Outlet] = true
			}
		}
	}
	v.Outlets = len(outlets)
	v.Axis, v.AxisNote = r.axisOf(shown, func(id string) string { return r.url(r.m.Events[r.events[id]].Page) })
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
	}
	pg.Entities = v
	return pg
}
