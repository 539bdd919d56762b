package repair

import (
	"fmt"
	"slices"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// state is what the parser expects next.
type state int

const (
	wantValue state = iota // a value: at the top, after '[' or ',' in an array, after ':'
	wantKey                // a key or '}' in an object
	wantColon              // the ':' after a key
	wantComma              // ',' or a closer after a value
)

// frame is one open object or array.
type frame struct {
	kind  byte // '{' or '['
	start int  // offset of the opener in the input
	// empty is set until the first member or element.
	empty bool
	// virtual marks the array that wraps several top-level values; no
	// bracket of the input closes it.
	virtual bool
	// diag is the diagnostic of a virtual frame.
	diag int
}

// edit is one change of the input, owned by one diagnostic.
type edit struct {
	start, end int
	text       string
	diag       int
}

// pending is a diagnostic under construction.
type pending struct {
	rule    string
	span    source.Span
	message string
	title   string
	app     diag.Applicability
}

// repairer holds the state of one repair.
type repairer struct {
	in       []byte
	maxDepth int

	pos   int
	state state
	stack []frame

	edits []edit
	diags []pending
	fail  *diag.Diagnostic

	// seenValue is set once the first top-level value has started.
	seenValue  bool
	firstStart int // offset of the first top-level value
	// lastValueEnd is the input offset just after the last value or key.
	lastValueEnd int
	// contentEnd is the offset after the last token that is not white space
	// or a comment: where closers missing at the end are inserted.
	contentEnd int
	// comma is the offset of a ',' whose fate is not decided yet, or -1.
	comma int
	// keyEnd is the offset after the last key, for a missing ':'.
	keyEnd int
	// calls holds, for each open call "name(" around a value (JSONP,
	// MongoDB's ObjectId("…")), the nesting depth at which it opened.
	calls []int
	// lastString is the offset of the closing quote of the last value when
	// it was a string, or -1; concat is the finding of a "+" joining it to
	// the next string, or -1.
	lastString, concat int
	// lastStringStart is the offset of the opening quote of that string.
	lastStringStart int
	// objects and arrays count the open brackets of the input by kind.
	objects, arrays int
	// rescanned counts the bytes read again after strings that ran to the
	// end of the block closed earlier (see rescan).
	rescanned int
	// arrayEnd is the offset of the ']' that closed the last array value
	// of an object member, or -1.
	arrayEnd int
}

func newRepairer(in []byte, maxDepth int) *repairer {
	return &repairer{in: in, maxDepth: maxDepth, comma: -1, lastString: -1, concat: -1, arrayEnd: -1}
}

// newDiag starts a diagnostic and returns its index for edits.
func (r *repairer) newDiag(rule string, app diag.Applicability, span source.Span, title, format string, args ...any) int {
	r.diags = append(r.diags, pending{
		rule: rule, span: span, title: title, app: app,
		message: fmt.Sprintf(format, args...),
	})
	return len(r.diags) - 1
}

// edit adds an edit of diagnostic d. Edits mostly arrive in input order;
// the few that are placed behind the reading position (a comma after a
// value followed by a comment, the '[' that wraps several values) are put
// in order here.
func (r *repairer) edit(d, start, end int, text string) {
	e := edit{start: start, end: end, text: text, diag: d}
	i := len(r.edits)
	for i > 0 {
		p := r.edits[i-1]
		if p.start > start || (p.start == start && p.end > p.start && start == end) {
			i--
			continue
		}
		break
	}
	r.edits = slices.Insert(r.edits, i, e)
}

// dropEditsFrom forgets the edits at or after off: a string that turns out
// to end earlier than first read gives back the tail it had escaped.
func (r *repairer) dropEditsFrom(off int) {
	for len(r.edits) > 0 && r.edits[len(r.edits)-1].start >= off {
		r.edits = r.edits[:len(r.edits)-1]
	}
}

// fix records a one-edit repair.
func (r *repairer) fix(rule string, app diag.Applicability, start, end int, text, title, format string, args ...any) int {
	span := source.Span{Start: start, End: end}
	if span.End == span.Start {
		span = r.pointSpan(start)
	}
	d := r.newDiag(rule, app, span, title, format, args...)
	r.edit(d, start, end, text)
	return d
}

// pointSpan widens an insertion point to the character before it (or after
// it at the very start), so a finding always covers something visible.
func (r *repairer) pointSpan(off int) source.Span {
	if off > 0 {
		return source.Span{Start: off - prevRuneLen(r.in, off), End: off}
	}
	if len(r.in) > 0 {
		return source.Span{Start: 0, End: runeLen(r.in, 0)}
	}
	return source.Span{}
}

// failf stops the repair with a positioned error.
func (r *repairer) failf(rule string, start, end int, format string, args ...any) {
	if r.fail != nil {
		return
	}
	if end <= start {
		end = min(start+max(runeLen(r.in, start), 0), len(r.in))
		if end == start && start > 0 {
			start -= prevRuneLen(r.in, start)
		}
	}
	d := diag.New(rule, 0, source.Span{Start: start, End: end}, format, args...)
	r.fail = &d
}

func (r *repairer) top() *frame {
	if len(r.stack) == 0 {
		return nil
	}
	return &r.stack[len(r.stack)-1]
}

// atTop reports whether the parser is outside every bracket of the input.
func (r *repairer) atTop() bool {
	return len(r.stack) == 0 || (len(r.stack) == 1 && r.stack[0].virtual)
}

func (r *repairer) inObject() bool {
	f := r.top()
	return f != nil && f.kind == '{'
}

// run parses the whole input.
func (r *repairer) run() {
	n := len(r.in)
	for r.fail == nil {
		r.pos = r.skip(r.pos)
		if r.fail != nil {
			return
		}
		if r.pos >= n {
			break
		}
		switch r.state {
		case wantValue:
			r.value()
		case wantKey:
			r.key()
		case wantColon:
			r.colon()
		case wantComma:
			r.afterValue()
		}
	}
	if r.fail == nil {
		r.finish()
	}
}

// value handles the token where a value is expected.
func (r *repairer) value() {
	c := r.in[r.pos]
	if len(r.stack) == 0 && !r.seenValue {
		if r.unwrapOpen() {
			return
		}
	}
	if isWordStart(r.in, r.pos) && r.callOpen() {
		return
	}
	if r.top() != nil && r.ellipsis() {
		return
	}
	switch {
	case c == '{' || c == '[':
		r.comma = -1
		r.markFilled()
		r.open(c)
	case c == '}' || c == ']':
		r.closerInValue()
	case c == ',':
		r.commaInValue()
	case c == ':' && r.inObject():
		// A second colon: "a": : 1.
		r.fix("J022", diag.Safe, r.pos, r.pos+1, "", "remove the extra colon", "extra %q before a value", ":")
		r.pos++
	default:
		if !r.seenValue && len(r.stack) == 0 {
			r.seenValue = true
			r.firstStart = r.pos
		}
		r.comma = -1
		r.lastString = -1
		if r.scalar() {
			r.endValue()
		}
	}
}

// endValue moves past a complete value.
func (r *repairer) endValue() {
	r.lastValueEnd = r.pos
	r.contentEnd = r.pos
	r.state = wantComma
}

// open pushes an object or array.
func (r *repairer) open(c byte) {
	if !r.seenValue && len(r.stack) == 0 {
		r.seenValue = true
		r.firstStart = r.pos
	}
	if len(r.stack) >= r.maxDepth {
		r.failf("J003", r.pos, r.pos+1, "nesting is deeper than %d levels", r.maxDepth)
		return
	}
	r.lastString = -1
	r.stack = append(r.stack, frame{kind: c, start: r.pos, empty: true})
	r.count(c, 1)
	r.pos++
	r.contentEnd = r.pos
	r.lastValueEnd = r.pos
	if c == '{' {
		r.state = wantKey
	} else {
		r.state = wantValue
	}
}

// pop closes the innermost frame with the closer at r.pos.
func (r *repairer) pop() {
	f := r.stack[len(r.stack)-1]
	r.drop()
	r.lastString = -1
	r.arrayEnd = -1
	if f.kind == '[' && !f.empty && r.inObject() {
		// Only an array with elements can be joined with the next one
		// (reopenArray); an empty one would leave a comma first.
		r.arrayEnd = r.pos
	}
	r.pos++
	r.endValue()
	r.markFilled()
}

// markFilled records that the innermost frame has a member.
func (r *repairer) markFilled() {
	if f := r.top(); f != nil {
		f.empty = false
	}
}

// scalar parses a string, number or literal at r.pos. It reports false when
// the repair failed or nothing was consumed.
func (r *repairer) scalar() bool {
	if q, _ := quoteAt(r.in, r.pos); q != qNone {
		r.markFilled()
		r.str(false)
		return r.fail == nil
	}
	c := r.in[r.pos]
	switch {
	case c == '-' || c == '+' || c == '.' || isDigit(c):
		r.markFilled()
		r.number()
		return r.fail == nil
	case isWordStart(r.in, r.pos):
		r.markFilled()
		r.word()
		return r.fail == nil
	}
	r.unexpected()
	return false
}

// unexpected stops at a character that cannot start what is expected here.
func (r *repairer) unexpected() {
	what := "a value"
	switch r.state {
	case wantKey:
		what = "a key or \"}\""
	case wantColon:
		what = "\":\""
	case wantComma:
		what = "\",\" or a closing bracket"
		if r.top() == nil {
			what = "the end of the block"
		}
	}
	r.failf("J002", r.pos, r.pos+runeLen(r.in, r.pos), "expected %s, found %s", what, describeAt(r.in, r.pos))
}

// key handles the token where an object key is expected.
func (r *repairer) key() {
	c := r.in[r.pos]
	r.lastString = -1
	switch {
	case c == '}' || c == ']':
		r.closer()
	case c == ',':
		r.commaInValue()
	case c == '{' || c == '[':
		r.objectInterrupted()
	case c == '.' && r.ellipsis():
	case c == ':' && r.top().empty && r.closerFollows(r.pos+1):
		// {:} — a colon with neither key nor value.
		r.fix("J022", diag.Safe, r.pos, r.pos+1, "", "remove the colon", "colon has no key before it")
		r.pos++
	default:
		if q, _ := quoteAt(r.in, r.pos); q != qNone {
			r.markFilled()
			r.str(true)
		} else if e := r.strayTextEnd(r.pos); e >= 0 {
			r.fix("J026", diag.Unsafe, r.pos, e, "", "remove the text", "text %s stands between members", clip(r.in[r.pos:trimSpaceBack(r.in, r.pos, e)]))
			r.pos = e
			return
		} else if isKeyChar(r.in, r.pos) {
			r.markFilled()
			r.unquotedKey()
		} else {
			r.unexpected()
			return
		}
		if r.fail != nil {
			return
		}
		r.comma = -1
		r.keyEnd = r.pos
		r.lastValueEnd = r.pos
		r.contentEnd = r.pos
		r.state = wantColon
	}
}

// closerFollows reports whether the next token from i is '}' or ']'.
func (r *repairer) closerFollows(i int) bool {
	k := skipLook(r.in, i, lookahead)
	return k < len(r.in) && (r.in[k] == '}' || r.in[k] == ']')
}

// colon handles the token after a key.
func (r *repairer) colon() {
	c := r.in[r.pos]
	switch {
	case c == ':':
		r.pos++
		r.contentEnd = r.pos
		r.state = wantValue
	case c == '=' && !(r.pos+1 < len(r.in) && r.in[r.pos+1] == '='):
		r.fix("J023", diag.Safe, r.pos, r.pos+1, ":", "replace \"=\" with \":\"", "expected \":\" after the key, found \"=\"")
		r.pos++
		r.contentEnd = r.pos
		r.state = wantValue
	case c == ',' || c == '}' || c == ']':
		r.fix("J024", diag.Unsafe, r.keyEnd, r.keyEnd, ": null", "add \": null\"", "key has no value")
		r.state = wantComma
	default:
		if startsValue(r.in, r.pos) {
			r.fix("J023", diag.Safe, r.keyEnd, r.keyEnd, ":", "insert \":\"", "missing \":\" between key and value")
			r.state = wantValue
			return
		}
		r.unexpected()
	}
}

// afterValue handles the token after a complete value.
func (r *repairer) afterValue() {
	c := r.in[r.pos]
	if r.atTop() {
		if r.afterTopValue() {
			return
		}
	}
	if c == '.' && len(r.stack) > 0 && r.ellipsisAfterValue() {
		return
	}
	if c == '`' && len(r.stack) > 0 && r.fenceEnds(r.pos) {
		// {"key": "value"``` — the fence closes the block; the brackets
		// are closed at the end.
		r.fix("J041", diag.Safe, r.pos, r.pos+3, "", "remove the marker", "code fence %q after the JSON", "```")
		r.pos += 3
		return
	}
	if c == ')' && len(r.calls) > 0 && r.calls[len(r.calls)-1] == len(r.stack) {
		r.fix("J042", diag.Safe, r.pos, r.pos+1, "", "remove the parenthesis", "%q closes a function call around a value", ")")
		r.calls = r.calls[:len(r.calls)-1]
		r.pos++
		return
	}
	if c == ')' && !r.inObject() && len(r.stack) > 0 && !r.top().virtual {
		// [1, 2) — a parenthesis typed for the bracket.
		r.fix("J031", diag.Safe, r.pos, r.pos+1, "]", "replace it with \"]\"", "%q closes an array", ")")
		r.dropTrailingComma()
		r.pop()
		return
	}
	if c == '+' && r.lastString >= 0 && r.concatenate() {
		return
	}
	if c == ':' && r.lastString >= 0 && r.memberInArray() {
		return
	}
	switch {
	case c == ',':
		r.comma = r.pos
		r.pos++
		r.contentEnd = r.pos
		if r.inObject() {
			r.state = wantKey
		} else {
			r.state = wantValue
		}
	case c == '}' || c == ']':
		r.closer()
	case len(r.stack) == 0:
		r.unexpected()
	case r.inObject() && (c == '{' || c == '['):
		r.objectInterrupted()
	case r.inObject() && startsKey(r.in, r.pos):
		r.missingComma()
		r.state = wantKey
	case !r.inObject() && startsValue(r.in, r.pos):
		r.missingComma()
		r.state = wantValue
	default:
		r.unexpected()
	}
}

// finish closes what the end of the input left open.
func (r *repairer) finish() {
	if !r.seenValue {
		r.failf("J001", 0, len(r.in), "block holds no JSON value")
		if len(r.in) == 0 || isBlank(r.in) {
			r.fail.Span = source.Span{Start: 0, End: len(r.in)}
		}
		return
	}
	if r.comma >= 0 && len(r.stack) > 0 {
		r.fix("J020", diag.Safe, r.comma, r.comma+1, "", "remove the comma", "trailing comma at the end of the block")
		r.comma = -1
	}
	r.closeAll()
}
