package schema

import (
	"errors"
	"maps"
	"strconv"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/schema/ldctx"
	"github.com/piprate/json-gold/ld"
)

// The walk reads a block the way JSON-LD expansion does, keeping the JSON
// Pointer and position of everything it meets: json-gold's own expansion
// output has lost both. Term resolution is json-gold's (its processed
// *ld.Context), so prefixes, @vocab, aliases and nested contexts mean what
// they mean to any JSON-LD processor.

// node is one node object.
type node struct {
	blk    *blockState
	obj    *jsonpos.Node
	ptr    string
	id     string
	types  []typeRef
	props  []*prop
	parent *prop // the property whose value this node is, if any
	open   bool  // a refused remote context may define its terms
}

// typeRef is one @type entry.
type typeRef struct {
	n    *jsonpos.Node
	ptr  string
	iri  string
	name string // schema.org local name, "" for other vocabularies
}

// prop is one property of a node.
type prop struct {
	owner  *node
	member *jsonpos.Node // the member node: Key and KeySpan are the key
	// ptr is "" until a value needs it: most properties hold one
	// literal, and their pointers are only wanted for a finding.
	ptr     string
	name    string // schema.org local name, "" for other vocabularies
	reverse bool
	// values are held in place: a catalogue has hundreds of thousands of
	// single-valued properties, and a pointer to each value was a fifth
	// of the walk's memory.
	values []value
}

// value is one value of a property, after arrays, @list and @set are
// flattened.
type value struct {
	n       *jsonpos.Node
	ptr     string // "" for the property's own literal: see pointer
	node    *node  // a node object (possibly only an @id reference)
	literal *jsonpos.Node
}

// pointer is the property's JSON Pointer.
func (p *prop) pointer() string {
	if p.ptr == "" {
		return jsonpos.Join(p.owner.ptr, p.member.Key)
	}
	return p.ptr
}

// pointer is the JSON Pointer of a value of p.
func (v *value) pointer(p *prop) string {
	if v.ptr == "" {
		return p.pointer()
	}
	return v.ptr
}

// walker walks one block.
type walker struct {
	v      *Validator
	blk    *blockState
	empty  *ld.Context // the initial context: no @context in scope
	schema *ld.Context // the processed schema.org context
	// refused marks contexts in which a refused remote context applies:
	// terms it may define are neither unknown nor unmapped.
	refused map[*ld.Context]bool
	// onSchema caches the schema.org context processed on top of another.
	onSchema map[*ld.Context]*ld.Context
	missing  bool // V001 was reported; once a block is enough
	// terms and typeIRIs cache what keys and type names expand to under
	// the schema.org context, the context of nearly every node: a
	// catalogue names the same few properties on every product, and each
	// expansion made a new copy of the same IRI.
	terms    map[string]term
	typeIRIs map[string]term
	nodes    []*node
	// unmodelled is set when the block holds JSON-LD whose expansion the
	// walk does not follow in full: a local context (an object or null),
	// a value, list or set object, a keyword other than @context, @type,
	// @id and @graph, @id given twice through an alias, or an empty key.
	// Without any of these the schema.org context alone is in force and
	// every error json-gold's expansion can raise is one the walk reports
	// itself (V004, V005), so expansion runs only when this is set
	// (TestExpansionSkippedOnlyWhenModelled and FuzzExpansionSkipped
	// check it).
	unmodelled bool
}

// term is what a key or type name expands to.
type term struct {
	iri     string
	err     error
	reverse bool // the key's definition is a reverse property
}

// expandProperty expands a key in property position.
func (w *walker) expandProperty(ctx *ld.Context, key string) term {
	if ctx != w.schema {
		return propertyTerm(ctx, key)
	}
	if t, ok := w.terms[key]; ok {
		return t
	}
	t := propertyTerm(ctx, key)
	if w.terms == nil {
		w.terms = map[string]term{}
	}
	w.terms[key] = t
	return t
}

