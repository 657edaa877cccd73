// Package timeml reads TimeML-annotated documents (TimeBank, AQUAINT and the
// other TempEval-3 corpora), writes text with inline TIMEX3 elements, and
// scores a tagger's time expressions against the gold ones with the
// TempEval-3 definitions.
//
// A document's plain text is the content of its TEXT element with every tag
// removed and the XML entities decoded; the offsets of the gold TIMEX3
// elements are byte offsets into that text, so a tagger run on Doc.Text can
// be compared span by span.
package timeml

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Timex is a TIMEX3 element: its extent in the plain text and its
// attributes as written.
type Timex struct {
	Start, End int    // byte offsets into Doc.Text
	Text       string // Doc.Text[Start:End]
	TID        string
	Type       string // DATE, TIME, DURATION or SET
	Value      string
	Mod        string
	// Function is the functionInDocument attribute; CREATION_TIME marks the
	// document creation time.
	Function string
}

// Doc is a TimeML document.
type Doc struct {
	Name string // file name without directory, when read from a file
	ID   string // DOCID
	// DCT is the document creation time, from the DCT element's TIMEX3.
	DCT      time.Time
	DCTValue string
	// Text is the plain text of the TEXT element.
	Text string
	// Timexes are the TIMEX3 elements inside TEXT, in document order,
	// without those marked as the creation time.
	Timexes []Timex
}

// Parse reads a TimeML document.
func Parse(data []byte) (*Doc, error) {
	d := &Doc{}
	if id, ok := between(data, "<DOCID>", "</DOCID>"); ok {
		d.ID = strings.TrimSpace(string(id))
	}
	dct, ok := between(data, "<DCT>", "</DCT>")
	if !ok {
		return nil, fmt.Errorf("no DCT element")
	}
	_, dctTimexes, err := strip(dct)
	if err != nil {
		return nil, fmt.Errorf("DCT: %v", err)
	}
	if len(dctTimexes) != 1 {
		return nil, fmt.Errorf("DCT: want one TIMEX3, found %d", len(dctTimexes))
	}
	d.DCTValue = dctTimexes[0].Value
	v := d.DCTValue
	if len(v) > 10 {
		v = v[:10]
	}
	d.DCT, err = time.Parse("2006-01-02", v)
	if err != nil {
		return nil, fmt.Errorf("DCT value %q is not a day: %v", d.DCTValue, err)
	}
	body, ok := between(data, "<TEXT>", "</TEXT>")
	if !ok {
		return nil, fmt.Errorf("no TEXT element")
	}
	text, timexes, err := strip(body)
	if err != nil {
		return nil, fmt.Errorf("TEXT: %v", err)
	}
	d.Text = text
	for _, t := range timexes {
		if t.Function != "CREATION_TIME" {
			d.Timexes = append(d.Timexes, t)
		}
	}
	return d, nil
}

// ReadFile reads the TimeML document in the named file.
func ReadFile(name string) (*Doc, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	d, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	d.Name = filepath.Base(name)
	return d, nil
}

