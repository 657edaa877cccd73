// Command timeline-corpus writes a deterministic corpus of generated news
// articles as a timeline site, for benchmarks:
//
//	go run ./cmd/timeline-corpus -n 10000 -seed 1 -out DIR
//	timeline build --source DIR
//
// DIR becomes a complete site: config.toml and content/<year>/<outlet>-<n>.md.
// The articles (600 to 900 words) tell story threads of a fictional country
// over 2012–2015, each thread a series of happenings; several outlets
// report the same happening on different days in their own words, dating
// it with every family of time expressions (see package
// generator/newscorpus). The same -n and -seed give the same
// bytes on every machine.
//
// -hugo HDIR also writes the same articles as a minimal Hugo site
// (hugo.toml, one page and one list template, the same Markdown bodies
// with title and date in the front matter), for comparing build times.
//
// -truth FILE writes, one JSON line each, the sentences that report a
// happening, with the happening's number: what grouping should find.
//
// DIR (and HDIR) must be empty, missing, or a corpus written before,
// whose content/ is then replaced.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/timeline-dev/timeline/generator/newscorpus"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("timeline-corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of articles")
	seed := fs.Uint64("seed", 1, "pseudo-random seed")
	out := fs.String("out", "", "the site folder to write (required)")
	hugo := fs.String("hugo", "", "also write the articles as a Hugo site into this folder")
	truth := fs.String("truth", "", "also write to this file, as JSON lines, which happening each dated sentence reports")
	quiet := fs.Bool("quiet", false, "print nothing on success")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: timeline-corpus -n N [-seed S] -out DIR [-hugo HDIR] [-truth FILE] [-quiet]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 || *n <= 0 {
		fs.Usage()
		return 2
	}
	start := time.Now()
	st, err := newscorpus.Write(*out, newscorpus.Options{Articles: *n, Seed: *seed, Hugo: *hugo, Truth: *truth})
	if err != nil {
		fmt.Fprintln(stderr, "timeline-corpus:", err)
		return 1
	}
	if !*quiet {
		fmt.Fprintf(stdout, "wrote %d articles (%.1f MB, %d–%d words, %d on average; %.1f dated sentences each) "+
			"telling %d stories of %d happenings into %s in %.1f s\n",
			st.Articles, float64(st.Bytes)/1e6, st.MinWords, st.MaxWords, st.Words/int64(st.Articles),
			float64(st.Reports)/float64(st.Articles), st.Threads, st.Happenings, *out, time.Since(start).Seconds())
		fmt.Fprint(stdout, "expressions:")
		for _, f := range newscorpus.Families {
			fmt.Fprintf(stdout, " %s %d", f, st.Families[f])
		}
		fmt.Fprintln(stdout)
	}
	return 0
}
