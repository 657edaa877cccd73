package newscorpus

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Words bound the length of an article's body.
const (
	MinWords = 600
	MaxWords = 900
)

// Article is one generated article.
type Article struct {
	Index     int
	Path      string // below content/, with slashes: "2014/herald-000123.md"
	Title     string
	Outlet    string
	URL       string
	Author    string
	Published time.Time
	Tags      []string
	Thread    *Thread
	Reports   []Report // the dated sentences that report happenings, in text order
	Families  map[Family]int
	Body      string // Markdown
	Words     int    // of the body
}

// Report is a sentence of an article that reports a happening, dated by
// the expression Expr.
type Report struct {
	Happening *Happening
	Expr      string
	Family    Family
	Sentence  string
}

// writer builds one article's body.
type writer struct {
	g     *rng
	o     *outlet
	t     *Thread
	a     *Article
	seen  map[int]bool // people named so far
	used  map[string]bool
	paras [][]string
	words int
	vox   int  // residents quoted
	year  bool // the last filler named a year
}

// Article returns article number i of a corpus drawn from seed over the
// world w. Articles are independent: each has its own random numbers, so
// they can be made in any order, or in parallel.
func (w *World) Article(i int, seed uint64) *Article {
	g := newRNG(seed, uint64(i)+1)
	t := w.thread(g)
	o := &outlets[g.IntN(len(outlets))]
	lead := t.Happenings[g.IntN(len(t.Happenings))]
	lag := 0
	switch x := g.Float64(); {
	case x < 0.45:
		lag = 1
	case x < 0.7:
		lag = 0
	case x < 0.85:
		lag = 2
	default:
		lag = 3 + g.IntN(4)
	}
	pub := lead.Day.AddDate(0, 0, lag)
	a := &Article{
		Index: i, Outlet: o.name, Published: pub, Thread: t, Families: map[Family]int{},
		Path:   fmt.Sprintf("%d/%s-%06d.md", pub.Year(), o.slug, i),
		Author: g.pick(o.authors),
		Tags:   []string{t.Topic, strings.ToLower(t.town)},
	}
	a.Title = lead.Head()
	a.URL = fmt.Sprintf("https://%s/%d/%02d/%02d/%s-%d", o.host, pub.Year(), pub.Month(), pub.Day(), slug(a.Title), i)
	wr := &writer{g: g, o: o, t: t, a: a, seen: map[int]bool{}, used: map[string]bool{}}
	wr.write(lead, pub)
	return a
}

