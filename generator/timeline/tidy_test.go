package timeline

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// tidyRE is tidy as it was first written, with regular expressions: the
// reference the written-out tidy must agree with.
func tidyRE(s string) string {
	s = regexp.MustCompile(`\s+`).ReplaceAllString(s, " ")
	s = regexp.MustCompile(`\s+([,.;:!?”’)])`).ReplaceAllString(s, "$1")
	s = regexp.MustCompile(`,\s*([,.;:])`).ReplaceAllString(s, "$1")
	s = regexp.MustCompile(`([“(])\s+`).ReplaceAllString(s, "$1")
	s = regexp.MustCompile(`^[\s,;:.–—-]+`).ReplaceAllString(s, "")
	return strings.TrimSpace(s)
}

var tidyCases = []string{
	"", " ", "a  b", "a\t\n b", " , ; leading", "–— - x", "a ,b", "a , , b", ",,,", ", ,.", "a ,.b",
	"“ quoted ” text", "( aside ) and", "x ( ( y", "ends with ’ s", "a , ” b", "a\u00a0 b", "tab\t,x",
	"..x", ". . x", "a,\t;b", "“”", "(", " (", "a ! b ? c : d ; e", "\u2003 em space",
}

// sentencesForTidy are the sentences tidy is checked on: the cases, the
// bundled articles' lines and, when ../shared is there, the Timeline17
// articles.
func sentencesForTidy(t *testing.T) []string {
	out := append([]string(nil), tidyCases...)
	paths, _ := filepath.Glob("../../content/*.md")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.Split(string(b), "\n")...)
	}
	stories, _ := filepath.Glob("../../../shared/t17/*/articles.jsonl")
	for _, p := range stories {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 16<<20)
		for n := 0; sc.Scan() && n < 40; n++ {
			var a struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &a) == nil {
				out = append(out, strings.Split(a.Text, "\n")...)
			}
		}
		f.Close()
	}
	return out
}

func TestTidyAsRegexps(t *testing.T) {
	for _, s := range sentencesForTidy(t) {
		if got, want := tidy(s), tidyRE(s); got != want {
			t.Errorf("tidy(%q)\n got %q\nwant %q", s, got, want)
		}
	}
}

func FuzzTidy(f *testing.F) {
	for _, s := range tidyCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := tidy(s), tidyRE(s); got != want {
			t.Errorf("tidy(%q) = %q, want %q", s, got, want)
		}
	})
}
