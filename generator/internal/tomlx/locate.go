package tomlx

import (
	"strconv"
	"strings"
)

// locate finds where each key of a TOML document is. It relies on the
// document being valid TOML (it is only called for positions, after or
// alongside a real parse). Paths are dotted; a table in an array of tables
// carries its 1-based index: "event[2].quote". Keys inside inline tables and
// multi-line values are not located.
func locate(src []byte, base int) (map[string]Loc, []string) {
	locs := map[string]Loc{}
	var order []string
	counts := map[string]int{}
	ctx := ""
	s := string(src)
	depth := 0  // open [ or { of a multi-line value
	multi := "" // open """ or ''' delimiter
	lineStart := 0
	for lineStart <= len(s) {
		end := strings.IndexByte(s[lineStart:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += lineStart
		}
		line := s[lineStart:end]
		if multi == "" && depth == 0 {
			trim := strings.TrimLeft(line, " \t")
			indent := len(line) - len(trim)
			switch {
			case strings.HasPrefix(trim, "[["):
				name := tableName(trim[2:], "]]")
				counts[name]++
				ctx = name + "[" + strconv.Itoa(counts[name]) + "]"
				locs[ctx] = Loc{Key: base + lineStart + indent, Value: base + lineStart + indent}
				order = append(order, ctx)
			case strings.HasPrefix(trim, "["):
				ctx = tableName(trim[1:], "]")
				locs[ctx] = Loc{Key: base + lineStart + indent, Value: base + lineStart + indent}
				order = append(order, ctx)
			case trim != "" && trim[0] != '#':
				if key, valOff, ok := keyOf(trim); ok {
					p := key
					if ctx != "" {
						p = ctx + "." + key
					}
					if _, dup := locs[p]; !dup {
						locs[p] = Loc{Key: base + lineStart + indent, Value: base + lineStart + indent + valOff}
						order = append(order, p)
					}
				}
			}
		}
		multi, depth = scanLine(line, multi, depth)
		lineStart = end + 1
	}
	return locs, order
}

func tableName(s, close string) string {
	if i := strings.Index(s, close); i >= 0 {
		s = s[:i]
	}
	return joinKey(s)
}

// keyOf parses `key = value` and returns the dotted key and the offset of
// the value in the line.
func keyOf(line string) (string, int, bool) {
	i := 0
	inQ := byte(0)
	for ; i < len(line); i++ {
		c := line[i]
		switch {
		case inQ != 0:
			if c == inQ {
				inQ = 0
			}
		case c == '"' || c == '\'':
			inQ = c
		case c == '=':
			v := i + 1
			for v < len(line) && (line[v] == ' ' || line[v] == '\t') {
				v++
			}
			return joinKey(line[:i]), v, true
		}
	}
	return "", 0, false
}

// joinKey normalizes a possibly dotted, quoted key: ` a . "b c" ` → a.b c.
func joinKey(s string) string {
	var parts []string
	for _, p := range splitDots(s) {
		p = strings.TrimSpace(p)
		if len(p) >= 2 && (p[0] == '"' || p[0] == '\'') && p[len(p)-1] == p[0] {
			p = p[1 : len(p)-1]
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ".")
}

func splitDots(s string) []string {
	var parts []string
	inQ := byte(0)
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inQ != 0:
			if c == inQ {
				inQ = 0
			}
		case c == '"' || c == '\'':
			inQ = c
		case c == '.':
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// scanLine tracks multi-line strings and brackets across a line.
func scanLine(line, multi string, depth int) (string, int) {
	for i := 0; i < len(line); i++ {
		if multi != "" {
			if strings.HasPrefix(line[i:], multi) {
				i += len(multi) - 1
				multi = ""
			} else if multi == `"""` && line[i] == '\\' {
				i++
			}
			continue
		}
		switch c := line[i]; c {
		case '#':
			return multi, depth
		case '"', '\'':
			delim := line[i : i+1]
			if strings.HasPrefix(line[i:], strings.Repeat(delim, 3)) {
				multi = strings.Repeat(delim, 3)
				i += 2
				continue
			}
			for i++; i < len(line) && line[i:i+1] != delim; i++ {
				if c == '"' && line[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			if depth > 0 || !isHeader(line) {
				depth++
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return multi, depth
}

// isHeader reports whether line is a [table] or [[array]] header line, whose
// brackets are not a value.
func isHeader(line string) bool {
	return strings.HasPrefix(strings.TrimLeft(line, " \t"), "[")
}
