package timeline

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/timeline-dev/timeline/generator/content"
)

// TestExplainSeed: on the seed site, every citation of the timeline is
// among the explained sentences, whole, with the event that cites it, and
// each sentence says what dated it and how it was placed.
func TestExplainSeed(t *testing.T) {
	_, arts := seedModel(t)
	x := &Explanation{}
	m, err := Build(context.Background(), arts, Options{Explain: x})
	if err != nil {
		t.Fatal(err)
	}
	sents := x.Sentences(m)
	byCitation := map[*Citation]Sentence{}
	outcomes := map[Outcome]int{}
	for _, s := range sents {
		byCitation[s.Citation] = s
		outcomes[s.Outcome]++
		c := s.Citation
		if c.Basis == "expression" && c.Expression == "" || c.Value == "" {
			t.Errorf("%s %q: dated by %s %q = %q", c.Article, c.Quote, c.Basis, c.Expression, c.Value)
		}
		switch s.Outcome {
		case Joined:
			if s.With == nil || s.Similarity <= 0 || s.Candidates == 0 {
				t.Errorf("%q joined %v with similarity %.2f of %d candidates", c.Quote, s.With, s.Similarity, s.Candidates)
			}
		case Dropped:
			if s.Reason == "" || s.Event != nil {
				t.Errorf("%q dropped (%q) but in event %v", c.Quote, s.Reason, s.Event)
			}
		}
		if len(s.Overrides) > 0 {
			t.Errorf("%q: overrides %v without an overrides file", c.Quote, s.Overrides)
		}
	}
	for _, e := range m.Events {
		for _, c := range e.Citations {
			s, ok := byCitation[c]
			if !ok {
				t.Errorf("event %s: citation %q is not explained", e.ID, c.Quote)
				continue
			}
			if s.Event != e {
				t.Errorf("%q: explained in event %v, cited by %s", c.Quote, s.Event, e.ID)
			}
		}
	}
	for _, o := range []Outcome{Started, Joined, Dropped} {
		if outcomes[o] == 0 {
			t.Errorf("no sentence %s: %v", o, outcomes)
		}
	}
	if !slices.IsSortedFunc(sents, func(a, b Sentence) int {
		if a.Citation.Article != b.Citation.Article {
			return 0 // articles keep Build's order
		}
		return a.Citation.Block - b.Citation.Block
	}) {
		t.Error("the sentences of an article are not in text order")
	}
}

// TestExplainOverrides: the editor's overrides that applied to a sentence
// are named, with their place in the overrides file, as the ids of its
// event go through them; ids are the seed's own, whatever they are.
func TestExplainOverrides(t *testing.T) {
	m0, arts := seedModel(t)
	var multi []*Event // events of two citations or more, from two articles
	for _, e := range m0.Events {
		if len(e.Citations) >= 2 && e.Citations[0].Article != e.Citations[1].Article {
			multi = append(multi, e)
		}
	}
	if len(multi) < 2 || len(m0.Events) < 6 {
		t.Fatalf("the seed has %d events, %d cited by two articles", len(m0.Events), len(multi))
	}
	type place struct {
		article     string
		block, from int
	}
	dates := map[place]int{} // how many citations a sentence has: split one of one date
	for _, e := range m0.Events {
		for _, c := range e.Citations {
			dates[place{c.Article, c.Block, c.Start}]++
		}
	}
	var a, b *Event
	var split *Citation
	for _, e := range multi {
		for _, c := range e.Citations[1:] {
			if split == nil && dates[place{c.Article, c.Block, c.Start}] == 1 {
				a, split = e, c
			}
		}
	}
	if split == nil {
		t.Fatal("no event cited by two articles has a sentence of one date to split off")
	}
	for _, e := range multi {
		if e != a && b == nil {
			b = e
		}
	}
	var c, d *Event // two more
	for _, e := range m0.Events {
		if e != a && e != b {
			if c == nil {
				c = e
			} else if d == nil {
				d = e
			}
		}
	}
	src := fmt.Sprintf(`[[split]]
article = %q
quote   = %q
id      = "split-off"

[[merge]]
ids  = [%q, %q]
into = "merged"

[[event]]
id       = "merged"
headline = "Merged"
rename   = "merged-and-renamed"

[[suppress]]
id = %q

[[event]]
id      = %q
summary = "A summary."
`, split.Article, split.Quote, a.ID, b.ID, c.ID, d.ID)
	ov, err := content.ParseOverrides("content/_events.toml", []byte(src), arts)
	if err != nil {
		t.Fatal(err)
	}
	x := &Explanation{}
	m, err := Build(context.Background(), arts, Options{Explain: x, Overrides: ov})
	if err != nil {
		t.Fatal(err)
	}
	kinds := func(s Sentence) string {
		out := ""
		for _, o := range s.Overrides {
			out += fmt.Sprintf("%s@%d ", o.Kind, o.Pos.Line)
		}
		return out
	}
	splitAt := fmt.Sprintf("split@%d ", ov.Splits[0].Pos.Line)
	mergedAt := fmt.Sprintf("merged@%d headline@%d renamed@%d ", ov.Merges[0].Pos.Line, ov.Events[0].Pos.Line, ov.Events[0].Pos.Line)
	suppressedAt := fmt.Sprintf("event suppressed@%d ", ov.Suppress[0].Pos.Line)
	summaryAt := fmt.Sprintf("summary@%d ", ov.Events[1].Pos.Line)
	want := map[*Citation]string{split: splitAt}
	for _, ct := range a.Citations {
		if ct != split {
			want[ct] = mergedAt
		}
	}
	for _, ct := range b.Citations {
		want[ct] = mergedAt
	}
	for _, ct := range c.Citations {
		want[ct] = suppressedAt
	}
	for _, ct := range d.Citations {
		want[ct] = summaryAt
	}
	seen := 0
	for _, s := range x.Sentences(m) {
		w, ok := want[s.Citation]
		if !ok {
			// Citations are made anew in each Build: match by place.
			for ct, k := range want {
				if ct.Article == s.Citation.Article && ct.Block == s.Citation.Block && ct.Start == s.Citation.Start && ct.Value == s.Citation.Value {
					w, ok = k, true
				}
			}
		}
		if !ok {
			if len(s.Overrides) > 0 {
				t.Errorf("%q: overrides %s", s.Citation.Quote, kinds(s))
			}
			continue
		}
		seen++
		if got := kinds(s); got != w {
			t.Errorf("%q: overrides %s, want %s", s.Citation.Quote, got, w)
		}
		id := func() string {
			if s.Event == nil {
				return ""
			}
			return s.Event.ID
		}
		switch {
		case w == suppressedAt && s.Event != nil:
			t.Errorf("%q: in event %s, which was suppressed", s.Citation.Quote, id())
		case w == splitAt && id() != "split-off":
			t.Errorf("%q: in event %q, want split-off", s.Citation.Quote, id())
		case w == mergedAt && (id() != "merged-and-renamed" || s.Before == ""):
			t.Errorf("%q: in event %q (before %q), want merged-and-renamed", s.Citation.Quote, id(), s.Before)
		}
	}
	if seen < len(want) {
		t.Errorf("%d of the %d sentences overridden are explained", seen, len(want))
	}
}
