// Package jsonstream decodes the big JSON files a site writes
// (events.json, timeline.json) member by member and the elements of their
// big arrays one at a time, so that a file is never held whole.
package jsonstream

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// Field is a member of a JSON object DecodeObject reads: either a value
// decoded whole into Whole (a pointer), or an array whose elements are
// decoded one at a time by Elem, after Start when the array begins.
type Field struct {
	Name  string
	Whole any
	Start func()
	Elem  func(*json.Decoder) error
}

// ErrUnusual is returned by DecodeObject for a document it leaves to
// json.Unmarshal.
var ErrUnusual = errors.New("not the usual shape")

// DecodeObject decodes the JSON object read from r into fields as
// json.Unmarshal would decode it into a struct with those fields, reading
// the big arrays element by element: the file is never held whole. It
// returns ErrUnusual, or the decoder's error, for anything but a
// well-formed object whose members named like fields are spelled exactly
// and hold arrays where arrays are read element by element: the caller
// then decodes the file with json.Unmarshal, which gives the errors their
// exact wording and decodes what it can of a value of the wrong type. A
// member given twice is decoded twice, as json.Unmarshal does (an array
// starts again).
func DecodeObject(r io.Reader, fields []Field) error {
	dec := json.NewDecoder(r)
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ErrUnusual
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		i := 0
		for i < len(fields) && fields[i].Name != key {
			i++
		}
		if i == len(fields) {
			for _, f := range fields {
				if strings.EqualFold(f.Name, key) {
					return ErrUnusual // json.Unmarshal matches names in any case
				}
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
			continue
		}
		f := fields[i]
		if f.Whole != nil {
			if err := dec.Decode(f.Whole); err != nil {
				return err
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return ErrUnusual
		}
		f.Start()
		for dec.More() {
			if err := f.Elem(dec); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // the object's end
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return ErrUnusual // something after the object
	}
	return nil
}
