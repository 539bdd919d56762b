package jsonpos

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// EscapeToken escapes one reference token for a JSON Pointer (RFC 6901 §3).
func EscapeToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// UnescapeToken reverses EscapeToken.
func UnescapeToken(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(s)
}

// Join appends reference tokens to a pointer.
func Join(ptr string, tokens ...string) string {
	var b strings.Builder
	b.WriteString(ptr)
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(EscapeToken(t))
	}
	return b.String()
}

// Split returns the unescaped tokens of a pointer; "" gives none.
func Split(ptr string) []string {
	if ptr == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, p := range parts {
		parts[i] = UnescapeToken(p)
	}
	return parts
}

// Lookup returns the node at ptr. For an object member whose key repeats,
// the last occurrence wins, as in Doc.Value.
func (d *Doc) Lookup(ptr string) (*Node, bool) {
	n := d.Root
	for _, tok := range Split(ptr) {
		next := child(n, tok)
		if next == nil {
			return nil, false
		}
		n = next
	}
	return n, n != nil
}

// Nearest returns the deepest existing node on the way to ptr, so a finding
// about a missing member can point at the object that lacks it.
func (d *Doc) Nearest(ptr string) *Node {
	n := d.Root
	for _, tok := range Split(ptr) {
		next := child(n, tok)
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

func child(n *Node, tok string) *Node {
	switch n.Kind {
	case Object:
		for i := len(n.Children) - 1; i >= 0; i-- {
			if n.Children[i].Key == tok {
				return n.Children[i]
			}
		}
	case Array:
		i, err := strconv.Atoi(tok)
		if err == nil && i >= 0 && i < len(n.Children) {
			return n.Children[i]
		}
	}
	return nil
}

// decodeJSONString decodes the body of a JSON string whose escapes are
// known to be valid, pairing surrogates and replacing lone ones with U+FFFD.
func decodeJSONString(b []byte) string {
	var out strings.Builder
	out.Grow(len(b))
	for i := 0; i < len(b); {
		c := b[i]
		if c != '\\' {
			// Copy the run up to the next escape at once when it is valid
			// UTF-8; rune by rune otherwise, so bad bytes become U+FFFD.
			end := bytes.IndexByte(b[i:], '\\')
			if end < 0 {
				end = len(b)
			} else {
				end += i
			}
			if run := b[i:end]; utf8.Valid(run) {
				out.Write(run)
				i = end
				continue
			}
			for i < end {
				r, size := utf8.DecodeRune(b[i:end])
				out.WriteRune(r)
				i += size
			}
			continue
		}
		e := b[i+1]
		i += 2
		switch e {
		case 'b':
			out.WriteByte('\b')
		case 'f':
			out.WriteByte('\f')
		case 'n':
			out.WriteByte('\n')
		case 'r':
			out.WriteByte('\r')
		case 't':
			out.WriteByte('\t')
		case 'u':
			r1, _ := strconv.ParseUint(string(b[i:i+4]), 16, 32)
			i += 4
			r := rune(r1)
			if utf16.IsSurrogate(r) {
				if i+6 <= len(b) && b[i] == '\\' && b[i+1] == 'u' {
					r2, _ := strconv.ParseUint(string(b[i+2:i+6]), 16, 32)
					if dec := utf16.DecodeRune(r, rune(r2)); dec != utf8.RuneError {
						out.WriteRune(dec)
						i += 6
						continue
					}
				}
				r = utf8.RuneError
			}
			out.WriteRune(r)
		default:
			out.WriteByte(e)
		}
	}
	return out.String()
}