func propertyTerm(ctx *ld.Context, key string) term {
	iri, err := ctx.ExpandIri(key, false, true, nil, nil)
	t := term{iri: iri, err: err}
	if td := ctx.GetTermDefinition(key); td != nil {
		t.reverse = td.Reverse
	}
	return t
}

// expandType expands a value of @type.
func (w *walker) expandType(ctx *ld.Context, s string) term {
	if ctx != w.schema {
		return typeTerm(ctx, s)
	}
	if t, ok := w.typeIRIs[s]; ok {
		return t
	}
	t := typeTerm(ctx, s)
	if w.typeIRIs == nil {
		w.typeIRIs = map[string]term{}
	}
	w.typeIRIs[s] = t
	return t
}

func typeTerm(ctx *ld.Context, s string) term {
	iri, err := ctx.ExpandIri(s, true, true, nil, nil)
	return term{iri: iri, err: err}
}

// newWalker starts the walk of one block; the maps are made when a
// block needs them, which most do not.
func newWalker(v *Validator, bs *blockState) *walker {
	return &walker{v: v, blk: bs, empty: v.empty, schema: v.schema}
}

func (w *walker) report(id string, n *jsonpos.Node, ptr string, key bool, format string, args ...any) *diag.Diagnostic {
	return w.blk.report(id, n, ptr, key, format, args...)
}

// top walks the block's root value.
func (w *walker) top(root *jsonpos.Node) {
	w.values(root, "", w.empty, nil)
}

// values walks a value in property position and returns its values.
func (w *walker) values(n *jsonpos.Node, ptr string, ctx *ld.Context, owner *prop) []value {
	switch n.Kind {
	case jsonpos.Null:
		return nil
	case jsonpos.Array:
		var out []value
		for i, c := range n.Children {
			out = append(out, w.values(c, jsonpos.Join(ptr, strconv.Itoa(i)), ctx, owner)...)
		}
		return out
	case jsonpos.Object:
		return w.object(n, ptr, ctx, owner)
	default:
		return []value{{n: n, ptr: ptr, literal: n}}
	}
}

// object walks a value object, a list or set object, or a node object.
func (w *walker) object(n *jsonpos.Node, ptr string, ctx *ld.Context, owner *prop) []value {
	if c := member(n, "@context"); c != nil {
		ctx = w.context(c, jsonpos.Join(ptr, "@context"), ctx)
	}
	var valueKey, listKey *jsonpos.Node
	for _, m := range n.Children {
		switch w.keyword(ctx, m.Key) {
		case "@value":
			valueKey = m
		case "@list", "@set":
			listKey = m
		}
	}
	if valueKey != nil || listKey != nil {
		w.unmodelled = true
	}
	switch {
	case valueKey != nil:
		w.valueObject(n, ptr, ctx)
		if valueKey.Kind == jsonpos.Null {
			return nil
		}
		return []value{{n: n, ptr: ptr, literal: valueKey}}
	case listKey != nil:
		return w.values(listKey, jsonpos.Join(ptr, listKey.Key), ctx, owner)
	}
	nd := w.node(n, ptr, ctx, owner)
	if nd == nil {
		return nil
	}
	return []value{{n: n, ptr: ptr, node: nd}}
}

// valueObject checks the members a value object may have (JSON-LD 1.1
// §4.2): anything else makes expansion fail.
func (w *walker) valueObject(n *jsonpos.Node, ptr string, ctx *ld.Context) {
	for _, m := range n.Children {
		kw := w.keyword(ctx, m.Key)
		switch kw {
		case "@value", "@type", "@language", "@direction", "@index", "@context":
		default:
			if strings.HasPrefix(m.Key, "@") {
				w.unknownKeyword(m, jsonpos.Join(ptr, m.Key), kw)
				continue
			}
			w.report("V004", m, jsonpos.Join(ptr, m.Key), true,
				"value object has member %q; expected only \"@value\", \"@type\", \"@language\", \"@direction\" or \"@index\"", m.Key)
		}
		if kw == "@value" && (m.Kind == jsonpos.Object || m.Kind == jsonpos.Array) {
			w.report("V004", m, jsonpos.Join(ptr, m.Key), false, "value of \"@value\" must be a string, number, boolean or null, found %s", kindName(m))
		}
	}
}

