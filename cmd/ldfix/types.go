package main

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// types lists the @type values of a block's top-level nodes: the value
// itself, the items of an array, or the nodes of an @graph.
//
// The block was parsed already, inside schema.Validate, which keeps the
// tree to itself; decoding it a second time just to read @type cost as
// much as a tenth of a check. So this reads the strict JSON
// text once, looking only at the few members it needs and stepping over
// every other value without decoding it. For valid JSON it gives what
// decoding the whole text with encoding/json would: keys are compared
// decoded, and the last of two equal keys wins; other text gives nil or
// some of its types, never a panic.
func types(repaired []byte) []string {
	if repaired == nil {
		return nil
	}
	sc := &typeScanner{data: repaired}
	var out []string
	sc.space()
	if !sc.visit(0, &out) {
		return nil
	}
	sc.space()
	if sc.pos != len(sc.data) {
		return nil
	}
	return out
}

// maxNesting is encoding/json's limit, beyond which it refuses the text.
const maxNesting = 10000

type typeScanner struct {
	data  []byte
	pos   int
	depth int // open brackets
}

// visit reads the value at pos, adding the types it holds at depth (0 for
// the block's value itself) to out. It reports false when the text is not
// JSON.
func (sc *typeScanner) visit(depth int, out *[]string) bool {
	if sc.pos >= len(sc.data) {
		return false
	}
	switch sc.data[sc.pos] {
	case '[':
		if depth >= 2 {
			return sc.skip()
		}
		return sc.array(func() bool { return sc.visit(depth+1, out) })
	case '{':
		return sc.object(depth, out)
	}
	return sc.skip()
}

// object reads an object: its last @type and its last @graph count, in
// that order, as they would in a decoded map.
func (sc *typeScanner) object(depth int, out *[]string) bool {
	var typ, graph []byte
	if !sc.members(func(key []byte) bool {
		start := sc.pos
		if !sc.skip() {
			return false
		}
		switch string(key) {
		case "@type":
			typ = sc.data[start:sc.pos]
		case "@graph":
			graph = sc.data[start:sc.pos]
		}
		return true
	}) {
		return false
	}
	*out = appendTypes(*out, typ)
	if graph != nil && depth < 2 {
		g := &typeScanner{data: graph, depth: sc.depth}
		g.visit(depth+1, out)
	}
	return true
}

// appendTypes adds a @type value: a string, or the strings of an array.
func appendTypes(out []string, v []byte) []string {
	switch {
	case len(v) == 0:
	case v[0] == '"':
		if s, ok := decodeString(v); ok {
			out = append(out, s)
		}
	case v[0] == '[':
		sc := &typeScanner{data: v}
		sc.array(func() bool {
			start := sc.pos
			if !sc.skip() {
				return false
			}
			if s := v[start:sc.pos]; s[0] == '"' {
				if t, ok := decodeString(s); ok {
					out = append(out, t)
				}
			}
			return true
		})
	}
	return out
}

// array calls item at the start of each element of the array at pos.
func (sc *typeScanner) array(item func() bool) bool {
	if !sc.open() {
		return false
	}
	sc.pos++
	sc.space()
	if sc.at(']') {
		return sc.close()
	}
	for {
		if !item() {
			return false
		}
		sc.space()
		switch {
		case sc.at(','):
			sc.pos++
			sc.space()
		case sc.at(']'):
			return sc.close()
		default:
			return false
		}
	}
}

// members calls member with each key of the object at pos, decoded only
// when it holds an escape, and pos at its value.
func (sc *typeScanner) members(member func(key []byte) bool) bool {
	if !sc.open() {
		return false
	}
	sc.pos++
	sc.space()
	if sc.at('}') {
		return sc.close()
	}
	for {
		start := sc.pos
		if !sc.at('"') || !sc.skipString() {
			return false
		}
		key := sc.data[start+1 : sc.pos-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			k, ok := decodeString(sc.data[start:sc.pos])
			if !ok {
				return false
			}
			key = []byte(k)
		}
		sc.space()
		if !sc.at(':') {
			return false
		}
		sc.pos++
		sc.space()
		if !member(key) {
			return false
		}
		sc.space()
		switch {
		case sc.at(','):
			sc.pos++
			sc.space()
		case sc.at('}'):
			return sc.close()
		default:
			return false
		}
	}
}

func (sc *typeScanner) open() bool {
	sc.depth++
	return sc.depth <= maxNesting
}

func (sc *typeScanner) close() bool {
	sc.pos++
	sc.depth--
	return true
}

func (sc *typeScanner) at(c byte) bool { return sc.pos < len(sc.data) && sc.data[sc.pos] == c }

func (sc *typeScanner) space() {
	for sc.pos < len(sc.data) {
		switch sc.data[sc.pos] {
		case ' ', '\t', '\n', '\r':
			sc.pos++
		default:
			return
		}
	}
}

// skip steps over the value at pos without decoding it.
func (sc *typeScanner) skip() bool {
	if sc.pos >= len(sc.data) {
		return false
	}
	switch c := sc.data[sc.pos]; {
	case c == '"':
		return sc.skipString()
	case c == '[':
		return sc.array(sc.skip)
	case c == '{':
		return sc.members(func([]byte) bool { return sc.skip() })
	case c == 't':
		return sc.literal("true")
	case c == 'f':
		return sc.literal("false")
	case c == 'n':
		return sc.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		return sc.number()
	}
	return false
}

func (sc *typeScanner) literal(word string) bool {
	if !bytes.HasPrefix(sc.data[sc.pos:], []byte(word)) {
		return false
	}
	sc.pos += len(word)
	return true
}

// number steps over a number. Its grammar is not checked: the text is
// strict JSON, and the value is never read.
func (sc *typeScanner) number() bool {
	for sc.pos < len(sc.data) {
		switch c := sc.data[sc.pos]; {
		case c >= '0' && c <= '9', c == '-', c == '+', c == '.', c == 'e', c == 'E':
			sc.pos++
		default:
			return true
		}
	}
	return true
}

// skipString steps over the string at pos, its quotes included. A quote
// ends it unless an odd number of backslashes comes before it.
func (sc *typeScanner) skipString() bool {
	i := sc.pos + 1
	for {
		j := bytes.IndexByte(sc.data[i:], '"')
		if j < 0 {
			return false
		}
		i += j
		k := i
		for k > sc.pos+1 && sc.data[k-1] == '\\' {
			k--
		}
		i++
		if (i-1-k)%2 == 0 {
			sc.pos = i
			return true
		}
	}
}

// decodeString decodes a JSON string token. Most keys and types hold no
// escape and are valid UTF-8, and are taken as they are.
func decodeString(tok []byte) (string, bool) {
	inner := tok[1 : len(tok)-1]
	if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) && !hasControl(inner) {
		return string(inner), true
	}
	var s string
	if json.Unmarshal(tok, &s) != nil {
		return "", false
	}
	return s, true
}

func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
}
