// Command synth writes a deterministic synthetic timeline site (config.toml
// and content/) for benchmarks:
//
//	go run ./generator/internal/synth/cmd/synth -articles 10000 -seed 1 DIR
//
// It prints the number of articles, declared events and bytes written. See
// package synth for what the articles contain.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/timeline-dev/timeline/generator/internal/synth"
)

func main() {
	var opts synth.Options
	flag.IntVar(&opts.Articles, "articles", 1000, "number of articles")
	flag.Uint64Var(&opts.Seed, "seed", 1, "pseudo-random seed")
	flag.BoolVar(&opts.NoEvents, "no-events", false, "declare no [[event]] tables")
	flag.StringVar(&opts.BaseURL, "base-url", "", "base_url written to config.toml")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: synth [-articles N] [-seed S] [-no-events] [-base-url URL] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	st, err := synth.Write(flag.Arg(0), opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d articles, %d declared events (%d distinct), %d bytes → %s\n", st.Articles, st.Declared, st.Events, st.Bytes, flag.Arg(0))
}
