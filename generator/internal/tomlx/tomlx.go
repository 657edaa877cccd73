// Package tomlx decodes TOML strictly and reports errors at file positions:
// syntax and type errors from BurntSushi/toml, keys the destination struct
// does not know (with a "did you mean" suggestion), and errors the caller
// finds in a value, all as diag errors naming file:line:column.
package tomlx

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/timeline-dev/timeline/generator/diag"
)

// Doc is a TOML document embedded in a file at a byte offset (a whole
// config.toml at offset 0, or an article's front matter after its +++ line).
type Doc struct {
	File   string // name for messages, e.g. content/foo.md
	Source []byte // the whole file, for line numbers and snippets
	Offset int    // byte offset of the TOML text in Source
	Len    int    // length of the TOML text

	locs map[string]Loc
	keys []string // located paths in document order
}

// Loc is where a key and its value are, as byte offsets in the file.
type Loc struct {
	Key, Value int
}

// New returns the Doc for the TOML text src[offset:offset+n] of file.
func New(file string, src []byte, offset, n int) *Doc {
	d := &Doc{File: file, Source: src, Offset: offset, Len: n}
	d.locs, d.keys = locate(src[offset:offset+n], offset)
	return d
}

// Text returns the TOML text.
func (d *Doc) Text() []byte { return d.Source[d.Offset : d.Offset+d.Len] }

// Decode decodes the document into v (a pointer to a struct with toml tags)
// and rejects keys that v has no field for. The error is a diag.List.
func (d *Doc) Decode(v any) (toml.MetaData, error) {
	md, err := d.DecodeKnown(v)
	if err != nil {
		return md, err
	}
	return md, d.Unknown(md, v)
}

// Unknown reports the keys of the document that v has no field for.
func (d *Doc) Unknown(md toml.MetaData, v any) error {
	var errs diag.List
	for _, k := range md.Undecoded() {
		errs = append(errs, d.unknown(k, reflect.TypeOf(v))...)
	}
	return errs.Err()
}

// DecodeKnown decodes the document into v, reporting syntax and type errors
// but not unknown keys (see Unknown), so that a caller can go on checking
// the values it did get.
func (d *Doc) DecodeKnown(v any) (toml.MetaData, error) {
	md, err := toml.NewDecoder(strings.NewReader(string(d.Text()))).Decode(v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			e := diag.At(d.File, d.Source, d.Offset+pe.Position.Start, "%s", tidy(pe))
			e.Hint = pe.Usage
			return md, diag.List{e}
		}
		return md, diag.List{d.decodeError(err)}
	}
	return md, nil
}

var decodeErrRE = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): (.*)$`)

// decodeError places a decoding error such as "incompatible types" that the
// toml package reports with a line and key but no column: at the value of
// that key.
func (d *Doc) decodeError(err error) *diag.Error {
	m := decodeErrRE.FindStringSubmatch(err.Error())
	if m == nil {
		return d.ErrorAt(-1, "%v", strings.TrimPrefix(err.Error(), "toml: "))
	}
	line, _ := strconv.Atoi(m[1])
	key, msg := m[2], m[3]
	for _, p := range d.keys {
		if stripIndexes(p) != key {
			continue
		}
		off := d.locs[p].Value
		if l, _, _ := diag.Position(d.Text(), off-d.Offset); line == 0 || l == line {
			return d.ErrorAt(off, "%s: %s", key, msg)
		}
	}
	return d.ErrorAt(-1, "%s: %s", key, msg)
}

func tidy(pe toml.ParseError) string {
	msg := pe.Message
	if m := invalidDatetimeRE.FindStringSubmatch(msg); m != nil {
		if why := datetimeProblem(m[1]); why != "" {
			msg = fmt.Sprintf("%q is not a real date (%s)", m[1], why)
		}
	}
	if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
		msg = pe.LastKey + ": " + msg
	}
	return msg
}

var (
	invalidDatetimeRE = regexp.MustCompile(`^invalid datetime: "([^"]*)"$`)
	dateRE            = regexp.MustCompile(`^(\d+)-(\d+)-(\d+)`)
)

// datetimeProblem explains why a TOML date such as 2014-02-30 is not one:
// "February 2014 has 28 days". It returns "" when it cannot tell.
func datetimeProblem(s string) string {
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	year, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	switch {
	case len(m[1]) > 4:
		return "years after 9999 are not supported: a year has four digits"
	case len(m[1]) < 4 || len(m[2]) != 2 || len(m[3]) != 2:
		return "write it YYYY-MM-DD, e.g. 2014-01-15"
	case month < 1 || month > 12:
		return fmt.Sprintf("month %d is out of range 1-12", month)
	}
	days := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if day < 1 || day > days {
		return fmt.Sprintf("%s %d has %d days", time.Month(month), year, days)
	}
	return ""
}

