package timeline

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/timeline-dev/timeline/generator/entities"
	"github.com/timeline-dev/timeline/generator/mentions"
	"github.com/timeline-dev/timeline/generator/timex"
)

// A source's vote for a date weighs 1 when its own time expression gives
// the date, less when the date comes from the context.
var basisWeight = map[mentions.Basis]float64{
	mentions.Expression: 1, mentions.Paragraph: 0.6, mentions.Report: 0.6, mentions.Present: 0.5, mentions.NewsDay: 0.4, mentions.Continues: 0.3,
}

type dateKey struct {
	v timex.Value
	m timex.Mod
}

// votes sums, for each date the mentions give, the best vote of each
// article.
func (dr *draft) votes() (map[dateKey]float64, map[dateKey][]string) {
	return dr.tally(false)
}

// tally is votes; with explicitOnly, only mentions dated by their own
// words count (the dates sources actually give).
func (dr *draft) tally(explicitOnly bool) (map[dateKey]float64, map[dateKey][]string) {
	best := map[dateKey]map[string]float64{}
	for _, m := range dr.mentions {
		if explicitOnly && m.Basis != mentions.Expression {
			continue
		}
		k := dateKey{m.Value, m.Mod}
		if best[k] == nil {
			best[k] = map[string]float64{}
		}
		if w := basisWeight[m.Basis]; w > best[k][m.Article] {
			best[k][m.Article] = w
		}
	}
	votes := map[dateKey]float64{}
	arts := map[dateKey][]string{}
	for k, byArt := range best {
		for a := range byArt {
			arts[k] = append(arts[k], a)
		}
		sort.Strings(arts[k])
		for _, a := range arts[k] { // in a fixed order: the sum's rounding is the same on every run
			votes[k] += byArt[a]
		}
	}
	return votes, arts
}

// consensus is the date most of an extracted event's sources give,
// weighted by how they give it; ties go to the more precise date, then the
// earlier, then the first in order.
func (dr *draft) consensus() (Date, bool) {
	votes, _ := dr.votes()
	keys := make([]dateKey, 0, len(votes))
	for k := range votes {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if votes[a] != votes[b] {
			return votes[a] > votes[b]
		}
		if ga, gb := a.v.Granularity(), b.v.Granularity(); ga != gb {
			return ga > gb
		}
		da, _ := NewDate(a.v, a.m)
		db, _ := NewDate(b.v, b.m)
		if c := da.Start.Compare(db.Start); c != 0 {
			return c < 0
		}
		return a.v+timex.Value(a.m) < b.v+timex.Value(b.m)
	})
	for _, k := range keys {
		if d, ok := NewDate(k.v, k.m); ok {
			return d, true
		}
	}
	return Date{}, false
}

// disagreement lists the dates sources give in words other than d's, most
// supported first (a date that comes from the context is no source's
// statement, so it cannot disagree).
func (dr *draft) disagreement(d Date) []Alternative {
	votes, arts := dr.tally(true)
	var out []Alternative
	for k := range votes {
		if k.v == d.Value && k.m == d.Mod {
			continue
		}
		out = append(out, Alternative{Value: k.v, Mod: k.m, Label: k.v.Label(k.m), Articles: arts[k]})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if va, vb := votes[dateKey{a.Value, a.Mod}], votes[dateKey{b.Value, b.Mod}]; va != vb {
			return va > vb
		}
		return a.Value+timex.Value(a.Mod) < b.Value+timex.Value(b.Mod)
	})
	return out
}

