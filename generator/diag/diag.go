// Package diag reports problems in a site's source files the way compilers
// do: "content/foo.md:4:13: published: "2014-02-30" is not a real date",
// optionally followed by the source line with a caret under the fault and a
// hint on the valid forms. Every stage of the generator returns its
// user-facing errors as *Error or List so the command line, the watch-mode
// overlay and CI annotations can all show the same file, line and column.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error is a problem at a position in a source file. Line and Col count from
// 1; Col counts bytes. A zero Line means the whole file.
type Error struct {
	File string // path as the user knows it, slash-separated, e.g. content/foo.md
	Line int
	Col  int
	Msg  string
	// Source is the text of the faulty line, shown with a caret under Col.
	Source string
	// Hint explains the valid forms, e.g. every accepted date format.
	Hint string
}

// Error returns "file:line:col: msg", the first line of Detail.
func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	case e.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Detail returns Error followed by the source line with a caret under the
// column and the hint, each indented, for people reading a terminal.
func (e *Error) Detail() string {
	var b strings.Builder
	b.WriteString(e.Error())
	if e.Source != "" && e.Line > 0 {
		src := strings.ReplaceAll(e.Source, "\t", " ")
		fmt.Fprintf(&b, "\n    %5d | %s", e.Line, src)
		if e.Col > 0 && e.Col <= len(src)+1 {
			fmt.Fprintf(&b, "\n          | %s^", strings.Repeat(" ", e.Col-1))
		}
	}
	if e.Hint != "" {
		for _, l := range strings.Split(strings.TrimSpace(e.Hint), "\n") {
			b.WriteString("\n    ")
			b.WriteString(l)
		}
	}
	return b.String()
}

// At returns an error at the given byte offset of src, which is the content
// of file; the line and column are computed from the offset and the line's
// text is attached.
func At(file string, src []byte, offset int, format string, args ...any) *Error {
	line, col, text := Position(src, offset)
	return &Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Source: text}
}

// Position converts a byte offset in src to a 1-based line and column and
// returns the text of that line. Offsets past the end clamp to the end.
func Position(src []byte, offset int) (line, col int, text string) {
	if offset > len(src) {
		offset = len(src)
	}
	if offset < 0 {
		offset = 0
	}
	line = 1 + strings.Count(string(src[:offset]), "\n")
	start := strings.LastIndexByte(string(src[:offset]), '\n') + 1
	end := strings.IndexByte(string(src[offset:]), '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += offset
	}
	return line, offset - start + 1, strings.TrimRight(string(src[start:end]), "\r")
}

// LineText returns the text of 1-based line n of src, or "" if there is none.
func LineText(src []byte, n int) string {
	if n < 1 {
		return ""
	}
	lines := strings.SplitN(string(src), "\n", n+1)
	if len(lines) < n {
		return ""
	}
	return strings.TrimRight(lines[n-1], "\r")
}

// List is a set of errors, reported together so an editor can fix them all
// in one pass. Its Error method prints one per line, sorted by position.
type List []*Error

// Error prints every error on its own line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Detail prints every error with its source line and hint.
func (l List) Detail() string {
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Detail()
	}
	return strings.Join(parts, "\n")
}

// Sort orders the list by file, line and column, and drops exact duplicates.
func (l *List) Sort() {
	sort.SliceStable(*l, func(i, j int) bool {
		a, b := (*l)[i], (*l)[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	out := (*l)[:0]
	for i, e := range *l {
		if i > 0 && e.Error() == (*l)[i-1].Error() {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Err returns the list as an error, sorted, or nil if it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// Add appends err to the list, flattening Lists and wrapping other errors
// (which carry no position) as an *Error for file.
func (l *List) Add(file string, err error) {
	if err == nil {
		return
	}
	var list List
	var e *Error
	switch {
	case errors.As(err, &list):
		*l = append(*l, list...)
	case errors.As(err, &e):
		*l = append(*l, e)
	default:
		*l = append(*l, &Error{File: file, Msg: err.Error()})
	}
}

// Errors returns the positioned errors inside err: the elements of a List,
// a single *Error, or nil if err carries no position.
func Errors(err error) []*Error {
	var list List
	var e *Error
	switch {
	case errors.As(err, &list):
		return list
	case errors.As(err, &e):
		return []*Error{e}
	}
	return nil
}

// Detail returns the detailed form of err when it is a diag error and
// err.Error() otherwise.
func Detail(err error) string {
	var list List
	var e *Error
	switch {
	case errors.As(err, &list):
		return list.Detail()
	case errors.As(err, &e):
		return e.Detail()
	}
	return err.Error()
}