// ErrorAt returns an error at byte offset off of the file; a negative offset
// means the start of the TOML text.
func (d *Doc) ErrorAt(off int, format string, args ...any) *diag.Error {
	if off < 0 {
		off = d.Offset
	}
	return diag.At(d.File, d.Source, off, format, args...)
}

// KeyError returns an error at the key path (e.g. "title", "event[2].quote");
// if the key is absent it points at the start of the TOML text.
func (d *Doc) KeyError(path string, format string, args ...any) *diag.Error {
	off := -1
	if l, ok := d.locs[path]; ok {
		off = l.Key
	}
	return d.ErrorAt(off, format, args...)
}

// ValueError returns an error at the value of the key path.
func (d *Doc) ValueError(path string, format string, args ...any) *diag.Error {
	off := -1
	if l, ok := d.locs[path]; ok {
		off = l.Value
	}
	return d.ErrorAt(off, format, args...)
}

// Loc returns where the key path is, and whether it is in the document.
func (d *Doc) Loc(path string) (Loc, bool) {
	l, ok := d.locs[path]
	return l, ok
}

// unknown reports every occurrence of the undecoded key k.
func (d *Doc) unknown(k toml.Key, typ reflect.Type) diag.List {
	var errs diag.List
	want := k.String()
	for _, p := range d.keys {
		if stripIndexes(p) != want {
			continue
		}
		msg := fmt.Sprintf("unknown key %q", k[len(k)-1])
		known := knownKeys(typ, k[:len(k)-1])
		if a, ok := foreignKeys[strings.ToLower(k[len(k)-1])]; ok && slices.Contains(known, a.key) {
			msg += fmt.Sprintf(" (%s %q is %q here)", a.tool, k[len(k)-1], a.key)
		} else if s := suggest(k[len(k)-1], known); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		e := d.KeyError(p, "%s", msg)
		if len(known) > 0 {
			where := "here"
			if len(k) > 1 {
				where = "in [" + strings.Join(k[:len(k)-1], ".") + "]"
			}
			e.Hint = fmt.Sprintf("valid keys %s: %s", where, strings.Join(known, ", "))
		}
		errs = append(errs, e)
	}
	if len(errs) == 0 { // a key inside an inline table or array we did not locate
		errs = append(errs, d.ErrorAt(-1, "unknown key %q", want))
	}
	return errs
}

func stripIndexes(p string) string {
	var b strings.Builder
	skip := false
	for _, r := range p {
		switch {
		case r == '[':
			skip = true
		case r == ']':
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// knownKeys lists the toml keys of the struct reached from typ by path.
func knownKeys(typ reflect.Type, path toml.Key) []string {
	for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Array {
		typ = typ.Elem()
	}
	if typ.Kind() != reflect.Struct {
		return nil
	}
	var names []string
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		name := strings.Split(f.Tag.Get("toml"), ",")[0]
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if len(path) > 0 && name == path[0] {
			return knownKeys(f.Type, path[1:])
		}
		names = append(names, name)
	}
	if len(path) > 0 {
		return nil
	}
	sort.Strings(names)
	return names
}

// suggest returns the known key closest to k, if it is close enough to be a
// typo (edit distance at most 2, or a different case).
// foreignKeys are the keys other site generators use for what has
// another name here (lower-cased): an editor coming from Hugo or Jekyll
// writes "date" for "published" and "baseURL" for "base_url".
var foreignKeys = map[string]struct{ tool, key string }{
	"date":         {"Hugo's", "published"},
	"publishdate":  {"Hugo's", "published"},
	"pubdate":      {"Hugo's", "published"},
	"baseurl":      {"Hugo's", "base_url"},
	"url":          {"Jekyll's", "base_url"},
	"languagecode": {"Hugo's", "language"},
	"publishdir":   {"Hugo's", "output"},
	"timezone":     {"Hugo's", "timezone"},
	"description":  {"Hugo's", "summary"},
	"categories":   {"Hugo's", "tags"},
	"authors":      {"Hugo's", "author"},
	"unsafe":       {"Hugo's", "unsafe_html"},
}

func suggest(k string, known []string) string {
	best, bestD := "", 3
	for _, c := range known {
		if strings.EqualFold(c, k) {
			return c
		}
		if d := distance(k, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Damerau-Levenshtein (optimal string alignment) distance.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