// autoHeadline builds the headline of an event from its most
// representative mention: the one closest to the others, preferring
// sentences dated by their own words, early in their article, that make a
// headline without cutting. It returns the headline and the index of
// that mention in dr.mentions (-1 when the draft has none).
func (dr *draft) autoHeadline(cache *Cache) (string, int) {
	if len(dr.mentions) == 0 {
		return dr.citations[0].Quote, -1
	}
	off := dr.editorCitations()
	consensus := dr.consensusValue()
	// Score every mention without compressing it, then compress only the
	// best few: compressing is the costly part.
	type cand struct {
		i     int
		score float64
	}
	cands := make([]cand, len(dr.mentions))
	// A big event's centralities are taken against the sum of its vectors
	// (one pass, not one per pair of sentences).
	var sum map[int32]float64
	if len(dr.vectors) > bigEvent {
		sum = map[int32]float64{}
		for _, v := range dr.vectors {
			for _, f := range v {
				sum[f.id] += float64(f.w)
			}
		}
	}
	for i, m := range dr.mentions {
		centrality := 0.0
		if len(dr.vectors) > 1 && off+i < len(dr.vectors) {
			v := dr.vectors[off+i]
			if sum != nil {
				for _, f := range v {
					centrality += float64(f.w) * sum[f.id]
				}
				centrality -= dot(v, v)
			} else {
				for j, w := range dr.vectors {
					if j != off+i {
						centrality += dot(v, w)
					}
				}
			}
			centrality /= float64(len(dr.vectors) - 1)
		}
		score := centrality + 0.15*(1-m.Position)
		if m.Basis == mentions.Expression {
			score += 0.2
		}
		if m.Value == consensus {
			score += 0.1
		}
		if m.Denial {
			score -= 0.1
		}
		if m.Dates > 1 { // a clause cut from a longer sentence
			score -= 0.15
		}
		if m.Basis == mentions.Continues { // its speaker is in another sentence
			score -= 0.25
		}
		cands[i] = cand{i, score}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	if len(cands) > 4 {
		cands = cands[:4]
	}
	best, bestScore, bestH := 0, math.Inf(-1), ""
	for _, c := range cands {
		h := cache.headline(dr.mentions[c.i])
		score := c.score
		if n := len([]rune(h)); n <= MaxHeadline && n >= 25 {
			score += 0.15
		}
		if first := strings.ToLower(strings.SplitN(h, " ", 2)[0]); pronounStart[first] {
			score -= 0.2 // "This was one of several reasons ..." needs what came before
		}
		if strings.HasPrefix(h, "“") || strings.HasPrefix(h, `"`) {
			score -= 0.2 // a quotation without its speaker
		}
		if score > bestScore {
			best, bestScore, bestH = c.i, score, h
		}
	}
	if bestH != "" {
		return bestH, best
	}
	return dr.mentions[best].Sentence, best
}

// bigEvent is the number of sentences from which an event's centralities
// are taken against the sum of its vectors.
const bigEvent = 16

// consensusValue is the value of the event's consensus date.
func (dr *draft) consensusValue() timex.Value {
	d, _ := dr.consensus()
	return d.Value
}

var pronounStart = map[string]bool{"this": true, "that": true, "these": true, "those": true, "it": true, "they": true, "he": true, "she": true, "its": true, "his": true, "her": true, "their": true}

// entities returns the named entities of the event's mentions, the most
// cited first. A person is named by their longest spelling, and spellings
// of one name (Mekdad, Miqdad) are one person; a place by its name rather
// than a demonym ("Syria" for "Syrian").
func (dr *draft) entities() []Entity {
	type acc struct {
		e     Entity
		count int
	}
	var list []*acc
	find := func(e entities.Entity) *acc {
		for _, a := range list {
			if a.e.Kind == string(e.Kind) && (a.e.Key == e.Key || e.Kind == entities.Person && entities.Same(entities.Entity{Kind: entities.Person, Key: a.e.Key}, e)) {
				return a
			}
		}
		return nil
	}
	for _, m := range dr.mentions {
		for _, e := range m.Entities {
			if e.Kind == entities.Other {
				continue
			}
			a := find(e)
			if a == nil {
				name := entities.Name(e.Text) // "Bashar al-Assad" for "Bashar Al-Assad"
				if e.Kind == entities.Place {
					name = placeName(e.Key)
				}
				a = &acc{e: Entity{Name: name, Kind: string(e.Kind), Key: e.Key}}
				list = append(list, a)
			}
			a.count++
			switch name := entities.Name(e.Text); {
			case e.Kind == entities.Person && len(name) > len(a.e.Name):
				a.e.Name = name
			case e.Kind == entities.Organization && len(name) < len(a.e.Name):
				a.e.Name = name
			}
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].count > list[j].count })
	out := []Entity{}
	for _, a := range list {
		out = append(out, a.e)
	}
	return out
}

// canonicalEntities returns ents with each person or name of unknown
// kind under the key canon gives its spelling (Miqdad under Mekdad), so
// that every event names one person by one key; ents itself (a memo's)
// is not changed.
func canonicalEntities(ents []Entity, canon map[string]string) []Entity {
	var out []Entity
	for i, e := range ents {
		k, ok := canon[e.Key]
		if !ok || e.Kind != string(entities.Person) && e.Kind != string(entities.Other) {
			continue
		}
		if out == nil {
			out = slices.Clone(ents)
		}
		out[i].Key = k
	}
	if out == nil {
		return ents
	}
	return out
}

// placeName turns a place key into a name: "united states" → "United
// States", "the west" → "the West".
func placeName(key string) string {
	words := strings.Fields(key)
	for i, w := range words {
		if i == 0 && w == "the" {
			continue
		}
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// link finishes the events: their rank, and the disputes between events.
// With a Cache, it returns what Update needs to rank them again.
func (m *Model) link(relevance map[string]float64, drafts []*draft, distinct func(int32) bool, opts Options) *rankMemo {
	ranks := rank(m.Events, m.Articles, relevance, opts.Cache)
	disputes(drafts, distinct, opts.work, opts.bounds.disputes)
	return ranks
}

const disputeThreshold = 0.08

// denial reports an event most of whose citations deny something.
func denial(d *draft) bool {
	n := 0
	for _, c := range d.citations {
		if c.Denies {
			n++
		}
	}
	return n > 0 && 2*n >= len(d.citations)
}

// draftSimilarity is the best cosine between the sentences of two events.
func draftSimilarity(a, b *draft) float64 {
	best := 0.0
	for _, x := range a.vectors {
		for _, y := range b.vectors {
			best = math.Max(best, dot(x, y))
		}
	}
	return best
}
