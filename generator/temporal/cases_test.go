package temporal

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A tagger test case, read from testdata/*.txt. The format, one case per
// block of lines separated by a blank line:
//
//	## 12. a comment naming the case
//	dct: 2014-01-15
//	opts: dayfirst                          (optional: dayfirst, notense, lineparagraphs)
//	text: He said on Wednesday that ...     (repeat "text:" lines for more lines;
//	text:                                    an empty one makes a paragraph break)
//	want: Wednesday | DATE | 2014-01-15      (extent | type | value [| mod])
//	want: -                                  (nothing may be found)
//
// The expected list must equal Tag's output exactly, in order.
type tagCase struct {
	file, name string
	line       int
	dct        time.Time
	source     string // seeds: the seed file the text is quoted from
	opts       []Option
	text       string
	want       []string
}

func readCases(t *testing.T, name string) []tagCase {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []tagCase
	var cur *tagCase
	var lines []string
	flush := func() {
		if cur != nil {
			cur.text = strings.Join(lines, "\n")
			if cur.dct.IsZero() {
				t.Fatalf("%s:%d: case %q has no dct", name, cur.line, cur.name)
			}
			cases = append(cases, *cur)
		}
		cur, lines = nil, nil
	}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "## "):
			flush()
			cur = &tagCase{file: filepath.Base(name), name: strings.TrimSpace(l[3:]), line: n}
		case cur == nil || l == "" || strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "dct:"):
			d, err := time.Parse("2006-01-02", strings.TrimSpace(l[4:]))
			if err != nil {
				t.Fatalf("%s:%d: %v", name, n, err)
			}
			cur.dct = d
		case strings.HasPrefix(l, "source:"):
			cur.source = strings.TrimSpace(l[7:])
		case strings.HasPrefix(l, "opts:"):
			for _, o := range strings.Fields(l[5:]) {
				switch o {
				case "dayfirst":
					cur.opts = append(cur.opts, WithDateOrder(DayFirst))
				case "notense":
					cur.opts = append(cur.opts, WithoutTense())
				case "noanaphora":
					cur.opts = append(cur.opts, WithoutAnaphora())
				case "lineparagraphs":
					cur.opts = append(cur.opts, WithLineParagraphs())
				default:
					t.Fatalf("%s:%d: unknown option %q", name, n, o)
				}
			}
		case strings.HasPrefix(l, "text:"):
			lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(l, "text:"), " "))
		case strings.HasPrefix(l, "want:"):
			w := strings.TrimSpace(l[5:])
			if w != "-" {
				cur.want = append(cur.want, normWant(w))
			}
		default:
			t.Fatalf("%s:%d: cannot parse %q", name, n, l)
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// normWant normalizes "a | b | c" to single spaces around the bars.
func normWant(w string) string {
	parts := strings.Split(w, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	for len(parts) > 3 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return strings.Join(parts, " | ")
}

func formatTimex(x Timex) string {
	s := fmt.Sprintf("%s | %s | %s", x.Text, x.Type, x.Value)
	if x.Mod != "" {
		s += " | " + string(x.Mod)
	}
	return s
}

func runCases(t *testing.T, cases []tagCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Tag(c.text, c.dct, c.opts...)
			var gs []string
			for _, x := range got {
				gs = append(gs, formatTimex(x))
			}
			if strings.Join(gs, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("%s:%d: %s\ntext: %s\ngot:\n\t%s\nwant:\n\t%s", c.file, c.line, c.name, c.text,
					strings.Join(gs, "\n\t"), strings.Join(c.want, "\n\t"))
			}
		})
	}
}

// TestRules runs the test cases of every rule family in testdata.
func TestRules(t *testing.T) {
	for _, family := range []string{"explicit", "names", "relative", "durations", "sets", "times", "periods", "mods", "anaphora", "traps"} {
		t.Run(family, func(t *testing.T) {
			runCases(t, readCases(t, filepath.Join("testdata", family+".txt")))
		})
	}
}
