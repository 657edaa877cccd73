package eventdiff

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// ev makes an event: cites are "article:quote" or "article:quote@expression".
func ev(id, value, headline string, cites ...string) Event {
	e := Event{ID: id, Headline: headline, Date: Date{Value: value, Start: value, Label: value}}
	for _, c := range cites {
		art, quote, _ := strings.Cut(c, ":")
		quote, expr, _ := strings.Cut(quote, "@")
		e.Citations = append(e.Citations, Citation{Article: art, Quote: quote, Expression: expr})
	}
	return e
}

// describe writes a change as "aspects: old ids > new ids +added -removed".
func describe(c Change) string {
	ids := func(rs []Ref) string {
		var s []string
		for _, r := range rs {
			s = append(s, r.ID)
		}
		return strings.Join(s, ",")
	}
	s := strings.Join(c.Aspects(), ",") + ": " + ids(c.Old) + " > " + ids(c.New)
	for _, ct := range c.CitationsAdded {
		s += " +" + ct.Article + ":" + ct.Quote
	}
	for _, ct := range c.CitationsRemoved {
		s += " -" + ct.Article + ":" + ct.Quote
	}
	return s
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name      string
		before    []Event
		now       []Event
		want      []string
		unchanged int
	}{
		{
			name:      "same",
			before:    []Event{ev("a", "2014-01-15", "A", "x:one", "y:two")},
			now:       []Event{ev("a", "2014-01-15", "A", "y:two", "x:one")},
			unchanged: 1,
		},
		{
			name:   "added and removed",
			before: []Event{ev("a", "2014-01-15", "A", "x:one"), ev("b", "2014-01-16", "B", "x:two")},
			now:    []Event{ev("a", "2014-01-15", "A", "x:one"), ev("c", "2014-01-10", "C", "y:three")},
			want: []string{
				"added:  > c +y:three",
				"removed: b >  -x:two",
			},
			unchanged: 1,
		},
		{
			name:   "citation added to an event",
			before: []Event{ev("a", "2014-01-15", "A", "x:one")},
			now:    []Event{ev("a", "2014-01-15", "A", "x:one", "y:two")},
			want:   []string{"cited: a > a +y:two"},
		},
		{
			name:   "citation removed from an event",
			before: []Event{ev("a", "2014-01-15", "A", "x:one", "y:two")},
			now:    []Event{ev("a", "2014-01-15", "A", "x:one")},
			want:   []string{"cited: a > a -y:two"},
		},
		{
			name:   "moved: same citations, new date and id",
			before: []Event{ev("2014-01-15-a", "2014-01-15", "A", "x:one", "y:two")},
			now:    []Event{ev("2014-01-14-a", "2014-01-14", "A", "x:one", "y:two")},
			want:   []string{"moved,renamed: 2014-01-15-a > 2014-01-14-a"},
		},
		{
			name:   "moved: the modifier counts",
			before: []Event{ev("a", "2013", "A", "x:one")},
			now:    []Event{func() Event { e := ev("a", "2013", "A", "x:one"); e.Date.Mod = "END"; return e }()},
			want:   []string{"moved: a > a"},
		},
		{
			name:   "reheadlined, and a citation added",
			before: []Event{ev("a", "2014-01-15", "Old", "x:one")},
			now:    []Event{ev("a", "2014-01-15", "New", "x:one", "z:three")},
			want:   []string{"reheadlined,cited: a > a +z:three"},
		},
		{
			name:   "matched by citations, not by id",
			before: []Event{ev("a", "2014-01-15", "A", "x:one"), ev("b", "2014-01-16", "B", "x:two")},
			now:    []Event{ev("b", "2014-01-15", "A", "x:one"), ev("a", "2014-01-16", "B", "x:two")},
			want:   []string{"renamed: a > b", "renamed: b > a"},
		},
		{
			name:   "white space in quotes is normalized",
			before: []Event{ev("a", "2014-01-15", "A", "x:one  two\nthree")},
			now:    []Event{ev("a", "2014-01-15", "A", "x: one two three ")},
			want:   nil, unchanged: 1,
		},
		{
			name:   "the same quote in another article is another citation",
			before: []Event{ev("a", "2014-01-15", "A", "x:one")},
			now:    []Event{ev("a", "2014-01-15", "A", "y:one")},
			want:   []string{"removed: a >  -x:one", "added:  > a +y:one"},
		},
		{
			name: "merged, with a new citation",
			before: []Event{
				ev("a", "2014-01-15", "A", "x:one"),
				ev("b", "2014-01-16", "B", "y:two"),
				ev("c", "2014-02-01", "C", "y:three"),
			},
			now: []Event{
				ev("a", "2014-01-15", "A", "x:one", "y:two", "z:four"),
				ev("c", "2014-02-01", "C", "y:three"),
			},
			want:      []string{"merged,cited: a,b > a +z:four"},
			unchanged: 1,
		},
		{
			name:   "merged into a new date and headline",
			before: []Event{ev("a", "2014-01-15", "A", "x:one"), ev("b", "2014-01-16", "B", "y:two")},
			now:    []Event{ev("c", "2014-01", "C", "x:one", "y:two")},
			want:   []string{"merged,moved,reheadlined,renamed: a,b > c"},
		},
		{
			name:   "split",
			before: []Event{ev("a", "2014-01-15", "A", "x:one", "y:two", "z:three")},
			now:    []Event{ev("a", "2014-01-15", "A", "x:one", "z:three"), ev("b", "2014-01-15", "B", "y:two")},
			want:   []string{"split: a > a,b"},
		},
		{
			name:   "split: the part that keeps most citations moved",
			before: []Event{ev("a", "2014-01-15", "A", "x:one", "y:two", "z:three")},
			now:    []Event{ev("b", "2014-01-14", "B", "y:two"), ev("c", "2014-01-14", "A", "x:one", "z:three")},
			want:   []string{"split,moved,renamed: a > b,c"},
		},
		{
			name:   "merged: the headline of the smaller event",
			before: []Event{ev("a", "2014-01-15", "A", "x:one", "x:two"), ev("b", "2014-01-15", "B", "y:three")},
			now:    []Event{ev("a", "2014-01-15", "B", "x:one", "x:two", "y:three")},
			want:   []string{"merged,reheadlined: a,b > a"},
		},
		{
			name:   "merged: the id and headline of the larger event",
			before: []Event{ev("a", "2014-01-15", "A", "x:one"), ev("b", "2014-01-16", "B", "y:two", "y:three")},
			now:    []Event{ev("b", "2014-01-16", "B", "x:one", "y:two", "y:three")},
			want:   []string{"merged: a,b > b"},
		},
		{
			name: "regrouped",
			before: []Event{
				ev("a", "2014-01-15", "A", "x:one", "x:two"),
				ev("b", "2014-01-16", "B", "x:three", "x:four"),
			},
			now: []Event{
				ev("a", "2014-01-15", "A", "x:one", "x:three"),
				ev("b", "2014-01-16", "B", "x:two", "x:four"),
			},
			want: []string{"regrouped: a,b > a,b"},
		},
		{
			name: "a sentence dating two things is two citations, told apart by expression",
			before: []Event{
				ev("a", "2013-11", "A", "x:one@in November"),
				ev("b", "2014-01-15", "B", "x:one@on Wednesday", "y:two"),
			},
			now: []Event{
				ev("a", "2013-11", "A", "x:one@in November"),
				ev("b", "2014-01-15", "B", "y:two", "x:one@on Wednesday"),
			},
			unchanged: 2,
		},
		{
			name:   "everything removed",
			before: []Event{ev("a", "2014-01-15", "A", "x:one")},
			now:    nil,
			want:   []string{"removed: a >  -x:one"},
		},
		{
			name:   "nothing before",
			before: nil,
			now:    []Event{ev("b", "2014-01-16", "B", "y:two"), ev("a", "2014-01-15", "A", "x:one")},
			want:   []string{"added:  > a +x:one", "added:  > b +y:two"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Compare(tt.before, tt.now)
			var got []string
			for _, c := range d.Changes {
				got = append(got, describe(c))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if d.Summary.Unchanged != tt.unchanged {
				t.Errorf("unchanged = %d, want %d", d.Summary.Unchanged, tt.unchanged)
			}
			if d.Summary.Before != len(tt.before) || d.Summary.After != len(tt.now) {
				t.Errorf("summary counts %d → %d events, want %d → %d", d.Summary.Before, d.Summary.After, len(tt.before), len(tt.now))
			}
		})
	}
}

