// Command t17site turns a Timeline17 story into a timeline site (config.toml
// and content/), for benchmarks and evaluation:
//
//	go run ./generator/eval/t17/cmd/t17site ../shared/t17/H1N1_reuters DIR
package main

import (
	"fmt"
	"os"

	"github.com/timeline-dev/timeline/generator/eval/t17"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: t17site STORY_DIR SITE_DIR")
		os.Exit(2)
	}
	s, err := t17.Read(os.Args[1])
	if err == nil {
		err = t17.WriteSite(s, os.Args[2])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "t17site:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d articles of %s (%s) → %s\n", len(s.Articles), s.Name, s.Outlet, os.Args[2])
}
