// Package synth writes deterministic synthetic timeline sites for
// benchmarks and tests: a config.toml and N news articles under content/,
// with realistic bodies (several paragraphs of dated, attributed sentences,
// quoted speech, apostrophes, the odd link and emphasis), a few outlets,
// publication dates spread over two years and, unless disabled, a few
// hand-declared [[event]] tables per article whose quotes are sentences of
// the body. Some events are declared by several articles under one id, so
// the built site has events citing several sources.
//
// The same Options always give byte-identical files, on every machine:
//
//	n, err := synth.Write(dir, synth.Options{Articles: 10000, Seed: 1})
//	// then: timeline build --source dir
//
// Every generated article is valid for timeline build.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options says what site to write. The zero value writes 100 articles with
// declared events from seed 0.
type Options struct {
	// Articles is the number of articles; 0 means 100.
	Articles int
	// Seed selects the pseudo-random content; the same seed and options
	// give the same site.
	Seed uint64
	// NoEvents leaves out the [[event]] tables: the articles then declare no
	// events, like the bundled seed site.
	NoEvents bool
	// BaseURL is written to config.toml as base_url when not empty.
	BaseURL string
}

// Stats describes a written site.
type Stats struct {
	Articles int
	// Declared is the number of [[event]] tables written; Events the number
	// of distinct events they make (tables sharing an id are one event).
	Declared, Events int
	Bytes            int64 // total size of the files written
}

// Write writes the site into dir (created if needed): dir/config.toml and
// dir/content/<year>/<outlet>-<n>.md.
func Write(dir string, opts Options) (Stats, error) {
	if opts.Articles <= 0 {
		opts.Articles = 100
	}
	g := &gen{r: rand.New(rand.NewPCG(opts.Seed, 0x7469_6d65_6c69_6e65)), shared: map[int]sharedEvent{}}
	var st Stats
	cfg := "title = \"Synthetic timeline\"\ndescription = \"A generated site for benchmarks.\"\n"
	if opts.BaseURL != "" {
		cfg += fmt.Sprintf("base_url = %q\n", opts.BaseURL)
	}
	if err := writeFile(filepath.Join(dir, "config.toml"), cfg, &st); err != nil {
		return st, err
	}
	events := map[string]bool{}
	for i := 0; i < opts.Articles; i++ {
		a := g.article(i, !opts.NoEvents)
		for _, e := range a.events {
			st.Declared++
			key := e.id
			if key == "" {
				key = fmt.Sprintf("#%d-%s", i, e.quote)
			}
			events[key] = true
		}
		p := filepath.Join(dir, "content", fmt.Sprint(a.year), fmt.Sprintf("%s-%05d.md", a.outletSlug, i))
		if err := writeFile(p, a.markdown(), &st); err != nil {
			return st, err
		}
		st.Articles++
	}
	st.Events = len(events)
	return st, nil
}

func writeFile(p, s string, st *Stats) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	st.Bytes += int64(len(s))
	return os.WriteFile(p, []byte(s), 0o644)
}

// gen holds the random source and the events shared between articles.
type gen struct {
	r      *rand.Rand
	shared map[int]sharedEvent // story number → its shared event
}

// sharedEvent is an event several articles declare under one id.
type sharedEvent struct {
	id, date, headline string
}

type article struct {
	title, outlet, outletSlug, url, author, summary string
	year, month, day                                int
	tags                                            []string
	paragraphs                                      [][]string // sentences
	events                                          []event
}

type event struct {
	id, date, mod, headline, quote string
}

var outlets = []struct{ name, slug, host string }{
	{"Harbour Gazette", "gazette", "gazette.example.com"},
	{"The Courier", "courier", "courier.example.org"},
	{"Evening Ledger", "ledger", "ledger.example.net"},
	{"Radio Meridian", "meridian", "meridian.example.com"},
	{"The Northern Post", "post", "post.example.org"},
	{"Daily Almanac", "almanac", "almanac.example.net"},
	{"Coastal Times", "coastal", "coastal.example.com"},
}

