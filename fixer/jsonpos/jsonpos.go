// Package jsonpos parses strict JSON and keeps where every value and key
// lies, so a finding about a JSON Pointer can be put on a line and column.
// It also sees what encoding/json hides: keys that appear twice in one
// object.
package jsonpos

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ldfix/ldfix/fixer/source"
)

// Kind is the JSON type of a node.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// MaxDepth bounds nesting so hostile input cannot exhaust memory.
const MaxDepth = 512

// Node is one value with its position. Object members keep their order,
// duplicates included.
type Node struct {
	Kind Kind
	// Span covers the value's text, quotes and brackets included.
	Span source.Span
	// Key and KeySpan are set on object members; KeySpan covers the quotes.
	Key     string
	KeySpan source.Span
	// Children are array elements or object members, in order.
	Children []*Node
	// Value is the decoded scalar (nil, bool, float64, string) or, for
	// arrays and objects, the same []any / map[string]any as Doc.Value holds.
	Value any
}

// Duplicate is a key given twice in one object.
type Duplicate struct {
	Pointer string      // pointer of the object
	Key     string      // the repeated key
	First   source.Span // key span of the first occurrence
	Second  source.Span // key span of the later one, whose value wins
}

// Doc is a parsed document.
type Doc struct {
	Root       *Node
	Value      any // map[string]any, []any, string, float64, bool or nil; the last duplicate wins
	Duplicates []Duplicate
}

// SyntaxError is a positioned parse error.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// Parse parses one JSON value surrounded by optional whitespace.
func Parse(data []byte) (*Doc, error) {
	p := &parser{data: data}
	doc := &Doc{}
	p.doc = doc
	p.skipSpace()
	root, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.data) {
		return nil, p.errorf("unexpected %s after the top-level value", p.describe())
	}
	doc.Root, doc.Value = root, root.Value
	return doc, nil
}

type parser struct {
	data []byte
	pos  int
	doc  *Doc
	// slab holds nodes not yet handed out: allocating them in blocks
	// rather than one by one halves the parser's allocations.
	slab     []Node
	slabSize int
	// members holds the members or elements of the objects and arrays
	// being read, innermost last; each gets an exact-size copy when it
	// closes, as growing every one by appending left a third of the
	// parser's memory unused.
	members []*Node
	// path holds the keys and indexes leading to the value being read.
	// The pointer string is only built when a duplicate key needs it:
	// building one per value was a third of the parser's allocations.
	path []step
	// kids holds child lists not yet handed out, as slab holds nodes.
	kids     []*Node
	kidsSize int
	// shared holds one copy of each key, and the value of each short
	// string, met so far: a catalogue names the same few properties and
	// types on every product, and a copy of each per product was a tenth
	// of its tree.
	keys   map[string]string
	values map[string]any
}

// Up to sharedStrings keys, and as many short string values, are shared;
// past that, new ones are copied as they come, so a document of unique
// keys costs no more than before.
const (
	sharedStrings = 4096
	shortString   = 40
)

// node returns a pointer to a copy of n.
func (p *parser) node(n Node) *Node {
	if len(p.slab) == 0 {
		// Blocks grow with the document, so a small block wastes little.
		p.slabSize = min(max(2*p.slabSize, 8), 64)
		p.slab = make([]Node, p.slabSize)
	}
	ptr := &p.slab[0]
	*ptr = n
	p.slab = p.slab[1:]
	return ptr
}

// step is one key or array index on the path to a value.
type step struct {
	key   string
	index int // -1 for a key
}

// pointer returns the JSON Pointer of the value at the current path.
func (p *parser) pointer() string {
	var b strings.Builder
	for _, s := range p.path {
		b.WriteByte('/')
		if s.index >= 0 {
			b.WriteString(strconv.Itoa(s.index))
		} else {
			b.WriteString(EscapeToken(s.key))
		}
	}
	return b.String()
}

