package shapes

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/xeipuuv/gojsonreference"
	"github.com/xeipuuv/gojsonschema"
)

// maxRefDepth bounds how many {"@id"} references one walk follows, so a
// cycle of references ends.
const maxRefDepth = 8

// node is one JSON-LD node object of the block, or one reached through a
// reference.
type node struct {
	obj   map[string]any
	ptr   string // where it is in the block; for a node of another block, the reference
	types []string
	top   bool // a top-level item: the block's object, an array member or an @graph member
	last  bool // the last value of the property that led to it
	// end is one past the last of the nodes nested in this one, in
	// walker.nodes: collect records nodes depth first, so a node's
	// subtree is the run of nodes after it, up to end.
	end int
}

// walker holds one block while it is checked.
type walker struct {
	resolve func(id string) map[string]any
	nodes   []*node          // every node object of the block, in document order
	byID    map[string]*node // nodes of the block that carry an @id
	byPtr   map[string]*node
	index   map[*node]int // where each collected node is in nodes
	items   []*node       // the block's rich-result items, made on first use
}

func newWalker(doc *jsonpos.Doc, resolve func(string) map[string]any) *walker {
	w := &walker{resolve: resolve, byID: map[string]*node{}, byPtr: map[string]*node{}, index: map[*node]int{}}
	switch v := doc.Value.(type) {
	case []any:
		for i, e := range v {
			w.collect(e, "/"+strconv.Itoa(i), true)
		}
	case map[string]any:
		w.collect(v, "", true)
	}
	return w
}

// collect records node objects in document order. A pure reference is not
// a node: the node it names is collected where it is defined.
func (w *walker) collect(v any, ptr string, top bool) {
	switch x := v.(type) {
	case []any:
		for i, e := range x {
			if holdsNodes(e) {
				w.collect(e, jsonpos.Join(ptr, strconv.Itoa(i)), false)
			}
		}
	case map[string]any:
		if isRef(x) || isValue(x) {
			return
		}
		n := &node{obj: x, ptr: ptr, types: typeNames(x["@type"]), top: top}
		w.index[n] = len(w.nodes)
		w.nodes = append(w.nodes, n)
		w.byPtr[ptr] = n
		defer func() { n.end = len(w.nodes) }()
		if id, ok := x["@id"].(string); ok {
			if _, dup := w.byID[id]; !dup {
				w.byID[id] = n
			}
		}
		for _, k := range keysHoldingNodes(x) {
			if k == "@graph" {
				if g, ok := x[k].([]any); ok {
					for i, e := range g {
						w.collect(e, jsonpos.Join(ptr, k, strconv.Itoa(i)), top)
					}
				} else {
					w.collect(x[k], jsonpos.Join(ptr, k), top)
				}
				continue
			}
			if strings.HasPrefix(k, "@") {
				continue
			}
			w.collect(x[k], jsonpos.Join(ptr, k), false)
		}
	}
}

// keysHoldingNodes returns, sorted, the keys of m whose values may hold
// node objects; the others need no pointer built.
func keysHoldingNodes(m map[string]any) []string {
	var keys []string
	for k, v := range m {
		if holdsNodes(v) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// holdsNodes reports whether v is an object or an array, the values that
// may hold node objects.
func holdsNodes(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}

// isRef reports a node reference: an @id with nothing but keywords beside
// it, such as {"@type": "ProductGroup", "@id": "#coat"} (Google's own
// pattern for a variant pointing at its group). The node is described
// where the @id is defined.
func isRef(m map[string]any) bool {
	if _, ok := m["@id"].(string); !ok {
		return false
	}
	for k := range m {
		if k != "@id" && k != "@type" && k != "@context" {
			return false
		}
	}
	return true
}

func isValue(m map[string]any) bool {
	_, ok := m["@value"]
	return ok
}

// typeNames reduces @type to schema.org short names: "Product",
// "https://schema.org/Product", "http://schema.org/Product" and
// "schema:Product" are one type.
func typeNames(v any) []string {
	var out []string
	add := func(s string) {
		for _, p := range []string{"https://schema.org/", "http://schema.org/", "schema:"} {
			s = strings.TrimPrefix(s, p)
		}
		s = strings.TrimSpace(s)
		if s != "" {
			out = append(out, s)
		}
	}
	switch x := v.(type) {
	case string:
		add(x)
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok {
				add(s)
			}
		}
	}
	return out
}

func hasAnyType(types []string, want map[string]bool) bool {
	for _, t := range types {
		if want[t] {
			return true
		}
	}
	return false
}

// deref follows a reference: first within the block (so findings point at
// the definition), then across the page through resolve.
func (w *walker) deref(v any, ptr string) (map[string]any, string, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, "", false
	}
	if !isRef(m) {
		return m, ptr, true
	}
	id := m["@id"].(string)
	if n, ok := w.byID[id]; ok {
		return n.obj, n.ptr, true
	}
	if w.resolve != nil {
		if r := w.resolve(id); r != nil {
			return r, ptr, true
		}
	}
	return m, ptr, true
}

