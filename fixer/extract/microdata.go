package extract

import (
	"slices"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

func init() {
	diag.Register(
		diag.Rule{
			ID: "M001", Name: "itemprop-outside-item", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "an itemprop belongs to no item, so search engines ignore it",
			Why: "A microdata property is read only as part of an item: inside an element with itemscope, or " +
				"in an element that an item's itemref names. Outside any item the value is lost, often because " +
				"the itemscope is on a sibling or was dropped when a theme was edited.",
			Bad:       `<span itemprop="name">Coat</span><div itemscope itemtype="https://schema.org/Product"></div>`,
			Good:      `<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Coat</span></div>`,
			FixSafety: "No fix: which item the property belongs to is the author's choice.",
		},
		diag.Rule{
			ID: "M002", Name: "itemtype-not-absolute-url", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "an itemtype is not an absolute URL, so the item has no type",
			Why: "The HTML standard defines itemtype as a set of absolute URLs. A bare name such as \"Product\" " +
				"or \"schema.org/Product\" names no vocabulary: search engines read the item as untyped and " +
				"no rich result can come of it.",
			Bad:       `<div itemscope itemtype="Product">`,
			Good:      `<div itemscope itemtype="https://schema.org/Product">`,
			FixSafety: "No fix: the vocabulary meant cannot be known for sure.",
		},
		diag.Rule{
			ID: "M003", Name: "itemtype-not-schema-org", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "an itemtype is not a schema.org type, so Google's rich results ignore the item",
			Why: "Google reads structured data in the schema.org vocabulary only; it stopped reading " +
				"data-vocabulary.org in 2021. http and https schema.org URLs are the same vocabulary.",
			Bad:       `<div itemscope itemtype="http://data-vocabulary.org/Breadcrumb">`,
			Good:      `<div itemscope itemtype="https://schema.org/BreadcrumbList">`,
			FixSafety: "No fix: a type of another vocabulary has no one-to-one schema.org type.",
		},
		diag.Rule{
			ID: "M004", Name: "itemref-names-no-element", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "an itemref names an id that no element of the page has",
			Why: "itemref adds the properties of the elements it names by id to the item. An id that is not " +
				"on the page (renamed, or inside a template that is not rendered) adds nothing, and the " +
				"properties the author meant to share are missing.",
			Bad:       `<div itemscope itemtype="https://schema.org/Product" itemref="brand"></div>`,
			Good:      `<div itemscope itemtype="https://schema.org/Product" itemref="brand"></div><p id="brand" itemprop="brand">Acme</p>`,
			FixSafety: "No fix: the element meant is unknown.",
		},
		diag.Rule{
			ID: "M005", Name: "property-element-without-value", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "a meta, link or media element with itemprop lacks the attribute that holds its value",
			Why: "The value of <meta itemprop> is its content attribute, of <link itemprop> and <a itemprop> " +
				"its href, of <img itemprop> its src (HTML standard, microdata property values). Without " +
				"that attribute the value is the empty string, whatever text the element holds.",
			Bad:       `<meta itemprop="price" value="10.00">`,
			Good:      `<meta itemprop="price" content="10.00">`,
			FixSafety: "No fix: the value is not on the page.",
		},
		diag.Rule{
			ID: "M006", Name: "item-never-read", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "an item has itemprop but is the property of no item, so nothing reads it",
			Why: "An itemscope element with itemprop is not a top-level item: it is read only as the value of " +
				"its parent item's property. When no enclosing itemscope or itemref reaches it, the whole " +
				"item is lost.",
			Bad:       `<div itemprop="offers" itemscope itemtype="https://schema.org/Offer">…</div>`,
			Good:      `<div itemscope itemtype="https://schema.org/Product"><div itemprop="offers" itemscope itemtype="https://schema.org/Offer">…</div></div>`,
			FixSafety: "No fix: the item it belongs to is the author's choice.",
		},
		diag.Rule{
			ID: "M007", Name: "item-without-type", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "a top-level item has no itemtype, so search engines cannot tell what it describes",
			Why: "Without itemtype a microdata item's property names belong to no vocabulary. Rich results " +
				"need a schema.org type on every top-level item.",
			Bad:       `<div itemscope><span itemprop="name">Coat</span></div>`,
			Good:      `<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Coat</span></div>`,
			FixSafety: "No fix: the type meant is unknown.",
		},
		diag.Rule{
			ID: "M008", Name: "itemtype-mixed-vocabularies", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "an itemtype lists types of more than one vocabulary",
			Why: "The HTML standard requires every type of one item to be in the same vocabulary, since the " +
				"property names are read in that vocabulary; readers take the first type's vocabulary and " +
				"may drop the rest.",
			Bad:       `<div itemscope itemtype="https://schema.org/Product http://purl.org/goodrelations/v1#ProductOrService">`,
			Good:      `<div itemscope itemtype="https://schema.org/Product">`,
			FixSafety: "No fix: which vocabulary to keep is the author's choice.",
		},
	)
}

// microdata reads the items of a page as the HTML standard defines them
// (WHATWG HTML §5.2 "Encoding microdata", §5.5 "Converting HTML to other
// formats").
type microdata struct {
	t     *tree
	base  string
	items []Item
	diags []diag.Diagnostic
	// By element index: property elements some item reads, itemscope
	// elements read as a value, and the elements the crawl of one item's
	// properties has met (seen[i] == crawl).
	claimed, reached []bool
	seen             []uint32
	crawl            uint32
}

func (m *microdata) report(id string, span source.Span, format string, args ...any) {
	m.diags = append(m.diags, diag.New(id, -1, span, format, args...))
}

func (m *microdata) run() {
	n := len(m.t.elems)
	m.claimed, m.reached, m.seen = make([]bool, n), make([]bool, n), make([]uint32, n)
	var scopes []*element
	all := m.t.all()
	for i := range all {
		e := &all[i]
		if !e.inert && e.marks&itemscopeAttr != 0 {
			scopes = append(scopes, e)
		}
	}
	for _, e := range scopes {
		// §5.2.2: an item is a top-level microdata item when its element
		// has no itemprop attribute.
		if e.marks&itempropAttr != 0 {
			continue
		}
		n := m.item(e, nil, "")
		if e.marks&itemtypeAttr == 0 {
			m.report("M007", e.tag, "item has no itemtype, so search engines cannot tell what it describes")
		}
		m.items = append(m.items, n.item(Microdata))
	}
	for _, e := range scopes {
		if e.marks&itempropAttr != 0 && !m.reached[e.index] {
			// Its properties are still read, for the findings above.
			m.item(e, nil, "")
			_, a, _ := e.get("itemprop")
			m.report("M006", a.span, "item with itemprop %s is the property of no item, so nothing reads it", quoteList(tokens(decode(a.val))))
		}
	}
	for i := range all {
		e := &all[i]
		if e.marks&itempropAttr == 0 || e.inert || e.marks&itemscopeAttr != 0 || m.claimed[e.index] {
			continue // an item with itemprop that nothing reads is M006
		}
		if v, a, ok := e.get("itemprop"); ok && len(tokens(v)) > 0 {
			m.report("M001", a.span, "itemprop %s belongs to no item, so search engines ignore it", quoteList(tokens(v)))
		}
	}
}

// item reads the item of itemscope element e; open are the items being
// read around it, which it must not contain again.
func (m *microdata) item(e *element, open []*element, vocab string) *node {
	n := &node{el: e}
	if v, a, ok := e.get("itemtype"); ok {
		n.typeAttr = a.valSpan
		vocab = m.types(n, v, a)
	}
	if v, a, ok := e.get("itemid"); ok && strings.Trim(v, " \t\n\r\f") != "" {
		n.id, n.idAttr = resolveURL(m.base, v), a.valSpan
	}
	open = append(open, e)
	for _, p := range m.properties(e) {
		m.claimed[p.index] = true
		names, a, _ := p.get("itemprop")
		for _, name := range tokens(names) {
			switch {
			case schemaOrg(name) != "":
				name = schemaOrg(name)
			case vocab != "" && !absoluteURL(name):
				name = vocab + name
			}
			n.add(name, a.span, m.value(p, open, vocab))
		}
	}
	return n
}

// types reads itemtype: absolute URLs of one vocabulary (§5.2.2). It
// returns the IRI that the item's property names are relative to when the
// vocabulary is not schema.org ("" for schema.org).
func (m *microdata) types(n *node, v string, a attr) string {
	var vocabs []string
	for _, t := range tokens(v) {
		if !absoluteURL(t) {
			m.report("M002", a.valSpan, "itemtype %q is not an absolute URL, so the item has no type", t)
			continue
		}
		voc := ""
		if name := schemaOrg(t); name != "" {
			t = name
		} else {
			m.report("M003", a.valSpan, "itemtype %q is not a schema.org type, so Google's rich results ignore the item", t)
			voc = t[:strings.LastIndexAny(t, "/#")+1]
		}
		n.types = append(n.types, t)
		if !slices.Contains(vocabs, voc) {
			vocabs = append(vocabs, voc)
		}
	}
	if len(vocabs) > 1 {
		m.report("M008", a.valSpan, "itemtype lists types of more than one vocabulary: %s", quoteList(tokens(v)))
	}
	if len(vocabs) == 0 {
		return ""
	}
	return vocabs[0]
}

// absoluteURL reports whether s starts with a URL scheme, as an absolute
// URL does.
func absoluteURL[T ~string | ~[]byte](s T) bool {
	i := 0
	for i < len(s) && s[i] != ':' {
		i++
	}
	if i == 0 || i == len(s) {
		return false
	}
	for j := 0; j < i; j++ {
		if c := s[j]; !isLetter(c) && (j == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return len(s) > i+1
}

// properties crawls the properties of the item of root (§5.2.5): the
// elements with itemprop among its descendants and those of the elements
// its itemref names, not descending into other items, in tree order.
func (m *microdata) properties(root *element) []*element {
	m.crawl++
	m.seen[root.index] = m.crawl
	var pending, results []*element
	pending = m.t.appendKids(pending, root)
	if refs, a, ok := root.get("itemref"); ok {
		for _, id := range tokens(refs) {
			if el, ok := m.t.byIDElement(id); ok {
				pending = append(pending, el)
			} else {
				m.report("M004", a.valSpan, "itemref names id %q, which no element of the page has", id)
			}
		}
	}
	for len(pending) > 0 {
		cur := pending[len(pending)-1]
		pending = pending[:len(pending)-1]
		if m.seen[cur.index] == m.crawl || cur.inert {
			continue // a microdata error: an element reached twice
		}
		m.seen[cur.index] = m.crawl
		if cur.marks&itemscopeAttr == 0 {
			pending = m.t.appendKids(pending, cur)
		}
		if v, _, ok := cur.get("itemprop"); ok && len(tokens(v)) > 0 {
			results = append(results, cur)
		}
	}
	slices.SortFunc(results, func(a, b *element) int { return int(a.index - b.index) })
	return results
}

func (t *tree) appendKids(list []*element, e *element) []*element {
	for c := t.kid(e.first); c != nil; c = t.kid(c.next) {
		list = append(list, c)
	}
	return list
}

// value is the property value of element e (§5.2.4).
func (m *microdata) value(e *element, open []*element, vocab string) nodeValue {
	if e.marks&itemscopeAttr != 0 {
		if slices.Contains(open, e) || len(open) > maxDepth {
			// An item that is its own property: the standard leaves it
			// out of the JSON (§5.5.1, "memory"). A chain of itemrefs
			// deeper than any tree is cut the same way.
			return nodeValue{s: "", span: e.tag}
		}
		m.reached[e.index] = true
		return nodeValue{node: m.item(e, open, vocab)}
	}
	attrValue := func(name string, url bool) nodeValue {
		v, a, ok := e.get(name)
		if !ok {
			m.report("M005", e.tag, "<%s itemprop> has no %s attribute, so its value is empty", e.name, name)
			return nodeValue{span: e.tag}
		}
		if url {
			v = resolveURL(m.base, v)
		}
		return nodeValue{s: v, span: a.valSpan}
	}
	if v, a, ok := e.get("content"); ok && e.name != "meta" {
		// The standard reads content only on <meta>, but Google and
		// other readers take it on any element, as in the common
		// <span itemprop="price" content="10.00">$10</span>.
		return nodeValue{s: v, span: a.valSpan}
	}
	switch e.name {
	case "meta":
		return attrValue("content", false)
	case "audio", "embed", "iframe", "img", "source", "track", "video":
		return attrValue("src", true)
	case "a", "area", "link":
		return attrValue("href", true)
	case "object":
		return attrValue("data", true)
	case "data", "meter":
		return attrValue("value", false)
	case "time":
		if v, a, ok := e.get("datetime"); ok {
			return nodeValue{s: v, span: a.valSpan}
		}
	}
	return nodeValue{s: collapse(m.t.textContent(e)), span: e.textSpan(m.t.data)}
}
