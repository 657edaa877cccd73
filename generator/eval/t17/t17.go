// Package t17 reads Timeline17 stories (../shared/t17: articles.jsonl,
// timelines.jsonl, keywords.json) and turns one into a timeline site: a
// config.toml and a content/ folder of Markdown articles in the product's
// own format, their Penn-Treebank tokenization undone into readable prose.
// It serves the evaluation and benchmark tools; the product never reads
// Timeline17.
package t17

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Article is one line of articles.jsonl.
type Article struct {
	ID   string `json:"id"`
	Time string `json:"time"` // publication date, YYYY-MM-DD
	Text string `json:"text"` // tokenized, one sentence a line
	// Outlet, when set, is the article's own outlet (an article of a
	// merged story); WriteSite uses the story's otherwise.
	Outlet string `json:"-"`
}

// Story is a Timeline17 story: its articles and the ground-truth
// timelines journalists wrote for it.
type Story struct {
	Name      string // folder name, e.g. "H1N1_reuters"
	Outlet    string // from the folder name: "Reuters"
	Articles  []Article
	Timelines []Timeline
	Keywords  []string
}

// Timeline is one ground-truth timeline: dates and their summaries.
type Timeline []Entry

// Entry is one date of a ground-truth timeline.
type Entry struct {
	Date      time.Time
	Sentences []string
}

// outlets names the outlets of the folder suffixes.
var outlets = map[string]string{
	"bbc": "BBC", "cnn": "CNN", "guardian": "The Guardian", "reuters": "Reuters",
	"washingtonpost": "The Washington Post", "nytimes": "The New York Times", "ap": "AP", "afp": "AFP",
}

// OutletOf returns the outlet a story folder's name ends with:
// "H1N1_bbc" → "BBC". An unknown suffix is returned capitalized.
func OutletOf(name string) string {
	i := strings.LastIndexByte(name, '_')
	suffix := strings.ToLower(name[i+1:])
	if o, ok := outlets[suffix]; ok {
		return o
	}
	if suffix == "" {
		return "Unknown"
	}
	return strings.ToUpper(suffix[:1]) + suffix[1:]
}

// Read reads the story in dir. The timelines and keywords are optional
// (a story held back for testing may come without them).
func Read(dir string) (*Story, error) {
	s := &Story{Name: filepath.Base(filepath.Clean(dir))}
	s.Outlet = OutletOf(s.Name)
	if err := readLines(filepath.Join(dir, "articles.jsonl"), func(line []byte) error {
		var a Article
		if err := json.Unmarshal(line, &a); err != nil {
			return err
		}
		if _, err := time.Parse(time.DateOnly, a.Time); err != nil {
			return fmt.Errorf("article %q: time: %v", a.ID, err)
		}
		s.Articles = append(s.Articles, a)
		return nil
	}); err != nil {
		return nil, err
	}
	err := readLines(filepath.Join(dir, "timelines.jsonl"), func(line []byte) error {
		var raw [][2]json.RawMessage
		if err := json.Unmarshal(line, &raw); err != nil {
			return err
		}
		var tl Timeline
		for _, pair := range raw {
			var d string
			var sents []string
			if err := json.Unmarshal(pair[0], &d); err != nil {
				return err
			}
			if err := json.Unmarshal(pair[1], &sents); err != nil {
				return err
			}
			t, err := time.Parse(time.DateOnly, d[:min(len(d), 10)])
			if err != nil {
				return fmt.Errorf("timeline date %q: %v", d, err)
			}
			tl = append(tl, Entry{Date: t, Sentences: sents})
		}
		s.Timelines = append(s.Timelines, tl)
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	if b, err := os.ReadFile(filepath.Join(dir, "keywords.json")); err == nil {
		if err := json.Unmarshal(b, &s.Keywords); err != nil {
			return nil, fmt.Errorf("%s: %v", filepath.Join(dir, "keywords.json"), err)
		}
	}
	return s, nil
}

// Merge merges stories on one subject from several outlets into one story
// of at most n articles (all of them when n <= 0): the first by
// publication date, ties broken by story name, then by id (numerically
// when both are numbers), so the same stories always give the same
// articles in the same order. Each article keeps its own story's outlet;
// the merged story's Outlet lists them, its keywords are those of all the
// stories (each once) and its timelines are all of theirs. Article ids
// must be unique across the stories (they are in Timeline17).
func Merge(name string, n int, stories ...*Story) *Story {
	type ranked struct {
		story string
		a     Article
	}
	var all []ranked
	m := &Story{Name: name}
	var outlets []string
	seen := map[string]bool{}
	for _, s := range stories {
		if !slices.Contains(outlets, s.Outlet) {
			outlets = append(outlets, s.Outlet)
		}
		for _, k := range s.Keywords {
			if !seen[k] {
				seen[k] = true
				m.Keywords = append(m.Keywords, k)
			}
		}
		m.Timelines = append(m.Timelines, s.Timelines...)
		for _, a := range s.Articles {
			if a.Outlet == "" {
				a.Outlet = s.Outlet
			}
			all = append(all, ranked{s.Name, a})
		}
	}
	m.Outlet = strings.Join(outlets, ", ")
	slices.SortStableFunc(all, func(x, y ranked) int {
		return cmp.Or(cmp.Compare(x.a.Time, y.a.Time), cmp.Compare(x.story, y.story), compareIDs(x.a.ID, y.a.ID))
	})
	if n > 0 && len(all) > n {
		all = all[:n]
	}
	m.Articles = make([]Article, len(all))
	for i, r := range all {
		m.Articles[i] = r.a
	}
	return m
}

// compareIDs orders ids numerically when both are numbers, as strings
// otherwise.
func compareIDs(x, y string) int {
	if allDigits(x) && allDigits(y) && x != "" && y != "" {
		x, y = strings.TrimLeft(x, "0"), strings.TrimLeft(y, "0")
		if c := cmp.Compare(len(x), len(y)); c != 0 {
			return c
		}
	}
	return cmp.Compare(x, y)
}

func readLines(path string, f func([]byte) error) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		if err := f(line); err != nil {
			return fmt.Errorf("%s:%d: %v", path, n, err)
		}
	}
	return sc.Err()
}

