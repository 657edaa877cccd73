// Command corpus writes the synthetic long-running story of package corpus
// as a site (config.toml and content/), for benchmarks on machines without
// Python or ../shared/corpus/gen_corpus.py:
//
//	go run ./generator/internal/corpus/cmd/corpus -n 1000 -seed 7 DIR
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/timeline-dev/timeline/generator/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	seed := flag.Uint64("seed", 7, "pseudo-random seed")
	days := flag.Int("days", corpus.Days, "days over which the articles are published")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: corpus [-n N] [-seed S] [-days D] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := corpus.WriteOver(flag.Arg(0), *n, *days, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d articles → %s\n", *n, flag.Arg(0))
}
