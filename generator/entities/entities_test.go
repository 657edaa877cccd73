package entities

import (
	"strings"
	"testing"
)

// Each case: a sentence, then the entities expected as "kind:key=text".
var cases = []struct {
	sentence string
	want     []string
}{
	{"Syrian Deputy Foreign Minister Faisal Mekdad told the BBC that the visits to Damascus pointed to a schism.",
		[]string{"place:syria=Syrian", "person:mekdad=Faisal Mekdad", "organization:bbc=BBC", "place:syria=Damascus"}},
	{"Syria’s deputy foreign minister, Faisal Miqdad, told the BBC on Wednesday that foreign intelligence agencies had visited.",
		[]string{"place:syria=Syria", "person:miqdad=Faisal Miqdad", "organization:bbc=BBC"}},
	{"“I would not specify but many of them have visited Damascus, yes,” Mekdad said in a broadcast aired Tuesday night.",
		[]string{"place:syria=Damascus", "person:mekdad=Mekdad"}},
	{"The Wall Street Journal, citing diplomats and officials, said a retired officer from Britain's MI6 foreign intelligence agency was the first to visit, in the middle of 2013.",
		[]string{"organization:wall street journal=Wall Street Journal", "place:united kingdom=Britain", "organization:mi6=MI6"}},
	{"US Secretary of State John Kerry denied any knowledge of communications between European and American security officials and Syrian government officials.",
		[]string{"place:united states=US", "person:kerry=John Kerry", "place:europe=European", "place:united states=American", "place:syria=Syrian"}},
	{"A spokeswoman from the US State Department, Dina Badawy, told Asharq Al-Awsat: “The United States does not discuss anti-terrorism with the Syrian regime.”",
		[]string{"organization:state department=US State Department", "person:badawy=Dina Badawy", "organization:asharq al-awsat=Asharq Al-Awsat", "place:united states=United States", "place:syria=Syrian"}},
	{"“Whoever wants to coordinate and cooperate with us should be taking the matter seriously,” foreign minister Walid al-Moallem told reporters in Damascus in August.",
		[]string{"person:moallem=Walid al-Moallem", "place:syria=Damascus"}},
	{"Western powers have supported the opposition as Al-Qaida-linked groups take advantage of a power vacuum.",
		[]string{"place:the west=Western", "organization:al-qaida=Al-Qaida"}},
	{"Arab media outlets reported that the Al-Qaida-affiliated group Islamic State in Iraq and the Levant gained control over the city of al-Raqqa.",
		[]string{"place:arab world=Arab", "organization:al-qaida=Al-Qaida", "organization:islamic state=Islamic State in Iraq and the Levant", "place:raqqa=al-Raqqa"}},
	{"French President Francois Hollande said Tuesday that 700 people had left France, while British Foreign Secretary William Hague said on Monday that hundreds of Britons had gone.",
		[]string{"place:france=French", "person:hollande=Francois Hollande", "place:france=France", "place:united kingdom=British", "person:hague=William Hague", "place:united kingdom=Britons"}},
	{"Separately the Wall Street Journal newspaper reported that British, German, French and Spanish agencies have been speaking to Assad regime officials since mid-2013.",
		[]string{"organization:wall street journal=Wall Street Journal", "place:united kingdom=British", "place:germany=German", "place:france=French", "place:spain=Spanish", "other:assad=Assad"}},
	{"Kuwait's ruling emir, Sheikh Sabah al-Ahmed al-Sabah, promised $500 million in fresh assistance.",
		[]string{"place:kuwait=Kuwait", "person:sabah=Sabah al-Ahmed al-Sabah"}},
	{"In January, the Islamic Front and the Free Syrian Army met in Geneva.",
		[]string{"organization:islamic front=Islamic Front", "organization:free syrian army=Free Syrian Army", "place:switzerland=Geneva"}},
	// A sentence's first word before a verb of saying is a name ("Mekdad
	// said"), unless it is a common noun for people (the Philae story).
	{"Engineers said the two harpoons had not fired.", nil},
	{"Witnesses told Reuters the shooting began at dawn.", []string{"organization:reuters=Reuters"}},
	{"Jones said the harpoons had not fired.", []string{"person:jones=Jones"}},
}

