// Package corpus writes a synthetic long-running story for benchmarks and
// for the tests that count a build's work: articles of about 700 words
// whose people, organizations, places and date expressions recur, as they
// do when one story is covered for years. It is a Go port of the team's
// ../shared/corpus/gen_corpus.py, with the same grammar (the same
// sentence patterns, names, outlets and date expressions, the same
// "See also" links), so that tests need neither Python nor ../shared; its
// random numbers are Go's, so its articles are not the script's.
//
// The same size and seed always give the same bytes.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

var (
	people  = []string{"Faisal Mekdad", "John Kerry", "William Hague", "Francois Hollande", "Ban Ki-moon", "Valerie Amos", "Walid al-Moallem", "Ali Mamluk", "Lyse Doucet", "Abdullah Gul"}
	orgs    = []string{"MI6", "the State Department", "the United Nations", "the Free Syrian Army", "the Islamic Front", "Al-Watan", "the BBC", "the Wall Street Journal", "Hezbollah", "the European Union"}
	places  = []string{"Damascus", "Kuwait", "Geneva", "Beirut", "Aleppo", "Raqqa", "Ankara", "Moscow", "Paris", "London"}
	outlets = []string{"Naharnet", "Haaretz", "The Week", "Asharq Al-Awsat", "Middle East Eye", "Reuters", "AFP", "ANSAmed"}
	verbs   = []string{"said", "told reporters", "claimed", "denied", "confirmed", "announced", "warned", "reported"}
	ages    = []string{"three", "four", "nearly three"}
)

// File is one generated article: its name under content/ and its bytes.
type File struct {
	Name string
	Data []byte
}

// Days is the number of days over which gen_corpus.py spreads the
// publication dates.
const Days = 900

// Articles returns n articles of the story drawn from seed, published over
// Days days from 1 January 2013.
func Articles(n int, seed uint64) []File { return ArticlesOver(n, Days, seed) }

// ArticlesOver is Articles with the publication dates spread over the
// given number of days: n articles over days/4 days are as dense a story
// as 4n over days.
func ArticlesOver(n, days int, seed uint64) []File {
	g := &gen{r: rand.New(rand.NewPCG(seed, 0x636f_7270_7573))}
	base := time.Date(2013, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]File, 0, n)
	for i := 0; i < n; i++ {
		dct := base.AddDate(0, 0, g.r.IntN(days))
		var paras []string
		for range 8 + g.r.IntN(4) {
			k := 3 + g.r.IntN(3)
			sents := make([]string, k)
			for j := range sents {
				sents[j] = g.sentence(dct)
			}
			paras = append(paras, strings.Join(sents, " "))
		}
		if i > 0 {
			paras = append(paras, fmt.Sprintf("See also [an earlier report](../a%06d/).", g.r.IntN(i)))
		}
		title := fmt.Sprintf("%s %s on %s talks (%d)", g.pick(people), g.pick(verbs), g.pick(places), i)
		var b strings.Builder
		fmt.Fprintf(&b, "+++\ntitle = %q\noutlet = %q\npublished = %s\nurl = \"https://example.org/news/%d\"\n+++\n\n",
			title, g.pick(outlets), dct.Format(time.DateOnly), i)
		b.WriteString(strings.Join(paras, "\n\n"))
		b.WriteString("\n")
		out = append(out, File{Name: fmt.Sprintf("a%06d.md", i), Data: []byte(b.String())})
	}
	return out
}

// Write writes a site of n articles into dir: dir/config.toml and
// dir/content/a000000.md, ...
func Write(dir string, n int, seed uint64) error { return WriteOver(dir, n, Days, seed) }

// WriteOver is Write with the articles published over the given days.
func WriteOver(dir string, n, days int, seed uint64) error {
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		return err
	}
	cfg := "title = \"A long-running story\"\ndescription = \"A synthetic story for benchmarks.\"\n"
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(cfg), 0o644); err != nil {
		return err
	}
	for _, f := range ArticlesOver(n, days, seed) {
		if err := os.WriteFile(filepath.Join(dir, "content", f.Name), f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

type gen struct{ r *rand.Rand }

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// when is a date expression relative to the publication day dct.
func (g *gen) when(dct time.Time) string {
	k := g.r.IntN(9)
	d := dct.AddDate(0, 0, -(1 + g.r.IntN(399)))
	return []string{
		"on " + dct.Weekday().String(), "in " + d.Month().String(), "last month", "next week",
		fmt.Sprintf("in mid-%d", d.Year()), fmt.Sprintf("on %s %d, %d", d.Month(), d.Day(), d.Year()),
		"over the summer", "earlier this week", "late last year",
	}[k]
}

func (g *gen) sentence(dct time.Time) string {
	switch g.r.IntN(6) {
	case 0:
		return fmt.Sprintf("%s %s %s that officials from %s had visited %s.", g.pick(people), g.pick(verbs), g.when(dct), g.pick(orgs), g.pick(places))
	case 1:
		return fmt.Sprintf("%s %s %s that talks in %s would focus on security cooperation.", capitalize(g.pick(orgs)), g.pick(verbs), g.when(dct), g.pick(places))
	case 2:
		return fmt.Sprintf("According to %s, %d people had travelled to %s %s.", g.pick(orgs), 2+g.r.IntN(1998), g.pick(places), g.when(dct))
	case 3:
		return fmt.Sprintf("Donors pledged $%d million %s at a conference in %s, %s %s.", 1+g.r.IntN(899), g.when(dct), g.pick(places), g.pick(people), g.pick(verbs))
	case 4:
		return fmt.Sprintf("\"We do not comment on intelligence matters,\" a spokesman for %s %s.", g.pick(orgs), g.pick(verbs))
	}
	return fmt.Sprintf("The %s-year-old conflict has displaced millions, %s %s.", g.pick(ages), g.pick(orgs), g.pick(verbs))
}

// capitalize is Python's str.capitalize, which the script uses: the first
// letter upper case, the rest lower case ("the BBC" → "The bbc").
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
}
