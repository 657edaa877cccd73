package main

import (
	"context"
	"flag"
	"fmt"
	"runtime/debug"
)

func versionCommand() *command {
	return &command{
		name:    "version",
		args:    "",
		summary: "print the version of timeline",
		doc:     "Version prints the module version of the timeline binary, its VCS revision when known, and the Go version that built it.",
		flags: func(fs *flag.FlagSet) func(context.Context, env, []string) error {
			return func(ctx context.Context, e env, args []string) error {
				if len(args) > 0 {
					return usagef("version takes no arguments")
				}
				fmt.Fprintln(e.stdout, versionString())
				return nil
			}
		},
	}
}

func versionString() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "timeline (unknown version)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	s := "timeline " + v
	for _, kv := range info.Settings {
		if kv.Key == "vcs.revision" && len(kv.Value) >= 12 {
			s += " " + kv.Value[:12]
		}
		if kv.Key == "vcs.modified" && kv.Value == "true" {
			s += "+dirty"
		}
	}
	return s + " " + info.GoVersion
}
