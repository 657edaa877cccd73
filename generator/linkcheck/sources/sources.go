// Package sources finds, in a site's sources, what the findings of
// timeline check come from, so that they can be reported where an editor
// fixes them (and where a pull request's diff shows them) rather than in
// the generated files: a citation's sentence in the article's Markdown, a
// link as written in an article's body, an article's front matter url,
// an event an editor named in content/_events.toml or in an [[event]]
// table. Site implements linkcheck.Sources.
package sources

import (
	"context"
	"html"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/internal/parallel"
	"github.com/timeline-dev/timeline/generator/linkcheck"
)

// Site is the sources of a site: its articles and its overrides file,
// read when a finding first asks (a site that checks clean costs
// nothing).
type Site struct {
	dir  string // the site folder as given
	opts content.Options

	once      sync.Once
	prefix    string // the site folder in slash form, "" for the current one
	articles  map[string]*content.Article
	order     []*content.Article // in the order of their files
	overrides []byte             // content/_events.toml; nil without one
}

// New returns the sources of the site in dir: its articles, drafts too,
// parsed with opts as the build parses them, and content/_events.toml.
// An article that cannot be read or parsed is left out: the findings it
// would explain keep their place in the built site, as do all of them
// for a site without content/.
func New(dir string, opts content.Options) *Site {
	return &Site{dir: dir, opts: opts}
}

func (s *Site) load() {
	s.prefix = filepath.ToSlash(s.dir)
	if s.prefix == "." {
		s.prefix = ""
	}
	s.articles = map[string]*content.Article{}
	paths, _ := content.Files(s.dir) // the folders it could list
	parsed := make([]*content.Article, len(paths))
	_ = parallel.For(context.Background(), len(paths), func(i int) {
		if src, err := content.ReadFile(s.dir, paths[i]); err == nil {
			parsed[i], _ = content.Parse(paths[i], src, s.opts)
		}
	})
	for _, a := range parsed {
		if a != nil && s.articles[a.ID] == nil {
			s.articles[a.ID] = a
			s.order = append(s.order, a)
		}
	}
	if src, err := content.ReadFile(s.dir, content.Dir+"/"+content.OverridesFile); err == nil {
		s.overrides = src
	}
}

// Articles returns the number of articles read.
func (s *Site) Articles() int {
	s.once.Do(s.load)
	return len(s.order)
}

// Locate returns where o is written in the sources: the sentence it
// quotes, the link as the article's body writes it, the front matter key
// (url, when the link is the article's original), or where an editor
// names its event, whichever the sources have first.
func (s *Site) Locate(o linkcheck.Origin) (linkcheck.Position, bool) {
	s.once.Do(s.load)
	if a := s.articles[o.Article]; a != nil {
		if o.Quote != "" {
			if p, ok := s.quote(a, o.Quote); ok {
				return p, true
			}
		}
		if o.Link != "" {
			if p, ok := s.link(a, o.Link); ok {
				return p, true
			}
		}
		key := o.Key
		if key == "" && o.Link != "" && a.URL != "" && (o.Link == a.URL || unescape(o.Link) == a.URL) {
			key = "url" // the page links to the original
		}
		if key != "" {
			if p, ok := s.key(a, key); ok {
				return p, true
			}
		}
	}
	if o.Event != "" {
		return s.event(o.Event)
	}
	return linkcheck.Position{}, false
}

// path returns the path of a site file as findings show it.
func (s *Site) path(p string) string {
	if s.prefix == "" {
		return p
	}
	return path.Join(s.prefix, p)
}

// quote returns where the sentence quote is in the article's body.
func (s *Site) quote(a *content.Article, quote string) (linkcheck.Position, bool) {
	b, start, _, ok := content.FindQuote(a.Doc, quote)
	if !ok {
		return linkcheck.Position{}, false
	}
	line, col := a.Position(a.Doc.Blocks[b].SourceOffset(start))
	return linkcheck.Position{File: s.path(a.Path), Line: line, Col: col}, true
}

// link returns where a link target is written in the article's body: as
// the page has it, or as Markdown may write what the page escapes (a
// space or an accented letter that the page percent-encodes, an & the
// Markdown writes as &amp;).
func (s *Site) link(a *content.Article, target string) (linkcheck.Position, bool) {
	body := a.Body()
	for _, t := range []string{target, unescape(target), html.EscapeString(target)} {
		if t == "" {
			continue
		}
		if i := linkIndex(body, t); i >= 0 {
			line, col := a.Position(i)
			return linkcheck.Position{File: s.path(a.Path), Line: line, Col: col}, true
		}
	}
	return linkcheck.Position{}, false
}

// linkIndex returns the offset of target in body where it is a link's
// target: after "(", "<", "]: ", a quote or white space, and not followed
// by more of a URL; -1 if it is nowhere.
func linkIndex(body []byte, target string) int {
	text := string(body)
	for from := 0; ; {
		k := strings.Index(text[from:], target)
		if k < 0 {
			return -1
		}
		i := from + k
		before := byte(' ')
		if i > 0 {
			before = text[i-1]
		}
		after := byte(' ')
		if j := i + len(target); j < len(text) {
			after = text[j]
		}
		if strings.IndexByte("(< \t\n\"':", before) >= 0 && strings.IndexByte(") >\t\r\n\"'", after) >= 0 {
			return i
		}
		from = i + 1
	}
}

func unescape(u string) string {
	if v, err := url.PathUnescape(u); err == nil {
		return v
	}
	return u
}

// key returns where a key of the article's front matter is set (before
// any [[event]] table).
func (s *Site) key(a *content.Article, key string) (linkcheck.Position, bool) {
	fm := a.Source[:a.BodyOffset]
	if i := firstTable.FindIndex(fm); i != nil {
		fm = fm[:i[0]]
	}
	re, err := regexp.Compile(`(?m)^[ \t]*(` + regexp.QuoteMeta(key) + `)[ \t]*=`)
	if err != nil {
		return linkcheck.Position{}, false
	}
	loc := re.FindSubmatchIndex(fm)
	if loc == nil {
		return linkcheck.Position{}, false
	}
	line, col, _ := diag.Position(a.Source, loc[2])
	return linkcheck.Position{File: s.path(a.Path), Line: line, Col: col}, true
}

var firstTable = regexp.MustCompile(`(?m)^[ \t]*\[`)

// event returns where an editor names the event id: in the overrides
// file (an id, a merge, a rename, a split's new id), else in an article's
// [[event]] table.
func (s *Site) event(id string) (linkcheck.Position, bool) {
	if off := quoted(s.overrides, id); off >= 0 {
		line, col, _ := diag.Position(s.overrides, off)
		return linkcheck.Position{File: s.path(content.Dir + "/" + content.OverridesFile), Line: line, Col: col}, true
	}
	for _, a := range s.order {
		if off := quoted(a.Source[:a.BodyOffset], id); off >= 0 {
			line, col, _ := diag.Position(a.Source, off)
			return linkcheck.Position{File: s.path(a.Path), Line: line, Col: col}, true
		}
	}
	return linkcheck.Position{}, false
}

// quoted returns the offset in src of id written as a TOML string, "id"
// or 'id', or -1.
func quoted(src []byte, id string) int {
	for _, q := range []string{`"`, `'`} {
		if i := strings.Index(string(src), q+id+q); i >= 0 {
			return i + 1
		}
	}
	return -1
}
