package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

func versionCommand() *command {
	return &command{
		name:    "version",
		args:    "",
		summary: "print the version of timeline",
		doc: `Version prints the module version of the timeline binary ("(devel)" for
a build from a checkout), the VCS commit it was built from, marked
"(modified)" when the checkout had uncommitted changes, and the commit's
time, then the Go version and platform that built it. A binary built
without VCS information ("go install ...@v1.2.0", or -buildvcs=false)
says "commit unknown"; its module version names the release.

Examples:

	timeline version
	go version -m $(command -v timeline)   # every module it was built with`,
		flags: func(fs *flag.FlagSet) func(context.Context, env, []string) error {
			return func(ctx context.Context, e env, args []string) error {
				if len(args) > 0 {
					return usagef("version takes no arguments")
				}
				info, _ := debug.ReadBuildInfo()
				fmt.Fprintln(e.stdout, versionString(info, runtime.GOOS+"/"+runtime.GOARCH))
				return nil
			}
		},
	}
}

// versionString describes a build: "timeline VERSION, commit REVISION
// (modified), TIME, GOVERSION PLATFORM".
func versionString(info *debug.BuildInfo, platform string) string {
	if info == nil {
		return "timeline (unknown version), commit unknown, " + platform
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	parts := []string{"timeline " + v}
	var rev, modified, when string
	for _, kv := range info.Settings {
		switch kv.Key {
		case "vcs.revision":
			rev = kv.Value
		case "vcs.modified":
			modified = kv.Value
		case "vcs.time":
			when = kv.Value
		}
	}
	switch {
	case rev == "":
		parts = append(parts, "commit unknown")
	case modified == "true":
		parts = append(parts, "commit "+rev+" (modified)")
	default:
		parts = append(parts, "commit "+rev)
	}
	if rev != "" && when != "" {
		parts = append(parts, when)
	}
	return strings.Join(append(parts, strings.TrimSpace(info.GoVersion+" "+platform)), ", ")
}
