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
				"when a key is closed before a colon that a quoted value follows at once ({\"name:\"Ann\"}) or before the colon of a key cut off by the end of the block, " +
				"or at the end of the block; unsafe when it is closed in the middle of a line, before a comma that the next key follows",
		},
		diag.Rule{
			ID: "J011", Name: "raw-control-character", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary:   "a string holds a raw line break, tab or other control character",
			Why:       "JSON strings may not contain control characters; text pasted from an editor keeps its line breaks and the block stops parsing.",
			Bad:       "{\"description\": \"first line\nsecond line\"}",
			Good:      "{\"description\": \"first line\\nsecond line\"}",
			FixSafety: "safe: each control character is replaced by its escape (\\n, \\r, \\t, \\u00XX); the text is unchanged" + perBlock,
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
	// brackets and braces count the '[' and '{' of the text not yet
	// closed.
	brackets, braces int
	// cut is the offset of an escape cut off by the end of the block, or
	// -1; the string ends before it.
	cut int
}

// str reads a string at r.pos, opened by any delimiter.
func (r *repairer) str(isKey bool) {
	b := r.in
	kind, olen := quoteAt(b, r.pos)
	s := &strState{start: r.pos, open: olen, kind: kind, isKey: isKey, quote: -1, ctrl: -1, inner: -1, esc: -1, cut: -1}
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
				if closes(kind, ck) && !(isKey && ck == qDouble && r.keyQuoteIsText(i+clen)) && !(s.brackets > 0 && r.bracketInText(i+clen)) && !(s.braces > 0 && r.braceInText(i+clen)) &&
					((isKey && kind == qDouble) || r.closeOK(i+clen, isKey) || r.splitsElement(s, i, i+clen)) {
					r.closeQuote(s, i, clen)
					return
				}
				if ck == qDouble && i == s.start+olen && kind == qDouble && !isKey && r.doubledOpen(i+1) {
					r.fix("J007", diag.Unsafe, i, i+1, "", "remove the doubled quote", "string opens with a doubled quote")
				} else if ck == qDouble {
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
		case c == '[':
			s.brackets++
		case c == ']' && s.brackets > 0:
			s.brackets--
		case c == '{':
			s.braces++
		case c == '}' && s.braces > 0:
			s.braces--
		case (c == '\n' || c == '\r') && isKey && isBlank(b[i:]):
			// Only white space is left: the key is cut off by the end of the
			// block, not by a line break.
			i = len(b)
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
		case c == ':' && isKey && r.colonEndsKey(i):
			r.closeString(s, i, diag.Safe, "key is not closed before its \":\"")
			return
		case c == ',' && !isKey:
			if r.commaEndsString(kind, i) {
				r.closeString(s, i, diag.Unsafe, "string is not closed before the next member")
				return
			}
		}
		i++
	}
	// Closing earlier than the end makes the repairer read the rest again.
	early := r.rescan(len(b) - s.start)
	if k := bytes.IndexByte(b[s.start+olen:], ':'); early && isKey && k >= 0 && r.objects > 0 && bytes.HasSuffix(bytes.TrimRight(b, " \t\r\n"), []byte("}")) {
		// {"key:value}: a key left open in an object the block closes
		// ended at its colon. Without the '}' ({"a": 1, "schema:name)
		// the block is cut off inside the key, colon and all.
		r.closeString(s, r.trimEnd(s.start+olen, s.start+olen+k), diag.Safe, "key is not closed before its \":\"")
		return
	}
	if f := r.top(); early && f != nil && f.kind == '{' && !isKey {
		// In an object, a string cut off by the end of the block most
		// likely ended before the first ", key:" in it.
		for j := s.start + olen; j < len(b); j++ {
			if b[j] == ',' && r.keyAt(skipSpaceTab(b, j+1)) {
				r.closeString(s, r.trimEnd(s.start+olen, j), diag.Unsafe, "string is not closed before the next member")
				return
			}
		}
	}
	if f := r.top(); early && f != nil && f.kind == '[' && !isKey {
		// In an array, a string cut off by the end of the block most
		// likely ended at its first comma: ["a, b] is ["a", "b"].
		if k := bytes.IndexByte(b[s.start+olen:], ','); k > 0 {
			r.closeString(s, r.trimEnd(s.start+olen, s.start+olen+k), diag.Unsafe, "string is not closed before the next element")
			return
		}
	}
	if s.cut >= 0 {
		// "s \ud: the cut-off escape goes, and the string ends before
		// the white space in front of it, as any truncated string does.
		p := trimSpaceBack(b, s.start+olen, s.cut)
		if backslashesBefore(b, s.start+olen, p)%2 == 1 {
			p = s.cut
		}
		r.closeString(s, p, diag.Safe, "string is not closed before the end of the block")
		r.edit(s.esc, s.cut, len(b), "")
		r.pos = len(b)
		return
	}
	end := len(b)
	if e := trimSpaceBack(b, s.start+olen, end); bytes.HasSuffix(b[s.start+olen:e], []byte("```")) {
		// A code fence closes the block, not the text: {"key": "value}```.
		end = e - 3
	}
	r.closeString(s, r.trimEnd(s.start+olen, end), diag.Safe, "string is not closed before the end of the block")
}

