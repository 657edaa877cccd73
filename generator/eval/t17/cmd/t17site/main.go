// Command t17site turns a Timeline17 story into a timeline site (config.toml
// and content/), for benchmarks and evaluation:
//
//	go run ./generator/eval/t17/cmd/t17site ../shared/t17/H1N1_reuters DIR
//
// Given several stories it merges them (t17.Merge), each article keeping
// its outlet; -n keeps the first N articles by publication date:
//
//	go run ./generator/eval/t17/cmd/t17site -n 600 ../shared/t17/bpoil_{bbc,guardian,reuters,washingtonpost} DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/timeline-dev/timeline/generator/eval/t17"
)

func main() {
	n := flag.Int("n", 0, "keep the first `N` articles by publication date (0: all)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: t17site [-n N] STORY_DIR... SITE_DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	args := flag.Args()
	if len(args) < 2 {
		flag.Usage()
		os.Exit(2)
	}
	dirs, dest := args[:len(args)-1], args[len(args)-1]
	var stories []*t17.Story
	for _, d := range dirs {
		s, err := t17.Read(d)
		if err != nil {
			fmt.Fprintln(os.Stderr, "t17site:", err)
			os.Exit(1)
		}
		stories = append(stories, s)
	}
	s := stories[0]
	if len(stories) > 1 || *n > 0 {
		s = t17.Merge(filepath.Base(dest), *n, stories...)
	}
	if err := t17.WriteSite(s, dest); err != nil {
		fmt.Fprintln(os.Stderr, "t17site:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d articles of %s (%s) → %s\n", len(s.Articles), s.Name, s.Outlet, dest)
}
