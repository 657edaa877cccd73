package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/markdown"
	"github.com/timeline-dev/timeline/generator/temporal"
	"github.com/timeline-dev/timeline/generator/temporal/timeml"
)

func tagCommand() *command {
	return &command{
		name:    "tag",
		args:    "[--dct YYYY-MM-DD] [--format json|timeml|text] [--day-first] FILE|-",
		summary: "find and resolve the time expressions in a text or an article",
		doc: `Tag runs the temporal tagger on a plain-text file (or standard input when
FILE is -) and prints every time expression it finds, resolved against the
document creation time given by --dct (the publication date).

An article (input that starts with a +++ line of TOML front matter, like the
files under content/) is read the way the site reads it: its date comes from
"published" (--dct overrides it) and the tagger reads the text of its
Markdown blocks, markup removed, one paragraph after another, as the
timeline's extraction does. Problems in the front matter are reported as
"timeline build" reports them.

Formats:
  json    one object per line: {"start","end","text","type","value","mod"},
          with byte offsets into the input file (for an article, start and
          end still index the file; text is the expression as read, markup
          removed)
  timeml  the text with inline <TIMEX3 tid type value mod> elements, for
          TempEval-3's scorer (for an article, its plain text: the blocks
          separated by blank lines)
  text    a table with the position (byte offsets, or line:column in an
          article file), type, value, modifier, a readable label and the
          extent

Editors use it to see why a sentence was or was not dated.

Examples:

	timeline tag content/2014/talks.md
	echo "The talks began last Tuesday." | timeline tag --dct 2014-01-15 -
	timeline tag --format timeml --dct 2014-01-15 article.txt`,
		flags: func(fs *flag.FlagSet) func(context.Context, env, []string) error {
			dct := fs.String("dct", "", "document creation time `YYYY-MM-DD` (required for plain text; overrides an article's date)")
			format := fs.String("format", "text", "output `format`: json, timeml or text")
			dayFirst := fs.Bool("day-first", false, "read numeric dates like 1/2/2014 day first (2 January is 1/2 otherwise)")
			return func(ctx context.Context, e env, args []string) error {
				if len(args) != 1 {
					return usagef("tag takes one FILE (or - for standard input)")
				}
				switch *format {
				case "json", "timeml", "text":
				default:
					return usagef("unknown --format %q (want json, timeml or text)", *format)
				}
				var d time.Time
				if *dct != "" {
					var err error
					if d, err = time.Parse("2006-01-02", *dct); err != nil {
						return usagef("--dct %q is not a date of the form YYYY-MM-DD", *dct)
					}
				}
				text, err := readInput(e, args[0])
				if err != nil {
					return err
				}
				var opts []temporal.Option
				if *dayFirst {
					opts = append(opts, temporal.WithDateOrder(temporal.DayFirst))
				}
				if isArticle(text) {
					art, err := readArticle(args[0], text)
					if err != nil {
						fmt.Fprintln(e.stderr, diag.Detail(err))
						return silentError{exitError}
					}
					if d.IsZero() {
						d = art.a.Date.Time()
					}
					return writeTimexes(e.stdout, *format, art.tag(d, opts))
				}
				if *dct == "" {
					return usagef("--dct is required: the publication date of the text, YYYY-MM-DD")
				}
				return writeTimexes(e.stdout, *format, plainTags(text, temporal.Tag(text, d, opts...)))
			}
		},
	}
}

func readInput(e env, name string) (string, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(e.stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return "", fmt.Errorf("timeline tag: %v", err)
	}
	return string(data), nil
}

// isArticle reports whether the input starts with front matter: a +++ line,
// after a byte order mark if there is one.
func isArticle(src string) bool {
	src = strings.TrimPrefix(src, "\xef\xbb\xbf")
	line, _, _ := strings.Cut(src, "\n")
	return strings.TrimRight(line, " \t\r") == "+++"
}

// tagged is the tagger's result ready to print: the text it read, the
// expressions with offsets into that text, each one's byte range in the
// input file, and how to show its position.
type tagged struct {
	text     string
	xs       []temporal.Timex
	file     [][2]int
	posTitle string
	pos      func(i int) string
}

// plainTags is the result on plain text: the text is the file.
func plainTags(text string, xs []temporal.Timex) tagged {
	file := make([][2]int, len(xs))
	for i, x := range xs {
		file[i] = [2]int{x.Start, x.End}
	}
	return tagged{text: text, xs: xs, file: file, posTitle: "OFFSETS", pos: func(i int) string {
		return strconv.Itoa(xs[i].Start) + "-" + strconv.Itoa(xs[i].End)
	}}
}

