package t17

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDetokenize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"HONG KONG -LRB- Reuters -RRB- - A leading virologist has described the virus as `` very unstable , '' meaning it could mix .",
			"HONG KONG (Reuters) - A leading virologist has described the virus as “very unstable,” meaning it could mix."},
		{"We do n't know if it 's likely , but we ca n't be 100 percent sure . ''",
			"We don't know if it's likely, but we can't be 100 percent sure.”"},
		{"It cost $ 5 million -LRB- about # 3 million -RRB- ; officials said so : yes !",
			"It cost $5 million (about #3 million); officials said so: yes!"},
		{"The Joneses ' house , he said ...", "The Joneses' house, he said..."},
		{`He said " no " twice .`, "He said “no” twice."},
		{"  ", ""},
	}
	for _, c := range cases {
		if got := Detokenize(c.in); got != c.want {
			t.Errorf("Detokenize(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestEscapeMarkdown(t *testing.T) {
	cases := []struct{ in, want string }{
		{"1. The first", `1\. The first`},
		{"# not a heading", `\# not a heading`},
		{"- not a list", `\- not a list`},
		{"a *b* [c] <d> e_f", `a \*b\* \[c\] \<d\> e\_f`},
		{"In 2009. Then", "In 2009. Then"},
	}
	for _, c := range cases {
		if got := EscapeMarkdown(c.in); got != c.want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestOutletOf(t *testing.T) {
	for in, want := range map[string]string{"H1N1_bbc": "BBC", "bpoil_washingtonpost": "The Washington Post", "x_foo": "Foo"} {
		if got := OutletOf(in); got != want {
			t.Errorf("OutletOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadAndWrite(t *testing.T) {
	story := t.TempDir()
	os.WriteFile(filepath.Join(story, "articles.jsonl"), []byte(
		`{"id": "7", "time": "2009-05-12", "text": "LONDON -LRB- Reuters -RRB- - Officials met on Tuesday . \nThey agreed . \n"}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(story, "timelines.jsonl"), []byte(`[["2009-05-12", ["Officials meet."]]]`+"\n"), 0o644)
	os.WriteFile(filepath.Join(story, "keywords.json"), []byte(`["officials"]`), 0o644)
	s, err := Read(story)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Articles) != 1 || len(s.Timelines) != 1 || s.Timelines[0][0].Date.Day() != 12 || s.Keywords[0] != "officials" {
		t.Fatalf("read %+v", s)
	}
	site := t.TempDir()
	if err := WriteSite(s, site); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(site, "content", "a7.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := "+++\ntitle = \"LONDON (Reuters) - Officials met on Tuesday.\"\noutlet = \"" + s.Outlet + "\"\npublished = 2009-05-12\n+++\n\n" +
		"LONDON (Reuters) - Officials met on Tuesday.\n\nThey agreed.\n\n"
	if string(b) != want {
		t.Errorf("article:\n%s\nwant:\n%s", b, want)
	}
	if _, err := os.Stat(filepath.Join(site, "config.toml")); err != nil {
		t.Error(err)
	}
}

func TestTitleOf(t *testing.T) {
	long := strings.Repeat("word ", 40)
	got := titleOf(long, "1")
	if len(got) > 104 || !strings.HasSuffix(got, "…") {
		t.Errorf("titleOf(long) = %q", got)
	}
}

func TestMerge(t *testing.T) {
	a := &Story{Name: "x_bbc", Outlet: "BBC", Keywords: []string{"oil", "bp"}, Articles: []Article{
		{ID: "10", Time: "2010-05-02"}, {ID: "9", Time: "2010-05-01"}, {ID: "2", Time: "2010-05-03"},
	}}
	b := &Story{Name: "x_reuters", Outlet: "Reuters", Keywords: []string{"bp", "spill"}, Articles: []Article{
		{ID: "1", Time: "2010-05-02"}, {ID: "3", Time: "2010-05-01"}, {ID: "11", Time: "2010-05-01"},
	}, Timelines: []Timeline{{}}}
	m := Merge("x", 5, b, a)
	var got []string
	for _, ar := range m.Articles {
		got = append(got, ar.Time[8:]+"/"+ar.ID+"/"+ar.Outlet)
	}
	want := []string{"01/9/BBC", "01/3/Reuters", "01/11/Reuters", "02/10/BBC", "02/1/Reuters"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Merge: got %v, want %v", got, want)
	}
	if m.Outlet != "Reuters, BBC" || strings.Join(m.Keywords, ",") != "bp,spill,oil" || len(m.Timelines) != 1 {
		t.Errorf("Merge: outlet %q, keywords %v, %d timelines", m.Outlet, m.Keywords, len(m.Timelines))
	}
	if len(Merge("x", 0, a, b).Articles) != 6 {
		t.Error("Merge with n = 0 should keep every article")
	}
	if b.Articles[0].Outlet != "" {
		t.Error("Merge changed its input")
	}
	site := t.TempDir()
	if err := WriteSite(m, site); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(site, "content", "a3.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), `outlet = "Reuters"`) {
		t.Errorf("a3.md does not keep its outlet:\n%s", md)
	}
}
