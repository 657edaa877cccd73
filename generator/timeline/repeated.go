package timeline

import (
	"strings"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/mentions"
	"github.com/timeline-dev/timeline/generator/timex"
)

// Sentences repeated word for word. The articles of one outlet repeat
// their background paragraphs ("The April 20 explosion killed 11
// workers"), and the pages they were taken from repeat their furniture
// ("Views expressed in the comments do not represent those of Reuters",
// a sidebar of tweets stamped with the day the page was saved). A
// background sentence names its date: its copies agree on it, group into
// one event and strengthen it. Furniture names none (each copy takes its
// article's news day, so they disagree) or one long after the article
// (the day the page was saved): its copies are dropped.

// minRepeats is how many articles of an outlet must repeat a sentence for it to be
// judged as repeated.
const minRepeats = 3

// repeatKey is a sentence of an outlet's as repetitions are compared:
// lower case, spaces collapsed. Only an outlet's own pages share their
// furniture; outlets that quote the same words report the same thing.
func repeatKey(outlet, s string) string {
	if !ascii(s) {
		return outlet + "\x00" + strings.ToLower(strings.Join(strings.Fields(s), " "))
	}
	// An ASCII sentence (most are) in one pass.
	var b strings.Builder
	b.Grow(len(outlet) + 1 + len(s))
	b.WriteString(outlet)
	b.WriteByte(0)
	start, space := b.Len(), false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isSpaceByte(c) {
			space = b.Len() > start
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// occurrence is a repeated sentence in one article, as furniture judges
// it.
type occurrence struct {
	article int
	value   timex.Value
	late    bool // dated more than a year after the article's publication
}

// repeatsOf returns, for each sentence that two articles or more have
// (minRepeats-1: one more copy may make it repeated), its occurrences:
// what furniture judges, kept so that Update can judge them again.
func repeatsOf(all [][]mentions.Mention, articles []*content.Article) map[string][]occurrence {
	sents := make([][]repeatable[string], len(all))
	for ai, ms := range all {
		sents[ai] = repeatables(ms, ai, articles[ai], func(k string) string { return k })
	}
	return repeatsIn(sents, minRepeats-1)
}

// repeatable is the sentence of a mention as repeatsOf looks at it: its
// key (repeatKey, or a digest of it), and what its occurrence says.
type repeatable[K comparable] struct {
	key K
	occurrence
}

// repeatables returns the sentences of ms, the mentions of article ai,
// each keyed by key(repeatKey(...)).
func repeatables[K comparable](ms []mentions.Mention, ai int, a *content.Article, key func(string) K) []repeatable[K] {
	out := make([]repeatable[K], len(ms))
	for i := range ms {
		out[i] = repeatable[K]{key(repeatKey(a.Outlet, ms[i].Sentence)), occurrenceOf(ai, &ms[i], a)}
	}
	return out
}

// repeatsIn returns the occurrences of the sentences that min articles or
// more have, sents being each article's.
func repeatsIn[K comparable](sents [][]repeatable[K], min int) map[K][]occurrence {
	count := map[K]int{}
	for _, ss := range sents {
		seen := map[K]bool{}
		for _, s := range ss {
			if !seen[s.key] {
				seen[s.key] = true
				count[s.key]++
			}
		}
	}
	out := map[K][]occurrence{}
	for _, ss := range sents {
		for _, s := range ss {
			if count[s.key] >= min {
				out[s.key] = append(out[s.key], s.occurrence)
			}
		}
	}
	return out
}

func occurrenceOf(ai int, m *mentions.Mention, a *content.Article) occurrence {
	// A copy of the value: a decoded mention's is part of one string
	// with all of the article's (see mentions.Decode), which it would
	// keep while the occurrence is.
	return occurrence{article: ai, value: timex.Value(strings.Clone(string(m.Value))), late: a.Date.DaysUntil(m.Interval.Start) > 365}
}

// isFurniture judges a sentence from its occurrences: repeated in
// minRepeats articles or more, its copies give two dates or more, or one
// more than a year after their article's publication.
func isFurniture(occs []occurrence) bool {
	arts := map[int]bool{}
	differ, late := false, false
	for _, o := range occs {
		arts[o.article] = true
		differ = differ || o.value != occs[0].value
		late = late || o.late
	}
	return len(arts) >= minRepeats && (differ || late)
}

// furniture returns the furniture sentences among the repeated ones.
func furniture[K comparable](rep map[K][]occurrence) map[K]bool {
	out := map[K]bool{}
	for k, occs := range rep {
		if isFurniture(occs) {
			out[k] = true
		}
	}
	return out
}

// dropFurniture removes the mentions of furniture sentences, and those
// that continue them; the indices of the continuations that stay are
// mended. The slices are new: the mentions may be a Cache's.
func dropFurniture(all [][]mentions.Mention, articles []*content.Article, drop map[string]bool) [][]mentions.Mention {
	if len(drop) == 0 {
		return all
	}
	out := make([][]mentions.Mention, len(all))
	for ai, ms := range all {
		out[ai] = filterMentions(ms, func(_ int, m *mentions.Mention) bool { return drop[repeatKey(articles[ai].Outlet, m.Sentence)] })
	}
	return out
}

// filterMentions returns the mentions of one article without those drop
// reports (given each mention and its index in ms, in order), nor those
// that continue one of them; Continues indices are
// mended. ms itself is unchanged (a slice of it is returned when nothing
// is dropped).
func filterMentions(ms []mentions.Mention, drop func(int, *mentions.Mention) bool) []mentions.Mention {
	at := make([]int, len(ms)) // new index of each mention, or -1
	n := 0
	for i := range ms {
		m := &ms[i]
		if drop(i, m) || m.Continues >= 0 && at[m.Continues] < 0 {
			at[i] = -1
			continue
		}
		at[i] = n
		n++
	}
	if n == len(ms) {
		return ms
	}
	kept := make([]mentions.Mention, 0, n)
	for i, m := range ms {
		if at[i] < 0 {
			continue
		}
		if m.Continues >= 0 {
			m.Continues = at[m.Continues]
		}
		kept = append(kept, m)
	}
	return kept
}
