package mentions

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/timeline-dev/timeline/generator/content"
)

// article parses a body published on Wednesday 15 January 2014.
func article(t *testing.T, body string) *content.Article {
	t.Helper()
	src := "+++\ntitle = \"t\"\noutlet = \"o\"\npublished = 2014-01-15\n+++\n\n" + body
	a, err := content.Parse("content/a.md", []byte(src), content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// Each case is an article body and the mentions expected, one per line:
// "basis value | start of the sentence".
var cases = []struct {
	name, body string
	want       []string
}{
	{"one mention per date; durations and references date nothing",
		"French President Francois Hollande said Tuesday that 700 people had left France, while Hague said on Monday that hundreds had gone.\n\nThe nearly three-year-old war goes on.\n\nThe crisis has lasted for years, he recently said.\n",
		[]string{"expression 2014-01-14 | French President", "expression 2014-01-13 | French President"}},
	{"a coarser date containing a finer one is dropped",
		"Nations pledged $1.4 billion on Wednesday for aid in 2014, officials said.\n",
		[]string{"expression 2014-01-15 | Nations pledged"}},
	{"a year that dates an object does not date the happening",
		"“Children are hungry,” Amos told a donor conference intended to help the United Nations reach its target for the crisis in 2014.\n",
		[]string{"news-day 2014-01-15 | “Children are hungry"}},
	{"a paragraph dates the sentences that continue it",
		"The talks collapsed on Monday. Delegates walked out of the hall in anger.\n\nDelegates walked out of the hall in anger.\n",
		// The second paragraph has no date: its past tense puts it on the
		// day the article leads with.
		[]string{"expression 2014-01-13 | The talks collapsed", "paragraph 2014-01-13 | Delegates walked", "news-day 2014-01-13 | Delegates walked"}},
	{"a pronoun speaker continues the sentence before",
		"Shiraz Maher said that 366 British nationals had gone to Syria to fight.\n\n“Indeed, a number of those we have been speaking to have died,” he said.\n",
		[]string{"news-day 2014-01-15 | Shiraz Maher", "continues 2014-01-15 | “Indeed"}},
	{"a present-tense report is the publication day; a past one the news day",
		"Officials confirmed on Monday that the convoy had been stopped near the border.\n\nThe ministry says the border crossing remains closed to all traffic.\n\nKerry told reporters in Kuwait that he knew nothing about the contacts.\n",
		[]string{"expression 2014-01-13 | Officials confirmed", "present 2014-01-15 | The ministry says", "news-day 2014-01-13 | Kerry told"}},
	{"background in the past perfect makes no mention",
		"US President Barack Obama had previously ruled out coordinating with Assad in any way.\n",
		nil},
	{"a dateline is the publication date, not a happening",
		"WASHINGTON, Jan. 15 (Reuters) - The senate approved the budget on Tuesday after a long debate.\n",
		[]string{"expression 2014-01-14 | WASHINGTON"}},
}

func TestExtract(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, m := range Extract(article(t, c.body), Options{}) {
				got = append(got, fmt.Sprintf("%s %s | %s", m.Basis, m.Value, m.Sentence))
			}
			ok := len(got) == len(c.want)
			for i := range got {
				ok = ok && i < len(c.want) && strings.HasPrefix(got[i], c.want[i])
			}
			if !ok {
				t.Errorf("mentions\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestFaults runs the faults found by evaluating extraction on real
// stories, one a file in testdata/faults: a description, the article
// (published Wednesday 15 January 2014) and the mentions it must give.
func TestFaults(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "faults", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fault cases: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			parts := map[string]string{}
			for _, f := range ar.Files {
				parts[f.Name] = string(f.Data)
			}
			var want, got []string
			for _, l := range strings.Split(strings.TrimSpace(parts["want"]), "\n") {
				if l != "" {
					want = append(want, l)
				}
			}
			for _, m := range Extract(article(t, parts["article.md"]), Options{}) {
				got = append(got, fmt.Sprintf("%s %s | %s", m.Basis, m.Value, m.Sentence))
			}
			ok := len(got) == len(want)
			for i := range got {
				ok = ok && i < len(want) && strings.HasPrefix(got[i], want[i])
			}
			if !ok {
				t.Errorf("%s\n got %q\nwant %q", strings.TrimSpace(string(ar.Comment)), got, want)
			}
		})
	}
}

// TestSource: who reports what a sentence tells.
func TestSource(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"Mekdad’s remarks followed a report in The Wall Street Journal claiming that agents met in Damascus.", "wall street journal"},
		{"In the US, the Wall Street Journal published a report on Wednesday which said secret meetings had taken place.", "wall street journal"},
		{"Britain’s Foreign Office refused to comment on what Mekdad said on Tuesday.", "foreign office"},
		{"Syrian Deputy Foreign Minister Faisal Mekdad told the BBC on Tuesday that the visits showed a schism.", "mekdad"},
		{"The talks resumed in Geneva on Tuesday after a long pause.", ""},
		{"“Many of them have visited Damascus,” the Foreign Office said on Tuesday, quoting Mekdad.", "foreign office"},
	} {
		ms := Extract(article(t, c.body), Options{})
		if len(ms) == 0 {
			t.Errorf("%q: no mention", c.body)
			continue
		}
		if ms[0].Source != c.want {
			t.Errorf("source of %q = %q, want %q", c.body, ms[0].Source, c.want)
		}
	}
}

