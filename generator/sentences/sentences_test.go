package sentences

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Each case is a block of text with " | " between the expected sentences.
var cases = []string{
	`One. | Two! | Three?`,
	`The U.S. daily said so. | The talks continue.`,
	`Citing informed sources, the BBC said the U.S., British and German intelligence agencies were among those which had sent officials to Damascus.`,
	`He met Gen. Ali Mamluk on Jan. 2 in Damascus. | Mr. Kerry denied it.`,
	`"There's a sucker born every minute" P. T. Barnum is supposed to have said and Mekdad is counting on that.`,
	`Western and Gulf Arab nations pledged $1.4 billion on Wednesday. | The pledge arose from an appeal for $6.5 billion.`,
	`“I would not specify but many of them have visited Damascus, yes,” Mekdad said in a broadcast aired Tuesday night.`,
	`“We do think it’s a growing problem,” he told BBC radio on Wednesday.`,
	`Mekdad told the BBC, however, that “Frankly speaking the spirit has changed… When these countries ask us for security cooperation, then it seems to me there is a schism.”`,
	`“Yes, Assad's survival benefits Tehran, the region's most dangerous regime,” he argued.`,
	`“But a rebel victory, recall, would hugely boost the Turkish government. Continued fighting does less damage to Western interests than their taking power.”`,
	`“When these countries ask for security cooperation, then it seems to me there is a schism between the political and security leadership.`,
	`It raises a question of whether you really want to hit [Islamic State].”`,
	`Shiraz Maher, a senior research fellow at King's College London university, said they estimate that between 200 and 366 British nationals have gone to Syria. | “We do think it’s a growing problem,” he told BBC radio.`,
	`The talks began at 10 a.m. on Monday. | They ended late.`,
	`It was moved to the U.S. | The talks continue.`,
	`It was moved to the U.S. Embassy in Beirut.`,
	`No. 10 said nothing.`,
	`The report said (citing officials) that talks were held. | (Officials denied it.)`,
	`Wait... | What happened?`,
	`He said: "It is over." | Then he left.`,
	`A Free Syrian Army fighter holds his machine gun in Old Aleppo, November 4, 2013. | Credit: Reuters`,
	`Opposition: Al-Qaida militants are serving Assad's interests`,
	``,
	`   Leading and trailing space.   `,
}

func TestSplit(t *testing.T) {
	for _, c := range cases {
		text := strings.ReplaceAll(c, " | ", " ")
		var want []string
		if strings.TrimSpace(c) != "" {
			for _, s := range strings.Split(c, " | ") {
				want = append(want, strings.TrimSpace(s))
			}
		}
		var got []string
		for _, s := range Split(text) {
			got = append(got, text[s.Start:s.End])
		}
		if strings.Join(got, " | ") != strings.Join(want, " | ") {
			t.Errorf("Split(%q)\n got %q\nwant %q", text, got, want)
		}
	}
}

// FuzzSplit checks the invariants of Split on any input: spans in order,
// non-empty, in bounds and on rune boundaries (as a decoder walks the
// text: an invalid byte is a rune of its own), neither starting nor ending
// with white space, with only white space between and around them, and
// the same spans on a second run. Seeds are the cases above and
// testdata/fuzz/FuzzSplit.
func FuzzSplit(f *testing.F) {
	for _, c := range cases {
		f.Add(strings.ReplaceAll(c, " | ", " "))
	}
	f.Fuzz(func(t *testing.T, text string) {
		boundary := make([]bool, len(text)+1)
		for i := 0; i < len(text); {
			boundary[i] = true
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
		}
		boundary[len(text)] = true
		blank := func(s string) bool { return strings.TrimFunc(s, unicode.IsSpace) == "" }
		spans := Split(text)
		prev := 0
		for _, s := range spans {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("bad span %+v after %d in %q", s, prev, text)
			}
			if !boundary[s.Start] || !boundary[s.End] {
				t.Fatalf("span %+v not on rune boundaries in %q", s, text)
			}
			if !blank(text[prev:s.Start]) {
				t.Fatalf("text %q before span %+v is in no sentence: %q", text[prev:s.Start], s, text)
			}
			sent := text[s.Start:s.End]
			if r, _ := utf8.DecodeRuneInString(sent); unicode.IsSpace(r) {
				t.Fatalf("span %+v starts with white space in %q", s, text)
			}
			if r, _ := utf8.DecodeLastRuneInString(sent); unicode.IsSpace(r) {
				t.Fatalf("span %+v ends with white space in %q", s, text)
			}
			prev = s.End
		}
		if !blank(text[prev:]) {
			t.Fatalf("text %q after the last span is in no sentence: %q", text[prev:], text)
		}
		if again := Split(text); !slices.Equal(spans, again) {
			t.Fatalf("not deterministic: %v then %v", spans, again)
		}
	})
}
