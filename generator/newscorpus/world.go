package newscorpus

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"
)

// Start and End bound the world's time: every happening and every
// publication falls between them.
var (
	Start = time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
	End   = time.Date(2015, 12, 31, 0, 0, 0, 0, time.UTC)
)

// ArticlesPerThread is the mean number of articles a story thread gets.
const ArticlesPerThread = 20

// rng is the generator's source of pseudo-random numbers: PCG, so that the
// same seed gives the same numbers on every machine and Go version.
type rng struct{ *rand.Rand }

func newRNG(seed, stream uint64) *rng {
	return &rng{rand.New(rand.NewPCG(seed, stream^0x6e65_7773_636f_7270))}
}

func (g *rng) pick(list []string) string { return list[g.IntN(len(list))] }

// chance reports true with probability p.
func (g *rng) chance(p float64) bool { return g.Float64() < p }

// World is the story threads the articles tell, drawn from a seed before
// any article is written.
type World struct {
	Threads    []*Thread
	Happenings []*Happening // every thread's, in thread order then date order
	cum        []float64    // cumulative thread weights, to draw an article's thread
}

// Thread is one story: a topic, a cast and the happenings it is made of,
// over a few weeks to about a year.
type Thread struct {
	ID         int
	Topic      string
	topic      *topic
	Happenings []*Happening // in date order
	people     [3]person
	orgs       [2]string
	town       string // {T}
	country    string // {F}
	n2, v, k   int    // {N2}, {V}, {K}
	year       int    // {Y}
	weight     float64
}

// Happening is something that happened on one day: what, where, who.
// Articles published after it report it, each in its outlet's words.
type Happening struct {
	ID     int // index in World.Happenings
	Thread *Thread
	Day    time.Time
	tmpl   *template
	place  string
	x      string
	n, n3  int
	m, m2  float64
	q      float64
	h      string
	quote  string // what one of the thread's people said about it
	who    int    // who: the index of {A}, {B}, {E}
}

// Head is the happening's headline, with the thread's names filled in.
func (h *Happening) Head() string {
	return capitalize(expand(h.tmpl.head, h, nil))
}

type person struct{ title, first, last string }

// NewWorld draws the world of a corpus of n articles from seed: about one
// thread per ArticlesPerThread articles, each with 7 to 17 happenings
// over six weeks to fourteen months.
func NewWorld(n int, seed uint64) *World {
	g := newRNG(seed, 0)
	threads := max(4, (n+ArticlesPerThread-1)/ArticlesPerThread)
	w := &World{}
	span := int(End.Sub(Start).Hours()/24) + 1
	total := 0.0
	for i := range threads {
		t := &Thread{ID: i, topic: &topics[g.IntN(len(topics))]}
		t.Topic = t.topic.name
		t.town = town(g)
		t.country = g.pick(countries)
		t.n2 = 500 + 100*g.IntN(80)
		t.v = 5000 * (4 + g.IntN(60))
		t.k = 20 + g.IntN(300)
		t.year = 1920 + g.IntN(80)
		t.orgs[0], t.orgs[1] = t.topic.org(g)
		for j, o := range t.orgs {
			t.orgs[j] = strings.ReplaceAll(o, "{T}", t.town)
		}
		used := map[string]bool{}
		for j := range t.people {
			for {
				p := person{title: t.topic.titles[j], first: g.pick(firstNames), last: g.pick(surnames)}
				if !used[p.last] {
					used[p.last] = true
					t.people[j] = p
					break
				}
			}
		}
		// Some stories are followed much more than others.
		t.weight = 0.3 + g.ExpFloat64()
		total += t.weight
		w.cum = append(w.cum, total)

		length := 45 + g.IntN(375)
		first := g.IntN(span - length - 7)
		tms := t.topic.story(g, 8+g.IntN(9))
		k := len(tms)
		days := make([]int, 0, k)
		seen := map[int]bool{}
		for len(days) < k {
			d := first + g.IntN(length)
			if len(days) == 0 {
				d = first
			}
			if !seen[d] && !seen[d-1] && !seen[d+1] {
				seen[d] = true
				days = append(days, d)
			}
		}
		sort.Ints(days)
		for j, d := range days {
			tm := tms[j]
			h := &Happening{ID: len(w.Happenings), Thread: t, Day: Start.AddDate(0, 0, d), tmpl: tm}
			h.place = t.town
			if g.chance(0.3) {
				h.place = town(g)
			}
			if len(tm.x) > 0 {
				h.x = g.pick(tm.x)
			}
			h.n = 100 * (2 + g.IntN(120))
			h.n3 = 2 + g.IntN(58)
			h.m = float64(5 + g.IntN(300))
			h.m2 = h.m * (1.2 + 0.1*float64(g.IntN(8)))
			h.q = float64(15+g.IntN(70)) / 2
			h.h = g.pick(hoursWords)
			if g.chance(0.7) {
				h.quote = g.pick(t.topic.quotes)
			} else {
				h.quote = g.pick(genericQuotes)
			}
			h.who = []int{0, 0, 1, 2}[g.IntN(4)]
			t.Happenings = append(t.Happenings, h)
			w.Happenings = append(w.Happenings, h)
		}
		w.Threads = append(w.Threads, t)
	}
	return w
}

