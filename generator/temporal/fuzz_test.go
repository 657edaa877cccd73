package temporal

import (
	"reflect"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/timeline-dev/timeline/generator/timex"
)

// FuzzTag checks the invariants of Tag on any input: no panic, extents in
// bounds, on UTF-8 boundaries, non-empty, sorted and non-overlapping, Text
// equal to the input's slice, valid TIMEX3 values, and the same result on a
// second run. Seeds are in testdata/fuzz/FuzzTag.
func FuzzTag(f *testing.F) {
	f.Add("He said on Wednesday that talks began in mid-2013 and ended Jan. 2, 2014.", int64(1389744000))
	f.Add("nearly three-year-old war; 5 1/2 hours; 2/30/2014; the '90s", int64(0))
	f.Fuzz(func(t *testing.T, text string, sec int64) {
		dct := time.Unix(sec%(400*365*86400), 0).UTC()
		got := Tag(text, dct)
		// The rune boundaries of text as a decoder walks it (an invalid
		// byte is a rune of its own).
		boundary := make([]bool, len(text)+1)
		for i := 0; i < len(text); {
			boundary[i] = true
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
		}
		boundary[len(text)] = true
		end := 0
		for i, x := range got {
			if x.Start < end || x.Start >= x.End || x.End > len(text) {
				t.Fatalf("timex %d [%d,%d) out of order or bounds (previous end %d, len %d)", i, x.Start, x.End, end, len(text))
			}
			if !boundary[x.Start] || !boundary[x.End] {
				t.Fatalf("timex %d [%d,%d) not on rune boundaries", i, x.Start, x.End)
			}
			if x.Text != text[x.Start:x.End] {
				t.Fatalf("timex %d Text %q != %q", i, x.Text, text[x.Start:x.End])
			}
			if _, err := timex.Parse(string(x.Value)); err != nil {
				t.Fatalf("timex %d %q: %v", i, x.Text, err)
			}
			if _, err := timex.ParseType(string(x.Type)); err != nil {
				t.Fatalf("timex %d %q: %v", i, x.Text, err)
			}
			if _, err := timex.ParseMod(string(x.Mod)); err != nil {
				t.Fatalf("timex %d %q: %v", i, x.Text, err)
			}
			end = x.End
		}
		if again := Tag(text, dct); !reflect.DeepEqual(got, again) {
			t.Fatalf("not deterministic:\n%v\n%v", got, again)
		}
	})
}