func TestFind(t *testing.T) {
	for _, c := range cases {
		var got []string
		for _, e := range Find(c.sentence) {
			if c.sentence[e.Start:e.End] != e.Text {
				t.Errorf("%q: offsets [%d,%d] do not give %q", c.sentence, e.Start, e.End, e.Text)
			}
			got = append(got, string(e.Kind)+":"+e.Key+"="+e.Text)
		}
		if strings.Join(got, ", ") != strings.Join(c.want, ", ") {
			t.Errorf("Find(%q)\n got %s\nwant %s", c.sentence, strings.Join(got, ", "), strings.Join(c.want, ", "))
		}
	}
}

func TestSame(t *testing.T) {
	p := func(k string) Entity { return Entity{Kind: Person, Key: k} }
	cases := []struct {
		a, b Entity
		same bool
	}{
		{p("mekdad"), p("miqdad"), true},
		{p("moallem"), p("muallem"), true},
		{p("kerry"), p("kerry"), true},
		{p("hague"), p("hollande"), false},
		{p("assad"), p("amos"), false},
		{Entity{Kind: Place, Key: "iran"}, Entity{Kind: Place, Key: "iraq"}, false},
	}
	for _, c := range cases {
		if Same(c.a, c.b) != c.same {
			t.Errorf("Same(%s, %s) = %v", c.a.Key, c.b.Key, !c.same)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, c := range cases {
		f.Add(c.sentence)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, e := range Find(s) {
			if e.Start < prev || e.End > len(s) || e.Start >= e.End || s[e.Start:e.End] != e.Text {
				t.Fatalf("bad entity %+v in %q", e, s)
			}
			prev = e.End
		}
	})
}

func TestFoldFastPath(t *testing.T) {
	for _, s := range []string{"", "U.S.", "Al-Qaida", "Gaddafi’s", "The Wall Street Journal", "AT&T", "Université", "Ｆｕｌｌ", "ﬁnance", "e\u0301", "’\u0301", "MI6 (UK)", "\xff bad", "İstanbul"} {
		if got, want := fold(s), foldSlow(s); got != want {
			t.Errorf("fold(%q) = %q, foldSlow = %q", s, got, want)
		}
	}
}

func TestIsDateWord(t *testing.T) {
	for w, want := range map[string]bool{"January": true, "Jan.": true, "TUESDAY": true, "Tuesdays": false, "Mekdad": false, "": false, "Septemberrrrrrrrrrrr": false, "Ünited": false} {
		if got := isDateWord(w); got != want {
			t.Errorf("isDateWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestName: the spellings of a name that differ only in the case of its
// particles are shown alike; a name's first word keeps its case.
func TestName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Bashar Al-Assad", "Bashar al-Assad"},
		{"Bashar al-Assad", "Bashar al-Assad"},
		{"Saif Al-Islam Al-Gadhafi", "Saif al-Islam al-Gadhafi"},
		{"Osama Bin Laden", "Osama bin Laden"},
		{"Charles De Gaulle", "Charles de Gaulle"},
		{"Ludwig Van Beethoven", "Ludwig van Beethoven"},
		{"Al-Qaida", "Al-Qaida"},
		{"Al Jazeera", "Al Jazeera"},
		{"El-Sisi", "El-Sisi"},
		{"Marine Le Pen", "Marine Le Pen"},
		{"Bashar Al Assad", "Bashar al Assad"},
		{"Faisal Mekdad", "Faisal Mekdad"},
	} {
		if got := Name(c.in); got != c.want {
			t.Errorf("Name(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// upper is strings.ToUpper(w) == w, on ASCII and other letters, marks,
// U+FFFD and invalid bytes.
func TestUpperAsToUpper(t *testing.T) {
	for _, w := range []string{"", "NATO", "Nato", "nato", "ÉTAT", "État", "ǅ", "ß", "ẞ", "İ", "ı", "Σ", "σς", "A\uFFFDB", "A\xffB", "\xff", "UN-HCR", "1990S", "1990s", "ﬁ"} {
		if got, want := upper(w), strings.ToUpper(w) == w; got != want {
			t.Errorf("upper(%q) = %v, strings.ToUpper(%[1]q) == %[1]q: %v", w, got, want)
		}
	}
}

func FuzzUpper(f *testing.F) {
	f.Add("NATO")
	f.Add("A\xffB")
	f.Fuzz(func(t *testing.T, w string) {
		if got, want := upper(w), strings.ToUpper(w) == w; got != want {
			t.Errorf("upper(%q) = %v, strings.ToUpper(%[1]q) == %[1]q: %v", w, got, want)
		}
	})
}
