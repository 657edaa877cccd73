package importer

import (
	"bytes"
	"strings"
)

// Text imports an article captured as plain text: the title on the first
// line (or the caller's), then the article one paragraph a line, in runs
// of lines or separated by blank lines, with the page's furniture mixed
// in.
func Text(src []byte, opts Options) (*Article, error) {
	if err := checkInput(src, true); err != nil {
		return nil, err
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	var blocks []*block
	group := 0
	wrapped := isWrapped(lines)
	var last *block
	for i, l := range lines {
		l = strings.TrimRight(strings.ReplaceAll(l, "\r", ""), " \t")
		if strings.TrimSpace(reSpaces.ReplaceAllString(l, " ")) == "" {
			if last != nil {
				group++
			}
			last = nil
			continue
		}
		if wrapped && last != nil {
			last.text += " " + strings.TrimSpace(l)
			continue
		}
		last = &block{line: i + 1, text: l, group: group}
		blocks = append(blocks, last)
	}
	return clean(blocks, facts{}, opts, false)
}

// isWrapped reports whether the text is hard-wrapped: most lines of its
// multi-line paragraphs are of much the same length, near the longest, and
// none is much longer (an unwrapped capture has one paragraph a line).
func isWrapped(lines []string) bool {
	maxLen, n, near := 0, 0, 0
	for _, l := range lines {
		if len(l) > maxLen {
			maxLen = len(l)
		}
	}
	if maxLen > 100 || maxLen < 40 {
		return false
	}
	for i := 0; i+1 < len(lines); i++ {
		l, next := strings.TrimSpace(lines[i]), strings.TrimSpace(lines[i+1])
		if l == "" || next == "" {
			continue
		}
		n++
		if len(lines[i]) >= maxLen*3/4 {
			near++
		}
	}
	return n >= 3 && near*10 >= n*7
}