// write lays out the body: the lead happening, quotes, the other recent
// happenings, background with older happenings, what comes next, and
// undated context up to the article's length.
func (wr *writer) write(lead *Happening, pub time.Time) {
	g, t := wr.g, wr.t
	var recent, older []*Happening
	var next *Happening
	for _, h := range t.Happenings {
		switch d := days(h.Day, pub); {
		case h == lead:
		case d >= 0 && d <= 13 && len(recent) < 5:
			recent = append(recent, h)
		case d > 13:
			older = append(older, h)
		case d < 0 && d >= -30 && next == nil && h.tmpl.plan != "":
			next = h
		}
	}
	older = wr.choose(older, 5+g.IntN(6))

	target := MinWords + g.IntN(MaxWords-MinWords+1)
	// The lead.
	p := []string{wr.report(lead, pub, false)}
	if wr.o.dateline {
		p[0] = strings.ToUpper(lead.place) + " — " + p[0]
	}
	p = append(p, wr.details(lead, 1+g.IntN(2))...)
	if g.chance(0.7) {
		p = append(p, wr.quote(lead))
	}
	wr.add(p)
	wr.add([]string{wr.detailOr(lead), wr.filler(false)})
	// The days before.
	slices.Reverse(recent)
	for _, h := range recent {
		p := []string{wr.report(h, pub, false)}
		p = append(p, wr.details(h, 1+g.IntN(2))...)
		if g.chance(0.3) {
			p = append(p, wr.quote(h))
		}
		wr.add(p)
	}
	wr.add([]string{wr.filler(false), wr.filler(false)})
	// Background: the story so far.
	if len(older) > 0 && wr.o.heading {
		wr.add([]string{"## Background"})
	}
	for j := 0; j < len(older); j += 2 {
		p := []string{wr.report(older[j], pub, j == 0 && older[j] == t.Happenings[0])}
		p = append(p, wr.details(older[j], g.IntN(2))...)
		if j+1 < len(older) {
			p = append(p, wr.report(older[j+1], pub, false))
		}
		wr.add(p)
	}
	if next != nil && g.chance(0.6) {
		expr, fam := future(g, wr.o, next.Day, pub)
		s := capitalize(expand(next.tmpl.plan, next, wr.seen)) + " " + expr + "."
		wr.a.Reports = append(wr.a.Reports, Report{next, expr, fam, s})
		wr.a.Families[fam]++
		wr.add([]string{s})
	}
	// Context to reach the article's length, between the paragraphs after
	// the lead: background facts, and now and then what a resident says.
	for wr.words < target {
		var p []string
		for range 2 + g.IntN(3) {
			s := wr.filler(g.chance(0.5))
			if s == "" || g.chance(0.01) {
				if wr.vox > 0 && wr.words >= MinWords {
					break
				}
				wr.vox++
				s = wr.voxPop()
			}
			n := len(strings.Fields(s))
			if wr.words+n > target && wr.words >= MinWords {
				break
			}
			p = append(p, s)
			wr.words += n
			if wr.year {
				// A year dates the sentences after it in its paragraph.
				wr.year = false
				break
			}
		}
		if len(p) == 0 {
			break
		}
		at := 2 + g.IntN(len(wr.paras)-1)
		wr.paras = slices.Insert(wr.paras, at, p)
	}
	var b strings.Builder
	for i, p := range wr.paras {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(strings.Join(p, " "))
		b.WriteString("\n")
	}
	wr.a.Body = b.String()
	wr.a.Words = len(strings.Fields(wr.a.Body))
}

// add appends a paragraph of the sentences that are not "".
func (wr *writer) add(p []string) {
	p = slices.DeleteFunc(p, func(s string) bool { return s == "" })
	if len(p) == 0 {
		return
	}
	for i, s := range p {
		p[i] = capitalize(s)
	}
	wr.paras = append(wr.paras, p)
	for _, s := range p {
		wr.words += len(strings.Fields(s))
	}
}

// choose picks up to n of the older happenings, those that matter most
// more often, and the story's first most often of all; in date order.
func (wr *writer) choose(hs []*Happening, n int) []*Happening {
	if len(hs) <= n {
		return hs
	}
	var out []*Happening
	if hs[0] == wr.t.Happenings[0] && wr.g.chance(0.6) {
		out = append(out, hs[0])
	}
	for len(out) < n {
		total := 0
		for _, h := range hs {
			if !slices.Contains(out, h) {
				total += h.tmpl.weight
			}
		}
		x := wr.g.IntN(total)
		for _, h := range hs {
			if slices.Contains(out, h) {
				continue
			}
			if x -= h.tmpl.weight; x < 0 {
				out = append(out, h)
				break
			}
		}
	}
	slices.SortFunc(out, func(a, b *Happening) int { return a.Day.Compare(b.Day) })
	return out
}

