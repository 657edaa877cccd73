package corpus

import (
	"bytes"
	"strings"
	"testing"
)

func TestDeterministic(t *testing.T) {
	a, b := Articles(30, 7), Articles(30, 7)
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("article %d differs between two runs", i)
		}
	}
	if c := Articles(30, 8); bytes.Equal(a[3].Data, c[3].Data) {
		t.Error("another seed gives the same article")
	}
}

func TestArticles(t *testing.T) {
	files := Articles(50, 1)
	words := 0
	for i, f := range files {
		s := string(f.Data)
		if !strings.HasPrefix(s, "+++\ntitle = ") || !strings.Contains(s, "\npublished = 201") {
			t.Fatalf("%s: no front matter:\n%.200s", f.Name, s)
		}
		if i > 0 && !strings.Contains(s, "See also [an earlier report](../a0000") {
			t.Errorf("%s: no link to an earlier article", f.Name)
		}
		words += len(strings.Fields(s))
	}
	if avg := words / len(files); avg < 450 || avg > 900 {
		t.Errorf("%d words an article on average, want about 700 as gen_corpus.py writes", avg)
	}
}
