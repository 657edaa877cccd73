package render

import (
	"testing"

	"github.com/timeline-dev/timeline/generator/timeline"
	"github.com/timeline-dev/timeline/generator/timex"
)

// A month that comes back after a less precise event gets a heading of its
// own with a distinct id.
func TestPeriodIDsUnique(t *testing.T) {
	date := func(v string, m timex.Mod) timeline.Date {
		d, _ := timeline.NewDate(timex.Value(v), m)
		return d
	}
	m := &timeline.Model{Site: timeline.Site{Title: "t"}}
	for i, d := range []timeline.Date{date("2013-03-02", ""), date("2013", timex.Start), date("2013-03-20", "")} {
		m.Events = append(m.Events, &timeline.Event{ID: string(rune('a' + i)), Page: "/events/x/", Headline: "h", Date: d})
	}
	r := &renderer{m: m, basePath: "/", modelArts: map[string]*timeline.Article{}, events: map[string]int{}}
	p := r.timelinePage(false)
	seen := map[string]bool{}
	var ids []string
	for _, y := range p.Timeline.Years {
		for _, per := range y.Periods {
			if seen[per.ID] {
				t.Errorf("period id %q twice", per.ID)
			}
			seen[per.ID] = true
			ids = append(ids, per.ID)
		}
	}
	if len(ids) != 3 || ids[0] != "m2013-03" || ids[2] != "m2013-03-2" {
		t.Errorf("period ids %v", ids)
	}
}
