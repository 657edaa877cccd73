// Package timeline holds the default theme of the timeline site generator,
// embedded in the binary: the page templates in templates/ and the static
// files in static/. A site overrides any of them by file name with its own
// templates/ and static/ folders.
//
// The generator is under generator/ and the command under cmd/timeline.
package timeline

import "embed"

// Theme holds templates/*.html and static/*.
//
//go:embed templates/*.html static
var Theme embed.FS
