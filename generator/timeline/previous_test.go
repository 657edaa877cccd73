package timeline

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// ReadPrevious reads events.json event by event; what it gives is what
// decoding the whole file gives, for the files a build writes and for
// others (a member of another case, values of other types where Previous
// has nothing), which it decodes whole.
func TestReadPreviousAsWhole(t *testing.T) {
	m, _ := seedModel(t)
	built, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	docs := []string{
		string(built),
		`{"articles": [1, "x", {"id": "a", "events": ["b"]}, null], "events": [{"id": "2014-a", "aliases": ["old-a", "Not An Id"], "citations": [{"article": "x", "quote": "q", "value": "2014"}]}, {"id": "Not Valid"}]}`,
		`{"site": {"title": "T"}, "extra": {"big": [1, 2, [3]]}, "events": [{"id": "e-1", "page": "/events/e-1/"}]}`,
		`{"events": [{"id": "a-1"}], "events": [{"id": "b-1"}]}`,
		`{"events": null, "articles": []}`,
		`{"Events": [{"id": "a-1"}]}`,
		`{"events": [{"id": "a-1"}]}  `,
	}
	for _, doc := range docs {
		got, err := ReadPrevious(strings.NewReader(doc))
		if err != nil {
			t.Errorf("%.60q: %v", doc, err)
			continue
		}
		want := wholePrevious(t, doc)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%.60q: read\n%#v\nwhole\n%#v", doc, got, want)
		}
	}
	if p, err := ReadPrevious(strings.NewReader(string(built))); err != nil || len(p.Events) != len(m.Events) {
		t.Errorf("the seed's events.json: %d events (%v), want %d", len(p.Events), err, len(m.Events))
	}
	// A file of another shape is decoded whole only from a reader that can
	// go back to its start.
	if _, err := ReadPrevious(iotest.OneByteReader(strings.NewReader(`{"Events": []}`))); err == nil {
		t.Error("an unusual file from a reader that cannot seek: no error")
	}
	for _, bad := range []string{`{"events": [{"id": 3}]}`, `{"events": [`, `[]`} {
		if _, err := ReadPrevious(bytes.NewReader([]byte(bad))); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// wholePrevious is ReadPrevious as it was: the file decoded whole.
func wholePrevious(t *testing.T, doc string) *Previous {
	t.Helper()
	var p Previous
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		t.Fatalf("%.60q: %v", doc, err)
	}
	keepValid(&p)
	return &p
}
