package eventdiff

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Parse reads the events of an earlier build: an events.json (an object
// with "events"), or the list that "timeline events --json" prints. name
// is the file's name for errors, which give file:line:column.
func Parse(name string, data []byte) ([]Event, error) {
	var events []Event
	var err error
	switch t := bytes.TrimLeft(data, " \t\r\n"); {
	case len(t) == 0:
		return nil, fmt.Errorf("%s: empty: want an events.json", name)
	case t[0] == '[':
		err = json.Unmarshal(data, &events)
	case t[0] == '{':
		var m struct {
			Events *[]Event `json:"events"`
		}
		if err = json.Unmarshal(data, &m); err == nil && m.Events == nil {
			return nil, fmt.Errorf("%s: no \"events\": want an events.json", name)
		}
		if m.Events != nil {
			events = *m.Events
		}
	default:
		return nil, fmt.Errorf("%s:%s: want an events.json, an object with \"events\"", name, position(data, int64(len(data)-len(t))))
	}
	if err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return nil, fmt.Errorf("%s:%s: %v", name, position(data, syn.Offset-1), err)
		case errors.As(err, &typ):
			return nil, fmt.Errorf("%s:%s: %s is a JSON %s, want %s", name, position(data, typ.Offset-1), typ.Field, typ.Value, typ.Type)
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	for i, ev := range events {
		if ev.ID == "" {
			return nil, fmt.Errorf("%s: event %d has no id: want an events.json", name, i+1)
		}
	}
	return events, nil
}

// position returns the line:column of the byte at an offset. (The
// offsets of encoding/json's errors are those of the byte after the
// fault.)
func position(data []byte, off int64) string {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("%d:%d", line, col)
}
