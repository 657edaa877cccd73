package tomlx

import (
	"strings"
	"testing"

	"github.com/timeline-dev/timeline/generator/diag"
)

type event struct {
	Date  string `toml:"date"`
	Quote string `toml:"quote"`
}

type doc struct {
	Title string   `toml:"title"`
	Tags  []string `toml:"tags"`
	Event []event  `toml:"event"`
}

func TestDecodeErrors(t *testing.T) {
	const pre = "+++\n"
	cases := []struct {
		name, src string
		want      []string // error lines, file:line:col: msg
	}{
		{"ok", "title = \"a\"\ntags = [\n \"x\",\n]\n[[event]]\ndate = \"2013\"\n", nil},
		{"typo", "titel = \"a\"\n", []string{`f.md:2:1: unknown key "titel" (did you mean "title"?)`}},
		{"nested typo", "title = \"a\"\n[[event]]\ndate = \"x\"\n[[event]]\n  quot = \"q\"\n", []string{`f.md:6:3: unknown key "quot" (did you mean "quote"?)`}},
		{"unknown, no suggestion", "color = 1\n", []string{`f.md:2:1: unknown key "color"`}},
		// Another generator's name for a key, when this table has the key.
		{"Hugo's key", "title = \"a\"\ndate = 2014-01-15\n", []string{`f.md:3:1: unknown key "date"`}},
		{"Hugo's key known", "title = \"a\"\ncategories = [\"x\"]\n", []string{`f.md:3:1: unknown key "categories" (Hugo's "categories" is "tags" here)`}},
		{"syntax", "title = \"a\ntags = []\n", []string{`f.md:2:`}},
		{"type", "title = 3\n", []string{`f.md:2:9: title: incompatible types`}},
		{"multi-line string is not a key", "title = \"\"\"\nfoo = 1\n\"\"\"\nfoo = 2\n", []string{`f.md:5:1: unknown key "foo"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := []byte(pre + c.src + "+++\nbody\n")
			d := New("f.md", src, len(pre), len(c.src))
			var v doc
			_, err := d.Decode(&v)
			errs := diag.Errors(err)
			if len(errs) != len(c.want) {
				t.Fatalf("got %d errors %v, want %d %v", len(errs), err, len(c.want), c.want)
			}
			for i, e := range errs {
				if !strings.HasPrefix(e.Error(), c.want[i]) {
					t.Errorf("error %d = %q, want prefix %q", i, e.Error(), c.want[i])
				}
			}
		})
	}
}

func TestLocate(t *testing.T) {
	src := "a = 1\n[t]\n b.c = \"x = y\" # c\n[[ev]]\nq = 'v'\n[[ev]]\nq = \"w\"\n\"quoted key\" = [\n 1,\n]\nz = 2\n"
	d := New("f", []byte(src), 0, len(src))
	want := map[string]string{"a": "a = 1", "t.b.c": "b.c =", "ev[1].q": "q = 'v'", "ev[2].q": "q = \"w\"", "ev[2].quoted key": "\"quoted", "ev[2].z": "z = 2"}
	for k, prefix := range want {
		l, ok := d.Loc(k)
		if !ok {
			t.Errorf("%s not located (have %v)", k, d.keys)
			continue
		}
		if !strings.HasPrefix(src[l.Key:], prefix) {
			t.Errorf("%s at %q, want %q", k, src[l.Key:min(len(src), l.Key+10)], prefix)
		}
	}
	if l, _ := d.Loc("ev[1].q"); src[l.Value:l.Value+3] != "'v'" {
		t.Errorf("value of ev[1].q at %q", src[l.Value:])
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"titel", "title", 1}, {"", "abc", 3}, {"outlet", "outlte", 1}, {"published", "publishd", 1}, {"kitten", "sitting", 3}} {
		if got := distance(c.a, c.b); got != c.d {
			t.Errorf("distance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}
