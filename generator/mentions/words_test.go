package mentions

import (
	"strings"
	"testing"
)

// sentenceWords finds the words rawWordsIndex finds, each with its lower
// case and classes.
func TestSentenceWords(t *testing.T) {
	for _, s := range testSentences(t, []string{"", "’", "Don’t stop", "ÉTAT d’urgence à Paris", "a-b c'd 3e"}) {
		idx := rawWordsIndex(s)
		words := sentenceWords(s, "", nil)
		if len(words) != len(idx) {
			t.Fatalf("%q: %d words, rawWordsIndex finds %d", s, len(words), len(idx))
		}
		for i, w := range words {
			raw := s[idx[i][0]:idx[i][1]]
			if w.start != idx[i][0] || w.raw != raw || w.low != strings.ToLower(raw) || w.class != wordClasses[strings.ToLower(raw)] {
				t.Fatalf("%q: word %d is %+v, want %q at %d", s, i, w, raw, idx[i][0])
			}
		}
	}
}