// report writes the sentence reporting h in the outlet's words: the
// phrasing it prefers for h (now and then another) and where it puts the
// date.
func (wr *writer) report(h *Happening, pub time.Time, first bool) string {
	g := wr.g
	expr, fam := past(g, wr.o, h.Day, pub)
	v := (wr.o.variant + h.ID) % len(h.tmpl.past)
	if g.chance(0.25) {
		v = g.IntN(len(h.tmpl.past))
	}
	clause := expand(h.tmpl.past[v], h, wr.seen)
	wr.durations(h.tmpl.past[v])
	var s string
	switch {
	case first && g.chance(0.5):
		s = "It began " + expr + ", when " + clause + "."
	case g.IntN(10) < wr.o.startFrame:
		s = capitalize(expr) + ", " + clause + "."
	default:
		s = capitalize(clause) + " " + expr + "."
	}
	wr.a.Reports = append(wr.a.Reports, Report{h, expr, fam, s})
	wr.a.Families[fam]++
	return s
}

// durations counts the durations a template writes.
func (wr *writer) durations(tmpl string) {
	for _, u := range []string{"{H} hours", "{H} days", "{H} weeks", "{H} years", "{H} months"} {
		if strings.Contains(tmpl, u) {
			wr.a.Families[Duration]++
		}
	}
}

// details are up to n sentences that go on telling h, not used yet.
func (wr *writer) details(h *Happening, n int) []string {
	var out []string
	for _, d := range details[h.tmpl.head] {
		if len(out) == n {
			break
		}
		if s := expand(d, h, wr.seen); !wr.used[s] && wr.g.chance(0.7) {
			wr.used[s] = true
			out = append(out, s)
		}
	}
	return out
}

// detailOr is a detail of h, or else some context.
func (wr *writer) detailOr(h *Happening) string {
	if d := wr.details(h, 1); len(d) > 0 {
		return d[0]
	}
	return wr.filler(false)
}

// quote is what one of the story's people said about h, as every outlet
// quoting it has it (the outlet frames it its own way); "" when the
// article quoted it already.
func (wr *writer) quote(h *Happening) string {
	if wr.used[h.quote] {
		return ""
	}
	wr.used[h.quote] = true
	who := expand([]string{"{A}", "{B}", "{E}"}[h.who], h, wr.seen)
	switch (wr.o.variant + wr.g.IntN(2)) % 3 {
	case 0:
		return fmt.Sprintf("“%s,” %s said.", h.quote, who)
	case 1:
		return fmt.Sprintf("“%s,” said %s.", h.quote, who)
	}
	return fmt.Sprintf("%s told reporters: “%s.”", capitalize(who), h.quote)
}

// voxPop is what a resident of the story's town says.
func (wr *writer) voxPop() string {
	g := wr.g
	op := g.pick(opinions)
	name := g.pick(firstNames) + " " + g.pick(surnames)
	if g.chance(0.5) {
		return fmt.Sprintf("“%s,” said %s, %s in %s.", op, name, indefinite(g.pick(occupations)), wr.t.town)
	}
	return fmt.Sprintf("%s, a %d-year-old %s, said: “%s.”", name, 19+g.IntN(60), g.pick(occupations), op)
}

// filler is a sentence of undated context the article has not used yet,
// or "". With year, it may be one that names a year of the past (the
// company's foundation).
func (wr *writer) filler(year bool) string {
	g := wr.g
	pools := [][]string{wr.t.topic.fillers, genericFillers}
	if g.chance(0.5) {
		pools[0], pools[1] = pools[1], pools[0]
	}
	for _, pool := range pools {
		var free []string
		for _, s := range pool {
			if !wr.used[s] && (year || !strings.Contains(s, "{Y}")) {
				free = append(free, s)
			}
		}
		if len(free) == 0 {
			continue
		}
		s := g.pick(free)
		wr.used[s] = true
		if strings.Contains(s, "{Y}") {
			wr.a.Families[Year]++
			wr.year = true
		}
		return capitalize(expand(s, wr.t.Happenings[0], wr.seen))
	}
	return ""
}

// indefinite puts "a" or "an" before a noun.
func indefinite(noun string) string {
	if strings.ContainsAny(noun[:1], "aeiou") {
		return "an " + noun
	}
	return "a " + noun
}

// slug is s in lower case, its words joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}
