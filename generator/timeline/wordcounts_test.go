package timeline

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/markdown"
)

// wordCountsRef is wordCounts as it was first written, a string for
// each word: the reference the one that makes none must agree with.
func wordCountsRef(a *content.Article) []wordCount {
	m := map[string]int{}
	for _, blk := range a.Doc.Blocks {
		for _, w := range strings.FieldsFunc(blk.Text, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if len(w) >= 3 {
				if w = strings.ToLower(w); !commonWords[w] {
					m[w]++
				}
			}
		}
	}
	out := make([]wordCount, 0, len(m))
	for w, n := range m {
		out = append(out, wordCount{w, n})
	}
	slices.SortFunc(out, func(a, b wordCount) int { return strings.Compare(a.word, b.word) })
	return out
}

func TestWordCountsAsReference(t *testing.T) {
	lines := append(sentencesForTidy(t), "The THE the Über über ÜBER İstanbul ǅemal x\xffy NOTWITHSTANDINGANYTHINGTOTHECONTRARYHEREIN",
		"Said SAID said Ab ab abc ABC Abc aBc")
	var blocks []markdown.Block
	for i, s := range lines {
		blocks = append(blocks, markdown.Block{Text: s})
		if i%50 == 49 || i == len(lines)-1 {
			a := &content.Article{Doc: &markdown.Document{Blocks: blocks}}
			if got, want := wordCounts(a), wordCountsRef(a); !slices.Equal(got, want) {
				t.Errorf("wordCounts of lines %d-%d:\n got %v\nwant %v", i+1-len(blocks), i, got, want)
			}
			blocks = nil
		}
	}
}

func TestRepeatKeyAsReference(t *testing.T) {
	ref := func(outlet, s string) string {
		return outlet + "\x00" + strings.ToLower(strings.Join(strings.Fields(s), " "))
	}
	for _, s := range append(sentencesForTidy(t), "", " ", "  A\tB\n\nC  ", "\vX\f", "Über  ALLES", "x\u00a0y", "x\u0085y") {
		for _, outlet := range []string{"", "BBC", "Le Monde é"} {
			if got, want := repeatKey(outlet, s), ref(outlet, s); got != want {
				t.Errorf("repeatKey(%q, %q) = %q, want %q", outlet, s, got, want)
			}
		}
	}
}
