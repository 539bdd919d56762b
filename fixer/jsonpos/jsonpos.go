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
	root, err := p.value("", 0)
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

func (p *parser) value(ptr string, depth int) (*Node, error) {
	if depth > MaxDepth {
		return nil, p.errorf("nesting deeper than %d levels", MaxDepth)
	}
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of input, expected a value")
	}
	start := p.pos
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(ptr, depth)
	case c == '[':
		return p.array(ptr, depth)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: String, Span: source.Span{Start: start, End: p.pos}, Value: s}, nil
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
				return &Node{Kind: lit.kind, Span: source.Span{Start: start, End: p.pos}, Value: lit.val}, nil
			}
		}
		return nil, p.errorf("unexpected %s, expected a value", p.describe())
	}
}

func (p *parser) object(ptr string, depth int) (*Node, error) {
	n := &Node{Kind: Object, Span: source.Span{Start: p.pos}}
	m := map[string]any{}
	n.Value = m
	seen := map[string]source.Span{}
	p.pos++ // {
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		n.Span.End = p.pos
		return n, nil
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errorf("unexpected %s, expected a string key", p.describe())
		}
		keyStart := p.pos
		key, err := p.str()
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
		child, err := p.value(ptr+"/"+EscapeToken(key), depth+1)
		if err != nil {
			return nil, err
		}
		child.Key, child.KeySpan = key, keySpan
		if first, dup := seen[key]; dup {
			p.doc.Duplicates = append(p.doc.Duplicates, Duplicate{Pointer: ptr, Key: key, First: first, Second: keySpan})
		} else {
			seen[key] = keySpan
		}
		n.Children = append(n.Children, child)
		m[key] = child.Value
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
			return n, nil
		default:
			return nil, p.errorf("unexpected %s, expected ',' or '}'", p.describe())
		}
	}
}

func (p *parser) array(ptr string, depth int) (*Node, error) {
	n := &Node{Kind: Array, Span: source.Span{Start: p.pos}}
	p.pos++ // [
	p.skipSpace()
	var vals []any
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		n.Span.End = p.pos
		n.Value = []any{}
		return n, nil
	}
	for {
		p.skipSpace()
		child, err := p.value(ptr+"/"+strconv.Itoa(len(n.Children)), depth+1)
		if err != nil {
			return nil, err
		}
		n.Children = append(n.Children, child)
		vals = append(vals, child.Value)
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
			n.Value = vals
			return n, nil
		default:
			return nil, p.errorf("unexpected %s, expected ',' or ']'", p.describe())
		}
	}
}

// str reads a string starting at the opening quote and returns it decoded.
func (p *parser) str() (string, error) {
	start := p.pos
	p.pos++
	plain := true
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			if plain {
				return string(p.data[start+1 : p.pos-1]), nil
			}
			return decodeJSONString(p.data[start+1 : p.pos-1]), nil
		case c == '\\':
			plain = false
			if p.pos+1 >= len(p.data) {
				return "", p.errorf("unexpected end of input in string")
			}
			switch e := p.data[p.pos+1]; e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.pos += 2
			case 'u':
				if p.pos+6 > len(p.data) || !isHex4(p.data[p.pos+2:p.pos+6]) {
					p.pos++
					return "", p.errorf("invalid \\u escape in string")
				}
				p.pos += 6
			default:
				p.pos++
				return "", p.errorf("invalid escape %s in string", p.describe())
			}
		case c < 0x20:
			return "", p.errorf("control character %#02x in string", c)
		default:
			if c >= 0x80 {
				plain = false
			}
			p.pos++
		}
	}
	return "", &SyntaxError{Offset: start, Msg: "string is never closed"}
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
	return &Node{Kind: Number, Span: source.Span{Start: start, End: p.pos}, Value: f}, nil
}