// again lists, by topic, the happenings that may happen more than once in
// a story (more talks, another protest); the others happen once.
var again = map[string][]int{
	"labour": {2, 3, 4, 5}, "corruption": {2, 3}, "infrastructure": {3, 4, 5, 6}, "election": {2, 3},
	"disaster": {1, 2, 3, 5}, "diplomacy": {1, 2, 4, 5}, "business": {2, 6}, "health": {1, 3, 5},
}

// story draws the happenings of a story of about k: the topic's first,
// then its middle ones in order (some left out, some again), and its last
// most of the time.
func (tp *topic) story(g *rng, k int) []*template {
	type item struct {
		t     *template
		order float64
	}
	var mid []item
	last := len(tp.events) - 1
	for i := 1; i < last; i++ {
		mid = append(mid, item{&tp.events[i], float64(i)})
	}
	for len(mid) < k-2 {
		i := again[tp.name][g.IntN(len(again[tp.name]))]
		mid = append(mid, item{&tp.events[i], float64(i) + 2*g.Float64() - 1})
	}
	for len(mid) > k-2 {
		i := g.IntN(len(mid))
		mid = slices.Delete(mid, i, i+1)
	}
	slices.SortStableFunc(mid, func(a, b item) int { return cmp.Compare(a.order, b.order) })
	out := []*template{&tp.events[0]}
	for _, it := range mid {
		out = append(out, it.t)
	}
	if g.chance(0.6) {
		out = append(out, &tp.events[last])
	}
	return out
}

// thread draws the thread of an article, the big stories more often.
func (w *World) thread(g *rng) *Thread {
	x := g.Float64() * w.cum[len(w.cum)-1]
	i := sort.SearchFloat64s(w.cum, x)
	return w.Threads[min(i, len(w.Threads)-1)]
}

func town(g *rng) string { return g.pick(townHeads) + g.pick(townTails) }

// expand fills the slots of s for happening h. seen, when not nil, holds
// the people the article has named already (by surname after the first
// time) and is updated.
func expand(s string, h *Happening, seen map[int]bool) string {
	t := h.Thread
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '{' {
			b = append(b, s[i])
			continue
		}
		j := i + 1
		for j < len(s) && s[j] != '}' {
			j++
		}
		key := s[i+1 : j]
		i = j
		var v string
		switch key {
		case "A", "B", "E":
			k := map[string]int{"A": 0, "B": 1, "E": 2}[key]
			p := t.people[k]
			if seen == nil {
				v = p.last
			} else if seen[k] {
				v = p.last
			} else {
				seen[k] = true
				v = expand(p.title, h, nil) + " " + p.first + " " + p.last
			}
		case "C":
			v = t.orgs[0]
		case "D":
			v = t.orgs[1]
		case "P":
			v = h.place
		case "T":
			v = t.town
		case "F":
			v = t.country
		case "S":
			v = expand(t.topic.subject, h, nil)
		case "X":
			v = h.x
		case "N":
			v = thousands(h.n)
		case "N2":
			v = thousands(t.n2)
		case "N3":
			v = fmt.Sprint(h.n3)
		case "M":
			v = money(h.m)
		case "M2":
			v = money(h.m2)
		case "Q":
			v = trimFloat(h.q)
		case "H":
			v = h.h
		case "Y":
			v = fmt.Sprint(t.year)
		case "V":
			v = thousands(t.v)
		case "K":
			v = fmt.Sprint(t.k)
		default:
			panic("newscorpus: unknown slot {" + key + "} in " + s)
		}
		b = append(b, v...)
	}
	return string(b)
}

func thousands(n int) string {
	if n < 1000 {
		return fmt.Sprint(n)
	}
	return fmt.Sprintf("%d,%03d", n/1000, n%1000)
}

// money is an amount in millions, before the word "million".
func money(m float64) string { return "$" + trimFloat(m) }

func trimFloat(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
