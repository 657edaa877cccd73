package sentences

import (
	"os"
	"strings"
	"testing"

	punkt "github.com/neurosnap/sentences/english"
)

// goldBlocks reads testdata/seed-gold.txt: the blocks of the seed articles
// with their sentences as checked by hand.
func goldBlocks(t testing.TB) [][]string {
	b, err := os.ReadFile("testdata/seed-gold.txt")
	if err != nil {
		t.Fatal(err)
	}
	var blocks [][]string
	var cur []string
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
		case line == "":
			if len(cur) > 0 {
				blocks = append(blocks, cur)
				cur = nil
			}
		default:
			cur = append(cur, line)
		}
	}
	if len(cur) > 0 {
		blocks = append(blocks, cur)
	}
	return blocks
}

// score counts the sentence boundaries inside blocks (between two
// sentences) that a splitter finds, against the gold ones.
type score struct{ tp, fp, fn int }

func (s score) f1() (p, r, f float64) {
	p = float64(s.tp) / float64(max(1, s.tp+s.fp))
	r = float64(s.tp) / float64(max(1, s.tp+s.fn))
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// boundaries returns the offsets where the second and later sentences
// start.
func boundaries(text string, sentences []string) map[int]bool {
	m := map[int]bool{}
	at := 0
	for i, s := range sentences {
		k := strings.Index(text[at:], s)
		if k < 0 {
			continue
		}
		if i > 0 {
			m[at+k] = true
		}
		at += k + len(s)
	}
	return m
}

func measure(blocks [][]string, split func(string) []string) score {
	var sc score
	for _, gold := range blocks {
		text := strings.Join(gold, " ")
		want := boundaries(text, gold)
		got := boundaries(text, split(text))
		for b := range got {
			if want[b] {
				sc.tp++
			} else {
				sc.fp++
			}
		}
		for b := range want {
			if !got[b] {
				sc.fn++
			}
		}
	}
	return sc
}

func ours(text string) []string {
	var out []string
	for _, s := range Split(text) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

// TestSeedBoundaries measures the splitter against the hand-checked seed
// sentences, and against Punkt (neurosnap/sentences, the maintained Go
// port of the unsupervised splitter NLTK uses), the library this package
// would otherwise use. The hand-written splitter must find every boundary
// and be at least as good as the library, or the library should replace it.
func TestSeedBoundaries(t *testing.T) {
	blocks := goldBlocks(t)
	tok, err := punkt.NewSentenceTokenizer(nil)
	if err != nil {
		t.Fatal(err)
	}
	library := func(text string) []string {
		var out []string
		for _, s := range tok.Tokenize(text) {
			out = append(out, strings.TrimSpace(s.Text))
		}
		return out
	}
	o, l := measure(blocks, ours), measure(blocks, library)
	op, or, of := o.f1()
	lp, lr, lf := l.f1()
	t.Logf("seed articles, %d blocks: ours P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d); Punkt P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)",
		len(blocks), op, or, of, o.tp, o.fp, o.fn, lp, lr, lf, l.tp, l.fp, l.fn)
	if o.fp != 0 || o.fn != 0 {
		t.Errorf("the splitter misses %d and invents %d boundaries of the seed articles", o.fn, o.fp)
	}
	if of < lf {
		t.Errorf("Punkt (F1 %.3f) beats the hand-written splitter (F1 %.3f): use the library", lf, of)
	}
	// The hard cases of the unit tests, for both.
	var hard [][]string
	for _, c := range cases {
		if strings.TrimSpace(c) != "" {
			var s []string
			for _, part := range strings.Split(c, " | ") {
				s = append(s, strings.TrimSpace(part))
			}
			hard = append(hard, s)
		}
	}
	oh, lh := measure(hard, ours), measure(hard, library)
	_, _, ohf := oh.f1()
	_, _, lhf := lh.f1()
	t.Logf("hard cases (abbreviations, quotations, initials): ours F1 %.3f (fp %d fn %d); Punkt F1 %.3f (fp %d fn %d)", ohf, oh.fp, oh.fn, lhf, lh.fp, lh.fn)
}

func BenchmarkSplit(b *testing.B) {
	blocks := goldBlocks(b)
	var texts []string
	n := 0
	for _, g := range blocks {
		texts = append(texts, strings.Join(g, " "))
		n += len(texts[len(texts)-1])
	}
	b.Run("ours", func(b *testing.B) {
		b.SetBytes(int64(n))
		for b.Loop() {
			for _, t := range texts {
				Split(t)
			}
		}
	})
	b.Run("punkt", func(b *testing.B) {
		tok, err := punkt.NewSentenceTokenizer(nil)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(n))
		for b.Loop() {
			for _, t := range texts {
				tok.Tokenize(t)
			}
		}
	})
}