// step follows one property from n, resolving references; arrays are
// iterated.
func (w *walker) step(n *node, prop string) []*node {
	v, ok := n.obj[prop]
	if !ok {
		return nil
	}
	var out []*node
	add := func(e any, ptr string, last bool) {
		m, p, ok := w.deref(e, ptr)
		if !ok || isValue(m) {
			return
		}
		top := false
		if d, ok := w.byPtr[p]; ok {
			top = d.top
		}
		out = append(out, &node{obj: m, ptr: p, types: typeNames(m["@type"]), top: top, last: last})
	}
	base := jsonpos.Join(n.ptr, prop)
	if arr, ok := v.([]any); ok {
		for i, e := range arr {
			add(e, jsonpos.Join(base, strconv.Itoa(i)), i == len(arr)-1)
		}
	} else {
		add(v, base, true)
	}
	return out
}

func (w *walker) follow(from []*node, props []string) []*node {
	cur := from
	for _, p := range props {
		var next []*node
		for _, n := range cur {
			next = append(next, w.step(n, p)...)
		}
		cur = next
	}
	return cur
}

// below returns root and every node object nested in it, without
// following references out of the subtree. The subtree is a run of
// w.nodes, so the cost is its size, not the block's.
func (w *walker) below(root *node) []*node {
	d, ok := w.byPtr[root.ptr]
	if !ok || d.obj == nil || !sameObject(d.obj, root.obj) {
		return []*node{root} // a node of another block: nothing of it is here
	}
	i := w.index[d]
	out := make([]*node, 0, d.end-i)
	out = append(out, root)
	return append(out, w.nodes[i+1:d.end]...)
}

// sameObject reports whether two maps are the same JSON object, not
// merely equal ones.
func sameObject(a, b map[string]any) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

// itemNodes returns the block's rich-result items: its top-level nodes
// (the block's object, array members, @graph members) and the mainEntity
// of each, the node a page says it is about.
func (w *walker) itemNodes() []*node {
	if w.items != nil {
		return w.items
	}
	items := []*node{}
	for _, n := range w.nodes {
		if n.top {
			items = append(items, n)
		}
	}
	w.items = append(items, w.follow(items, []string{"mainEntity"})...)
	return w.items
}

// positions returns the items and the nodes at each dotted position
// below an item ("itemListElement.item": the items of a list).
func (w *walker) positions(ps []string) []*node {
	items := w.itemNodes()
	out := slices.Clone(items)
	for _, p := range ps {
		out = append(out, w.follow(items, strings.Split(p, "."))...)
	}
	return out
}

// eval finds the nodes an entity path names (see the table's path
// grammar). Paths starting with $ are relative to root; the others look at
// the whole block.
func (w *walker) eval(path string, root *node) []*node {
	switch {
	case path == "$":
		return []*node{root}
	case strings.HasPrefix(path, "$.."):
		segs := strings.Split(strings.TrimPrefix(path, "$.."), ".")
		return w.follow(w.follow(w.below(root), segs[:1]), segs[1:])
	case strings.HasPrefix(path, "$."):
		return w.follow([]*node{root}, strings.Split(strings.TrimPrefix(path, "$."), "."))
	case strings.HasPrefix(path, "*."):
		return w.follow(w.nodes, strings.Split(strings.TrimPrefix(path, "*."), "."))
	default:
		return w.evalFrom(path, nil)
	}
}

// evalFrom follows a "Type.a.b" path from the block's nodes of Type or,
// when types is given, of any of those types.
func (w *walker) evalFrom(path string, types map[string]bool) []*node {
	segs := strings.Split(path, ".")
	if len(types) == 0 {
		types = map[string]bool{segs[0]: true}
	}
	var typed []*node
	for _, n := range w.nodes {
		if hasAnyType(n.types, types) {
			typed = append(typed, n)
		}
	}
	return w.follow(typed, segs[1:])
}

// pathMap maps gojsonschema's context paths (tokens joined by NUL) of a
// normalised node back to JSON Pointers of the block.
type pathMap map[string]string

const sep = "\x00"

