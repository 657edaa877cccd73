package linkcheck

// attrSpan locates an attribute in the raw bytes of a start tag.
type attrSpan struct {
	key, keyEnd int // the name
	val, valEnd int // the value, without its quotes
}

// attrSpans finds the attributes of the raw start tag raw ("<a href=x>")
// the way golang.org/x/net/html's tokenizer reads them, so that the i-th
// span is the i-th attribute TagAttr returns: attributes with an empty name
// and repeated names (compared in lower case) are dropped. The tokenizer
// gives values but not where they are; this gives the positions. spans is
// reused. A name or value is as the tokenizer returns it as long as it has
// no upper-case letter (names are lower-cased), '&' (character references
// are decoded), CR (line ends are converted) or NUL (replaced by U+FFFD):
// see rawAttrs.
func attrSpans(raw []byte, spans []attrSpan) []attrSpan {
	spans = spans[:0]
	n := len(raw)
	i := 1 // after '<'
	if i < n {
		i++ // the tag name's first byte
	}
	// The tag name.
	for i < n {
		c := raw[i]
		if isSpace(c) {
			i++
			break
		}
		if c == '/' || c == '>' {
			break
		}
		i++
	}
	i = skipSpace(raw, i)
	for i < n {
		if raw[i] == '>' {
			break
		}
		// The name.
		ks := i
		for i < n {
			c := raw[i]
			if c == '=' && i == ks {
				i++
				continue
			}
			if isSpace(c) || c == '/' || c == '>' || c == '=' {
				break
			}
			i++
		}
		ke := i
		// The value.
		vs, ve := i, -1
		i = skipSpace(raw, i)
		if i < n {
			c := raw[i]
			i++
			switch {
			case c == '/':
			case c != '=':
				i--
			default:
				i = skipSpace(raw, i)
				if i < n {
					q := raw[i]
					i++
					switch q {
					case '>':
						i--
						vs = i
					case '\'', '"':
						vs = i
						for i < n && raw[i] != q {
							i++
						}
						ve = i
						if i < n {
							i++
						}
					default:
						vs = i - 1
						for i < n && !isSpace(raw[i]) && raw[i] != '>' {
							i++
						}
						ve = i
						if i < n && isSpace(raw[i]) {
							i++
						}
					}
				} else {
					vs = i
				}
			}
		} else {
			vs = i
		}
		if ve < 0 {
			ve = vs // no value
		}
		if ke > ks && !seenKey(raw, spans, ks, ke) {
			spans = append(spans, attrSpan{key: ks, keyEnd: ke, val: vs, valEnd: ve})
		}
		i = skipSpace(raw, i)
	}
	return spans
}

// seenKey reports whether raw[ks:ke] equals, ignoring ASCII case, the name
// of an attribute already in spans.
func seenKey(raw []byte, spans []attrSpan, ks, ke int) bool {
	for _, s := range spans {
		if s.keyEnd-s.key == ke-ks && equalFoldASCII(raw[s.key:s.keyEnd], raw[ks:ke]) {
			return true
		}
	}
	return false
}

func equalFoldASCII(a, b []byte) bool {
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' }

func skipSpace(raw []byte, i int) int {
	for i < len(raw) && isSpace(raw[i]) {
		i++
	}
	return i
}

// rawAttrs appends to attrs the attributes of the raw start tag raw, the
// name and value of each as the tokenizer's TagAttr returns them, read in
// place from raw: it reports false, with attrs unchanged, when a name or
// value needs the tokenizer's rewriting (see attrSpans). spans is scratch
// space, returned for reuse.
func rawAttrs(raw []byte, attrs []attrKV, spans []attrSpan) ([]attrKV, []attrSpan, bool) {
	spans = attrSpans(raw, spans)
	for _, sp := range spans {
		for _, c := range raw[sp.key:sp.keyEnd] {
			if 'A' <= c && c <= 'Z' || c == 0 {
				return attrs, spans, false
			}
		}
		for _, c := range raw[sp.val:sp.valEnd] {
			if c == '&' || c == '\r' || c == 0 {
				return attrs, spans, false
			}
		}
	}
	for _, sp := range spans {
		attrs = append(attrs, attrKV{raw[sp.key:sp.keyEnd], raw[sp.val:sp.valEnd]})
	}
	return attrs, spans, true
}