// node walks a node object.
func (w *walker) node(n *jsonpos.Node, ptr string, ctx *ld.Context, parent *prop) *node {
	if ctx == w.empty && hasTerms(n) {
		if !w.missing {
			w.missing = true
			w.report("V001", n, ptr, false, "no \"@context\" is in scope, so the terms of this node map to nothing; expected \"@context\": \"https://schema.org\"")
		}
		ctx = w.schema // check the terms as far as possible
	}
	nd := &node{blk: w.blk, obj: n, ptr: ptr, parent: parent, open: w.refused[ctx]}
	ids := 0
	for i, m := range n.Children {
		if shadowed(n, i) {
			continue
		}
		kw := w.keyword(ctx, m.Key)
		w.noteUnmodelled(m, kw, &ids)
		switch kw {
		case "@context", "@language", "@index", "@direction", "@nest", "@base", "@vocab", "@version", "@protected", "@propagate", "@import":
		case "@type":
			w.types(nd, m, jsonpos.Join(ptr, m.Key), ctx)
		case "@id":
			if s, ok := m.Value.(string); ok {
				nd.id = s
			} else {
				w.report("V004", m, jsonpos.Join(ptr, m.Key), false, "value of \"@id\" must be a string, found %s", kindName(m))
			}
		case "@graph", "@included":
			w.values(m, jsonpos.Join(ptr, m.Key), ctx, nil)
		case "@reverse":
			w.reverse(nd, m, jsonpos.Join(ptr, m.Key), ctx)
		case "":
			w.property(nd, m, ptr, ctx, false)
		default:
			w.unknownKeyword(m, jsonpos.Join(ptr, m.Key), kw)
		}
	}
	w.nodes = append(w.nodes, nd)
	return nd
}

// noteUnmodelled sets w.unmodelled for a member of a node object that
// expansion reads otherwise than the walk (kw is the walk's reading) or
// that the walk does not follow. Expansion starts from the schema.org
// context whatever contexts the block names (see expand), so it reads
// "id" and "type" as keywords even under a refused remote context. ids
// counts the members read as @id so far.
func (w *walker) noteUnmodelled(m *jsonpos.Node, kw string, ids *int) {
	switch ek := w.keyword(w.schema, m.Key); {
	case ek != kw:
		w.unmodelled = true
	case m.Key == "":
		// json-gold looks up @type under the key "" when a node has no
		// type, so an empty key trips it up ({"": {}} fails; fuzzing found)
		w.unmodelled = true
	case ek == "@id":
		if *ids++; *ids > 1 {
			w.unmodelled = true // "@id" and "id" together collide
		}
	case ek != "" && ek != "@context" && ek != "@type" && ek != "@graph":
		w.unmodelled = true
	}
}

// unknownKeyword reports a keyword where it is not allowed, or a key of
// keyword form ("@url") that JSON-LD does not define: processors ignore
// those (JSON-LD 1.1 §9.1), so that is a warning.
func (w *walker) unknownKeyword(m *jsonpos.Node, ptr, kw string) {
	if ld.IsKeyword(kw) {
		w.report("V004", m, ptr, true, "keyword %q is not allowed here", kw)
		return
	}
	w.report("V006", m, ptr, true, "key %q has the form of a keyword but is none, and is ignored by JSON-LD processors", m.Key)
}

// keyword returns the keyword a key stands for ("@type" for the schema.org
// alias "type"), or "" for a term.
func (w *walker) keyword(ctx *ld.Context, key string) string {
	if strings.HasPrefix(key, "@") {
		return key
	}
	if td := ctx.GetTermDefinition(key); td != nil && ld.IsKeyword(td.ID) {
		return td.ID
	}
	return ""
}

