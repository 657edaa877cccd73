package timeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/internal/jsonstream"
	"github.com/timeline-dev/timeline/generator/timex"
)

// Previous is the timeline of the last build, as its events.json has it:
// Build matches its events against it, so that an event keeps its id from
// build to build whatever its content now derives (see ids.go), and the
// ids an event had answer with a redirect to its page (Event.Aliases).
type Previous struct {
	Events []PreviousEvent `json:"events"`
}

// PreviousEvent is an event of the last build: its id, the ids it
// answered to, and the sentences it cited.
type PreviousEvent struct {
	ID        string             `json:"id"`
	Aliases   []string           `json:"aliases"`
	Citations []PreviousCitation `json:"citations"`
}

// PreviousCitation is a sentence an event of the last build cited.
type PreviousCitation struct {
	Article string      `json:"article"`
	Quote   string      `json:"quote"`
	Value   timex.Value `json:"value"`
}

// ReadPrevious reads the events of an events.json. Events without a
// valid id are left out.
//
// The file is read event by event (package jsonstream), its articles
// skipped one at a time: it is never held whole (65 MB for 10,000
// generated articles). A file not in the shape a build writes is decoded
// whole, as before, when r is an io.Seeker.
func ReadPrevious(r io.Reader) (*Previous, error) {
	var p Previous
	var skip skipValue
	err := jsonstream.DecodeObject(r, []jsonstream.Field{
		{Name: "articles", Start: func() {}, Elem: func(d *json.Decoder) error { return d.Decode(&skip) }},
		{Name: "events", Start: func() { p.Events = nil }, Elem: func(d *json.Decoder) error {
			p.Events = append(p.Events, PreviousEvent{})
			return d.Decode(&p.Events[len(p.Events)-1])
		}},
	})
	if errors.Is(err, jsonstream.ErrUnusual) {
		sk, ok := r.(io.Seeker)
		if !ok {
			return nil, fmt.Errorf("events.json: %v", err)
		}
		if _, err := sk.Seek(0, io.SeekStart); err != nil {
			return nil, fmt.Errorf("events.json: %v", err)
		}
		p = Previous{}
		err = json.NewDecoder(r).Decode(&p)
	}
	if err != nil {
		return nil, fmt.Errorf("events.json: %v", err)
	}
	keepValid(&p)
	return &p, nil
}

// keepValid leaves out the events without a valid id, and the aliases
// that are not valid ids.
func keepValid(p *Previous) {
	kept := p.Events[:0]
	for _, e := range p.Events {
		if content.ValidID(e.ID) {
			e.Aliases = slices.DeleteFunc(e.Aliases, func(a string) bool { return !content.ValidID(a) })
			kept = append(kept, e)
		}
	}
	p.Events = kept
}

// skipValue is any JSON value, read and left: an article of events.json,
// which Previous has nothing of.
type skipValue struct{}

func (*skipValue) UnmarshalJSON([]byte) error { return nil }

// PreviousOf returns the previous timeline that a model is, for a build
// after it.
func PreviousOf(m *Model) *Previous {
	p := &Previous{Events: make([]PreviousEvent, len(m.Events))}
	for i, e := range m.Events {
		p.Events[i] = previousEvent(e)
	}
	return p
}

func previousEvent(e *Event) PreviousEvent {
	pe := PreviousEvent{ID: e.ID, Aliases: e.Aliases, Citations: make([]PreviousCitation, len(e.Citations))}
	for k, c := range e.Citations {
		pe.Citations[k] = PreviousCitation{Article: c.Article, Quote: c.Quote, Value: c.Value}
	}
	return pe
}

// prevIndex finds the events of the last build that cited a sentence:
// the same article, and the same quote or one sharing most of its words
// (a copy edit changes a word or two of a sentence, not what it says).
type prevIndex struct {
	p      *Previous
	quotes map[string][]*prevQuote // article → the quotes its events cited
	exact  map[[2]string]*prevQuote
	memo   map[*Citation][]int32
}

// prevQuote is a sentence the last build cited, and the events citing it.
type prevQuote struct {
	quote  string
	events []int32
	values []timex.Value // of each event's citation
	words  []string      // made when first compared
}

func newPrevIndex(p *Previous) *prevIndex {
	if p == nil || len(p.Events) == 0 {
		return nil
	}
	x := &prevIndex{p: p, quotes: map[string][]*prevQuote{}, exact: map[[2]string]*prevQuote{}, memo: map[*Citation][]int32{}}
	for i, e := range p.Events {
		for _, c := range e.Citations {
			k := [2]string{c.Article, normalizeQuote(c.Quote)}
			q := x.exact[k]
			if q == nil {
				q = &prevQuote{quote: k[1]}
				x.exact[k] = q
				x.quotes[c.Article] = append(x.quotes[c.Article], q)
			}
			if n := len(q.events); n == 0 || q.events[n-1] != int32(i) {
				q.events = append(q.events, int32(i))
				q.values = append(q.values, c.Value)
			}
		}
	}
	return x
}

// normalizeQuote collapses white space, as events.json and a page show a
// quote.
func normalizeQuote(s string) string { return strings.Join(strings.Fields(s), " ") }

// quoteWords are the words of a quote, lower case, sorted.
func quoteWords(s string) []string {
	ws := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	sort.Strings(ws)
	return ws
}