// WriteSite writes the story as a site into dir: dir/config.toml and
// dir/content/<id>.md, one article a file, with the outlet, the
// publication date, a title (the article's first sentence, shortened) and
// the body as one paragraph a sentence, as the corpus gives them.
func WriteSite(s *Story, dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		return err
	}
	cfg := fmt.Sprintf("title = %q\ndescription = %q\n", storyTitle(s), "Timeline17 story "+s.Name+", converted for evaluation.")
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(cfg), 0o644); err != nil {
		return err
	}
	for _, a := range s.Articles {
		outlet := s.Outlet
		if a.Outlet != "" {
			outlet = a.Outlet
		}
		if err := os.WriteFile(filepath.Join(dir, "content", FileName(a.ID)), []byte(Markdown(outlet, a)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func storyTitle(s *Story) string {
	if len(s.Keywords) > 0 {
		return strings.Join(s.Keywords, ", ") + " (" + s.Outlet + ")"
	}
	return s.Name
}

// FileName is the content file of an article id: a safe slug.
func FileName(id string) string {
	var b strings.Builder
	b.WriteString("a")
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		default:
			b.WriteByte('-')
		}
	}
	return b.String() + ".md"
}

// Markdown returns an article as a content file.
func Markdown(outlet string, a Article) string {
	var body strings.Builder
	var first string
	for _, line := range strings.Split(a.Text, "\n") {
		s := Detokenize(line)
		if s == "" {
			continue
		}
		if first == "" {
			first = s
		}
		body.WriteString(EscapeMarkdown(s))
		body.WriteString("\n\n")
	}
	var fm strings.Builder
	fm.WriteString("+++\n")
	fmt.Fprintf(&fm, "title = %q\n", titleOf(first, a.ID))
	fmt.Fprintf(&fm, "outlet = %q\n", outlet)
	fmt.Fprintf(&fm, "published = %s\n", a.Time)
	fm.WriteString("+++\n\n")
	return fm.String() + body.String()
}

// titleOf shortens an article's first sentence into a title of at most
// 100 characters, cut at a word.
func titleOf(first, id string) string {
	if first == "" {
		return "Article " + id
	}
	const max = 100
	if len(first) <= max {
		return first
	}
	cut := strings.LastIndexByte(first[:max], ' ')
	if cut < 40 {
		cut = max
		for cut > 0 && first[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
			cut--
		}
	}
	return strings.TrimRight(first[:cut], " ,;:-") + "…"
}

// brackets are the Penn-Treebank escapes of brackets.
var brackets = map[string]string{
	"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
}

// Detokenize undoes the Penn-Treebank tokenization of one sentence:
// bracket escapes, “ and ” quotes (as typographic quotes), split
// contractions ("do n't", "it 's") and spaces before punctuation or inside
// brackets and quotes.
func Detokenize(line string) string {
	toks := strings.Fields(line)
	var b strings.Builder
	noSpace := true // no space before the next token
	quoteOpen := false
	for _, t := range toks {
		if r, ok := brackets[t]; ok {
			t = r
		}
		attach := false // attach to the previous token
		openAfter := false
		switch {
		case t == "``":
			t, openAfter, quoteOpen = "“", true, true
		case t == "''":
			t, attach, quoteOpen = "”", true, false
		case t == "`":
			t, openAfter = "‘", true
		case t == `"`:
			if quoteOpen {
				t, attach = "”", true
			} else {
				t, openAfter = "“", true
			}
			quoteOpen = !quoteOpen
		case t == "(" || t == "[" || t == "{" || t == "$" || t == "#":
			openAfter = true
		case t == ")" || t == "]" || t == "}":
			attach = true
		case isPunct(t):
			attach = true
		case isClitic(t):
			attach = true
		case t == "'" && b.Len() > 0:
			attach = true
		}
		if b.Len() > 0 && !attach && !noSpace {
			b.WriteByte(' ')
		}
		b.WriteString(t)
		noSpace = openAfter
	}
	return strings.TrimSpace(b.String())
}

func isPunct(t string) bool {
	switch t {
	case ",", ".", ";", ":", "!", "?", "%", "...", "..":
		return true
	}
	return false
}

func isClitic(t string) bool {
	switch strings.ToLower(t) {
	case "n't", "'s", "'re", "'ve", "'m", "'ll", "'d", "’s", "’re", "’ve", "’m", "’ll", "’d":
		return true
	}
	return false
}

// EscapeMarkdown escapes what Markdown would read as markup in a line of
// plain prose, so that the paragraph renders as the text it is.
func EscapeMarkdown(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&':
			b.WriteByte('\\')
		case '#', '+', '-', '=':
			if i == 0 {
				b.WriteByte('\\')
			}
		case '.', ')':
			if allDigits(s[:i]) && i > 0 {
				b.WriteByte('\\') // "1." would start a list
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