var (
	people = []string{"the mayor", "the city engineer", "a council spokeswoman", "the transport minister", "the harbour master",
		"an opposition councillor", "the police chief", "a union representative", "the finance director", "the regional governor"}
	names    = []string{"Ann Example", "Jon Sample", "Maria Placeholder", "Idris Testwell", "Li Mockford", "Sofia Dummett", "Omar Fixture"}
	subjects = []string{"The council", "The ministry", "Engineers", "Inspectors", "The port authority", "Residents", "The contractor",
		"Union members", "The regional government", "Investigators", "Auditors", "The city's transport agency"}
	actions = []string{"approved a repair budget for the bridge", "closed the northern approach road", "opened an inquiry into the delays",
		"signed a contract for new girders", "reported cracks in two steel beams", "voted to extend the night ferry service",
		"published a report on the collapse risk", "suspended work on the tunnel", "announced a public consultation",
		"raised the toll for heavy lorries", "reopened the pedestrian walkway", "found corrosion in the cable anchors",
		"held talks with the shipping companies", "agreed to compensate local shops", "rejected the builder's revised schedule"}
	whens   = []string{"on %s", "in %s", "earlier in %s", "late on %s", "by the end of %s", "during the week of %s"}
	fillers = []string{
		"Traffic on the coastal road was heavier than usual as drivers looked for other routes.",
		"Shopkeepers near the harbour said their takings had fallen sharply since the closure.",
		"The city's own figures show that about 40,000 vehicles crossed the bridge every day before the works began.",
		"Critics say the maintenance budget was cut three years in a row.",
		"Ferry operators added extra sailings at peak hours.",
		"Officials declined to say how long the review would take.",
		"The original structure dates from 1931 and was widened in the 1970s.",
		"Cyclists have been allowed to use the temporary footbridge since the spring.",
		"A petition calling for a second crossing has gathered more than 12,000 signatures.",
		"The harbour's fishing fleet was not affected by the restrictions.",
		"Several schools changed their bus routes to avoid the area.",
		"Insurance claims from local businesses are still being assessed.",
	}
	quotesSaid = []string{"We will not take any risk with public safety", "The work is on schedule and within budget",
		"Nobody told us anything until the barriers went up", "This is the most serious problem the bridge has had in decades",
		"We expect the first lanes to reopen before winter", "The figures speak for themselves"}
	months  = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	tagList = []string{"bridge", "transport", "council", "budget", "harbour", "safety", "inquiry", "ferry"}
)

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// article makes article number i.
func (g *gen) article(i int, withEvents bool) *article {
	o := outlets[g.r.IntN(len(outlets))]
	a := &article{outlet: o.name, outletSlug: o.slug}
	// Publication dates spread over 2013 and 2014, in order of i with noise.
	day := g.r.IntN(730)
	a.year, a.month, a.day = dateOf(day)
	a.author = names[g.r.IntN(len(names))]
	a.url = fmt.Sprintf("https://%s/%d/%02d/%02d/story-%d", o.host, a.year, a.month, a.day, i)
	subj, act := g.pick(subjects), g.pick(actions)
	a.title = fmt.Sprintf("%s %s", subj, act)
	if g.r.IntN(3) == 0 {
		a.summary = fmt.Sprintf("%s, %s said.", capitalize(act), g.pick(people))
	}
	for _, t := range tagList {
		if g.r.IntN(4) == 0 {
			a.tags = append(a.tags, t)
		}
	}
	np := 4 + g.r.IntN(4)
	for p := 0; p < np; p++ {
		var para []string
		ns := 2 + g.r.IntN(3)
		for s := 0; s < ns; s++ {
			para = append(para, g.sentence(a, day))
		}
		a.paragraphs = append(a.paragraphs, para)
	}
	if withEvents {
		g.declare(a, i, day)
	}
	return a
}