func (p *parser) errorf(format string, args ...any) error {
	return &SyntaxError{Offset: p.pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) describe() string {
	if p.pos >= len(p.data) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.data[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (*Node, error) {
	if depth > MaxDepth {
		return nil, p.errorf("nesting deeper than %d levels", MaxDepth)
	}
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of input, expected a value")
	}
	start := p.pos
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.stringValue()
		if err != nil {
			return nil, err
		}
		return p.node(Node{Kind: String, Span: source.Span{Start: start, End: p.pos}, Value: s}), nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		for _, lit := range [...]struct {
			text string
			kind Kind
			val  any
		}{{"true", Bool, true}, {"false", Bool, false}, {"null", Null, nil}} {
			if strings.HasPrefix(string(p.data[p.pos:min(len(p.data), p.pos+len(lit.text))]), lit.text) {
				p.pos += len(lit.text)
				return p.node(Node{Kind: lit.kind, Span: source.Span{Start: start, End: p.pos}, Value: lit.val}), nil
			}
		}
		return nil, p.errorf("unexpected %s, expected a value", p.describe())
	}
}

// smallObject is the member count up to which duplicate keys are found by
// looking back over the members read so far; larger objects use a map.
const smallObject = 16

func (p *parser) object(depth int) (*Node, error) {
	n := p.node(Node{Kind: Object, Span: source.Span{Start: p.pos}})
	base := len(p.members)
	// seen holds the first key spans once the object is large.
	var seen map[string]source.Span
	p.pos++ // {
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		n.Span.End = p.pos
		n.Value = map[string]any{}
		return n, nil
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errorf("unexpected %s, expected a string key", p.describe())
		}
		keyStart := p.pos
		key, err := p.key()
		if err != nil {
			return nil, err
		}
		keySpan := source.Span{Start: keyStart, End: p.pos}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errorf("unexpected %s, expected ':' after key", p.describe())
		}
		p.pos++
		p.skipSpace()
		p.path = append(p.path, step{key: key, index: -1})
		child, err := p.value(depth + 1)
		p.path = p.path[:len(p.path)-1]
		if err != nil {
			return nil, err
		}
		child.Key, child.KeySpan = key, keySpan
		if first, dup := firstKey(p.members[base:], seen, key); dup {
			p.doc.Duplicates = append(p.doc.Duplicates, Duplicate{Pointer: p.pointer(), Key: key, First: first, Second: keySpan})
		}
		p.members = append(p.members, child)
		switch read := p.members[base:]; {
		case seen != nil:
			if _, dup := seen[key]; !dup {
				seen[key] = keySpan
			}
		case len(read) > smallObject:
			seen = make(map[string]source.Span, 2*len(read))
			for i := len(read) - 1; i >= 0; i-- {
				seen[read[i].Key] = read[i].KeySpan // the first occurrence is written last
			}
		}
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of input, expected ',' or '}'")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			n.Span.End = p.pos
			n.Children = p.close(base)
			m := make(map[string]any, len(n.Children))
			for _, c := range n.Children {
				m[c.Key] = c.Value // the last of duplicates wins
			}
			n.Value = m
			return n, nil
		default:
			return nil, p.errorf("unexpected %s, expected ',' or '}'", p.describe())
		}
	}
}

// close ends the object or array whose members start at base in
// p.members and returns them.
func (p *parser) close(base int) []*Node {
	n := len(p.members) - base
	if n > len(p.kids) {
		p.kidsSize = min(max(2*p.kidsSize, 16), 1024)
		p.kids = make([]*Node, max(n, p.kidsSize))
	}
	// The capacity ends with the list, so an append to one list cannot
	// write over the next.
	out := p.kids[:n:n]
	p.kids = p.kids[n:]
	copy(out, p.members[base:])
	clear(p.members[base:])
	p.members = p.members[:base]
	return out
}

// firstKey returns the key span of the first member named key among
// members, through seen when the object has grown large.
func firstKey(members []*Node, seen map[string]source.Span, key string) (source.Span, bool) {
	if seen != nil {
		s, ok := seen[key]
		return s, ok
	}
	for _, c := range members {
		if c.Key == key {
			return c.KeySpan, true
		}
	}
	return source.Span{}, false
}

