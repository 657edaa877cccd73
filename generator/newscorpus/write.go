package newscorpus

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/timeline-dev/timeline/generator/internal/parallel"
)

// Options says what corpus to write. The zero value writes 100 articles
// from seed 0.
type Options struct {
	Articles int    // 0 means 100
	Seed     uint64 // the same Articles and Seed give the same bytes
	// Hugo, when not empty, is a second folder that receives the same
	// articles as a minimal Hugo site (see WriteHugo).
	Hugo string
	// Truth, when not empty, is a file that receives one JSON line for each
	// sentence that reports a happening (see TruthLine): what the build's
	// grouping should find.
	Truth string
}

// TruthLine is a line of the Truth file.
type TruthLine struct {
	Article   string `json:"article"` // the article id: its path below content/ without .md, "/" as "-"
	Happening int    `json:"happening"`
	Thread    int    `json:"thread"`
	Day       string `json:"day"` // the happening's
	Expr      string `json:"expr"`
	Family    Family `json:"family"`
	Sentence  string `json:"sentence"`
}

// Stats describes a written corpus.
type Stats struct {
	Articles, Threads, Happenings int
	Words                         int64 // of the bodies
	MinWords, MaxWords            int
	Reports                       int // dated sentences reporting a happening
	Families                      map[Family]int
	Bytes                         int64 // of the content files
}

// marker names the file that marks a folder as written by this package,
// so that Write may replace its content/ and no other folder's.
const marker = ".timeline-corpus"

// Write writes a site of generated articles into dir: dir/config.toml and
// dir/content/<year>/<outlet>-<n>.md. dir must be empty, missing, or a
// corpus written before (whose content/ is replaced).
func Write(dir string, opts Options) (Stats, error) {
	if opts.Articles <= 0 {
		opts.Articles = 100
	}
	w := NewWorld(opts.Articles, opts.Seed)
	st := Stats{Articles: opts.Articles, Threads: len(w.Threads), Happenings: len(w.Happenings), Families: map[Family]int{}}
	if err := prepare(dir); err != nil {
		return st, err
	}
	cfg := fmt.Sprintf("# A generated corpus: go run ./cmd/timeline-corpus -n %d -seed %d\n"+
		"title       = \"Valdoria news, 2012–2015\"\n"+
		"description = \"%d generated news articles: %d stories told by %d outlets.\"\n",
		opts.Articles, opts.Seed, opts.Articles, len(w.Threads), len(outlets))
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(cfg), 0o644); err != nil {
		return st, err
	}
	if opts.Hugo != "" {
		if err := prepare(opts.Hugo); err != nil {
			return st, err
		}
		if err := writeHugoSite(opts.Hugo); err != nil {
			return st, err
		}
	}
	var truth *json.Encoder
	if opts.Truth != "" {
		f, err := os.Create(opts.Truth)
		if err != nil {
			return st, err
		}
		defer f.Close()
		bw := bufio.NewWriter(f)
		defer bw.Flush()
		truth = json.NewEncoder(bw)
		truth.SetEscapeHTML(false)
	}
	lines := make([][]TruthLine, opts.Articles)
	var fs files
	var mu sync.Mutex
	var first error
	st.MinWords = MaxWords + 1
	parallel.For(context.Background(), opts.Articles, func(i int) {
		a := w.Article(i, opts.Seed)
		md := a.Markdown()
		err := fs.write(filepath.Join(dir, "content", filepath.FromSlash(a.Path)), md)
		if err == nil && opts.Hugo != "" {
			err = fs.write(filepath.Join(opts.Hugo, "content", filepath.FromSlash(a.Path)), a.Hugo())
		}
		if truth != nil {
			id := strings.ReplaceAll(strings.TrimSuffix(a.Path, ".md"), "/", "-")
			for _, r := range a.Reports {
				lines[i] = append(lines[i], TruthLine{id, r.Happening.ID, r.Happening.Thread.ID,
					r.Happening.Day.Format("2006-01-02"), r.Expr, r.Family, r.Sentence})
			}
		}
		mu.Lock()
		defer mu.Unlock()
		if err != nil && first == nil {
			first = err
		}
		st.Words += int64(a.Words)
		st.MinWords = min(st.MinWords, a.Words)
		st.MaxWords = max(st.MaxWords, a.Words)
		st.Reports += len(a.Reports)
		for f, n := range a.Families {
			st.Families[f] += n
		}
		st.Bytes += int64(len(md))
	})
	if truth != nil && first == nil {
		for _, ls := range lines {
			for _, l := range ls {
				if err := truth.Encode(l); err != nil {
					return st, err
				}
			}
		}
	}
	return st, first
}

// prepare makes dir ready for a corpus: creates it, or empties the
// content/ of a corpus written before; refuses any other folder that is
// not empty.
func prepare(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	} else if err != nil {
		return err
	} else if len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(dir, marker)); err != nil {
			return fmt.Errorf("%s: not empty and not a generated corpus (no %s): refusing to write into it", dir, marker)
		}
		if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, marker), []byte("written by generator/newscorpus: content/ is replaced on the next write\n"), 0o644)
}

// files writes files, making their folders once.
type files struct{ dirs sync.Map }

func (fs *files) write(p string, data []byte) error {
	d := filepath.Dir(p)
	if _, ok := fs.dirs.Load(d); !ok {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		fs.dirs.Store(d, true)
	}
	return os.WriteFile(p, data, 0o644)
}

// Markdown returns the article as a content file of timeline: TOML front
// matter between +++ lines, then the body.
func (a *Article) Markdown() []byte {
	var b strings.Builder
	b.Grow(len(a.Body) + 300)
	fmt.Fprintf(&b, "+++\ntitle = %q\noutlet = %q\npublished = %s\nurl = %q\nauthor = %q\ntags = [%q, %q]\n+++\n\n",
		a.Title, a.Outlet, a.Published.Format("2006-01-02"), a.URL, a.Author, a.Tags[0], a.Tags[1])
	b.WriteString(a.Body)
	return []byte(b.String())
}

// Hugo returns the article as a content file of Hugo: the same body, the
// front matter Hugo's way (title, date; the outlet as a parameter).
func (a *Article) Hugo() []byte {
	var b strings.Builder
	b.Grow(len(a.Body) + 200)
	fmt.Fprintf(&b, "+++\ntitle = %q\ndate = %s\noutlet = %q\n+++\n\n", a.Title, a.Published.Format("2006-01-02"), a.Outlet)
	b.WriteString(a.Body)
	return []byte(b.String())
}

// writeHugoSite writes a minimal Hugo site's configuration and templates
// into dir: one template for a page, one for every list (the home page and
// the year sections); no taxonomies.
func writeHugoSite(dir string) error {
	files := map[string]string{
		"hugo.toml": "baseURL = \"https://example.org/\"\ntitle = \"Valdoria news, 2012–2015\"\n" +
			"disableKinds = [\"taxonomy\", \"term\"]\n",
		"layouts/page.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body><main><article><h1>{{ .Title }}</h1><p>{{ .Params.outlet }} · <time>{{ .Date.Format "2006-01-02" }}</time></p>{{ .Content }}</article></main></body></html>
`,
		"layouts/list.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.outlet }}, {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul></main></body></html>
`,
	}
	for name, s := range files {
		if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(s), 0o644); err != nil {
			return err
		}
	}
	return nil
}
