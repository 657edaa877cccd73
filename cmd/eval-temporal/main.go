// Command eval-temporal scores the temporal tagger on TimeML-annotated news
// with the TempEval-3 definitions and prints a table per corpus and
// overall: system and gold counts, strict and relaxed extent
// precision/recall/F1, value P/R/F1, type F1 and type accuracy.
//
// Usage:
//
//	eval-temporal [-dir ../shared/timeml] [-errors] [-corpus NAME]
//
// Each subdirectory of -dir holding *.tml files is a corpus. The DCT of a
// document is its creation time; timexes marked as the creation time are
// not counted. With -errors it also lists every missed, spurious, wrong-value
// and wrong-type expression with its context, for tuning.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/timeline-dev/timeline/generator/temporal"
	"github.com/timeline-dev/timeline/generator/temporal/timeml"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval-temporal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "../shared/timeml", "directory of corpora (subdirectories of .tml files)")
	showErrors := fs.Bool("errors", false, "list missed, spurious, wrong-value and wrong-type expressions")
	only := fs.String("corpus", "", "score only this corpus")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	corpora, err := temporal.ReadCorpora(*dir)
	if err != nil {
		fmt.Fprintln(stderr, "eval-temporal:", err)
		return 1
	}
	var total timeml.Score
	var rows []row
	for _, c := range corpora {
		if *only != "" && c.Name != *only {
			continue
		}
		var sc timeml.Score
		for _, d := range c.Docs {
			res := temporal.Evaluate(d)
			sc = sc.Add(res.Score)
			if *showErrors {
				printErrors(stdout, c.Name, d, res)
			}
		}
		rows = append(rows, row{c.Name, sc})
		total = total.Add(sc)
	}
	if len(rows) == 0 {
		fmt.Fprintf(stderr, "eval-temporal: no corpus in %s\n", *dir)
		return 1
	}
	rows = append(rows, row{"overall", total})
	printTable(stdout, rows)
	return 0
}

type row struct {
	name string
	s    timeml.Score
}

func printTable(w io.Writer, rows []row) {
	fmt.Fprintf(w, "%-10s %6s %6s | %-20s | %-20s | %-20s | %6s %6s\n", "corpus", "system", "gold", "strict P/R/F1", "relaxed P/R/F1", "value P/R/F1", "typeF1", "typeAc")
	for _, r := range rows {
		s := r.s
		f := func(p timeml.PRF) string { return fmt.Sprintf("%.3f %.3f %.3f", p.P, p.R, p.F1) }
		fmt.Fprintf(w, "%-10s %6d %6d | %-20s | %-20s | %-20s | %6.3f %6.3f\n", r.name, s.System, s.Gold,
			f(s.StrictExtent()), f(s.RelaxedExtent()), f(s.ValueF1()), s.TypeF1().F1, s.TypeAccuracy())
	}
}

func printErrors(w io.Writer, corpus string, d *timeml.Doc, r temporal.EvalResult) {
	ctx := func(start, end int) string {
		lo, hi := max(0, start-50), min(len(d.Text), end+30)
		return strings.ReplaceAll(d.Text[lo:start]+"[["+d.Text[start:end]+"]]"+d.Text[end:hi], "\n", " ")
	}
	name := filepath.Join(corpus, d.Name)
	dct := d.DCT.Format("2006-01-02 Mon")
	var lines []string
	for _, g := range r.Align.Missed {
		t := d.Timexes[g]
		lines = append(lines, fmt.Sprintf("%08d MISSED   %s %s gold %s %s %s | %s", t.Start, name, dct, t.Type, t.Value, t.Mod, ctx(t.Start, t.End)))
	}
	for _, s := range r.Align.Spurious {
		x := r.System[s]
		lines = append(lines, fmt.Sprintf("%08d SPURIOUS %s %s sys %s %s %s | %s", x.Start, name, dct, x.Type, x.Value, x.Mod, ctx(x.Start, x.End)))
	}
	for _, p := range r.Align.Pairs {
		g, x := d.Timexes[p.Gold], r.System[p.System]
		kind := ""
		switch {
		case g.Value != string(x.Value):
			kind = "VALUE   "
		case g.Type != string(x.Type):
			kind = "TYPE    "
		case g.Start != x.Start || g.End != x.End:
			kind = "EXTENT  "
		default:
			continue
		}
		lines = append(lines, fmt.Sprintf("%08d %s %s %s gold %s %s %q sys %s %s %q | %s", g.Start, kind, name, dct, g.Type, g.Value, g.Text, x.Type, x.Value, x.Text, ctx(g.Start, g.End)))
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Fprintln(w, l[9:])
	}
}