// ReadDir reads every *.tml file in dir, sorted by name.
func ReadDir(dir string) ([]*Doc, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.tml"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no .tml files", dir)
	}
	sort.Strings(names)
	docs := make([]*Doc, 0, len(names))
	for _, n := range names {
		d, err := ReadFile(n)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

func between(data []byte, open, close string) ([]byte, bool) {
	i := bytes.Index(data, []byte(open))
	if i < 0 {
		return nil, false
	}
	rest := data[i+len(open):]
	j := bytes.Index(rest, []byte(close))
	if j < 0 {
		return nil, false
	}
	return rest[:j], true
}

// strip removes the tags of an XML fragment, decodes its entities and
// returns the TIMEX3 elements with offsets into the resulting text.
func strip(frag []byte) (string, []Timex, error) {
	var out strings.Builder
	out.Grow(len(frag))
	var timexes []Timex
	open := -1 // index in timexes of the open TIMEX3, or -1
	for i := 0; i < len(frag); {
		switch c := frag[i]; c {
		case '<':
			j := bytes.IndexByte(frag[i:], '>')
			if j < 0 {
				return "", nil, fmt.Errorf("unterminated tag at byte %d", i)
			}
			tag := string(frag[i+1 : i+j])
			i += j + 1
			switch {
			case strings.HasPrefix(tag, "TIMEX3") && !strings.HasSuffix(tag, "/"):
				if open >= 0 {
					return "", nil, fmt.Errorf("nested TIMEX3 at byte %d", i)
				}
				a := attrs(tag)
				timexes = append(timexes, Timex{Start: out.Len(), TID: a["tid"], Type: a["type"], Value: a["value"], Mod: a["mod"], Function: a["functionInDocument"]})
				open = len(timexes) - 1
			case tag == "/TIMEX3":
				if open < 0 {
					return "", nil, fmt.Errorf("</TIMEX3> without <TIMEX3> at byte %d", i)
				}
				timexes[open].End = out.Len()
				open = -1
			}
		case '&':
			j := bytes.IndexByte(frag[i:], ';')
			if j < 0 || j > 10 {
				out.WriteByte(c)
				i++
				continue
			}
			ent := string(frag[i+1 : i+j])
			if r, ok := entities[ent]; ok {
				out.WriteString(r)
			} else {
				out.WriteString(string(frag[i : i+j+1]))
			}
			i += j + 1
		default:
			out.WriteByte(c)
			i++
		}
	}
	if open >= 0 {
		return "", nil, fmt.Errorf("unclosed TIMEX3 %s", timexes[open].TID)
	}
	text := out.String()
	for k := range timexes {
		timexes[k].Text = text[timexes[k].Start:timexes[k].End]
	}
	return text, timexes, nil
}

var entities = map[string]string{"amp": "&", "lt": "<", "gt": ">", "quot": `"`, "apos": "'"}

// attrs parses the attributes of a start tag such as `TIMEX3 tid="t1" type="DATE"`.
func attrs(tag string) map[string]string {
	m := make(map[string]string)
	s := tag
	if i := strings.IndexAny(s, " \t\n"); i >= 0 {
		s = s[i:]
	} else {
		return m
	}
	for {
		s = strings.TrimLeft(s, " \t\r\n/")
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			return m
		}
		name := strings.TrimSpace(s[:eq])
		s = strings.TrimLeft(s[eq+1:], " \t\r\n")
		if s == "" || (s[0] != '"' && s[0] != '\'') {
			return m
		}
		q := s[0]
		end := strings.IndexByte(s[1:], q)
		if end < 0 {
			return m
		}
		val := s[1 : 1+end]
		for k, r := range entities {
			val = strings.ReplaceAll(val, "&"+k+";", r)
		}
		m[name] = val
		s = s[end+2:]
	}
}

// Element is a time expression to write inline: an extent and the TIMEX3
// attributes.
type Element struct {
	Start, End       int
	Type, Value, Mod string
}

// Write writes text with each element as an inline
// <TIMEX3 tid type value mod> element, escaping the text as XML. The
// elements must be sorted and must not overlap; tids are t1, t2, ... in
// order.
func Write(w io.Writer, text string, elems []Element) error {
	var b strings.Builder
	at := 0
	for k, e := range elems {
		if e.Start < at || e.End < e.Start || e.End > len(text) {
			return fmt.Errorf("timeml: element %d [%d,%d) is out of order or out of range", k, e.Start, e.End)
		}
		escape(&b, text[at:e.Start])
		fmt.Fprintf(&b, `<TIMEX3 tid="t%d" type="%s" value="%s"`, k+1, attrEscape(e.Type), attrEscape(e.Value))
		if e.Mod != "" {
			fmt.Fprintf(&b, ` mod="%s"`, attrEscape(e.Mod))
		}
		b.WriteString(">")
		escape(&b, text[e.Start:e.End])
		b.WriteString("</TIMEX3>")
		at = e.End
	}
	escape(&b, text[at:])
	_, err := io.WriteString(w, b.String())
	return err
}

func escape(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteByte(c)
		}
	}
}

func attrEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b.WriteString("&quot;")
			continue
		}
		escape(&b, s[i:i+1])
	}
	return b.String()
}