// Cues: what a sentence reports and how.
func TestAnalyze(t *testing.T) {
	cases := []struct {
		sentence                         string
		reporting, present, denial, pron bool
	}{
		{"Kerry told reporters he knew nothing.", true, false, false, false},
		{"Mekdad has told the BBC that agencies visited.", true, true, false, false},
		{"The ministry says the border is closed.", true, true, false, false},
		{"Asked about the report, Kerry indicated he was not aware of such contacts.", true, false, true, false},
		{"The United States does not discuss anti-terrorism with the regime.", false, false, true, false},
		{"US officials denied holding any talks.", true, false, true, false},
		{"Abou Diab dismissed the possibility that the regime could be a partner.", true, false, false, false},
		{"The company rejected the union's claims on Tuesday.", false, false, true, false},
		{"“It is a growing problem,” he told BBC radio.", true, false, false, true},
		{"He also claims that diplomats want to return.", true, true, false, true},
		{"The pledge arose from an appeal launched last month.", false, false, false, false},
		{"According to Syrian newspaper Al-Watan, the two exchange information.", true, true, false, false},
	}
	for _, c := range cases {
		got := analyze(c.sentence)
		if got.reporting != c.reporting || got.present != c.present || got.denial != c.denial || got.pronounSpeaker != c.pron {
			t.Errorf("analyze(%q) = reporting %v present %v denial %v pronoun %v, want %v %v %v %v",
				c.sentence, got.reporting, got.present, got.denial, got.pronounSpeaker, c.reporting, c.present, c.denial, c.pron)
		}
	}
}

func TestTerms(t *testing.T) {
	got := strings.Join(terms("Western and Gulf Arab nations pledged $1.4 billion on Wednesday for aid, while Kuwait promised $500 million.", nil, nil), " ")
	want := "western gulf arab nation pledg 1.4 ·money aid kuwait pledg 500 ·money"
	if got != want {
		t.Errorf("terms:\n got %s\nwant %s", got, want)
	}
}

// TestOwnOutlet: the outlet an article comes from is its source, not a
// participant in what it reports: its name in a report ("told CNN"), a
// byline ("CNN's Ben Wedeman") or a dateline ("(CNN)") is no entity of
// the mention. Another outlet stays one, and so does the outlet itself
// when the sentence tells what happened to it.
func TestOwnOutlet(t *testing.T) {
	for _, c := range []struct {
		outlet, body string
		want         string // the mention's entity keys
	}{
		{"CNN", "Gadhafi told CNN on Monday that he would never leave Libya.", "gadhafi libya"},
		{"CNN", "CNN’s Ben Wedeman reported from Benghazi on Monday that rebels held the city.", "wedeman libya"},
		{"CNN", "Tripoli, Libya (CNN) – Rebels took the town of Zawiya on Monday.", "libya libya zawiya"},
		{"CNN", "CNN correspondent Arwa Damon saw the rebels enter Brega on Monday.", "damon brega"},
		{"CNN", "Gadhafi told the BBC on Monday that he would never leave Libya.", "gadhafi bbc libya"},
		{"CNN", "Libyan soldiers detained a CNN crew near Zawiya on Monday.", "libya cnn zawiya"},
		{"The Guardian", "Brown told the Guardian on Monday that the plan would work.", "brown"},
		{"BBC", "The BBC’s Lyse Doucet reported on Monday that Kabul was calm.", "doucet afghanistan"},
		{"CNN", "CNN Student News reported on Monday that schools were closed in Cairo.", "egypt"},
	} {
		a := article(t, c.body)
		a.Outlet = c.outlet
		ms := Extract(a, Options{})
		if len(ms) == 0 {
			t.Errorf("%q: no mention", c.body)
			continue
		}
		var keys []string
		for _, e := range ms[0].Entities {
			keys = append(keys, e.Key)
		}
		if got := strings.Join(keys, " "); got != c.want {
			t.Errorf("%s: entities of %q = %q, want %q", c.outlet, c.body, got, c.want)
		}
	}
}
