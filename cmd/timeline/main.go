// Command timeline builds a static timeline site from news articles.
//
// Editors keep articles as Markdown files with TOML front matter in content/.
// timeline finds the dated statements in them, groups statements that report
// the same happening into events, and renders a linked static site: a
// chronological timeline whose every event cites its sources.
//
// Usage:
//
//	timeline <command> [flags] [arguments]
//
// Run "timeline help" for the list of commands and "timeline help <command>"
// for the flags of one. Exit status: 0 on success, 1 when the content or the
// build has an error, 2 on a usage error.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/KimMachineGun/automemlimit/memlimit"
)

// memoryShare is the share of the machine's memory (or of the container's
// limit) the Go runtime aims to stay within (GOMEMLIMIT): a build of a
// large site, which would otherwise let its heap grow to twice what it
// holds, collects garbage more often as it nears it rather than run the
// machine out of memory.
const memoryShare = 0.75

func main() {
	limitMemory()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// limitMemory sets the Go runtime's soft memory limit to memoryShare of
// the container's memory limit, or else of the machine's memory. A
// GOMEMLIMIT in the environment wins, and AUTOMEMLIMIT=off (or a ratio)
// overrides memoryShare; when neither limit can be read, there is none,
// as without this.
func limitMemory() {
	_, _ = memlimit.Set(memlimit.WithRatio(memoryShare),
		memlimit.WithProvider(memlimit.ApplyFallback(memlimit.FromCgroup, memlimit.FromSystem)))
}
