package schema

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/schema/shapes"
	"github.com/ldfix/ldfix/schema/vocab"
)

// checkNode runs the vocabulary checks on one node: its types, its
// properties, their domains and the ranges of their values.
func (pg *page) checkNode(n *node) {
	voc := pg.v.vocab
	for _, t := range n.types {
		pg.checkType(n, t)
	}
	classes, open := n.classes(voc)
	open = open || n.open
	for _, p := range n.props {
		if p.name == "" {
			continue // another vocabulary's term, or unmapped (V006)
		}
		if isActionAnnotation(voc, p.name) {
			continue
		}
		term := voc.Term(p.name)
		if term == nil || term.Kind != vocab.Property {
			if !n.open {
				pg.unknownProperty(n, p, term, classes)
			}
			continue
		}
		if termNotice(term) {
			pg.checkTerm(n.blk, term, p.member, p.pointer(), true, n, p)
		}
		if !p.reverse && !open && len(classes) > 0 && !n.isRoleFor(p) && !inDomain(voc, term, classes) {
			n.blk.report("V012", p.member, p.pointer(), true, "property %q is not defined for type %s; expected a type such as %s",
				p.name, quoteList(classes, "and"), quoteList(term.Domain, "or"))
		}
		if p.reverse {
			pg.checkReverse(p, term, classes, open)
			continue
		}
		for i := range p.values {
			val := &p.values[i]
			pg.checkValue(p, term, val)
		}
	}
}

// checkReverse checks "@reverse": {"author": {"@type": "Book"}} on a
// Person: the value nodes are the subjects, so they must be in the
// property's domain, and this node's types in its range.
func (pg *page) checkReverse(p *prop, term *vocab.Term, classes []string, open bool) {
	voc := pg.v.vocab
	if !open && len(classes) > 0 && len(term.Range) > 0 && !slices.ContainsFunc(classes, func(c string) bool {
		return slices.ContainsFunc(term.Range, func(r string) bool { return voc.IsA(c, r) })
	}) {
		p.owner.blk.report("V013", p.member, p.pointer(), true, "property %q expects %s, found type %s as its value through \"@reverse\"",
			p.name, quoteList(term.Range, "or"), quoteList(classes, "and"))
	}
	for i := range p.values {
		val := &p.values[i]
		if val.node == nil {
			continue
		}
		subj, subjOpen := val.node.classes(voc)
		if !subjOpen && !val.node.open && len(subj) > 0 && !inDomain(voc, term, subj) {
			p.owner.blk.report("V012", val.n, val.pointer(p), false, "property %q is not defined for type %s; expected a type such as %s",
				p.name, quoteList(subj, "and"), quoteList(term.Domain, "or"))
		}
	}
}

