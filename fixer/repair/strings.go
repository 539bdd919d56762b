package repair

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

func init() {
	diag.Register(
		diag.Rule{
			ID: "J010", Name: "unclosed-string", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "a string is never closed",
			Why: "A template that forgot a closing quote makes the rest of the block part of one long string. " +
				"Google reads nothing from the block, and general repair tools guess wrong: they let the string swallow the next line's closing brace.",
			Bad:  "{\"publisher\": {\"url\": \"https://example.com\n},\n\"name\": \"Acme\"}",
			Good: "{\"publisher\": {\"url\": \"https://example.com\"\n},\n\"name\": \"Acme\"}",
			FixSafety: "safe when the string is closed at the end of its line and the next line starts a key or a closing bracket, " +
				"or at the end of the block; unsafe when it is closed in the middle of a line, before a comma that the next key follows",
		},
		diag.Rule{
			ID: "J011", Name: "raw-control-character", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary:   "a string holds a raw line break, tab or other control character",
			Why:       "JSON strings may not contain control characters; text pasted from an editor keeps its line breaks and the block stops parsing.",
			Bad:       "{\"description\": \"first line\nsecond line\"}",
			Good:      "{\"description\": \"first line\\nsecond line\"}",
			FixSafety: "safe: each control character is replaced by its escape (\\n, \\r, \\t, \\u00XX); the text is unchanged",
		},
		diag.Rule{
			ID: "J012", Name: "unquoted-string", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "a value is bare text without quotes",
			Why:     "A template variable that printed a name without quotes (\"name\": Daniel) breaks the block.",
			Bad:     `{"name": Daniel}`, Good: `{"name": "Daniel"}`,
			FixSafety: "unsafe: the text up to the next comma, closing bracket or line end becomes a string, which may not be what the template meant",
		},
	)
}

// strState tracks the diagnostics of one string, created on first need so
// that one string with ten line breaks is one finding.
type strState struct {
	start, open int
	kind        quoteKind
	isKey       bool
	quote       int // delimiter replacement (J004, J005, J008)
	ctrl        int // J011
	inner       int // J007
	esc         int // J013
}

// str reads a string at r.pos, opened by any delimiter.
func (r *repairer) str(isKey bool) {
	b := r.in
	kind, olen := quoteAt(b, r.pos)
	s := &strState{start: r.pos, open: olen, kind: kind, isKey: isKey, quote: -1, ctrl: -1, inner: -1, esc: -1}
	if r.concat >= 0 {
		// The opening quote of a string joined by '+' goes with the '+'.
		r.edit(r.concat, r.pos, r.pos+olen, "")
		r.concat = -1
		if kind != qDouble {
			s.quote = r.newDiag(quoteRule(kind), diag.Safe, source.Span{Start: r.pos, End: r.pos + olen},
				"replace the delimiters with straight double quotes",
				"string is delimited by %q instead of a straight double quote", string(b[r.pos:r.pos+olen]))
		}
	} else if kind != qDouble {
		what := "string"
		if isKey {
			what = "key"
		}
		s.quote = r.newDiag(quoteRule(kind), diag.Safe, source.Span{Start: r.pos, End: r.pos + olen},
			"replace the delimiters with straight double quotes",
			"%s is delimited by %q instead of a straight double quote", what, string(b[r.pos:r.pos+olen]))
		r.edit(s.quote, r.pos, r.pos+olen, `"`)
	}
	i := r.pos + olen
	for i < len(b) {
		c := b[i]
		if c == '"' || c == '\'' || c == '`' || c == '&' || c == 0xC2 || c == 0xE2 {
			if ck, clen := quoteAt(b, i); ck != qNone {
				if closes(kind, ck) && ((isKey && kind == qDouble) || r.closeOK(i+clen, isKey)) {
					r.closeQuote(s, i, clen)
					return
				}
				if ck == qDouble {
					r.innerQuote(s, i)
				}
				i += clen
				continue
			}
		}
		switch {
		case c == '\\':
			i = r.escape(s, i)
			continue
		case c == '\n' || c == '\r':
			if r.lineStartsItem(i, false, kind) {
				r.closeString(s, r.trimEnd(s.start+olen, i), diag.Safe,
					"string is not closed before the end of its line")
				return
			}
			r.control(s, i)
		case c < 0x20:
			r.control(s, i)
		case c == ',' && !isKey:
			if r.commaEndsString(kind, i) {
				r.closeString(s, i, diag.Unsafe, "string is not closed before the next member")
				return
			}
		}
		i++
	}
	if f := r.top(); f != nil && f.kind == '{' && !isKey {
		// In an object, a string cut off by the end of the block most
		// likely ended before the first ", key:" in it.
		for j := s.start + olen; j < len(b); j++ {
			if b[j] == ',' && r.keyAt(skipSpaceTab(b, j+1)) {
				r.closeString(s, r.trimEnd(s.start+olen, j), diag.Unsafe, "string is not closed before the next member")
				return
			}
		}
	}
	if f := r.top(); f != nil && f.kind == '[' && !isKey {
		// In an array, a string cut off by the end of the block most
		// likely ended at its first comma: ["a, b] is ["a", "b"].
		if k := bytes.IndexByte(b[s.start+olen:], ','); k >= 0 {
			r.closeString(s, r.trimEnd(s.start+olen, s.start+olen+k), diag.Unsafe, "string is not closed before the next element")
			return
		}
	}
	r.closeString(s, r.trimEnd(s.start+olen, len(b)), diag.Safe, "string is not closed before the end of the block")
}

