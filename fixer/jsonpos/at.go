package jsonpos

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// PointersAt returns, for each offset in offs, the JSON Pointer of the
// deepest member or element of data that holds it, from the start of its
// key (or of the element) to the end of its value; "" for an offset no
// member holds and for a negative one. It is what Parse and a descent of
// its tree give, in one pass that keeps only the path to the current value:
// the repair places every finding of a large block with it. When data is
// not strict JSON, every pointer is "".
func PointersAt(data []byte, offs []int) []string {
	out := make([]string, len(offs))
	if len(offs) == 0 || !json.Valid(data) {
		return out
	}
	l := &locator{data: data, out: out, done: make([]bool, len(offs))}
	for i, off := range offs {
		if off >= 0 {
			l.queries = append(l.queries, query{off: off, i: i})
		}
	}
	slices.SortFunc(l.queries, func(a, b query) int { return a.off - b.off })
	l.skipSpace()
	l.value()
	return out
}

type query struct{ off, i int }

// locator reads strict JSON (json.Valid said so) and answers the queries
// whose offsets fall in each member as the member ends: inner members end
// first, so the deepest one answers.
type locator struct {
	data    []byte
	pos     int
	path    []locStep
	queries []query // by offset
	out     []string
	done    []bool
}

// locStep is a key, as its raw text between the quotes, or an index.
type locStep struct {
	key   []byte
	index int // -1 for a key
}

func (l *locator) skipSpace() {
	for l.pos < len(l.data) {
		switch l.data[l.pos] {
		case ' ', '\t', '\n', '\r':
			l.pos++
		default:
			return
		}
	}
}

func (l *locator) value() {
	switch l.data[l.pos] {
	case '{':
		l.pos++
		l.skipSpace()
		for l.data[l.pos] != '}' {
			start := l.pos
			key := l.skipString()
			l.skipSpace()
			l.pos++ // :
			l.skipSpace()
			l.path = append(l.path, locStep{key: key, index: -1})
			l.value()
			l.answer(start, l.pos)
			l.path = l.path[:len(l.path)-1]
			l.next()
		}
		l.pos++
	case '[':
		l.pos++
		l.skipSpace()
		for i := 0; l.data[l.pos] != ']'; i++ {
			start := l.pos
			l.path = append(l.path, locStep{index: i})
			l.value()
			l.answer(start, l.pos)
			l.path = l.path[:len(l.path)-1]
			l.next()
		}
		l.pos++
	case '"':
		l.skipString()
	default: // number, true, false, null
		for l.pos < len(l.data) && !endsScalar(l.data[l.pos]) {
			l.pos++
		}
	}
}

func endsScalar(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', ',', ']', '}':
		return true
	}
	return false
}

// next moves past the space and comma after a member or element.
func (l *locator) next() {
	l.skipSpace()
	if l.data[l.pos] == ',' {
		l.pos++
		l.skipSpace()
	}
}

// skipString moves past a string and returns its raw text.
func (l *locator) skipString() []byte {
	start := l.pos + 1
	for l.pos++; l.data[l.pos] != '"'; l.pos++ {
		if l.data[l.pos] == '\\' {
			l.pos++
		}
	}
	l.pos++
	return l.data[start : l.pos-1]
}

// answer gives the current path to the open queries in [start, end).
func (l *locator) answer(start, end int) {
	i, _ := slices.BinarySearchFunc(l.queries, start, func(q query, off int) int { return q.off - off })
	ptr, built := "", false
	for ; i < len(l.queries) && l.queries[i].off < end; i++ {
		q := l.queries[i]
		if l.done[q.i] {
			continue
		}
		if !built {
			ptr, built = l.pointer(), true
		}
		l.out[q.i], l.done[q.i] = ptr, true
	}
}

func (l *locator) pointer() string {
	var b strings.Builder
	for _, s := range l.path {
		b.WriteByte('/')
		if s.index >= 0 {
			b.WriteString(strconv.Itoa(s.index))
			continue
		}
		key := string(s.key)
		if strings.IndexByte(key, '\\') >= 0 || !utf8.ValidString(key) {
			key = decodeJSONString(s.key)
		}
		b.WriteString(EscapeToken(key))
	}
	return b.String()
}

// Check returns nil when Parse would accept data, else Parse's error,
// without building the tree when data is strict JSON (the usual case:
// fixing checks every block it writes).
func Check(data []byte) error {
	if json.Valid(data) && depthWithin(data, MaxDepth) {
		return nil
	}
	_, err := Parse(data)
	return err
}

// depthWithin reports whether every value of data, valid JSON, lies
// inside at most max objects and arrays, the depth Parse allows.
func depthWithin(data []byte, max int) bool {
	depth, in := 0, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if in {
			if c == '\\' {
				i++
			} else if c == '"' {
				in = false
			}
			continue
		}
		switch c {
		case ' ', '\t', '\n', '\r', ',', ':':
			continue
		case '}', ']':
			depth--
			continue
		}
		if depth > max {
			return false // a value (or key) starts too deep
		}
		switch c {
		case '"':
			in = true
		case '{', '[':
			depth++
		}
	}
	return true
}
