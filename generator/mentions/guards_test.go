package mentions

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/timeline-dev/timeline/generator/newscorpus"
	"github.com/timeline-dev/timeline/generator/sentences"
)

// standardLines are lines boilerplate matches, each alternative, in the
// cases a guard must not miss.
var standardLines = []string{
	"The opinions expressed in this commentary are solely those of Peter Bergen.",
	"VIEWS EXPRESSED here do not necessarily reflect those of Reuters.",
	"CNN has not yet been granted access to report on the ground.",
	"The BBC have not been permitted to report from the city.",
	"The figures could not be independently verified.",
	"The claim can’t be independently confirmed.",
	"Arwa Damon contributed to this report.",
	"(Reporting by Tom Brown; Editing by Eric Walsh)",
	"Additional reporting by Jane Doe",
	"Compiled by the news desk",
	"This article was amended on 16 December 2010.",
	"this story has been corrected",
	"A version of this article appeared in print.",
	"Follow the latest environment news on Twitter.",
	"All Rights Reserved.",
	"This material may not be published, broadcast or redistributed.",
	"Letters for publication should be sent to the editor.",
	"Watch: the oil spill's path", "Click here", "WATCH the video",
	// The Kelvin sign and the long s, which (?i) folds with k and s.
	"Arwa Damon contributed to thiſ report.", "\u212alick here", "ALL RIGHTS RESERVED",
}

// testSentences are the sentences the guards are checked on: the cases,
// the bundled articles' sentences and the faults', generated news
// articles and, when ../shared is there, Timeline17 articles.
func testSentences(t *testing.T, extra []string) []string {
	corpusOnce.Do(func() { corpusSentences, corpusErr = readSentences() })
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return append(slices.Clip(extra), corpusSentences...)
}

var (
	corpusOnce      sync.Once
	corpusSentences []string
	corpusErr       error
)

func readSentences() ([]string, error) {
	var out []string
	split := func(text string) {
		for _, line := range strings.Split(text, "\n") {
			out = append(out, line)
			for _, sp := range sentences.Split(line) {
				out = append(out, line[sp.Start:sp.End])
			}
		}
	}
	paths, _ := filepath.Glob("../../content/*.md")
	faults, _ := filepath.Glob("testdata/faults/*.txtar")
	for _, p := range append(paths, faults...) {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		if strings.HasSuffix(p, ".txtar") {
			for _, f := range txtar.Parse(b).Files {
				split(string(f.Data))
			}
			continue
		}
		split(string(b))
	}
	w := newscorpus.NewWorld(100, 1)
	for i := range 100 {
		split(w.Article(i, 1).Body)
	}
	stories, _ := filepath.Glob("../../../shared/t17/*/articles.jsonl")
	for _, p := range stories {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 16<<20)
		for n := 0; sc.Scan() && n < 20; n++ {
			var a struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &a) == nil {
				split(a.Text)
			}
		}
		f.Close()
	}
	return out, nil
}

// TestStandardLineAsRegexp checks that the guard before boilerplate
// changes nothing: standardLine is boilerplate.MatchString.
func TestStandardLineAsRegexp(t *testing.T) {
	matched := 0
	for _, s := range testSentences(t, standardLines) {
		got, want := standardLine(s), boilerplate.MatchString(s)
		if got != want {
			t.Errorf("standardLine(%q) = %v, boilerplate matches: %v", s, got, want)
		}
		if want {
			matched++
		}
	}
	if matched < len(standardLines) {
		t.Errorf("%d sentences matched, want %d at least", matched, len(standardLines))
	}
}

func FuzzStandardLine(f *testing.F) {
	for _, s := range standardLines {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := standardLine(s), boilerplate.MatchString(s); got != want {
			t.Errorf("standardLine(%q) = %v, boilerplate matches: %v", s, got, want)
		}
	})
}

// analyzeRef and happeningsRef are analyze and happenings as they were
// first written, a map lookup for each set a word is looked up in: the
// reference the versions with word classes must agree with.
func analyzeRef(sentence string) cues {
	c := cues{verb: -1}
	idx := rawWordsIndex(sentence)
	words := make([]string, len(idx))
	for i, r := range idx {
		words[i] = sentence[r[0]:r[1]]
	}
	for i, raw := range words {
		w := strings.ToLower(raw)
		if i > 0 && raw != w || i > 0 && (determiners[strings.ToLower(words[i-1])] || possessive(words[i-1])) {
			continue
		}
		if i > 0 && pastVerb(w) {
			c.past = true
		}
		if i > 0 && nowVerbs[w] {
			c.now = true
		}
		found := true
		switch {
		case presentReporting[w]:
			c.reporting, c.present = true, true
		case pastReporting[w]:
			c.reporting = true
			if i > 0 && perfectAux[strings.ToLower(words[i-1])] {
				c.present = true
			}
		case w == "according" && i+1 < len(words) && words[i+1] == "to":
			c.reporting, c.present = true, true
		default:
			found = false
		}
		if found && c.verb < 0 {
			c.verb = idx[i][0]
		}
		if subjectPronouns[w] {
			for k := i + 1; k < len(words) && k <= i+2; k++ {
				n := strings.ToLower(words[k])
				if presentReporting[n] || pastReporting[n] {
					c.pronounSpeaker = true
					break
				}
				if !adverbs[n] {
					break
				}
			}
		}
	}
	low := strings.ToLower(strings.ReplaceAll(sentence, "’", "'"))
	for _, p := range denialPhrases {
		if containsPhrase(low, p) {
			c.denial = true
			break
		}
	}
	for i, w := range words {
		if rejectVerbs[strings.ToLower(w)] {
			for k := i + 1; k < len(words) && k <= i+3; k++ {
				if claimNouns[strings.ToLower(words[k])] {
					c.denial = true
				}
			}
		}
	}
	for i, w := range words {
		lw := strings.ToLower(w)
		if lw == "previously" || lw == "formerly" || lw == "had" && i+1 < len(words) && (pastVerb(strings.ToLower(words[i+1])) || adverbs[strings.ToLower(words[i+1])]) {
			c.background = true
		}
	}
	return c
}

