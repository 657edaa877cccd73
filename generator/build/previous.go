package build

import (
	"os"
	"path/filepath"

	"github.com/timeline-dev/timeline/generator/output"
	"github.com/timeline-dev/timeline/generator/timeline"
)

// previous reads the timeline of the last build into dest, whose ids
// events keep (see timeline.Options.Previous): the events.json of dest,
// else of the site it replaced (output.SpareOf). None, or one that cannot
// be read, is no last build: ids then come from the content alone, as on
// a clean checkout.
func previous(opts Options, dest string) *timeline.Previous {
	if opts.Fresh {
		return nil
	}
	for _, dir := range []string{dest, output.SpareOf(dest)} {
		f, err := os.Open(filepath.Join(dir, "events.json"))
		if err != nil {
			continue
		}
		p, err := timeline.ReadPrevious(f)
		f.Close()
		if err == nil {
			return p
		}
	}
	return nil
}