func (p *parser) array(depth int) (*Node, error) {
	n := p.node(Node{Kind: Array, Span: source.Span{Start: p.pos}})
	p.pos++ // [
	p.skipSpace()
	base := len(p.members)
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		n.Span.End = p.pos
		n.Value = []any{}
		return n, nil
	}
	for {
		p.skipSpace()
		p.path = append(p.path, step{index: len(p.members) - base})
		child, err := p.value(depth + 1)
		p.path = p.path[:len(p.path)-1]
		if err != nil {
			return nil, err
		}
		p.members = append(p.members, child)
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of input, expected ',' or ']'")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			n.Span.End = p.pos
			n.Children = p.close(base)
			vals := make([]any, len(n.Children))
			for i, c := range n.Children {
				vals[i] = c.Value
			}
			n.Value = vals
			return n, nil
		default:
			return nil, p.errorf("unexpected %s, expected ',' or ']'", p.describe())
		}
	}
}

// key reads an object key, sharing one copy of each.
func (p *parser) key() (string, error) {
	body, plain, err := p.scanString()
	if err != nil {
		return "", err
	}
	if !plain {
		return decodeJSONString(body), nil // an escaped key: rare, and not shared
	}
	if k, ok := p.keys[string(body)]; ok {
		return k, nil
	}
	k := string(body)
	if p.keys == nil {
		p.keys = map[string]string{}
	}
	if len(p.keys) < sharedStrings {
		p.keys[k] = k
	}
	return k, nil
}

// stringValue reads a string value as Node.Value holds it, sharing the
// value of a short string met before.
func (p *parser) stringValue() (any, error) {
	body, plain, err := p.scanString()
	if err != nil {
		return nil, err
	}
	if !plain {
		return decodeJSONString(body), nil
	}
	if len(body) > shortString {
		return string(body), nil
	}
	if v, ok := p.values[string(body)]; ok {
		return v, nil
	}
	var v any = string(body)
	if p.values == nil {
		p.values = map[string]any{}
	}
	if len(p.values) < sharedStrings {
		p.values[string(body)] = v
	}
	return v, nil
}

// scanString moves past a string starting at the opening quote and
// returns its body between the quotes; plain reports a body that is its
// own decoded text.
//
// A string without escapes is copied as it is; non-ASCII text (most
// JSON-LD in languages other than English) only needs the UTF-8 check that
// tells whether invalid bytes must become U+FFFD, as encoding/json does.
func (p *parser) scanString() (body []byte, plain bool, err error) {
	start := p.pos
	p.pos++
	escaped, ascii := false, true
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			text := p.data[start+1 : p.pos-1]
			return text, !escaped && (ascii || utf8.Valid(text)), nil
		case c == '\\':
			escaped = true
			if p.pos+1 >= len(p.data) {
				return nil, false, p.errorf("unexpected end of input in string")
			}
			switch e := p.data[p.pos+1]; e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.pos += 2
			case 'u':
				if p.pos+6 > len(p.data) || !isHex4(p.data[p.pos+2:p.pos+6]) {
					p.pos++
					return nil, false, p.errorf("invalid \\u escape in string")
				}
				p.pos += 6
			default:
				p.pos++
				return nil, false, p.errorf("invalid escape %s in string", p.describe())
			}
		case c < 0x20:
			return nil, false, p.errorf("control character %#02x in string", c)
		default:
			if c >= 0x80 {
				ascii = false
			}
			p.pos++
		}
	}
	return nil, false, &SyntaxError{Offset: start, Msg: "string is never closed"}
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func (p *parser) number() (*Node, error) {
	start := p.pos
	if p.data[p.pos] == '-' {
		p.pos++
	}
	digits := func() int {
		n := 0
		for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	intStart := p.pos
	if digits() == 0 {
		return nil, p.errorf("invalid number")
	}
	if p.data[intStart] == '0' && p.pos-intStart > 1 {
		return nil, &SyntaxError{Offset: intStart, Msg: "number has a leading zero"}
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.errorf("invalid number: no digits after '.'")
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.errorf("invalid number: no digits in exponent")
		}
	}
	text := string(p.data[start:p.pos])
	f, _ := strconv.ParseFloat(text, 64) // out of range gives ±Inf, as encoding/json would refuse; keep the text
	return p.node(Node{Kind: Number, Span: source.Span{Start: start, End: p.pos}, Value: f}), nil
}
