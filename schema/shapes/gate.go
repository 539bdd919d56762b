package shapes

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/xeipuuv/gojsonschema"
)

// gate is a compiled gate: a predicate when the gate's keywords allow it,
// else a gojsonschema schema.
type gate struct {
	pred   *predicate
	schema *gojsonschema.Schema
}

func compileGateOrSchema(raw []byte) (*gate, error) {
	if p := compileGate(raw); p != nil {
		return &gate{pred: p}, nil
	}
	s, err := compile(raw)
	if err != nil {
		return nil, err
	}
	return &gate{schema: s}, nil
}

// predicate is a gate compiled to a plain yes/no test. Gates decide only
// whether a feature or an entity applies to a node; their errors are never
// shown. gojsonschema builds and formats an error (through text/template)
// for every failed keyword, and most gates fail: the paywalled-content gate
// runs on every CreativeWork node and passes on few (on the real-world
// corpus, 4,860 of 6,633 gate evaluations fail). Evaluating gates here
// removes that formatting and gojsonschema's walk altogether.
//
// Only the keywords the generator emits for gates are understood, with
// the semantics of JSON Schema draft 7 as gojsonschema implements them; a
// gate that uses any other keyword stays with gojsonschema (compileGate
// returns nil). TestGatePredicatesAgree holds the two to the same answers.
type predicate struct {
	required   []string
	properties map[string]*predicate
	contains   *predicate
	enum       []string // string values only
	anyOf      []*predicate
	not        *predicate
}

// compileGate compiles a gate, or returns nil when it uses something the
// predicate does not model.
func compileGate(raw []byte) *predicate {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	p, ok := compilePredicate(v)
	if !ok {
		return nil
	}
	return p
}

func compilePredicate(v any) (*predicate, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, false // boolean schemas are not emitted for gates
	}
	p := &predicate{}
	for k, x := range m {
		var ok bool
		switch k {
		case "required":
			p.required, ok = stringList(x)
		case "enum":
			p.enum, ok = stringList(x)
		case "properties":
			props, isMap := x.(map[string]any)
			ok = isMap
			p.properties = make(map[string]*predicate, len(props))
			for name, sub := range props {
				if p.properties[name], ok = compilePredicate(sub); !ok {
					break
				}
			}
		case "contains":
			p.contains, ok = compilePredicate(x)
		case "not":
			p.not, ok = compilePredicate(x)
		case "anyOf":
			subs, isList := x.([]any)
			ok = isList && len(subs) > 0
			for _, sub := range subs {
				var q *predicate
				if q, ok = compilePredicate(sub); !ok {
					break
				}
				p.anyOf = append(p.anyOf, q)
			}
		}
		if !ok {
			return nil, false
		}
	}
	return p, true
}

// stringList reads a list of strings.
func stringList(x any) ([]string, bool) {
	list, ok := x.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, len(list))
	for i, e := range list {
		if out[i], ok = e.(string); !ok {
			return nil, false
		}
	}
	return out, true
}

// match reports whether a normalised value satisfies the predicate.
// Keywords about objects and arrays pass on values of other kinds, as in
// JSON Schema.
func (p *predicate) match(v any) bool {
	if m, ok := v.(map[string]any); ok {
		for _, name := range p.required {
			if _, ok := m[name]; !ok {
				return false
			}
		}
		for name, sub := range p.properties {
			if x, ok := m[name]; ok && !sub.match(x) {
				return false
			}
		}
	}
	if arr, ok := v.([]any); ok && p.contains != nil && !p.containsMatch(arr) {
		return false
	}
	if p.enum != nil && !inEnum(p.enum, v) {
		return false
	}
	if len(p.anyOf) > 0 && !p.anyMatch(v) {
		return false
	}
	return p.not == nil || !p.not.match(v)
}

func (p *predicate) containsMatch(arr []any) bool {
	for _, e := range arr {
		if p.contains.match(e) {
			return true
		}
	}
	return false
}

func (p *predicate) anyMatch(v any) bool {
	for _, q := range p.anyOf {
		if q.match(v) {
			return true
		}
	}
	return false
}

// inEnum compares as gojsonschema does, by JSON text: only a string equals
// a string value, and invalid UTF-8 compares after the replacement
// json.Marshal makes.
func inEnum(enum []string, v any) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	if !utf8.ValidString(s) {
		b, _ := json.Marshal(s)
		for _, e := range enum {
			if eb, _ := json.Marshal(e); string(eb) == string(b) {
				return true
			}
		}
		return false
	}
	for _, e := range enum {
		if e == s {
			return true
		}
	}
	return false
}
