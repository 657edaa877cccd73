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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
