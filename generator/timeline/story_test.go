package timeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
)

// TestSecondStory checks that grouping generalizes beyond the seed
// articles, on a story written for the test with its traps (see
// testdata/valmora/README.md).
func TestSecondStory(t *testing.T) {
	files, err := filepath.Glob("testdata/valmora/content/*.md")
	if err != nil || len(files) != 4 {
		t.Fatalf("story files: %v %v", files, err)
	}
	var arts []*content.Article
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := content.Parse("content/"+filepath.Base(f), src, content.Options{})
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	content.Sort(arts)
	m, err := Build(context.Background(), arts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const (
		herald   = "valmora-herald-dam-cracks"
		coast    = "coastline-times-valley-evacuated"
		radio    = "radio-nord-maintenance-dispute"
		ledger   = "the-ledger-shelters"
		saturday = "2025-04-05"
		sunday   = "2025-04-06"
	)
	// Three outlets report the cracks, two of them dating them "on
	// Saturday", one "on April 5": one event.
	cracks := one(t, m, "cracks", herald, "Engineers found cracks", coast, "Hairline cracks were spotted", ledger, "the cracks found in the dam’s spillway")
	if cracks != nil && cracks.Date.Value != saturday {
		t.Errorf("cracks dated %s", cracks.Date.Value)
	}
	// One happening dated differently by two outlets: the evacuation "on
	// Sunday" (Herald, Radio Nord) and "late on Saturday" (Coastline): one
	// event, with the disagreement kept.
	evac := one(t, m, "evacuation", herald, "ordered the evacuation of 3,000 residents", coast, "Police began evacuating", radio, "The evacuation order for the lower valley")
	if evac != nil {
		if evac.Date.Value != sunday {
			t.Errorf("evacuation dated %s, want %s (two sources against one)", evac.Date.Value, sunday)
		}
		if len(evac.Date.Disagreement) != 1 || evac.Date.Disagreement[0].Value != saturday || evac.Date.Disagreement[0].Articles[0] != coast {
			t.Errorf("evacuation: disagreement %+v, want the Coastline Times' Saturday", evac.Date.Disagreement)
		}
	}
	if cracks != nil && cracks == evac {
		t.Error("the cracks and the evacuation, on two days, are one event")
	}
	// Unrelated happenings on the same days stay apart.
	tram := one(t, m, "tram line", herald, "approved a new tram line")
	football := one(t, m, "football", coast, "won the regional league title")
	for _, e := range []*Event{tram, football} {
		if e != nil && (e == evac || e == cracks || len(e.Citations) != 1) {
			t.Errorf("%q is grouped with other happenings: %d citations", e.Headline, len(e.Citations))
		}
	}
	// A denial disputes the claim it denies.
	claim := one(t, m, "union's claim", radio, "routine maintenance of the Valmora dam had been skipped")
	denial := one(t, m, "HydroNord's denial", radio, "denied the union’s claim", radio, "All scheduled maintenance was carried out")
	if claim != nil && denial != nil {
		if claim.Date.Value == "2025-04-07" && !contains(denial.Disputes, claim.ID) {
			t.Errorf("the denial disputes %v, not the union's claim %s", denial.Disputes, claim.ID)
		}
	}
	// Numbers that are not dates make no event: every event has a date that
	// a time expression (or the context) gives, never a figure.
	for _, e := range m.Events {
		switch e.Date.Start.Year {
		case 1962, 2021, 2024, 2025:
		default:
			t.Errorf("event %s is dated %s: a number taken for a date?", e.ID, e.Date.Value)
		}
	}
	// The future: "next week" is the ISO week after publication.
	if e := one(t, m, "inspectors' return", herald, "Inspectors will return"); e != nil && e.Date.Value != "2025-W16" {
		t.Errorf("inspectors' return dated %s", e.Date.Value)
	}
}