func (w *walker) types(nd *node, m *jsonpos.Node, ptr string, ctx *ld.Context) {
	add := func(t *jsonpos.Node, tptr string) {
		s, ok := t.Value.(string)
		if !ok {
			w.report("V005", t, tptr, false, "value of \"@type\" must be a string, found %s", kindName(t))
			return
		}
		ex := w.expandType(ctx, s)
		iri := ex.iri
		if ex.err != nil {
			iri = s
		}
		nd.types = append(nd.types, typeRef{n: t, ptr: tptr, iri: iri, name: schemaName(iri)})
	}
	if m.Kind == jsonpos.Array {
		for i, t := range m.Children {
			add(t, jsonpos.Join(ptr, strconv.Itoa(i)))
		}
		return
	}
	add(m, ptr)
}

func (w *walker) reverse(nd *node, m *jsonpos.Node, ptr string, ctx *ld.Context) {
	if m.Kind != jsonpos.Object {
		w.report("V004", m, ptr, false, "value of \"@reverse\" must be an object, found %s", kindName(m))
		return
	}
	for i, c := range m.Children {
		if !shadowed(m, i) {
			w.property(nd, c, ptr, ctx, true)
		}
	}
}

// property walks member m of node nd, or of its "@reverse" object at
// base when reverse is set.
func (w *walker) property(nd *node, m *jsonpos.Node, base string, ctx *ld.Context, reverse bool) {
	t := w.expandProperty(ctx, m.Key)
	iri := t.iri
	p := &prop{owner: nd, member: m, reverse: reverse}
	if reverse || m.Kind == jsonpos.Array || m.Kind == jsonpos.Object {
		p.ptr = jsonpos.Join(base, m.Key)
	}
	switch {
	case t.err != nil || iri == "" || (!strings.Contains(iri, ":") && !strings.HasPrefix(iri, "_:")):
		if !w.refused[ctx] && !w.blk.opaque(m.KeySpan) {
			w.report("V006", m, p.pointer(), true, "property %q is not mapped to an IRI by the context and is dropped by JSON-LD processors", m.Key)
		}
	default:
		p.name = schemaName(iri)
		if t.reverse {
			p.reverse = !p.reverse
		}
	}
	p.values = w.values(m, p.ptr, ctx, p)
	nd.props = append(nd.props, p)
}

// context processes an @context value on top of ctx. Each entry is
// processed on its own so a bad or refused entry is reported where it is
// and the rest still apply.
func (w *walker) context(c *jsonpos.Node, ptr string, ctx *ld.Context) *ld.Context {
	entries, ptrs := []*jsonpos.Node{c}, []string{ptr}
	if c.Kind == jsonpos.Array {
		entries, ptrs = c.Children, nil
		for i := range c.Children {
			ptrs = append(ptrs, jsonpos.Join(ptr, strconv.Itoa(i)))
		}
	}
	refused, failed := w.refused[ctx], false
	for i, e := range entries {
		switch e.Kind {
		case jsonpos.String:
			u := e.Value.(string)
			if !ldctx.IsSchemaOrg(u) {
				refused = true
				w.report("V003", e, ptrs[i], false, "remote context %q is not fetched; the terms it defines are not checked", u)
				continue
			}
			// Pages repeat "@context": "https://schema.org" on nested
			// nodes; on the empty context or on itself the result is the
			// cached processed context, and on anything else it is
			// computed once per block.
			if ctx == w.empty || ctx == w.schema {
				ctx = w.schema
				continue
			}
			if next, ok := w.onSchema[ctx]; ok {
				ctx = next
				continue
			}
		case jsonpos.Null, jsonpos.Object:
			w.unmodelled = true
		default:
			w.report("V002", e, ptrs[i], false, "invalid \"@context\": expected a URL, an object or null, found %s", kindName(e))
			failed = true
			continue
		}
		next, err := parseContext(ctx, e.Value)
		if err != nil {
			at, atPtr := e, ptrs[i]
			if e.Kind == jsonpos.Object {
				at, atPtr, err = firstBadTerm(ctx, e, ptrs[i], err)
			}
			w.report("V002", at, atPtr, false, "invalid \"@context\": %s", jsonldMessage(err))
			failed = true
			continue
		}
		if e.Kind == jsonpos.String {
			if w.onSchema == nil {
				w.onSchema = map[*ld.Context]*ld.Context{}
			}
			w.onSchema[ctx] = next
		}
		ctx = next
	}
	if failed && ctx == w.empty {
		ctx = w.schema // V002 said enough; check the terms as far as possible
	}
	if refused {
		if ctx == w.schema || ctx == w.empty {
			ctx = ld.CopyContext(ctx) // the shared contexts stay unmarked
		}
		if w.refused == nil {
			w.refused = map[*ld.Context]bool{}
		}
		w.refused[ctx] = true
	}
	return ctx
}