// closeQuote ends a string at the delimiter at i.
func (r *repairer) closeQuote(s *strState, i, n int) {
	if !s.isKey {
		r.lastString = i
	}
	if s.quote >= 0 {
		if string(r.in[i:i+n]) != `"` {
			r.edit(s.quote, i, i+n, `"`)
		}
		r.diags[s.quote].span.End = i + n
	}
	r.pos = i + n
}

// closeString inserts the missing closing quote at p and resumes reading
// there.
func (r *repairer) closeString(s *strState, p int, app diag.Applicability, msg string) {
	r.dropEditsFrom(p)
	if s.quote >= 0 {
		r.diags[s.quote].span.End = p
	}
	d := r.newDiag("J010", app, source.Span{Start: s.start, End: max(p, s.start+s.open)},
		"insert the closing quote", "%s", msg)
	r.edit(d, p, p, `"`)
	r.pos = p
}

// trimEnd finds where a string left open should close when its text runs
// from from to end: before trailing white space, before closing brackets
// that match the open ones, and before one trailing comma.
func (r *repairer) trimEnd(from, end int) int {
	b := r.in
	p := trimSpaceBack(b, from, end)
	q := p
	for q > from && q > p-lookahead && (b[q-1] == '}' || b[q-1] == ']' || isSpace(b[q-1])) {
		q--
	}
	if q < p && r.closersMatch(b[q:p]) {
		p = trimSpaceBack(b, from, q)
	}
	if p > from && b[p-1] == ',' {
		p = trimSpaceBack(b, from, p-1)
	}
	// Never split an escape: a backslash right before the quote would
	// escape it.
	if n := backslashesBefore(b, from, p); n%2 == 1 {
		p = end
	}
	return p
}

func backslashesBefore(b []byte, from, p int) int {
	n := 0
	for p-n > from && b[p-n-1] == '\\' {
		n++
	}
	return n
}

// closersMatch reports whether the closing brackets in seq close the open
// brackets innermost first.
func (r *repairer) closersMatch(seq []byte) bool {
	k := len(r.stack) - 1
	seen := false
	for _, c := range seq {
		if isSpace(c) {
			continue
		}
		if k < 0 || r.stack[k].virtual || (c == '}') != (r.stack[k].kind == '{') {
			return false
		}
		k--
		seen = true
	}
	return seen
}

