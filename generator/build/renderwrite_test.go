package build

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"testing"

	timeline "github.com/timeline-dev/timeline"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/newscorpus"
)

// Write renders the site with what its pages share made once (an event's
// card and its citations, for its page and the timeline pages that show
// it) and in an order of its own; File renders one page on its own. Both
// give every file the same bytes, and File the same after a Write as
// before. Write renders as Build does, from a timeline that let the
// articles' sources go (each article's page reads its file again); File
// from one that kept them.
func TestWriteAsFile(t *testing.T) {
	news := filepath.Join(t.TempDir(), "news")
	if _, err := newscorpus.Write(news, newscorpus.Options{Articles: 120, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	srcs := map[string]string{"news": news}
	for name, src := range sites {
		srcs[name] = src
	}
	ctx := context.Background()
	for name, src := range srcs {
		t.Run(name, func(t *testing.T) {
			opts := Options{Source: src, Theme: timeline.Theme, Fresh: true, NoCache: true}
			cfg, err := Load(opts)
			if err != nil {
				t.Fatal(diag.Detail(err))
			}
			_, _, rr, _, err := prepare(ctx, opts, cfg, nil, true)
			if err != nil {
				t.Fatal(diag.Detail(err))
			}
			written := map[string][]byte{}
			var mu sync.Mutex
			if _, err := rr.Write(ctx, func(p string) (io.WriteCloser, error) {
				return &memFile{done: func(b []byte) { mu.Lock(); written[p] = b; mu.Unlock() }}, nil
			}); err != nil {
				t.Fatal(diag.Detail(err))
			}
			_, _, fresh, _, err := prepare(ctx, opts, cfg, nil, false)
			if err != nil {
				t.Fatal(diag.Detail(err))
			}
			paths := rr.Paths()
			if len(written) != len(paths) {
				t.Errorf("Write wrote %d files of %d", len(written), len(paths))
			}
			order := rand.New(rand.NewPCG(1, 2)).Perm(len(paths))
			for _, k := range order {
				p := paths[k]
				for _, r := range []struct {
					name string
					file func(string) ([]byte, error)
				}{{"File", fresh.File}, {"File after Write", rr.File}} {
					b, err := r.file(p)
					if err != nil {
						t.Fatalf("%s %s: %v", r.name, p, diag.Detail(err))
					}
					if !bytes.Equal(b, written[p]) {
						t.Errorf("%s: %s differs from Write's:\n%s", p, r.name, firstDiff(b, written[p]))
					}
				}
			}
		})
	}
}

// memFile is a file written into memory.
type memFile struct {
	bytes.Buffer
	done func([]byte)
}

func (f *memFile) Close() error {
	f.done(bytes.Clone(f.Bytes()))
	return nil
}
