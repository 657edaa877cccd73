package linkcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
)

// jsonError is events.json or timeline.json failing to decode.
type jsonError struct {
	file   string // site path
	data   []byte
	offset int64
	kind   Kind
	msg    string
}

func (e *jsonError) Error() string { return e.file + ": " + e.msg }

func (e *jsonError) finding(string) Finding {
	line, col := newLineIndex(e.data).position(int(e.offset))
	return Finding{File: e.file, Line: line, Col: col, Kind: e.kind, Severity: Error, Msg: e.msg}
}

// decodeError turns an encoding/json error into a jsonError with the
// offset it happened at.
func decodeError(file string, data []byte, kind Kind, err error) *jsonError {
	je := &jsonError{file: file, data: data, kind: kind, msg: "not valid JSON: " + err.Error()}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		je.offset = se.Offset
		je.msg = "not valid JSON: " + se.Error()
	case errors.As(err, &te):
		je.offset = te.Offset
		field := te.Field
		if field == "" {
			field = "the document"
		}
		je.msg = field + ": want " + jsonType(te.Type.Kind().String()) + ", found " + te.Value
	case errors.Is(err, io.ErrUnexpectedEOF):
		je.offset = int64(len(data))
		je.msg = "not valid JSON: unexpected end of the file"
	}
	return je
}

func jsonType(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "slice":
		return "an array"
	case "struct", "map", "ptr":
		return "an object"
	case "int", "int64", "float64":
		return "a number"
	case "bool":
		return "true or false"
	}
	return goKind
}

// lineIndex converts byte offsets to lines and columns.
type lineIndex []int // offsets of the line starts

func newLineIndex(data []byte) lineIndex {
	idx := lineIndex{0}
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return idx
		}
		i += j + 1
		idx = append(idx, i)
	}
}

// position returns the 1-based line and byte column of offset off.
func (l lineIndex) position(off int) (line, col int) {
	i := sort.SearchInts(l, off+1) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, off - l[i] + 1
}

// jsonPath names a value in a JSON document: object keys and array indexes
// joined by "/", e.g. "events/3/citations/0/quote".
type jsonPath string

func pathOf(parts ...any) jsonPath {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('/')
		}
		switch p := p.(type) {
		case string:
			b.WriteString(p)
		case int:
			b.WriteString(strconv.Itoa(p))
		}
	}
	return jsonPath(b.String())
}

// locateJSON returns the offset at which each wanted value starts in data
// (-1 when it is not there). A path not found falls back to its nearest
// ancestor that is. It streams the document once; it is used only to
// place findings.
func locateJSON(data []byte, want []jsonPath) []int {
	found := map[jsonPath]int{}
	need := map[jsonPath]bool{"": true}
	for _, w := range want {
		for p := w; ; {
			need[p] = true
			i := strings.LastIndexByte(string(p), '/')
			if i < 0 {
				break
			}
			p = p[:i]
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		path  jsonPath
		array bool
		index int
		key   string
	}
	var stack []frame
	valueStart := func() int {
		off := int(dec.InputOffset())
		for off < len(data) && (isSpace(data[off]) || data[off] == ':' || data[off] == ',') {
			off++
		}
		return off
	}
	childPath := func() (jsonPath, bool) {
		if len(stack) == 0 {
			return "", true
		}
		f := &stack[len(stack)-1]
		var p jsonPath
		if f.array {
			p = f.path + "/" + jsonPath(strconv.Itoa(f.index))
			if f.path == "" {
				p = jsonPath(strconv.Itoa(f.index))
			}
			f.index++
		} else {
			p = f.path + "/" + jsonPath(f.key)
			if f.path == "" {
				p = jsonPath(f.key)
			}
		}
		return p, true
	}
	expectKey := func() bool {
		return len(stack) > 0 && !stack[len(stack)-1].array && stack[len(stack)-1].key == ""
	}
	for {
		start := valueStart()
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				p, _ := childPath()
				if len(stack) > 0 && !stack[len(stack)-1].array {
					stack[len(stack)-1].key = ""
				}
				if need[p] {
					found[p] = start
				}
				stack = append(stack, frame{path: p, array: t == '['})
			case '}', ']':
				stack = stack[:len(stack)-1]
			}
			continue
		case string:
			if expectKey() {
				stack[len(stack)-1].key = t
				continue
			}
		}
		p, _ := childPath()
		if len(stack) > 0 && !stack[len(stack)-1].array {
			stack[len(stack)-1].key = ""
		}
		if need[p] {
			found[p] = start
		}
	}
	out := make([]int, len(want))
	for i, w := range want {
		out[i] = -1
		for p := w; ; {
			if off, ok := found[p]; ok {
				out[i] = off
				break
			}
			if p == "" {
				break
			}
			j := strings.LastIndexByte(string(p), '/')
			p = p[:max(j, 0)]
		}
	}
	return out
}

// jsonFindings holds findings in a JSON file until their positions are
// known.
type jsonFindings struct {
	file  string
	paths []jsonPath
	list  []Finding
}

func (j *jsonFindings) addf(p jsonPath, kind Kind, format string, args ...any) {
	j.addFrom(Origin{}, p, kind, format, args...)
}

// addFrom adds a finding that comes from o in the site's sources.
func (j *jsonFindings) addFrom(o Origin, p jsonPath, kind Kind, format string, args ...any) {
	j.paths = append(j.paths, p)
	j.list = append(j.list, Finding{File: j.file, Kind: kind, Severity: Error, Msg: sprintf(format, args...), origin: o})
}

// place computes the positions of the findings from the file's content.
func (j *jsonFindings) place(data []byte) []Finding {
	if len(j.list) == 0 {
		return nil
	}
	offs := locateJSON(data, j.paths)
	idx := newLineIndex(data)
	for i := range j.list {
		if offs[i] >= 0 {
			j.list[i].Line, j.list[i].Col = idx.position(offs[i])
		}
	}
	return j.list
}