// splitsElement decides whether a quote from i to j that closes the string
// by its looks (a word before it, a space after it) ends an array element
// although a bare word follows: ["consectetur" comment"] lacks a comma and
// an opening quote. It holds only in an array, before any inner quote, when
// the next word runs to a closing quote or to the end of the element; a
// quote after a number ("24" screen") is an inch mark, and after text with
// spaces and a digit ("Size 12" ruler") too.
func (r *repairer) splitsElement(s *strState, i, j int) bool {
	b := r.in
	f := r.top()
	if s.isKey || s.inner >= 0 || f == nil || f.kind != '[' || f.virtual || j >= len(b) || (b[j] != ' ' && b[j] != '\t') {
		return false
	}
	from := s.start + s.open
	if i == from || !isWordEnd(b, from, i) {
		return false
	}
	k := skipSpaceTab(b, j)
	end := min(len(b), k+lookahead)
	if k >= end || !isWordStart(b, k) {
		return false
	}
	for ; k < end; k++ {
		switch b[k] {
		case '"':
			e := skipSpaceTab(b, k+1)
			return e < len(b) && (b[e] == ',' || b[e] == ']')
		case ',', ']':
			return true
		case '\'', '{', '}', '[', ':', '\n', '\r', '\\':
			return false
		}
	}
	return false
}

// isWordEnd reports whether the text from..i ends in a letter, or in a
// digit of one token that holds a letter (value1, not 24 or Size 12).
func isWordEnd(b []byte, from, i int) bool {
	if !isDigit(b[i-1]) {
		return isWordStart(b, i-prevRuneLen(b, i))
	}
	letter := false
	for k := from; k < i; k++ {
		switch {
		case isSpace(b[k]):
			return false
		case !isDigit(b[k]):
			letter = true
		}
	}
	return letter
}

// bracketInText reports whether a quote ending at j stands before a ']'
// of the text rather than before the end of the array: a regular
// expression's ['"] is followed by more text, not by ',' or a closer.
func (r *repairer) bracketInText(j int) bool {
	b := r.in
	k := skipSpaceTab(b, j)
	if k >= len(b) || b[k] != ']' {
		return false
	}
	m := skipSpaceTab(b, k+1)
	return m < len(b) && !isSpace(b[m]) && b[m] != ',' && b[m] != '}' && b[m] != ']'
}

// doubledOpen reports whether a string that opened with "" and goes on
// at j with a word ends at its next quote: {"key": ""value"} doubled its
// opening quote, while ""Best" Pizza" quotes a word.
func (r *repairer) doubledOpen(j int) bool {
	b := r.in
	if j >= len(b) || !isWordStart(b, j) {
		return false
	}
	end := min(len(b), j+lookahead)
	for k := j; k < end; k++ {
		switch b[k] {
		case '\\', '\n', '\r':
			return false
		case '"':
			return r.closeOK(k+1, false)
		}
	}
	return false
}

// braceInText reports whether a quote ending at j stands before a '}' of
// the text: "answer is {"blank": "5"}, correct is 4" quotes an object in
// prose, and what follows the '}' is more prose, not the next member.
func (r *repairer) braceInText(j int) bool {
	b := r.in
	k := skipSpaceTab(b, j)
	if k >= len(b) || b[k] != '}' {
		return false
	}
	m := skipSpaceTab(b, k+1)
	if m >= len(b) {
		return false
	}
	switch b[m] {
	case ',':
		return !r.itemFollows(m + 1)
	case '}', ']', '\n', '\r':
		return false
	}
	return true
}