// commaEndsString decides whether a comma inside a string is where the
// string should have ended: the next member's key, or the next quoted
// element, follows it on the same line.
func (r *repairer) commaEndsString(kind quoteKind, i int) bool {
	b := r.in
	k := skipSpaceTab(b, i+1)
	if k >= len(b) {
		return false
	}
	q, n := quoteAt(b, k)
	if q == qNone || !closes(kind, q) {
		return false
	}
	end := min(len(b), k+lookahead)
	if r.inObject() {
		return r.quotedKeyAt(q, k+n, end)
	}
	if r.top() == nil {
		return false
	}
	for j := k + n; j < end; j++ {
		c := b[j]
		if c == '\n' || c == '\r' || c == ',' {
			return false
		}
		if c == '\\' {
			j++
			continue
		}
		if cq, cn := quoteAt(b, j); cq != qNone && closes(q, cq) {
			e := skipSpaceTab(b, j+cn)
			return e >= len(b) || b[e] == ',' || b[e] == ']'
		}
	}
	return false
}

// control escapes the control character at i.
func (r *repairer) control(s *strState, i int) {
	c := r.in[i]
	if s.ctrl < 0 {
		what := "control character"
		switch c {
		case '\n', '\r':
			what = "line break"
		case '\t':
			what = "tab"
		}
		s.ctrl = r.newDiag("J011", diag.Safe, source.Span{Start: i, End: i + 1},
			"escape the control characters", "string holds a raw %s", what)
	}
	r.edit(s.ctrl, i, i+1, controlEscape(c))
}

func controlEscape(c byte) string {
	switch c {
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	case '\b':
		return `\b`
	case '\f':
		return `\f`
	}
	return fmt.Sprintf(`\u%04x`, c)
}

// innerQuote escapes a straight double quote that is text.
func (r *repairer) innerQuote(s *strState, i int) {
	d := s.quote
	if s.kind == qDouble {
		if s.inner < 0 {
			s.inner = r.newDiag("J007", diag.Safe, source.Span{Start: i, End: i + 1},
				"escape the quote", "double quote inside a string is not escaped")
		}
		d = s.inner
	}
	r.edit(d, i, i, `\`)
}

// unquoted turns bare text from r.pos into a string. The text ends at a
// comma, the closing bracket of the container, or the end of the line.
func (r *repairer) unquoted() {
	b := r.in
	start := r.pos
	closer := byte(']')
	if r.inObject() {
		closer = '}'
	}
	i := start
	for i < len(b) {
		c := b[i]
		if c == ',' || c == closer || c == '\n' || c == '\r' ||
			(c == '/' && i+1 < len(b) && b[i+1] == '*') || (c == '/' && i > start && b[i-1] == ' ' && i+1 < len(b) && b[i+1] == '/') {
			break
		}
		i++
	}
	end := trimSpaceBack(b, start, i)
	text := b[start:end]
	missingOpen := end > start+1 && b[end-1] == '"' && strings.Count(string(text), `"`) == 1
	var d int
	if missingOpen {
		// abc" lacks only its opening quote.
		d = r.newDiag("J010", diag.Safe, source.Span{Start: start, End: end}, "insert the opening quote",
			"string %s has no opening quote", clip(text))
		end--
	} else {
		d = r.newDiag("J012", diag.Unsafe, source.Span{Start: start, End: end}, "put the text in quotes",
			"value %s is not quoted", clip(text))
	}
	r.edit(d, start, start, `"`)
	for j := start; j < end; j++ {
		switch c := b[j]; {
		case c == '"' || c == '\\':
			r.edit(d, j, j, `\`)
		case c < 0x20:
			r.edit(d, j, j+1, controlEscape(c))
		}
	}
	if missingOpen {
		r.pos = end + 1
		return
	}
	r.edit(d, end, end, `"`)
	r.pos = end
}

// clip quotes a short excerpt of text for a message.
func clip(b []byte) string {
	s := string(b)
	if len([]rune(s)) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