// dateOf returns the calendar date of day n counted from 1 January 2013.
func dateOf(n int) (y, m, d int) {
	y, m, d = 2013, 1, 1+n
	for {
		dim := daysIn(y, m)
		if d <= dim {
			return y, m, d
		}
		d -= dim
		if m++; m > 12 {
			m, y = 1, y+1
		}
	}
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// sentence makes one sentence of the body of a, published on day.
func (g *gen) sentence(a *article, day int) string {
	switch g.r.IntN(6) {
	case 0:
		return g.pick(fillers)
	case 1:
		return fmt.Sprintf("\"%s,\" %s said.", g.pick(quotesSaid), g.pick(people))
	case 2:
		y, m, _ := dateOf(max(0, day-g.r.IntN(90)))
		return fmt.Sprintf("%s %s in %s %d, according to %s.", g.pick(subjects), g.pick(actions), months[m-1], y, g.pick(people))
	case 3:
		return fmt.Sprintf("%s %s, the *%s* reported.", g.pick(subjects), g.pick(actions), a.outlet)
	case 4:
		return fmt.Sprintf("According to [the published minutes](https://%s/minutes/%d), %s %s.", "records.example.gov", g.r.IntN(900)+100,
			strings.ToLower(g.pick(subjects)), g.pick(actions))
	}
	return fmt.Sprintf("%s %s, %s told reporters.", g.pick(subjects), g.pick(actions), g.pick(people))
}

// declare adds one to three [[event]] tables to a, each quoting a new
// dated sentence inserted in the body. About one event in three belongs to
// a story several articles report under one id.
func (g *gen) declare(a *article, i, day int) {
	n := 1 + g.r.IntN(3)
	for k := 0; k < n; k++ {
		y, m, d := dateOf(max(0, day-g.r.IntN(60)))
		var e event
		var when string
		switch g.r.IntN(4) {
		case 0:
			e.date = fmt.Sprintf("%04d-%02d", y, m)
			when = fmt.Sprintf(g.pick(whens[1:3]), fmt.Sprintf("%s %d", months[m-1], y))
		case 1:
			e.date = fmt.Sprintf("%04d-%02d", y, m)
			e.mod = []string{"START", "MID", "END"}[g.r.IntN(3)]
			when = fmt.Sprintf("in %s %s %d", map[string]string{"START": "early", "MID": "mid-", "END": "late"}[e.mod], months[m-1], y)
			when = strings.Replace(when, "mid- ", "mid-", 1)
		default:
			e.date = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
			when = fmt.Sprintf("on %s %d, %d", months[m-1], d, y)
		}
		subj, act := g.pick(subjects), g.pick(actions)
		e.quote = fmt.Sprintf("%s %s %s, %s said.", subj, act, when, g.pick(people))
		e.headline = fmt.Sprintf("%s %s", subj, act)
		if g.r.IntN(3) == 0 {
			// A story shared by articles published close together.
			story := day / 20
			se, ok := g.shared[story]
			if !ok {
				se = sharedEvent{id: fmt.Sprintf("story-%d-%d", a.year, story), date: e.date, headline: e.headline}
				g.shared[story] = se
			}
			if !hasID(a.events, se.id) {
				e.id, e.date, e.mod, e.headline = se.id, se.date, "", se.headline
			}
		}
		// Insert the quoted sentence into a paragraph.
		p := g.r.IntN(len(a.paragraphs))
		s := g.r.IntN(len(a.paragraphs[p]) + 1)
		para := append([]string{}, a.paragraphs[p][:s]...)
		para = append(para, e.quote)
		a.paragraphs[p] = append(para, a.paragraphs[p][s:]...)
		a.events = append(a.events, e)
	}
}

func hasID(events []event, id string) bool {
	for _, e := range events {
		if e.id == id {
			return true
		}
	}
	return false
}

// markdown renders the article as a content file.
func (a *article) markdown() string {
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %q\noutlet = %q\npublished = %04d-%02d-%02d\nurl = %q\nauthor = %q\n", a.title, a.outlet, a.year, a.month, a.day, a.url, a.author)
	if a.summary != "" {
		fmt.Fprintf(&b, "summary = %q\n", a.summary)
	}
	if len(a.tags) > 0 {
		fmt.Fprintf(&b, "tags = [%s]\n", quoteList(a.tags))
	}
	for _, e := range a.events {
		b.WriteString("\n[[event]]\n")
		if e.id != "" {
			fmt.Fprintf(&b, "id = %q\n", e.id)
		}
		fmt.Fprintf(&b, "date = %q\n", e.date)
		if e.mod != "" {
			fmt.Fprintf(&b, "mod = %q\n", e.mod)
		}
		fmt.Fprintf(&b, "headline = %q\nquote = %q\n", e.headline, e.quote)
	}
	b.WriteString("+++\n")
	for i, p := range a.paragraphs {
		b.WriteString("\n")
		if i == 2 && len(a.paragraphs) > 4 {
			b.WriteString("## Background\n\n")
		}
		b.WriteString(strings.Join(p, " "))
		b.WriteString("\n")
	}
	return b.String()
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
