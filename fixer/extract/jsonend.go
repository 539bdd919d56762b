package extract

import "bytes"

// valueEnd finds where the JSON value at the start of b ends, for a script
// element whose end tag is missing. It reads as the repairer does, so that
// the breakage the repairer fixes does not hide the end: strings may be
// delimited by curly quotes of either hand or single quotes, a string left
// open at the end of a line is closed there, and comments are skipped.
// Several top-level values in a row ({…}{…} or {…},{…}) count as one. It
// returns the offset just after the value and any trailing ';' or wrapper
// closer ("-->", "//]]>") on the same line, and true; or, when a tag starts
// outside a string before the brackets balance, or they never do, the
// offset of that tag (or len(b)) with trailing whitespace trimmed, and
// false.
func valueEnd(b []byte) (int, bool) {
	depth := 0
	started := false
	prev := byte(0) // last byte of the previous token outside strings
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '{' || c == '[':
			depth++
			started = true
		case c == '}' || c == ']':
			if depth > 0 {
				depth--
			}
			if started && depth == 0 {
				if j := nextTopLevel(b, i+1); j >= 0 {
					prev, i = ',', j
					continue
				}
				return tail(b, i+1), true
			}
		case c == '/' && i+1 < len(b) && (b[i+1] == '/' || b[i+1] == '*'):
			i = commentSkip(b, i)
			continue
		case isSpace(c):
			i++
			continue
		case c == '<' && markupAt(b, i):
			// JSON never holds a tag outside a string: the page has resumed.
			return len(bytes.TrimRight(b[:i], " \t\n\r\f")), false
		default:
			if q, w := quoteAt(b, i); q != 0 && (q == '"' && w == 1 || opensString(prev)) {
				i = stringEnd(b, i+w, q)
				prev = '"'
				continue
			}
		}
		prev = c
		i++
	}
	return len(bytes.TrimRight(b, " \t\n\r\f")), false
}

// opensString reports whether a quote after prev stands where JSON expects
// a key or a value. Curly and single quotes also appear as apostrophes in
// text left outside strings; only these positions make them delimiters.
func opensString(prev byte) bool {
	switch prev {
	case 0, '{', '[', ',', ':':
		return true
	}
	return false
}

// quoteAt returns the family of the quote at b[i] ('"' for double quotes,
// '\” for single ones, 0 for none) and its length in bytes.
func quoteAt(b []byte, i int) (byte, int) {
	switch b[i] {
	case '"':
		return '"', 1
	case '\'':
		return '\'', 1
	case 0xC2: // ´
		if i+1 < len(b) && b[i+1] == 0xB4 {
			return '\'', 2
		}
	case 0xE2:
		if i+2 < len(b) && b[i+1] == 0x80 {
			switch b[i+2] {
			case 0x9C, 0x9D, 0x9E, 0x9F, 0xB3, 0xB6: // “ ” „ ‟ ″ ‶
				return '"', 3
			case 0x98, 0x99, 0x9A, 0x9B: // ‘ ’ ‚ ‛
				return '\'', 3
			}
		}
	}
	return 0, 0
}

// stringEnd returns the offset after the string whose text starts at b[i]:
// after its closing quote of the same family (either hand), or at the end
// of its line when it is never closed.
func stringEnd(b []byte, i int, family byte) int {
	for i < len(b) {
		switch c := b[i]; c {
		case '\\':
			i += 2
			continue
		case '\n', '\r':
			return i
		default:
			if q, w := quoteAt(b, i); q == family {
				return i + w
			}
		}
		i++
	}
	return len(b)
}

// commentSkip returns the offset after the // or /* comment at b[i].
func commentSkip(b []byte, i int) int {
	if b[i+1] == '/' {
		j := bytes.IndexAny(b[i:], "\r\n")
		if j < 0 {
			return len(b)
		}
		return i + j
	}
	j := bytes.Index(b[i+2:], []byte("*/"))
	if j < 0 {
		return len(b)
	}
	return i + 2 + j + 2
}

// nextTopLevel returns the offset of another top-level object or array
// after the one ending at b[i] ({…}{…} or {…},{…}), or -1.
func nextTopLevel(b []byte, i int) int {
	i = skipSpace(b, i)
	if i < len(b) && b[i] == ',' {
		i = skipSpace(b, i+1)
	}
	if i < len(b) && (b[i] == '{' || b[i] == '[') {
		return i
	}
	return -1
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// tail extends a value ending at b[i] over what old pages put after it on
// the same line: ';' and the closers of comment and CDATA wrappers.
func tail(b []byte, i int) int {
	end := i
	for j := i; j < len(b); {
		switch {
		case b[j] == ' ' || b[j] == '\t':
			j++
			continue
		case b[j] == ';':
			j++
		case hasAnyPrefix(b[j:], "//]]>", "//-->", "]]>", "-->"):
			j += bytes.IndexByte(b[j:], '>') + 1
		default:
			return end
		}
		end = j
	}
	return end
}

func hasAnyPrefix(b []byte, prefixes ...string) bool {
	for _, p := range prefixes {
		if bytes.HasPrefix(b, []byte(p)) {
			return true
		}
	}
	return false
}