func happeningsRef(sentence string, skip [][2]int) []string {
	idx := rawWordsIndex(sentence)
	var out []string
	for i, r := range idx {
		if i == 0 || inSpans(r[0], skip) {
			continue
		}
		raw := sentence[r[0]:r[1]]
		w := strings.ToLower(raw)
		if raw != w || presentReporting[w] || pastReporting[w] || lightVerbs[w] || stopWords[w] || dateWords[w] {
			continue
		}
		prev := strings.ToLower(sentence[idx[i-1][0]:idx[i-1][1]])
		afterDeterminer := determiners[prev] || possessive(prev)
		switch {
		case pastVerb(w) && !afterDeterminer && prev != "be":
		case prev == "to" && len(w) > 2 && (i < 2 || !strings.EqualFold(sentence[idx[i-2][0]:idx[i-2][1]], w)):
		case afterDeterminer && happeningNoun(w):
		default:
			continue
		}
		st := terms(raw, nil, nil)
		if len(st) == 0 {
			continue
		}
		if st[0] == "touch" {
			st[0] = "land"
		}
		if !slices.Contains(out, st[0]) {
			out = append(out, st[0])
		}
	}
	return out
}

// cueSentences are sentences with every cue analyze looks for.
var cueSentences = []string{
	"He denied the report.", "The ministry rejected the claims on Monday.", "She also said it was not true.",
	"They later told reporters the account was baseless.", "The army had previously ruled out a strike.",
	"According to the ministry, the talks failed.", "Officials have said the bridge has not been any safer.",
	"There has been no contact, he said.", "The landing was planned; the probe landed.", "It went door to door.",
	"The union’s leaders dismissed the allegations.", "We DON’T know anything about it.",
}

func TestCuesAsReference(t *testing.T) {
	stems := map[string]string{}
	for _, s := range testSentences(t, cueSentences) {
		if got, want := analyze(s), analyzeRef(s); got != want {
			t.Errorf("analyze(%q)\n got %+v\nwant %+v", s, got, want)
		}
		var skip [][2]int
		if len(s) > 10 {
			skip = [][2]int{{3, 9}}
		}
		if got, want := happenings(sentenceWords(s, "", nil), skip, stems), happeningsRef(s, skip); !slices.Equal(got, want) {
			t.Errorf("happenings(%q) = %q, want %q", s, got, want)
		}
		words := sentenceWords(s, "", nil)
		if got, want := fragment(s, words), fragmentRef(s); got != want {
			t.Errorf("fragment(%q) = %v, want %v", s, got, want)
		}
	}
}

func fragmentRef(text string) bool {
	words := rawWords(text)
	if len(words) == 0 {
		return false
	}
	w := words[0]
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLower(r) || strings.ToLower(w) != w {
		return false
	}
	if k := strings.Index(text, w) + len(w); k < len(text) && text[k] == '-' {
		return false
	}
	if len(words) > 1 && len(w) <= 3 && capitalizedWord(words[1]) {
		return false
	}
	return true
}

func TestLowerWord(t *testing.T) {
	for _, s := range testSentences(t, []string{"ÉCOLE Kerry’s U.S. MIXED ｃase", "ǅ"}) {
		low := ""
		for _, r := range rawWordsIndex(s) {
			if got, want := lowerWord(s, &low, r[0], r[1]), strings.ToLower(s[r[0]:r[1]]); got != want {
				t.Errorf("lowerWord(%q, %d, %d) = %q, want %q", s, r[0], r[1], got, want)
			}
		}
	}
}

// foldSet.mayContain says no only when strings.ToLower's text holds none
// of the words, on the test sentences and the runes that lower to ASCII.
func TestMayContainAsToLower(t *testing.T) {
	cases := []string{"We could not CONFIRM it.", "VERİFIED", "Unverified", "\u212aelvin vetted", "Velvet", "vex", "İ", "x\xffvet",
		"ACCORDING TO the report", "He DENIED it", "It isn’t TRUE", "There has been NO contact"}
	for _, words := range [][]string{{"confirm", "verif", "vet"}, sourcePhrases, {"according to "}, denialKeys} {
		found, set := 0, newFoldSet(words...)
		for _, s := range testSentences(t, cases) {
			low := strings.ToLower(s)
			want := slices.ContainsFunc(words, func(w string) bool { return strings.Contains(low, w) })
			if got := set.mayContain(s); want && !got {
				t.Errorf("mayContain(%q) = false, but its lower case %q holds one of %q", s, low, words)
			} else if got && !want && !strings.ContainsAny(s, "İ\u212a") {
				t.Errorf("mayContain(%q) = true, but its lower case %q holds none of %q", s, low, words)
			}
			if want {
				found++
			}
		}
		if found < 2 {
			t.Errorf("%d sentences hold one of %q, want 2 at least", found, words)
		}
	}
}

func FuzzMayContain(f *testing.F) {
	f.Add("VERİFIED")
	f.Add("could not be independently confirmed")
	f.Add("Velvet")
	f.Fuzz(func(t *testing.T, s string) {
		low := strings.ToLower(s)
		for _, w := range []string{"vet", "according to "} {
			if strings.Contains(low, w) && !newFoldSet("confirm", w).mayContain(s) {
				t.Errorf("mayContain(%q) = false for %q; lower case %q", s, w, low)
			}
		}
	})
}
