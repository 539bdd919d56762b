package repair

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// lookahead bounds every look past the reading position, so the repairer
// stays linear: no decision reads more than this many bytes ahead.
const lookahead = 256

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isBlank(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

// runeLen is the length of the UTF-8 sequence at i (1 for a broken one, 0
// at the end).
func runeLen(b []byte, i int) int {
	if i >= len(b) {
		return 0
	}
	if b[i] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRune(b[i:])
	return n
}

// prevRuneLen is the length of the UTF-8 sequence that ends at i.
func prevRuneLen(b []byte, i int) int {
	if i <= 0 {
		return 0
	}
	if b[i-1] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeLastRune(b[:i])
	return n
}

// describeAt names the character at i for a message.
func describeAt(b []byte, i int) string {
	if i >= len(b) {
		return "the end of the block"
	}
	r, _ := utf8.DecodeRune(b[i:])
	if r < 0x20 || r == utf8.RuneError {
		return fmt.Sprintf("byte 0x%02x", b[i])
	}
	return fmt.Sprintf("%q", string(r))
}

// isWordStart reports whether a bare word (a literal, an unquoted string)
// starts at i.
func isWordStart(b []byte, i int) bool {
	c := b[i]
	if c < utf8.RuneSelf {
		return c == '_' || c == '$' || c == '@' || (c|0x20 >= 'a' && c|0x20 <= 'z')
	}
	r, _ := utf8.DecodeRune(b[i:])
	return unicode.IsLetter(r)
}

// isKeyChar reports whether an unquoted key may start at i.
func isKeyChar(b []byte, i int) bool {
	return isWordStart(b, i) || isDigit(b[i]) || b[i] == '-'
}

// skipSpaceTab skips spaces and tabs on one line.
func skipSpaceTab(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return i
}

// skipLook skips white space and comments without recording anything, for
// lookahead. It stops after limit bytes.
func skipLook(b []byte, i, limit int) int {
	end := min(len(b), i+limit)
	for i < end {
		c := b[i]
		switch {
		case isSpace(c):
			i++
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for i < end && b[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			i += 2
			for i < end && !(b[i] == '*' && i+1 < len(b) && b[i+1] == '/') {
				i++
			}
			i += 2
		case c == '#':
			for i < end && b[i] != '\n' {
				i++
			}
		case c >= utf8.RuneSelf:
			ru, n := utf8.DecodeRune(b[i:])
			if _, odd := oddSpace(ru); !odd {
				return i
			}
			i += n
		default:
			return i
		}
	}
	return min(i, len(b))
}

// trimSpaceBack moves end back over white space, not before from.
func trimSpaceBack(b []byte, from, end int) int {
	for end > from && isSpace(b[end-1]) {
		end--
	}
	return end
}

// literalAt reports whether word w starts at i and ends at a word boundary.
func literalAt(b []byte, i int, w string) bool {
	if len(b)-i < len(w) || string(b[i:i+len(w)]) != w {
		return false
	}
	j := i + len(w)
	return j == len(b) || !(isDigit(b[j]) || isWordStart(b, j))
}

// startsValue reports whether a JSON value, as the repairer reads values,
// starts at i.
func startsValue(b []byte, i int) bool {
	if q, _ := quoteAt(b, i); q != qNone {
		return true
	}
	c := b[i]
	return c == '{' || c == '[' || c == '-' || c == '.' || isDigit(c) || isWordStart(b, i)
}

// startsKey reports whether an object key starts at i: a quoted string or a
// bare word followed by ':'.
func startsKey(b []byte, i int) bool {
	if q, _ := quoteAt(b, i); q != qNone {
		return true
	}
	return isKeyChar(b, i)
}
