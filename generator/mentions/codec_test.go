package mentions

import (
	"fmt"
	"reflect"
	"testing"
	"unsafe"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/entities"
	"github.com/timeline-dev/timeline/generator/markdown"
)

// fill sets every field of v, recursively, to a value of its own that is
// not the zero value, so that a field the codec does not carry shows.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", *n))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(*n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Float64:
		v.SetFloat(float64(*n) / 7)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fill(v.Field(i), n)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		fill(s.Index(0), n)
		fill(s.Index(1), n)
		v.Set(s)
	default:
		panic(fmt.Sprintf("fill: a field of kind %s: teach fill and the codec about it", v.Kind()))
	}
}

// Every field of a Mention comes back as it went in: this fails when
// Mention gains a field that encode and decode do not carry.
func TestCodecEveryField(t *testing.T) {
	a := &content.Article{ID: "an-article", Doc: &markdown.Document{Blocks: []markdown.Block{{Text: "Nothing here. On Monday it rained."}}}}
	var ms []Mention
	n := 0
	for i := 0; i < 3; i++ {
		var m Mention
		fill(reflect.ValueOf(&m).Elem(), &n)
		ms = append(ms, m)
	}
	// One whose sentence and expression are the article's text, which
	// the codec does not write; the others' are not.
	ms[1].Block, ms[1].Start, ms[1].End, ms[1].Sentence = 0, 14, 34, "On Monday it rained."
	ms[1].ExprStart, ms[1].ExprEnd, ms[1].Expression = 17, 23, "Monday"
	ms[2].Entities, ms[2].Terms, ms[2].Happenings = []entities.Entity{}, nil, []string{}
	for i := range ms {
		ms[i].Article = a.ID // not written: the article's id
	}
	for name, in := range map[string][]Mention{"mentions": ms, "none": nil, "empty": {}} {
		b := Encode(in, a)
		got, err := Decode(b, a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, in) {
			t.Errorf("%s: decoded\n%+v\nwant\n%+v", name, got, in)
		}
		// Every cut of the input is an error, never a panic or a
		// different list.
		for k := 0; k < len(b); k++ {
			if got, err := Decode(b[:k], a); err == nil && !reflect.DeepEqual(got, in) {
				t.Fatalf("%s: %d of %d bytes decoded without an error", name, k, len(b))
			}
		}
	}
}

// The words, names and dates of decoded mentions are one copy for every
// article that has them, not parts of each article's own copy of its
// encoding: a citation's date would otherwise hold all of its article's
// encoded mentions for the rest of a build.
func TestDecodeShares(t *testing.T) {
	var got [2][]Mention
	for i := range got {
		a := &content.Article{ID: fmt.Sprint("article-", i), Doc: &markdown.Document{Blocks: []markdown.Block{{Text: "On Monday the court ruled."}}}}
		in := []Mention{{Article: a.ID, Start: 0, End: 26, Sentence: "On Monday the court ruled.", Value: "2014-01-13", Basis: "expression",
			Terms: []string{"court", "rule"}, Entities: []entities.Entity{{Text: "Court", Kind: "org", Key: "court"}}}}
		var err error
		if got[i], err = Decode(Encode(in, a), a); err != nil {
			t.Fatal(err)
		}
	}
	a, b := got[0][0], got[1][0]
	for _, s := range [][2]string{{string(a.Value), string(b.Value)}, {string(a.Basis), string(b.Basis)}, {a.Terms[1], b.Terms[1]}, {a.Entities[0].Key, b.Entities[0].Key}} {
		if unsafe.StringData(s[0]) != unsafe.StringData(s[1]) {
			t.Errorf("%q is decoded as two copies, one for each article", s[0])
		}
	}
}