func TestSummary(t *testing.T) {
	before := []Event{ev("a", "2014-01-15", "A", "x:one"), ev("b", "2014-01-16", "B", "y:two"), ev("c", "2014-01-17", "C", "y:three")}
	now := []Event{ev("a", "2014-01-15", "A", "x:one", "y:two", "z:four"), ev("d", "2014-01-18", "D", "z:five")}
	s := Compare(before, now).Summary
	want := Summary{Before: 3, After: 2, Added: 1, Removed: 1, Merged: 1, CitationsAdded: 2, CitationsRemoved: 1}
	if s != want {
		t.Errorf("summary %+v, want %+v", s, want)
	}
	if got, w := s.String(), "1 added, 1 removed, 1 merged, 2 citations added, 1 citations removed; 0 unchanged (3 events before, 2 now)"; got != w {
		t.Errorf("String() = %q, want %q", got, w)
	}
}

func TestWriteText(t *testing.T) {
	before := []Event{ev("a", "2014-01-15", "A", "x:one"), ev("b", "2014-01-16", "B", "y:two")}
	now := []Event{ev("a", "2014-01-15", "A", "x:one", "y:two", "z:three"), ev("d", "2014-01-18", "D", "z:four")}
	var buf bytes.Buffer
	if err := Compare(before, now).WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	want := `CHANGE         DATE        EVENT  HEADLINE
merged, cited  2014-01-15  a      A
  was          2014-01-15  a      A
  was          2014-01-16  b      B
                           + z    "three"
added          2014-01-18  d      D
                           + z    "four"
1 added, 1 merged, 2 citations added; 0 unchanged (2 events before, 2 now)
`
	if buf.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", buf.String(), want)
	}
	buf.Reset()
	Compare(before, before).WriteText(&buf)
	if got := buf.String(); got != "no changes: 2 events, as before\n" {
		t.Errorf("no changes: got %q", got)
	}
}