// article is a parsed article file and the text the tagger reads: the
// blocks' texts in order, separated by blank lines (line breaks inside a
// block as spaces), as the timeline's extraction reads it.
type article struct {
	a    *content.Article
	text string
	offs []int // where each block starts in text
}

func readArticle(name, src string) (*article, error) {
	path := filepath.ToSlash(name)
	if name == "-" {
		path = "stdin"
	}
	a, err := content.Parse(path, []byte(src), content.Options{})
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	offs := make([]int, len(a.Doc.Blocks))
	for i, blk := range a.Doc.Blocks {
		if i > 0 {
			b.WriteString("\n\n")
		}
		offs[i] = b.Len()
		b.WriteString(strings.ReplaceAll(blk.Text, "\n", " "))
	}
	return &article{a: a, text: b.String(), offs: offs}, nil
}

// tag tags the article's text and maps every expression back to the file.
func (art *article) tag(dct time.Time, opts []temporal.Option) tagged {
	xs := temporal.Tag(art.text, dct, opts...)
	t := tagged{text: art.text + "\n", xs: xs, file: make([][2]int, len(xs)), posTitle: "LINE:COL"}
	for i, x := range xs {
		t.file[i][0], t.file[i][1] = art.fileRange(x.Start, x.End)
	}
	t.pos = func(i int) string {
		line, col, _ := diag.Position(art.a.Source, t.file[i][0])
		return strconv.Itoa(line) + ":" + strconv.Itoa(col)
	}
	return t
}

// fileRange maps a range of the tagged text to the file: the block that
// holds its start, then the block's own map to the Markdown source, then
// the body's offset in the file.
func (art *article) fileRange(start, end int) (int, int) {
	k := 0
	for k+1 < len(art.offs) && art.offs[k+1] <= start {
		k++
	}
	blk := &art.a.Doc.Blocks[k]
	s, e := start-art.offs[k], min(end-art.offs[k], len(blk.Text))
	body := art.a.Body()
	fs := blk.SourceOffset(s)
	fe := sourceEnd(blk, body, e)
	if fe < fs {
		fe = fs
	}
	return art.a.BodyOffset + fs, art.a.BodyOffset + fe
}

// sourceEnd returns the offset in the Markdown source just after the
// character that ends at e in the block's text. A character the text
// spells as in the source ends as many bytes after its start; a decoded
// one ends after its escape (\.), entity (&amp;) or source character (a
// straight quote made typographic).
func sourceEnd(blk *markdown.Block, src []byte, e int) int {
	if e <= 0 {
		return blk.SourceOffset(0)
	}
	_, size := utf8.DecodeLastRuneInString(blk.Text[:e])
	r := e - size
	s := blk.SourceOffset(r)
	if s+size <= len(src) && string(src[s:s+size]) == blk.Text[r:e] {
		return s + size
	}
	if s >= len(src) {
		return len(src)
	}
	switch src[s] {
	case '\\':
		if s+1 < len(src) {
			_, n := utf8.DecodeRune(src[s+1:])
			return s + 1 + n
		}
	case '&':
		if j := bytes.IndexByte(src[s:min(len(src), s+40)], ';'); j > 0 {
			return s + j + 1
		}
	}
	_, n := utf8.DecodeRune(src[s:])
	return s + n
}

type jsonTimex struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
	Value string `json:"value"`
	Mod   string `json:"mod"`
}

func writeTimexes(w io.Writer, format string, t tagged) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for i, x := range t.xs {
			if err := enc.Encode(jsonTimex{t.file[i][0], t.file[i][1], x.Text, string(x.Type), string(x.Value), string(x.Mod)}); err != nil {
				return err
			}
		}
		return nil
	case "timeml":
		elems := make([]timeml.Element, len(t.xs))
		for i, x := range t.xs {
			elems[i] = timeml.Element{Start: x.Start, End: x.End, Type: string(x.Type), Value: string(x.Value), Mod: string(x.Mod)}
		}
		return timeml.Write(w, t.text, elems)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\tTYPE\tVALUE\tMOD\tLABEL\tTEXT\n", t.posTitle)
	for i, x := range t.xs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", t.pos(i), x.Type, x.Value, x.Mod, x.Value.LabelType(x.Type, x.Mod), strings.ReplaceAll(x.Text, "\n", " "))
	}
	return tw.Flush()
}
