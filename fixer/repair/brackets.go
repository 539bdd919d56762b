package repair

import (
	"fmt"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

func init() {
	diag.Register(
		diag.Rule{
			ID: "J030", Name: "missing-closing-bracket", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary:   "the block ends before every object and array is closed",
			Why:       "Truncated output (a size limit, a template that stopped early) leaves brackets open and the block unreadable.",
			Bad:       `{"@type": "Person", "address": {"@type": "PostalAddress"`,
			Good:      `{"@type": "Person", "address": {"@type": "PostalAddress"}}`,
			FixSafety: "safe: the missing brackets are added at the end; unsafe when a value must be filled in as well (null)",
		},
		diag.Rule{
			ID: "J031", Name: "mismatched-bracket", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary:   "a closing bracket closes an outer object or array while an inner one is still open",
			Why:       "A hand edit that removed a ']' or '}' in the middle of a block shifts every member after it.",
			Bad:       "{\"keywords\": [\"a\", \"b\"\n}",
			Good:      "{\"keywords\": [\"a\", \"b\"]\n}",
			FixSafety: "safe: the missing closers are inserted after the last value of the inner container",
		},
		diag.Rule{
			ID: "J032", Name: "stray-closing-bracket", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "a closing bracket closes nothing",
			Why:     "An extra '}' or ']' (often at the end, after a copy-paste) stops a strict parser.",
			Bad:     `{"name": "Acme"}}`, Good: `{"name": "Acme"}`,
			FixSafety: "safe: the bracket is removed",
		},
		diag.Rule{
			ID: "J033", Name: "multiple-top-level-values", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "the block holds several JSON values one after another",
			Why: "Concatenated blocks ({…}{…} or {…},{…}) are not one JSON text. JSON-LD accepts an array of nodes at the top, " +
				"which is what the author meant.",
			Bad:       `{"@type": "Organization"}, {"@type": "WebSite"}`,
			Good:      `[{"@type": "Organization"}, {"@type": "WebSite"}]`,
			FixSafety: "safe: the values are wrapped in one array, with commas between them",
		},
		diag.Rule{
			ID: "J034", Name: "array-closed-early", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "an array value is closed before its last elements, which follow as a bare array",
			Why: "A template that prints each group of values in its own brackets leaves \"sameAs\": [\"a\"], [\"b\"]; " +
				"the second array stands where the next key belongs and the block stops parsing.",
			Bad:       `{"sameAs": ["https://a.example"], ["https://b.example"]}`,
			Good:      `{"sameAs": ["https://a.example", "https://b.example"]}`,
			FixSafety: "unsafe: joining the arrays is a guess; the second array may have lost its key instead",
		},
		diag.Rule{
			ID: "J035", Name: "object-without-braces", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "a key and its value stand directly in an array",
			Why: "An array holds values, not members. [\"name\": \"Acme\"] lost the braces of the object it meant; " +
				"JSON-LD reads an array of one node like the node itself.",
			Bad:       `{"author": ["@type": "Person", "name": "Ann"]}`,
			Good:      `{"author": [{"@type": "Person", "name": "Ann"}]}`,
			FixSafety: "safe: '{' is inserted before the key and '}' before the bracket that closes the array",
		},
	)
}

func closerOf(kind byte) byte {
	if kind == '{' {
		return '}'
	}
	return ']'
}

// count keeps the number of open brackets of each kind.
func (r *repairer) count(kind byte, d int) {
	if kind == '{' {
		r.objects += d
	} else {
		r.arrays += d
	}
}

// drop pops the innermost frame.
func (r *repairer) drop() {
	f := r.stack[len(r.stack)-1]
	if !f.virtual {
		r.count(f.kind, -1)
	}
	r.stack = r.stack[:len(r.stack)-1]
}

// closer handles '}' or ']' after a value or where a key is expected.
func (r *repairer) closer() {
	c := r.in[r.pos]
	want := byte('{')
	if c == ']' {
		want = '['
	}
	if r.wrongCloser(c) {
		return
	}
	idx := -1
	for i := len(r.stack) - 1; i >= 0 && !r.stack[i].virtual; i-- {
		if r.stack[i].kind == want {
			idx = i
			break
		}
	}
	if idx < 0 {
		r.fix("J032", diag.Safe, r.pos, r.pos+1, "", "remove the bracket", "%q closes nothing", string(c))
		r.pos++
		return
	}
	if idx == 0 && len(r.stack) == 1 && want == '{' && r.membersFollow(r.pos+1) {
		r.fix("J032", diag.Safe, r.pos, r.pos+1, "", "remove the bracket", "%q closes the outermost object before its last members", "}")
		r.pos++
		return
	}
	r.dropTrailingComma()
	switch {
	case r.state == wantColon:
		r.fix("J024", diag.Unsafe, r.keyEnd, r.keyEnd, ": null", "add \": null\"", "key has no value")
	case r.state == wantValue && r.inObject():
		r.fix("J024", diag.Unsafe, r.contentEnd, r.contentEnd, "null", "insert null", "key has no value")
	}
	if idx < len(r.stack)-1 {
		var sb strings.Builder
		for i := len(r.stack) - 1; i > idx; i-- {
			sb.WriteByte(closerOf(r.stack[i].kind))
		}
		at := r.contentEnd
		r.fix("J031", diag.Safe, at, at, sb.String(), fmt.Sprintf("insert %q", sb.String()),
			"%q closes an outer %s while %s is still open", string(c), kindName(want), plural(len(r.stack)-1-idx, "inner bracket"))
		for len(r.stack)-1 > idx {
			r.drop()
		}
	}
	r.pop()
}

// wrongCloser handles a '}' that closes an array whose object goes on
// with more members: ["a", "b"}, "next": … meant ']'.
func (r *repairer) wrongCloser(c byte) bool {
	n := len(r.stack)
	if c != '}' || n < 2 || r.stack[n-1].kind != '[' || r.stack[n-1].virtual || r.stack[n-2].kind != '{' || !r.membersFollow(r.pos+1) {
		return false
	}
	r.dropTrailingComma()
	r.fix("J031", diag.Safe, r.pos, r.pos+1, "]", "replace it with \"]\"", "%q closes an array", "}")
	r.pop()
	return true
}

// membersFollow reports whether a comma and a key follow offset i: a
// closing brace there came too early.
func (r *repairer) membersFollow(i int) bool {
	k := skipLook(r.in, i, lookahead)
	if k >= len(r.in) || r.in[k] != ',' {
		return false
	}
	k = skipLook(r.in, k+1, lookahead)
	return k < len(r.in) && (r.keyAt(k) || r.keyThenString(k))
}

// keyThenString reports whether a quoted string and, after white space, a
// second quoted string start at k: a member that lost its ':' ("k" "v").
func (r *repairer) keyThenString(k int) bool {
	b := r.in
	q, n := quoteAt(b, k)
	if q == qNone {
		return false
	}
	end := min(len(b), k+lookahead)
	for j := k + n; j < end; j++ {
		switch b[j] {
		case '\n', '\r', ':', ',', '{', '}', '[', ']', '\\':
			return false
		}
		if cq, cn := quoteAt(b, j); cq != qNone {
			if !closes(q, cq) {
				return false
			}
			e := skipSpaceTab(b, j+cn)
			if e >= len(b) || e == j+cn {
				return false
			}
			nq, _ := quoteAt(b, e)
			return nq != qNone
		}
	}
	return false
}

// closerInValue handles a closer where a value is expected: after '[' it
// closes an empty array, after ',' the comma trails, after ':' the value is
// missing.
func (r *repairer) closerInValue() {
	if len(r.stack) == 0 {
		r.fix("J032", diag.Safe, r.pos, r.pos+1, "", "remove the bracket", "%q closes nothing", string(r.in[r.pos]))
		r.pos++
		return
	}
	r.closer()
}

// objectInterrupted handles '{' or '[' inside an object where a key or ','
// belongs: in an array of objects, an object that was never closed.
func (r *repairer) objectInterrupted() {
	if r.reopenArray() {
		return
	}
	n := len(r.stack)
	if n < 2 || r.stack[n-2].kind != '[' {
		r.unexpected()
		return
	}
	at, text := r.contentEnd, "},"
	if r.comma >= 0 {
		at, text = r.comma, "}"
		r.comma = -1
	}
	if r.state == wantColon {
		text = ": null" + text
	}
	r.fix("J031", diag.Safe, at, at, text, "close the object", "object is not closed before the next element")
	r.drop()
	r.lastValueEnd = at
	r.state = wantValue
}

// reopenArray handles a '[' where a key belongs right after a member whose
// value is an array: {"sameAs": ["a"], ["b"]} closed the array too early.
// The ']' and the '[' go, and the elements join the array.
func (r *repairer) reopenArray() bool {
	b := r.in
	at := r.arrayEnd
	if b[r.pos] != '[' || at < 0 || r.lastValueEnd != at+1 || b[at] != ']' || len(r.stack) >= r.maxDepth {
		return false
	}
	d := r.newDiag("J034", diag.Unsafe, source.Span{Start: at, End: r.pos + 1}, "join the arrays",
		"array is closed before its last elements")
	r.edit(d, at, at+1, "")
	r.edit(d, r.pos, r.pos+1, "")
	r.stack = append(r.stack, frame{kind: '[', start: r.pos})
	r.count('[', 1)
	r.pos++
	if r.comma >= 0 {
		// The comma now separates elements; a closer right after it
		// makes it a trailing comma like any other.
		r.state = wantValue
		return true
	}
	// ["a"] ["b"]: the array goes on after its last element, and the
	// next element gets the missing comma.
	r.lastValueEnd = at
	r.state = wantComma
	return true
}

// memberInArray handles a ':' after a string in an array: the string is
// the key of an object whose braces are missing. The '{' goes before the
// key; the bracket that closes the array closes the object too (J031).
func (r *repairer) memberInArray() bool {
	if !r.keyInArray(r.pos+1) || len(r.stack) >= r.maxDepth {
		return false
	}
	at := r.lastStringStart
	r.fix("J035", diag.Safe, at, at, "{", "insert \"{\"", "key and value stand in an array without the braces of an object")
	r.stack = append(r.stack, frame{kind: '{', start: at})
	r.count('{', 1)
	r.keyEnd = r.pos
	r.state = wantColon
	return true
}

// afterTopValue handles what follows a complete top-level value; it
// reports whether it consumed anything.
func (r *repairer) afterTopValue() bool {
	b := r.in
	c := b[r.pos]
	if r.unwrapClose() {
		return true
	}
	switch {
	case c == ';':
		r.fix("J061", diag.Safe, r.pos, r.pos+1, "", "remove the semicolon", "semicolon after the JSON value")
		r.pos++
		return true
	case len(r.stack) > 0:
		return false
	case c == ',':
		k := skipLook(b, r.pos+1, lookahead)
		if k < len(b) && (b[k] == '{' || b[k] == '[') && r.firstIsContainer() {
			r.multi(true)
			r.pos++
			return true
		}
		r.fix("J020", diag.Safe, r.pos, r.pos+1, "", "remove the comma", "trailing comma after the JSON value")
		r.pos++
		return true
	case (c == '{' || c == '[') && r.firstIsContainer():
		r.multi(false)
		return true
	case c == '}' || c == ']':
		r.fix("J032", diag.Safe, r.pos, r.pos+1, "", "remove the bracket", "%q closes nothing", string(c))
		r.pos++
		return true
	}
	return false
}

func (r *repairer) firstIsContainer() bool {
	c := r.in[r.firstStart]
	return c == '{' || c == '['
}

// multi wraps the top-level values read so far in an array, which stays
// open (as a virtual frame) until the end of the block.
func (r *repairer) multi(hasComma bool) {
	d := r.newDiag("J033", diag.Safe, source.Span{Start: r.firstStart, End: r.lastValueEnd},
		"wrap the values in an array", "block holds several top-level values")
	r.edit(d, r.firstStart, r.firstStart, "[")
	if !hasComma {
		r.edit(d, r.lastValueEnd, r.lastValueEnd, ",")
	}
	r.stack = append(r.stack, frame{kind: '[', start: r.firstStart, virtual: true, diag: d})
	r.state = wantValue
}

// closeAll closes, at the end of the block, what is still open.
func (r *repairer) closeAll() {
	var sb strings.Builder
	app := diag.Safe
	switch {
	case r.state == wantColon:
		sb.WriteString(": null")
		app = diag.Unsafe
	case r.state == wantValue && r.inObject():
		sb.WriteString("null")
		app = diag.Unsafe
	}
	virtual := -1
	open := 0
	for i := len(r.stack) - 1; i >= 0; i-- {
		if r.stack[i].virtual {
			virtual = r.stack[i].diag
			continue
		}
		sb.WriteByte(closerOf(r.stack[i].kind))
		open++
	}
	at := r.contentEnd
	if sb.Len() > 0 {
		msg := "block ends before " + plural(open, "bracket") + " " + isAre(open) + " closed"
		if open == 0 {
			msg = "block ends before the last value"
		}
		r.fix("J030", app, at, at, sb.String(), fmt.Sprintf("append %q", sb.String()), "%s", msg)
	}
	if virtual >= 0 {
		r.diags[virtual].span.End = at
		r.edit(virtual, at, at, "]")
	}
}

func kindName(open byte) string {
	if open == '{' {
		return "object"
	}
	return "array"
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
