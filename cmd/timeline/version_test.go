package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionString(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	const rev = "8732d356ae18d90b18075b5d54af90b175e96ac4"
	for _, tt := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"no build info", nil, "timeline (unknown version), commit unknown, linux/amd64"},
		{
			"a release from the module proxy",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}},
			"timeline v1.2.0, commit unknown, go1.26.8 linux/amd64",
		},
		{
			"a checkout with changes",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261206210045-8732d356ae18+dirty"},
				Settings: vcs("vcs", "git", "vcs.revision", rev, "vcs.time", "2026-12-06T21:00:45Z", "vcs.modified", "true")},
			"timeline v0.0.0-20261206210045-8732d356ae18+dirty, commit " + rev + " (modified), 2026-12-06T21:00:45Z, go1.26.8 linux/amd64",
		},
		{
			"a clean checkout",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"},
				Settings: vcs("vcs.revision", rev, "vcs.modified", "false")},
			"timeline v1.2.0, commit " + rev + ", go1.26.8 linux/amd64",
		},
		{
			"no version, -buildvcs=false",
			&debug.BuildInfo{GoVersion: "go1.26.8"},
			"timeline (devel), commit unknown, go1.26.8 linux/amd64",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionString(tt.info, "linux/amd64"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