// normalize prepares a node for its shape: every property value becomes an
// array (JSON-LD reads "x" and ["x"] alike), @type becomes short names,
// value objects become their value and references are resolved. depth
// bounds the work to what the shape looks at.
//
// When pm is not nil it records where each path of the result comes from;
// locate computes one entry of that map on demand, which is all placing an
// error needs, so the checks pass nil and build no path strings at all.
func (w *walker) normalize(v any, ptr, path string, depth, refs int, pm pathMap, wrap bool) any {
	if pm != nil {
		pm[path] = ptr
	}
	m, ok := v.(map[string]any)
	if !ok {
		return numbers(v)
	}
	if isValue(m) {
		return numbers(m["@value"])
	}
	if isRef(m) && refs < maxRefDepth {
		if r, p, ok := w.deref(m, ptr); ok && !isRef(r) {
			if pm != nil {
				pm[path] = p
			}
			return w.normalize(r, p, path, depth, refs+1, pm, wrap)
		}
	}
	out := make(map[string]any, len(m))
	for key, val := range m {
		k := googleKey(m, key)
		var kpath, kptr string
		if pm != nil {
			kpath, kptr = path+sep+k, jsonpos.Join(ptr, key)
		}
		switch {
		case k == "@type":
			if pm != nil {
				pm[kpath] = kptr
			}
			if wrap {
				ts := typeNames(val)
				arr := make([]any, len(ts))
				for i, t := range ts {
					arr[i] = t
				}
				out[k] = arr
			} else {
				out[k] = val
			}
		case k == "@graph":
		case strings.HasPrefix(k, "@") || depth <= 0:
			if pm != nil {
				pm[kpath] = kptr
			}
			out[k] = numbers(val)
		default:
			if pm != nil {
				pm[kpath] = kptr
			}
			arr, isArr := val.([]any)
			if !wrap && !isArr {
				out[k] = w.normalize(val, kptr, kpath, depth-1, refs, pm, wrap)
				continue
			}
			if !isArr {
				arr = []any{val}
			}
			items := make([]any, len(arr))
			for i, e := range arr {
				var eptr, epath string
				if pm != nil {
					eptr, epath = kptr, kpath+sep+strconv.Itoa(i)
					if isArr {
						eptr = jsonpos.Join(kptr, strconv.Itoa(i))
					}
				}
				items[i] = w.normalize(e, eptr, epath, depth-1, refs, pm, wrap)
			}
			out[k] = items
		}
	}
	return out
}

// locate returns the pointer of the block that a gojsonschema context path
// (tokens, starting at "(root)") of a node normalised from (v, ptr) comes
// from: the pointer normalize records in pm for the longest prefix of
// tokens it records. It follows normalize step by step along the path
// alone.
func (w *walker) locate(v any, ptr string, tokens []string, depth int, wrap bool) string {
	refs := 0
	for i := 1; ; {
		m, ok := v.(map[string]any)
		if !ok || isValue(m) {
			return ptr
		}
		if isRef(m) && refs < maxRefDepth {
			if r, p, ok := w.deref(m, ptr); ok && !isRef(r) {
				v, ptr, refs = r, p, refs+1
				continue
			}
		}
		if i >= len(tokens) {
			return ptr
		}
		k := nodeKey(m, tokens[i])
		val, ok := m[k]
		if !ok || k == "@graph" {
			return ptr
		}
		kptr := jsonpos.Join(ptr, k)
		if strings.HasPrefix(k, "@") || depth <= 0 {
			return kptr // @type and kept values record nothing below
		}
		arr, isArr := val.([]any)
		if !wrap && !isArr {
			v, ptr, depth, i = val, kptr, depth-1, i+1
			continue
		}
		if i+1 >= len(tokens) {
			return kptr
		}
		idx, err := strconv.Atoi(tokens[i+1])
		items := 1
		if isArr {
			items = len(arr)
		}
		if err != nil || idx < 0 || idx >= items || tokens[i+1] != strconv.Itoa(idx) {
			return kptr
		}
		if isArr {
			v, ptr = arr[idx], jsonpos.Join(kptr, tokens[i+1])
		} else {
			v, ptr = val, kptr
		}
		depth, i = depth-1, i+2
	}
}

// googleKey is the name a node's key takes in a shape: Google's spelling
// for schema.org's, unless the node also has Google's.
func googleKey(m map[string]any, key string) string {
	if g, ok := spellings[key]; ok {
		if _, both := m[g]; !both {
			return g
		}
	}
	return key
}

// nodeKey is the key of m that a shape's name stands for, undoing
// googleKey.
func nodeKey(m map[string]any, name string) string {
	if _, ok := m[name]; ok {
		return name
	}
	for k, g := range spellings {
		if g == name {
			if _, ok := m[k]; ok {
				return k
			}
		}
	}
	return name
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// numbers gives numbers the form gojsonschema validates, json.Number, as
// its own loaders would after a JSON round trip.
func numbers(v any) any {
	switch x := v.(type) {
	case float64:
		return json.Number(strconv.FormatFloat(x, 'f', -1, 64))
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = numbers(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = numbers(e)
		}
		return out
	}
	return v
}

// loader hands gojsonschema a value already in its form, sparing the JSON
// round trip its Go loader makes on every validation.
type loader struct{ v any }

func (l loader) JsonSource() any        { return l.v }
func (l loader) LoadJSON() (any, error) { return l.v, nil }
func (l loader) LoaderFactory() gojsonschema.JSONLoaderFactory {
	return &gojsonschema.DefaultJSONLoaderFactory{}
}
func (l loader) JsonReference() (gojsonreference.JsonReference, error) {
	return gojsonreference.NewJsonReference("#")
}
