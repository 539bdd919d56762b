package shapes

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unique"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/xeipuuv/gojsonschema"
)

// checker gathers the findings of one block.
type checker struct {
	w     *walker
	depth int // how deep the built-in shapes look

	norm    map[normKey]loader // nodes already prepared for a shape
	out     []Finding
	scratch []Finding // the findings of one entity on one node
	items   []Item
	claimed map[string]bool // pointers of nodes an active feature applied to
}

// add keeps a finding; Check drops repeats once all are made. The same
// message recurs on every product of a catalogue, so one copy of each is
// kept.
func (c *checker) add(f Finding) {
	f.Message = unique.Make(f.Message).Value()
	c.out = append(c.out, f)
}

// gateDepth is how deep the generated gates look (itemListElement.item.@type).
const gateDepth = 3

// roots finds the nodes a feature starts from.
func (c *checker) roots(f *feature) []*node {
	var cands []*node
	switch f.RootAt {
	case "anywhere", "":
		cands = c.w.nodes
	case "item":
		cands = c.w.positions(f.Positions)
	case "top-level":
		for _, n := range c.w.nodes {
			if n.top {
				cands = append(cands, n)
			}
		}
	default:
		cands = c.w.evalFrom(f.RootAt, f.rootFrom)
	}
	var out []*node
	var done map[string]bool // made on the first match: most features match no node
	for _, n := range cands {
		if !hasAnyType(n.types, f.rootTypes) || done[n.ptr] {
			continue
		}
		if done == nil {
			done = map[string]bool{}
		}
		done[n.ptr] = true
		if f.gate != nil && !c.valid(f.gate, n) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// valid reports whether n passes a gate.
func (c *checker) valid(g *gate, n *node) bool {
	doc := c.prepare(n, c.depth, true)
	if g.pred != nil {
		return g.pred.match(doc.v)
	}
	r, err := g.schema.Validate(doc)
	return err == nil && r.Valid()
}

type normKey struct {
	ptr   string
	depth int
	wrap  bool
}

// cachedNodes is the most nodes a block may have for its prepared nodes
// to be kept: a catalogue of thousands of products would keep a copy of
// itself per level of nesting, for a few percent of the time.
const cachedNodes = 2000

// prepare normalises a node once: several features and entities look at
// the same Product or Organization, so it is unfolded as deep as the
// deepest shape looks, and kept.
func (c *checker) prepare(n *node, depth int, wrap bool) loader {
	k := normKey{n.ptr, depth, wrap}
	if doc, ok := c.norm[k]; ok {
		return doc
	}
	doc := loader{c.w.normalize(n.obj, n.ptr, "(root)", depth, 0, nil, wrap)}
	if len(c.w.nodes) > cachedNodes {
		return doc
	}
	if c.norm == nil {
		c.norm = map[normKey]loader{}
	}
	c.norm[k] = doc
	return doc
}

func (c *checker) feature(f *feature) {
	roots := c.roots(f)
	if len(roots) == 0 {
		return
	}
	isRoot := map[string]bool{}
	for _, r := range roots {
		isRoot[r.ptr] = true
	}
	var groups altGroups
	recs := newRecGroups(f)
	var checked []string // the nodes an entity applied to
	for _, e := range f.entities {
		for _, n := range c.entityNodes(e, roots) {
			checked = append(checked, n.ptr)
			// Only a node the feature itself checks is claimed: speakable
			// has WebPage roots but checks only their speakable part.
			if isRoot[n.ptr] {
				c.claimed[n.ptr] = true
			}
			c.scratch = c.entity(f, e, n, c.scratch[:0])
			if e.Group != "" {
				groups.offer(e.Group+sep+n.ptr, slices.Clone(c.scratch))
				continue
			}
			recs.add(c.scratch)
		}
	}
	for _, fs := range groups.best() {
		recs.add(fs)
	}
	out := recs.done()
	if s, err := diag.ParseSeverity(f.Severity); err == nil && f.Severity != "" {
		for i := range out {
			out[i].Severity = min(out[i].Severity, s)
		}
	}
	c.items = append(c.items, c.verdicts(f, roots, checked, out)...)
	for _, x := range out {
		c.add(x)
	}
}

// altGroups keeps, per node and alternative group, the entity that fits
// best: entities of one group describe the same node in different ways
// (an Offer or an AggregateOffer), and the node passes if any one fits.
type altGroups struct {
	order []string
	fits  map[string][]Finding
}

func (a *altGroups) offer(key string, fs []Finding) {
	old, seen := a.fits[key]
	if !seen {
		if a.fits == nil {
			a.fits = map[string][]Finding{}
		}
		a.order = append(a.order, key)
	}
	if !seen || errorCount(fs) < errorCount(old) || (errorCount(fs) == errorCount(old) && len(fs) < len(old)) {
		a.fits[key] = fs
	}
}

func (a *altGroups) best() [][]Finding {
	out := make([][]Finding, len(a.order))
	for i, k := range a.order {
		out[i] = a.fits[k]
	}
	return out
}

func errorCount(fs []Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity == diag.Error {
			n++
		}
	}
	return n
}

// entityNodes lists the nodes of the entity's types at its paths, once
// each.
func (c *checker) entityNodes(e *entity, roots []*node) []*node {
	var out []*node
	var done map[string]bool
	addAll := func(ns []*node) {
		for _, n := range ns {
			if !hasAnyType(n.types, e.types) || done[n.ptr] {
				continue
			}
			if done == nil {
				done = map[string]bool{}
			}
			done[n.ptr] = true
			if e.gate == nil || c.valid(e.gate, n) {
				out = append(out, n)
			}
		}
	}
	for _, at := range e.At {
		if strings.HasPrefix(at, "$") {
			for _, r := range roots {
				addAll(c.w.eval(at, r))
			}
		} else {
			addAll(c.w.eval(at, nil))
		}
	}
	return out
}

// entity validates one node against one entity's shape and appends the
// findings to out.
func (c *checker) entity(f *feature, e *entity, n *node, out []Finding) []Finding {
	loader := c.prepare(n, c.depth, true)
	r, err := e.schema.Validate(loader)
	if err == nil {
		start := len(out)
		for _, re := range r.Errors() {
			if fd, ok := c.finding(f, e, n, re); ok {
				out = append(out, fd)
			}
		}
		// gojsonschema reports a schema's properties in map order; an
		// item's reasons and missing properties are listed in the order
		// its findings come, and the same page must give the same report.
		slices.SortStableFunc(out[start:], findingOrder)
	}
	out = append(out, c.ratingRange(f, e, n)...)
	for _, g := range e.oneOf {
		if c.parentMissing(e, n, g) {
			continue
		}
		if r, err := g.schema.Validate(loader); err == nil && !r.Valid() {
			sev := diag.Error
			if g.Level == "recommended" {
				sev = diag.Warning
			}
			out = append(out, Finding{
				Rule: ruleOneOf, Severity: sev, Pointer: n.ptr, Feature: f.Name, URL: f.DocURL,
				Message: fmt.Sprintf("type %q needs %s %s", typeOf(n, e), alternatives(g.Alternatives), f.suffix()),
			})
		}
	}
	return out
}

// typeOf names the node by the type that made the entity apply.
func typeOf(n *node, e *entity) string {
	for _, t := range n.types {
		if e == nil || e.types[t] {
			return t
		}
	}
	if len(n.types) > 0 {
		return n.types[0]
	}
	return "Thing"
}

func alternatives(alts [][]string) string {
	var parts []string
	single := true
	for _, a := range alts {
		q := make([]string, len(a))
		for i, p := range a {
			q[i] = fmt.Sprintf("%q", p)
		}
		if len(a) > 1 {
			single = false
		}
		parts = append(parts, strings.Join(q, " and "))
	}
	if single {
		if len(parts) == 1 {
			return parts[0]
		}
		return "one of " + strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
	}
	return "either " + strings.Join(parts, ", or ")
}

// errorKinds maps gojsonschema error types to the table's check kinds.
// Errors of combinators (allOf, if/then) repeat the errors inside them.
var errorKinds = map[string]string{
	"enum": "enum", "pattern": "pattern", "string_lte": "max_length", "string_gte": "min_length",
	"array_min_items": "min_items", "array_max_items": "max_items",
	"number_gte": "range", "number_gt": "range", "number_lte": "range", "number_lt": "range",
	"contains": "type_in",
}

// finding turns one gojsonschema error into a Finding, or drops it when a
// condition of the table waives it.
func (c *checker) finding(f *feature, e *entity, n *node, re gojsonschema.ResultError) (Finding, bool) {
	tokens := strings.Split(re.Context().String(sep), sep)
	var props []string
	for i := 1; i < len(tokens); i += 2 {
		props = append(props, tokens[i])
	}
	// Errors dropped below (those of combinators, waived ones) need no
	// pointer, so it is worked out only for a finding that is kept.
	fd := Finding{Feature: f.Name, URL: f.DocURL}
	locate := func() string { return c.w.locate(n.obj, n.ptr, tokens, c.depth, true) }
	typ := typeOf(n, e)
	if re.Type() == "required" {
		name, _ := re.Details()["property"].(string)
		dotted := strings.Join(append(props, name), ".")
		p := e.props[dotted]
		if p == nil || c.waived(p, n) {
			return fd, false
		}
		fd.Rule, fd.Severity = ruleRequired, diag.Error
		if p.Level == "recommended" {
			fd.Rule, fd.Severity = ruleRecommended, diag.Info
			// ParseSeverity builds an error for "", the usual value.
			if f.RecommendedSeverity != "" {
				if s, err := diag.ParseSeverity(f.RecommendedSeverity); err == nil {
					fd.Severity = s
				}
			}
		}
		fd.Properties, fd.typ = []string{dotted}, typ
		if fd.Rule == ruleRequired {
			// A G002 finding gets its message once the node's missing
			// properties are grouped (recGroups).
			fd.Message = fmt.Sprintf("%s property %q is missing on type %q %s", p.Level, dotted, typ, f.suffix())
		}
		fd.Pointer = locate()
		return fd, true
	}
	kind, ok := errorKinds[re.Type()]
	if re.Type() == "format" {
		format, _ := re.Details()["format"].(string)
		kind, ok = formatKind(format), true
	}
	if !ok {
		return fd, false
	}
	if kind == "type_in" && len(props) > 0 && props[len(props)-1] == "@type" {
		props = props[:len(props)-1]
	}
	dotted := strings.Join(props, ".")
	p := e.props[dotted]
	if p == nil {
		return fd, false
	}
	var chk *checkDef
	for i := range p.Checks {
		if p.Checks[i].Kind == kind {
			chk = &p.Checks[i]
			break
		}
	}
	if chk == nil {
		return fd, false
	}
	fd.Severity = diag.Error
	if p.Level != "required" {
		fd.Severity = diag.Warning
	}
	if chk.Severity != "" {
		if s, err := diag.ParseSeverity(chk.Severity); err == nil {
			fd.Severity = s
		}
	}
	fd.Rule, fd.Kind = ruleFor(kind), kind
	if kind == "enum" {
		fd.Allowed = chk.Values
	}
	fd.Message = fmt.Sprintf("property %q on type %q is %s, expected %s %s", dotted, typ, describe(re.Value(), kind), expected(chk), f.suffix())
	fd.Pointer = locate()
	return fd, true
}

// waived applies the table's property conditions to a missing property.
func (c *checker) waived(p *propDef, n *node) bool {
	switch p.Condition {
	case "not_last_in_list":
		return n.last
	case "not_nested":
		return !n.top
	case "unless_item_has_name":
		for _, it := range c.w.step(n, "item") {
			if _, ok := it.obj["name"]; ok {
				return true
			}
		}
	}
	return false
}

func formatKind(format string) string {
	k := strings.TrimPrefix(format, "ldfix-")
	if strings.HasPrefix(k, "min-decimals-") {
		return "min_decimals"
	}
	return strings.ReplaceAll(k, "-", "_")
}

// describe quotes the value found, or names its kind when it is a list or
// an object.
func describe(v any, kind string) string {
	switch x := v.(type) {
	case string:
		if r := []rune(x); len(r) > 60 {
			x = string(r[:57]) + "..."
		}
		return fmt.Sprintf("%q", x)
	case []any:
		if kind == "type_in" {
			return "of type " + quoteAll(x)
		}
		return "a list of " + plural(fmt.Sprint(len(x)), "value")
	case map[string]any:
		if ts := typeNames(x["@type"]); len(ts) > 0 {
			return fmt.Sprintf("of type %q", strings.Join(ts, ", "))
		}
		return "an object without @type"
	case nil:
		return "null"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func quoteAll(xs []any) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", fmt.Sprint(x))
	}
	return strings.Join(q, ", ")
}

// parentMissing reports a one-of group whose every alternative lies under
// a listed property the node lacks ("shippingRate.value" or
// "shippingRate.maxValue" without "shippingRate"): the missing parent is
// the finding, not the group.
func (c *checker) parentMissing(e *entity, n *node, g *oneOf) bool {
	for _, alt := range g.Alternatives {
		under := false
		for _, p := range alt {
			top, _, dotted := strings.Cut(p, ".")
			if _, listed := e.props[top]; dotted && listed {
				if _, present := n.obj[top]; !present {
					under = true
				}
			}
		}
		if !under {
			return false
		}
	}
	return true
}
