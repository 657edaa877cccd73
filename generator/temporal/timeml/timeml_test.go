package timeml

import (
	"math"
	"strings"
	"testing"
)

const sample = `<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TITLE>ignored</TITLE>
<TEXT>
Stocks <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> &amp; rose <TIMEX3 tid="t1" type="DATE" value="1998-01-07" temporalFunction="true">yesterday</TIMEX3>, a &quot;<TIMEX3 tid="t2" type="DURATION" value="P5Y" mod="APPROX">five year</TIMEX3>&quot; low.
<TIMEX3 tid="t3" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">Jan. 8</TIMEX3>
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t1" />
`

func TestParse(t *testing.T) {
	d, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "X1" || d.DCTValue != "1998-01-08" || d.DCT.Format("2006-01-02") != "1998-01-08" {
		t.Errorf("ID %q DCT %q %v", d.ID, d.DCTValue, d.DCT)
	}
	wantText := "\nStocks fell & rose yesterday, a \"five year\" low.\nJan. 8\n"
	if d.Text != wantText {
		t.Errorf("Text = %q, want %q", d.Text, wantText)
	}
	if len(d.Timexes) != 2 {
		t.Fatalf("got %d timexes, want 2 (the in-text creation time is dropped)", len(d.Timexes))
	}
	want := []Timex{
		{Text: "yesterday", TID: "t1", Type: "DATE", Value: "1998-01-07"},
		{Text: "five year", TID: "t2", Type: "DURATION", Value: "P5Y", Mod: "APPROX"},
	}
	for i, w := range want {
		g := d.Timexes[i]
		if g.Text != w.Text || d.Text[g.Start:g.End] != w.Text || g.TID != w.TID || g.Type != w.Type || g.Value != w.Value || g.Mod != w.Mod {
			t.Errorf("timex %d = %+v, want %+v", i, g, w)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ name, doc, want string }{
		{"no DCT", `<TEXT>x</TEXT>`, "no DCT"},
		{"no TEXT", `<DCT><TIMEX3 tid="t0" value="1998-01-08">x</TIMEX3></DCT>`, "no TEXT"},
		{"bad DCT", `<DCT><TIMEX3 tid="t0" value="1998">x</TIMEX3></DCT><TEXT></TEXT>`, "not a day"},
		{"unclosed", `<DCT><TIMEX3 tid="t0" value="1998-01-08">x</TIMEX3></DCT><TEXT><TIMEX3 tid="t1">a</TEXT>`, "unclosed"},
		{"nested", `<DCT><TIMEX3 tid="t0" value="1998-01-08">x</TIMEX3></DCT><TEXT><TIMEX3 tid="t1"><TIMEX3 tid="t2">a</TIMEX3></TIMEX3></TEXT>`, "nested"},
	} {
		_, err := Parse([]byte(c.doc))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
}

func TestWriteRoundTrip(t *testing.T) {
	text := "Sales rose 5% & more <b> in 1998, said \"Bob\"."
	i := strings.Index(text, "1998")
	var b strings.Builder
	if err := Write(&b, text, []Element{{Start: i, End: i + 4, Type: "DATE", Value: "1998"}}); err != nil {
		t.Fatal(err)
	}
	wantOut := `Sales rose 5% &amp; more &lt;b&gt; in <TIMEX3 tid="t1" type="DATE" value="1998">1998</TIMEX3>, said "Bob".`
	if b.String() != wantOut {
		t.Errorf("Write = %s\nwant    %s", b.String(), wantOut)
	}
	doc := `<DCT><TIMEX3 tid="t0" value="1998-01-08">x</TIMEX3></DCT><TEXT>` + b.String() + `</TEXT>`
	d, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != text || len(d.Timexes) != 1 || d.Timexes[0].Start != i || d.Timexes[0].Value != "1998" {
		t.Errorf("round trip: %q %+v", d.Text, d.Timexes)
	}
	if err := Write(&b, text, []Element{{Start: 5, End: 3}}); err == nil {
		t.Error("Write accepted a reversed element")
	}
}

func sp(start, end int, typ, val string) Span { return Span{start, end, typ, val} }

func TestCompare(t *testing.T) {
	cases := []struct {
		name      string
		gold, sys []Span
		want      Score
	}{
		{"empty", nil, nil, Score{}},
		{"exact", []Span{sp(0, 5, "DATE", "1998")}, []Span{sp(0, 5, "DATE", "1998")},
			Score{System: 1, Gold: 1, Relaxed: 1, Strict: 1, Value: 1, Type: 1}},
		{"overlap wrong value", []Span{sp(0, 10, "DATE", "1998-01")}, []Span{sp(4, 12, "DATE", "1998")},
			Score{System: 1, Gold: 1, Relaxed: 1, Value: 0, Type: 1}},
		{"touching is not overlap", []Span{sp(0, 4, "DATE", "1998")}, []Span{sp(4, 8, "DATE", "1998")},
			Score{System: 1, Gold: 1}},
		{"wrong type", []Span{sp(0, 4, "DURATION", "P1D")}, []Span{sp(0, 4, "DATE", "P1D")},
			Score{System: 1, Gold: 1, Relaxed: 1, Strict: 1, Value: 1}},
		{"missed and spurious", []Span{sp(0, 4, "DATE", "1998"), sp(10, 14, "DATE", "1999")}, []Span{sp(0, 4, "DATE", "1998"), sp(20, 24, "DATE", "2000")},
			Score{System: 2, Gold: 2, Relaxed: 1, Strict: 1, Value: 1, Type: 1}},
		{"one system span over two gold", []Span{sp(0, 4, "DATE", "1998-01"), sp(5, 9, "DATE", "1998")}, []Span{sp(0, 9, "DATE", "1998")},
			Score{System: 1, Gold: 2, Relaxed: 1, Value: 0, Type: 1}},
		{"best overlap wins", []Span{sp(0, 10, "DATE", "1998")}, []Span{sp(0, 2, "DATE", "1997"), sp(3, 10, "DATE", "1998")},
			Score{System: 2, Gold: 1, Relaxed: 1, Value: 1, Type: 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Compare(c.gold, c.sys); got != c.want {
				t.Errorf("Compare = %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestMeasures(t *testing.T) {
	s := Score{System: 10, Gold: 8, Relaxed: 6, Strict: 4, Value: 5, Type: 3}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	check := func(name string, got PRF, p, r float64) {
		t.Helper()
		f := 2 * p * r / (p + r)
		if !near(got.P, p) || !near(got.R, r) || !near(got.F1, f) {
			t.Errorf("%s = %+v, want P %.3f R %.3f F1 %.3f", name, got, p, r, f)
		}
	}
	check("strict", s.StrictExtent(), 0.4, 0.5)
	check("relaxed", s.RelaxedExtent(), 0.6, 0.75)
	check("value", s.ValueF1(), 0.5, 0.625)
	check("type", s.TypeF1(), 0.3, 0.375)
	if !near(s.TypeAccuracy(), 0.5) || !near(s.ValueAccuracy(), 5.0/6) {
		t.Errorf("accuracy: type %v value %v", s.TypeAccuracy(), s.ValueAccuracy())
	}
	if (Score{}).ValueF1() != (PRF{}) || (Score{}).TypeAccuracy() != 0 {
		t.Error("the empty score is not all zero")
	}
	if got := s.Add(s); got != (Score{20, 16, 12, 8, 10, 6}) {
		t.Errorf("Add = %+v", got)
	}
}