func TestParse(t *testing.T) {
	model := `{"site": {"title": "T"}, "articles": [],
 "events": [{"id": "a", "headline": "A", "date": {"value": "2014-01-15", "mod": "", "start": "2014-01-15", "end": "2014-01-15", "label": "Wed 15 Jan 2014"},
   "citations": [{"article": "x", "quote": "one", "expression": "on Wednesday", "value": "2014-01-15", "anchor": "/articles/x/#s1", "origin": "extracted"}],
   "rank": 1, "key": true}]}`
	list := `[{"id": "a", "headline": "A", "date": {"value": "2014-01-15", "start": "2014-01-15", "label": "Wed 15 Jan 2014"},
   "citations": [{"article": "x", "quote": "one", "expression": "on Wednesday", "value": "2014-01-15"}]}]`
	want := []Event{{ID: "a", Headline: "A",
		Date:      Date{Value: "2014-01-15", Start: "2014-01-15", Label: "Wed 15 Jan 2014"},
		Citations: []Citation{{Article: "x", Quote: "one", Expression: "on Wednesday", Value: "2014-01-15"}}}}
	for _, tt := range []struct{ name, src, err string }{
		{"events.json", model, ""},
		{"events --json", list, ""},
		{"empty", "  \n", "ref.json: empty: want an events.json"},
		{"no events", `{"site": {}}`, `ref.json: no "events": want an events.json`},
		{"not an object", "\n\n  42", "ref.json:3:3: want an events.json"},
		{"syntax", "{\"events\": [\n  {\"id\": \"a\",,}]}", "ref.json:2:14: invalid character ','"},
		{"type", "{\"events\": [\n {\"id\": 3}]}", "ref.json:2:9: events.id is a JSON number, want string"},
		{"no id", `[{"headline": "A"}]`, "ref.json: event 1 has no id"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("ref.json", []byte(tt.src))
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(want)
			if !bytes.Equal(g, w) {
				t.Errorf("got %s\nwant %s", g, w)
			}
		})
	}
}
