package mentions

import (
	"fmt"
	"reflect"
	"testing"

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
