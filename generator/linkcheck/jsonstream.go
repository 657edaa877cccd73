package linkcheck

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// jsonField is a member of a JSON object decodeObject reads: either a
// value decoded whole into whole (a pointer), or an array whose elements
// are decoded one at a time by elem, after start when the array begins.
type jsonField struct {
	name  string
	whole any
	start func()
	elem  func(*json.Decoder) error
}

// errUnusual is returned by decodeObject for a document it leaves to
// json.Unmarshal.
var errUnusual = errors.New("not the usual shape")

// decodeObject decodes the JSON object read from r into fields as
// json.Unmarshal would decode it into a struct with those fields, reading
// the big arrays element by element: the file is never held whole. It
// returns errUnusual, or the decoder's error, for anything but a
// well-formed object whose members named like fields are spelled exactly
// and hold arrays where arrays are read element by element: the caller
// then decodes the file with json.Unmarshal, which gives the errors their
// exact wording and decodes what it can of a value of the wrong type. A
// member given twice is decoded twice, as json.Unmarshal does (an array
// starts again).
func decodeObject(r io.Reader, fields []jsonField) error {
	dec := json.NewDecoder(r)
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return errUnusual
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		i := 0
		for i < len(fields) && fields[i].name != key {
			i++
		}
		if i == len(fields) {
			for _, f := range fields {
				if strings.EqualFold(f.name, key) {
					return errUnusual // json.Unmarshal matches names in any case
				}
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
			continue
		}
		f := fields[i]
		if f.whole != nil {
			if err := dec.Decode(f.whole); err != nil {
				return err
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return errUnusual
		}
		f.start()
		for dec.More() {
			if err := f.elem(dec); err != nil {
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
		return errUnusual // something after the object
	}
	return nil
}