// ofType names the types of the property's node for a message:
// ` of type "Offer"`, or "" for an untyped node.
func (p *prop) ofType() string {
	var names []string
	for _, t := range p.owner.types {
		if t.name != "" {
			names = append(names, t.name)
		} else {
			names = append(names, t.iri)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return " of type " + quoteList(names, "and")
}

// isActionAnnotation reports whether name is a property followed by
// "-input" or "-output", the input and output constraints of schema.org's
// potential actions ("query-input": "required name=search_term_string",
// https://schema.org/docs/actions.html); their text is not the
// property's value.
func isActionAnnotation(voc *vocab.Vocab, name string) bool {
	stem, ok := strings.CutSuffix(name, "-input")
	if !ok {
		stem, ok = strings.CutSuffix(name, "-output")
	}
	t := voc.Term(stem)
	return ok && t != nil && t.Kind == vocab.Property
}

// classes returns the node's schema.org classes. open is set when the node
// has a type from another vocabulary or an unknown one, whose properties
// cannot be known.
func (n *node) classes(voc *vocab.Vocab) (classes []string, open bool) {
	for _, t := range n.types {
		term := voc.Term(t.name)
		if t.name == "" || term == nil || term.Kind != vocab.Class {
			open = true
			continue
		}
		classes = append(classes, t.name)
	}
	// additionalType names more types of the node; schema.org's own
	// microdata examples write a second schema.org type this way, since
	// an itemtype lists types of one vocabulary only.
	for _, p := range n.props {
		if p.name != "additionalType" {
			continue
		}
		for i := range p.values {
			v := &p.values[i]
			if v.literal == nil {
				continue
			}
			s, _ := v.literal.Value.(string)
			if name := schemaName(s); name != "" {
				if t := voc.Term(name); t != nil && t.Kind == vocab.Class {
					classes = append(classes, name)
				}
			}
		}
	}
	return classes, open
}

// isRoleFor reports whether the node is a Role standing between a property
// and its value, and p is that same property repeated on the role (the
// schema.org Role pattern: "actor": {"@type": "PerformanceRole", "actor": …}).
func (n *node) isRoleFor(p *prop) bool {
	return n.parent != nil && n.parent.name == p.name && n.isA("Role")
}

func (n *node) isA(class string) bool {
	voc := n.blk.vocab()
	for _, t := range n.types {
		if voc.IsA(t.name, class) {
			return true
		}
	}
	return false
}

func (bs *blockState) vocab() *vocab.Vocab { return bs.v.vocab }

func inDomain(voc *vocab.Vocab, term *vocab.Term, classes []string) bool {
	if len(term.Domain) == 0 {
		return true
	}
	for _, c := range classes {
		for _, d := range term.Domain {
			if voc.IsA(c, d) {
				return true
			}
		}
	}
	return false
}

// typeOpaque reports whether one of the node's types is a template
// placeholder, so what the node is cannot be known.
func (n *node) typeOpaque() bool {
	for _, t := range n.types {
		if n.blk.opaque(t.n.Span) {
			return true
		}
	}
	return false
}

func (pg *page) checkType(n *node, t typeRef) {
	voc := pg.v.vocab
	if n.blk.opaque(t.n.Span) {
		return
	}
	if t.name == "" {
		if !strings.Contains(t.iri, ":") && !n.open {
			n.blk.report("V006", t.n, t.ptr, false, "type %q is not mapped to an IRI by the context", t.iri)
		}
		return // another vocabulary's type
	}
	term := voc.Term(t.name)
	if term != nil && term.Kind == vocab.Class {
		pg.checkTerm(n.blk, term, t.n, t.ptr, false, n, nil)
		return
	}
	if n.open {
		return // a refused remote context may define it
	}
	what := "is not a schema.org type"
	if term != nil {
		what = "is a schema.org " + term.Kind.String() + ", not a type"
	}
	d := n.blk.report("V010", t.n, t.ptr, false, "type %q %s", t.name, what)
	if term != nil {
		return // a known term of another kind: no near name would be meant
	}
	n.blk.typeFix(d, t)
}

func (pg *page) unknownProperty(n *node, p *prop, term *vocab.Term, classes []string) {
	if n.blk.opaque(p.member.KeySpan) || shapes.GoogleSpelling(p.name) {
		return // Google's pages ask for this spelling ("xPath" for "xpath")
	}
	on := ""
	if len(classes) > 0 {
		on = " of type " + quoteList(classes, "and")
	}
	what := "is not a schema.org property"
	if term != nil {
		what = "is a schema.org " + term.Kind.String() + ", not a property"
	}
	d := n.blk.report("V011", p.member, p.pointer(), true, "property %q%s %s", p.name, on, what)
	if term != nil {
		return
	}
	n.blk.propertyFix(d, n, p, classes)
}

// termNotice reports whether checkTerm has anything to say about t, so
// that a pointer is only built for a term it reports.
func termNotice(t *vocab.Term) bool {
	return t.SupersededBy != "" || t.Area == vocab.Pending || t.Area == vocab.Attic
}

// checkTerm reports superseded, pending and attic terms. owner is the
// node the term is used on and p, for a property, its use there.
func (pg *page) checkTerm(bs *blockState, t *vocab.Term, n *jsonpos.Node, ptr string, key bool, owner *node, p *prop) {
	kind := t.Kind.String()
	if t.SupersededBy != "" {
		d := bs.report("V016", n, ptr, key, "%s %q is superseded by %q", kind, t.Name, t.SupersededBy)
		pg.supersededFix(d, bs, t, n, key, owner, p)
	}
	switch t.Area {
	case vocab.Pending:
		bs.report("V017", n, ptr, key, "%s %q is pending in schema.org and may still change", kind, t.Name)
	case vocab.Attic:
		bs.report("V018", n, ptr, key, "%s %q is retired to the schema.org attic", kind, t.Name)
	}
}

// checkValue checks one value of property p against its rangeIncludes.
func (pg *page) checkValue(p *prop, term *vocab.Term, val *value) {
	bs := p.owner.blk
	// A container that holds a placeholder is still checked: its own type
	// is known even when some of its values are not.
	if len(term.Range) == 0 || val.node == nil && bs.opaque(val.n.Span) {
		return
	}
	if val.node != nil {
		pg.checkNodeValue(p, term, val)
		return
	}
	pg.checkLiteral(p, term, val)
}

// rangeKinds sorts a property's range into data types, enumerations and
// other classes.
func rangeKinds(voc *vocab.Vocab, term *vocab.Term) (data, enums []string, things bool) {
	for _, r := range term.Range {
		t := voc.Term(r)
		switch {
		case t == nil || t.Kind != vocab.Class:
			things = true // another vocabulary's class: anything may fit
		case t.DataType:
			data = append(data, r)
		case t.Enumeration:
			enums = append(enums, r)
		default:
			things = true
		}
	}
	return data, enums, things
}

func (pg *page) checkNodeValue(p *prop, term *vocab.Term, val *value) {
	voc := pg.v.vocab
	nd := val.node
	if nd.isA("Role") {
		return // the Role pattern: the role's own property is checked on it
	}
	if nd.typeOpaque() {
		return
	}
	types := nd.types
	if len(types) == 0 && nd.id != "" && len(nd.props) == 0 {
		if m := schemaName(nd.id); m != "" && voc.Term(m) != nil && voc.Term(m).Kind == vocab.Member {
			pg.checkMember(p, term, val, m, nd.id)
			return
		}
		for _, other := range pg.ids[nd.id] {
			if other.typeOpaque() {
				return
			}
			types = append(types, other.types...)
		}
	}
	if len(types) == 0 {
		return // untyped node or an outside reference: nothing to compare
	}
	var names []string
	for _, t := range types {
		tt := voc.Term(t.name)
		if t.name == "" || tt == nil || tt.Kind != vocab.Class {
			return // another vocabulary's type, or unknown (V010)
		}
		for _, r := range term.Range {
			if voc.IsA(t.name, r) {
				return
			}
		}
		names = append(names, t.name)
	}
	p.owner.blk.report("V013", val.n, val.pointer(p), false, "property %q%s expects %s, found type %s",
		p.name, p.ofType(), quoteList(term.Range, "or"), quoteList(names, "and"))
}

func (pg *page) checkLiteral(p *prop, term *vocab.Term, val *value) {
	voc := pg.v.vocab
	data, enums, things := rangeKinds(voc, term)
	lit := val.literal
	switch lit.Kind {
	case jsonpos.String:
		s := lit.Value.(string)
		if len(enums) > 0 {
			if name := schemaName(s); name != "" || !strings.Contains(s, ":") {
				bare := name == "" && !strings.HasPrefix(s, "schema:")
				if name == "" {
					name = strings.TrimPrefix(s, "schema:")
				}
				for _, e := range enums {
					if voc.MemberOf(name, e) {
						if bare && len(data) == 0 && !things {
							pg.bareMember(p, val, s)
						}
						return
					}
				}
			} else {
				return // an IRI of another vocabulary
			}
		}
		if things || slices.ContainsFunc(data, func(dt string) bool { return literalFits(dt, s) }) {
			return
		}
		if len(enums) > 0 {
			pg.badMember(p, term, val, s, enums)
			return
		}
		d := p.owner.blk.report("V014", val.n, val.pointer(p), false, "property %q%s expects %s, found %s",
			p.name, p.ofType(), quoteList(data, "or"), strconv.Quote(s))
		if val.literal == val.n {
			p.owner.blk.literalFix(d, val.n, data, s)
		}
	case jsonpos.Number:
		f := lit.Value.(float64)
		if things || slices.ContainsFunc(data, func(dt string) bool { return numberFits(dt, f) }) {
			return
		}
		p.owner.blk.report("V014", val.n, val.pointer(p), false, "property %q%s expects %s, found the number %s",
			p.name, p.ofType(), quoteList(term.Range, "or"), p.owner.blk.text(lit))
	case jsonpos.Bool:
		if things || slices.ContainsFunc(data, boolFits) {
			return
		}
		p.owner.blk.report("V014", val.n, val.pointer(p), false, "property %q%s expects %s, found the boolean %v",
			p.name, p.ofType(), quoteList(term.Range, "or"), lit.Value)
	}
}

// checkMember checks a reference to a schema.org member ({"@id":
// "https://schema.org/InStock"}) against the property's range.
func (pg *page) checkMember(p *prop, term *vocab.Term, val *value, member, raw string) {
	voc := pg.v.vocab
	_, enums, things := rangeKinds(voc, term)
	if things || len(enums) == 0 {
		return
	}
	for _, e := range enums {
		if voc.MemberOf(member, e) {
			return
		}
	}
	pg.badMember(p, term, val, raw, enums)
}

func (pg *page) badMember(p *prop, term *vocab.Term, val *value, s string, enums []string) {
	bs := p.owner.blk
	d := bs.report("V015", val.n, val.pointer(p), false, "property %q%s expects a member of %s, found %s",
		p.name, p.ofType(), quoteList(enums, "or"), strconv.Quote(s))
	bs.memberFix(d, val, s, enums)
}

// keyWithPrefix keeps a key's prefix: "schema:datePublised" becomes
// "schema:datePublished".
func keyWithPrefix(key, from, to string) string {
	if prefix, ok := strings.CutSuffix(key, from); ok {
		return prefix + to
	}
	return to
}

// text is the block text of a node.
func (bs *blockState) text(n *jsonpos.Node) string {
	return string(bs.b.Text[n.Span.Start:n.Span.End])
}

// quoteList quotes names and joins them: "A", "B" or "C". Long lists are
// cut after four names.
func quoteList(names []string, conj string) string {
	q := make([]string, 0, len(names))
	for i, n := range names {
		if i == 4 {
			q = append(q, fmt.Sprintf("%d more", len(names)-4))
			break
		}
		q = append(q, strconv.Quote(n))
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " " + conj + " " + q[len(q)-1]
}