func parseContext(ctx *ld.Context, local any) (next *ld.Context, err error) {
	err = guard(func() (err error) {
		next, err = ctx.Parse(local)
		return err
	})
	return next, err
}

// firstBadTerm finds the first term definition of a local context, in
// document order, that makes processing fail, so the finding points at it.
// json-gold walks the context's map in random order, so with several bad
// terms its error would change from run to run. Each step processes the
// terms before the one tried plus every string-valued term, since those
// are the prefixes later terms may use. When no single term is to blame,
// the context's own error stands.
func firstBadTerm(ctx *ld.Context, obj *jsonpos.Node, ptr string, whole error) (*jsonpos.Node, string, error) {
	prefixes := map[string]any{}
	for _, m := range obj.Children {
		if m.Kind == jsonpos.String {
			prefixes[m.Key] = m.Value
		}
	}
	if _, err := parseContext(ctx, prefixes); err != nil {
		prefixes = map[string]any{} // a prefix itself is bad: try them in order too
	}
	local := maps.Clone(prefixes)
	for _, m := range obj.Children {
		local[m.Key] = m.Value
		if _, err := parseContext(ctx, local); err != nil {
			return m, jsonpos.Join(ptr, m.Key), err
		}
	}
	return obj, ptr, whole
}

// jsonldMessage is json-gold's error text, which starts with its lower-case
// error code ("invalid IRI mapping: …").
func jsonldMessage(err error) string {
	var e *ld.JsonLdError
	if errors.As(err, &e) {
		if inner, ok := e.Details.(error); ok {
			var refused *ldctx.RefusedError
			if errors.As(inner, &refused) {
				return refused.Error()
			}
		}
	}
	return strings.TrimSpace(err.Error())
}

// schemaName returns the local name of a schema.org IRI, or "".
func schemaName(iri string) string {
	for _, base := range []string{"http://schema.org/", "https://schema.org/", "http://www.schema.org/", "https://www.schema.org/"} {
		if rest, ok := strings.CutPrefix(iri, base); ok {
			return rest
		}
	}
	return ""
}

// member returns the member of an object with this key (the last one).
func member(n *jsonpos.Node, key string) *jsonpos.Node {
	for i := len(n.Children) - 1; i >= 0; i-- {
		if n.Children[i].Key == key {
			return n.Children[i]
		}
	}
	return nil
}

// shadowed reports whether member i of an object is repeated later, so its
// value is lost (V007 reports it).
func shadowed(n *jsonpos.Node, i int) bool {
	for _, m := range n.Children[i+1:] {
		if m.Key == n.Children[i].Key {
			return true
		}
	}
	return false
}

// hasTerms reports whether an object has a key or a type that needs a
// context to mean anything.
func hasTerms(n *jsonpos.Node) bool {
	for _, m := range n.Children {
		if !strings.HasPrefix(m.Key, "@") || m.Key == "@type" {
			return true
		}
	}
	return false
}

func kindName(n *jsonpos.Node) string {
	switch n.Kind {
	case jsonpos.Null:
		return "null"
	case jsonpos.Bool:
		return "a boolean"
	case jsonpos.Number:
		return "a number"
	case jsonpos.String:
		return "a string"
	case jsonpos.Array:
		return "an array"
	}
	return "an object"
}
