package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/timeline-dev/timeline/generator/temporal"
	"github.com/timeline-dev/timeline/generator/temporal/timeml"
)

func tagCommand() *command {
	return &command{
		name:    "tag",
		args:    "[--dct YYYY-MM-DD] [--format json|timeml|text] [--day-first] FILE|-",
		summary: "find and resolve the time expressions in a text",
		doc: `Tag runs the temporal tagger on a plain-text file (or standard input when
FILE is -) and prints every time expression it finds, resolved against the
document creation time given by --dct (the publication date).

Formats:
  json    one object per line: {"start","end","text","type","value","mod"},
          with byte offsets into the input
  timeml  the text with inline <TIMEX3 tid type value mod> elements, for
          TempEval-3's scorer
  text    a table with offsets, type, value, modifier, a readable label and
          the extent

Editors use it to see why a sentence was or was not dated. Article files with
front matter are not read yet: pass the article's text and its date.`,
		flags: func(fs *flag.FlagSet) func(context.Context, env, []string) error {
			dct := fs.String("dct", "", "document creation time `YYYY-MM-DD` (required)")
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
				text, err := readInput(e, args[0])
				if err != nil {
					return err
				}
				if strings.HasPrefix(text, "+++") {
					return fmt.Errorf("timeline tag: %s: article files with front matter are not supported yet; pass the article text and --dct", args[0])
				}
				if *dct == "" {
					return usagef("--dct is required: the publication date of the text, YYYY-MM-DD")
				}
				d, err := time.Parse("2006-01-02", *dct)
				if err != nil {
					return usagef("--dct %q is not a date of the form YYYY-MM-DD", *dct)
				}
				var opts []temporal.Option
				if *dayFirst {
					opts = append(opts, temporal.WithDateOrder(temporal.DayFirst))
				}
				xs := temporal.Tag(text, d, opts...)
				return writeTimexes(e.stdout, *format, text, xs)
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

type jsonTimex struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
	Value string `json:"value"`
	Mod   string `json:"mod"`
}

func writeTimexes(w io.Writer, format, text string, xs []temporal.Timex) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, x := range xs {
			if err := enc.Encode(jsonTimex{x.Start, x.End, x.Text, string(x.Type), string(x.Value), string(x.Mod)}); err != nil {
				return err
			}
		}
		return nil
	case "timeml":
		elems := make([]timeml.Element, len(xs))
		for i, x := range xs {
			elems[i] = timeml.Element{Start: x.Start, End: x.End, Type: string(x.Type), Value: string(x.Value), Mod: string(x.Mod)}
		}
		return timeml.Write(w, text, elems)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "OFFSETS\tTYPE\tVALUE\tMOD\tLABEL\tTEXT")
	for _, x := range xs {
		fmt.Fprintf(tw, "%d-%d\t%s\t%s\t%s\t%s\t%s\n", x.Start, x.End, x.Type, x.Value, x.Mod, x.Value.LabelType(x.Type, x.Mod), strings.ReplaceAll(x.Text, "\n", " "))
	}
	return tw.Flush()
}