// rescan charges n bytes read again to a budget proportional to the input
// and reports whether they fit. A string that runs to the end of the block
// and then ends early makes the repairer read the rest once more; a block
// of many such strings would take quadratic time without the budget, and
// past it strings cut off by the end simply close there.
func (r *repairer) rescan(n int) bool {
	if r.rescanned+n > 4*len(r.in)+1<<16 {
		return false
	}
	r.rescanned += n
	return true
}

// closeQuote ends a string at the delimiter at i.
func (r *repairer) closeQuote(s *strState, i, n int) {
	if !s.isKey {
		r.lastString = i
		r.lastStringStart = s.start
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

// colonEndsKey decides whether a ':' at i inside a key is where the key
// should have ended: a quote opening the value follows at once, and that
// quote does not close a key of its own ({"key:"value"}, while
// {"schema:name": 1} and {"a:"b": 1} keep their colons).
func (r *repairer) colonEndsKey(i int) bool {
	b := r.in
	if i+2 >= len(b) || b[i+1] != '"' || !(isWordStart(b, i+2) || isDigit(b[i+2])) {
		return false
	}
	// The value's closing quote must not be followed by ':'. This scan
	// stays flat (no call back into quotedKeyAt) to keep lookahead linear.
	end := min(len(b), i+2+lookahead)
	for j := i + 2; j < end; j++ {
		switch b[j] {
		case '\\':
			j++
		case '\n', '\r':
			return true
		case '"':
			k := skipSpaceTab(b, j+1)
			return k >= len(b) || b[k] != ':'
		}
	}
	return true
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
	if q == qNone && r.inObject() {
		return r.bareKeyThenString(kind, k)
	}
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

// bareKeyThenString reports whether a bare key, a ':' and a quoted value
// start at k: {"a": "first, b: "second"} left "first" open.
func (r *repairer) bareKeyThenString(kind quoteKind, k int) bool {
	b := r.in
	j := k
	for j < len(b) && j-k < lookahead && (isWordStart(b, j) || isDigit(b[j])) {
		j += max(runeLen(b, j), 1)
	}
	if j == k || j >= len(b) || b[j] != ':' {
		return false
	}
	j = skipSpaceTab(b, j+1)
	if j >= len(b) {
		return false
	}
	q, n := quoteAt(b, j)
	if q == qNone || !closes(kind, q) {
		return false
	}
	// The value must close and end the member: "Note, warning: "Hot" deal"
	// is text.
	end := min(len(b), j+lookahead)
	for j += n; j < end; j++ {
		switch c := b[j]; {
		case c == '\\':
			j++
		case c == '\n' || c == '\r':
			return false
		default:
			if cq, cn := quoteAt(b, j); cq != qNone && closes(q, cq) {
				e := skipSpaceTab(b, j+cn)
				return e >= len(b) || b[e] == ',' || b[e] == '}'
			}
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
	depth := 0 // brackets opened inside the text: {text: words{in brackets}}
	lastQuote := r.closingQuoteAhead(start)
	for i < len(b) {
		c := b[i]
		if i == lastQuote {
			i++
			break
		}
		if c == '"' && i > start && isSpace(b[i-1]) && r.inObject() && r.quotedKeyAt(qDouble, i+1, min(len(b), i+lookahead)) {
			// {"a": some text "b": 1}: the next key ends the text.
			break
		}
		switch {
		case c == '{' || c == '[':
			depth++
		case depth > 0 && (c == '}' || c == ']'):
			depth--
			i++
			continue
		}
		if (depth == 0 && lastQuote < 0 && (c == ',' || c == closer)) || c == '\n' || c == '\r' ||
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

// closingQuoteAhead finds the quote that closes bare text starting at
// start, when the text lacks only its opening quote: {"a": x, y, z."} is
// one string. The quote must come before any ':', bracket or line end and
// be followed by what follows a value; it returns -1 otherwise.
func (r *repairer) closingQuoteAhead(start int) int {
	b := r.in
	end := min(len(b), start+lookahead)
	for j := start; j < end; j++ {
		switch b[j] {
		case ':', '{', '}', '[', ']', '\n', '\r', '\'', '\\':
			return -1
		case '"':
			k := skipSpaceTab(b, j+1)
			if k >= len(b) || b[k] == ',' || b[k] == '}' || b[k] == ']' || b[k] == '\n' || b[k] == '\r' {
				return j
			}
			return -1
		}
	}
	return -1
}

// clip quotes a short excerpt of text for a message.
func clip(b []byte) string {
	s := string(b)
	if len([]rune(s)) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