// common counts the words two sorted lists share (as many times as both
// have them).
func common(a, b []string) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// events returns the events of the last build that cited the sentence
// of c: those citing it with c's value when some did (a sentence with two
// dates made two events), else all that cited it.
func (x *prevIndex) events(c *Citation) []int32 {
	if x == nil {
		return nil
	}
	if evs, ok := x.memo[c]; ok {
		return evs
	}
	q := x.exact[[2]string{c.Article, normalizeQuote(c.Quote)}]
	if q == nil {
		// The quote that shares the most words with c's, if it shares
		// more than half the words of the longer of the two.
		ws := quoteWords(c.Quote)
		best := 0.0
		for _, o := range x.quotes[c.Article] {
			if o.words == nil {
				o.words = quoteWords(o.quote)
			}
			n, long := common(ws, o.words), max(len(ws), len(o.words))
			if long == 0 || 2*n <= long {
				continue
			}
			if r := float64(n) / float64(long); r > best {
				best, q = r, o
			}
		}
	}
	var out []int32
	if q != nil {
		for k, e := range q.events {
			if q.values[k] == c.Value {
				out = append(out, e)
			}
		}
		if out == nil {
			out = q.events
		}
	}
	x.memo[c] = out
	return out
}

// overlap counts, for each event of the last build, the citations of
// cites that it cited.
func (x *prevIndex) overlap(cites []*Citation) map[int32]int {
	var out map[int32]int
	for _, c := range cites {
		for _, p := range x.events(c) {
			if out == nil {
				out = map[int32]int{}
			}
			out[p]++
		}
	}
	return out
}

// keepPrevious gives each event without an id the id of the event of the
// last build it shares the most citations with, unless another event
// shares more with that one, or its id is taken: the pairs sharing the
// most go first (then in the order of events, then the last build's).
// used are the last build's events whose id an event took: it adds to
// them.
func (x *prevIndex) keepPrevious(events []*Event, drafts []*draft, taken func(string) bool, claim func(string), used map[int32]bool) {
	if x == nil {
		return
	}
	type pair struct {
		e, p, n int
	}
	var pairs []pair
	for i, e := range events {
		if e.ID != "" {
			continue
		}
		for p, n := range x.overlap(drafts[i].citations) {
			pairs = append(pairs, pair{i, int(p), n})
		}
	}
	// Of the events sharing as many sentences with one of the last
	// build's, the one whose content derives its id has it (of two
	// events it was merged from, the one it was named after).
	derives := func(pr pair) bool {
		id, d := x.p.Events[pr.p].ID, events[pr.e].derived
		return id == d || strings.HasPrefix(id, d+"-")
	}
	sort.Slice(pairs, func(a, b int) bool {
		if pairs[a].n != pairs[b].n {
			return pairs[a].n > pairs[b].n
		}
		if da, db := derives(pairs[a]), derives(pairs[b]); da != db {
			return da
		}
		if pairs[a].e != pairs[b].e {
			return pairs[a].e < pairs[b].e
		}
		return pairs[a].p < pairs[b].p
	})
	for _, pr := range pairs {
		e, id := events[pr.e], x.p.Events[pr.p].ID
		if e.ID != "" || used[int32(pr.p)] || taken(id) {
			continue
		}
		e.ID = id
		used[int32(pr.p)] = true
		claim(id)
	}
}

// bestOf returns, for each event of the last build that one of events
// shares citations with, the event sharing the most (the one that has its
// id, if it ties; then the first).
func (x *prevIndex) bestOf(events []*Event, cites func(i int) []*Citation) map[int32]int {
	best := map[int32]int{}
	score := map[int32]int{}
	for i, e := range events {
		for p, n := range x.overlap(cites(i)) {
			b, ok := best[p]
			if !ok || n > score[p] || n == score[p] && e.ID == x.p.Events[p].ID && events[b].ID != e.ID {
				best[p], score[p] = i, n
			}
		}
	}
	return best
}

// carryAliases gives each event of the last build that events continue
// (see bestOf) to the event that continues it most, as an alias, unless
// its id is taken, with its own aliases.
func (x *prevIndex) carryAliases(events []*Event, taken func(string) bool) {
	if x == nil {
		return
	}
	for p, i := range sortedShares(x.bestOf(events, func(i int) []*Citation { return events[i].Citations })) {
		e, pe := events[i], x.p.Events[p]
		for _, a := range append([]string{pe.ID}, pe.Aliases...) {
			if a != e.ID && !taken(a) && !slices.Contains(e.Aliases, a) {
				e.Aliases = append(e.Aliases, a)
			}
		}
		slices.Sort(e.Aliases)
	}
}

// candidates returns, for each id of the last build (its events' ids and
// aliases), the drafts that share sentences with its event, those sharing
// the most first (then in order).
func (x *prevIndex) candidates(drafts []*draft) map[string][]*draft {
	type share struct {
		dr *draft
		n  int
	}
	byPrev := map[int32][]share{}
	for _, dr := range drafts {
		for p, n := range x.overlap(dr.citations) {
			byPrev[p] = append(byPrev[p], share{dr, n})
		}
	}
	out := map[string][]*draft{}
	for p, shares := range sortedShares(byPrev) {
		sort.SliceStable(shares, func(a, b int) bool { return shares[a].n > shares[b].n })
		var list []*draft
		for _, s := range shares {
			list = append(list, s.dr)
		}
		pe := x.p.Events[p]
		for _, id := range append([]string{pe.ID}, pe.Aliases...) {
			if _, ok := out[id]; !ok {
				out[id] = list
			}
		}
	}
	return out
}

// sortedShares iterates over a map of the last build's events in their
// order.
func sortedShares[V any](m map[int32]V) func(func(int32, V) bool) {
	return func(yield func(int32, V) bool) {
		keys := make([]int32, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}
