package extract

import (
	"maps"
	"slices"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

func init() {
	diag.Register(
		diag.Rule{
			ID: "M009", Name: "rdfa-term-without-vocabulary", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "an RDFa property or typeof term has no vocabulary in scope, so it names nothing",
			Why: "In RDFa a bare term such as \"name\" or \"Product\" is read in the vocabulary of the nearest " +
				"vocab attribute around it. Without one the term is dropped (RDFa Core 1.1 §7.4.3): the " +
				"type or property is lost, often because vocab sits on an element that does not enclose it.",
			Bad:       `<div typeof="Product"><span property="name">Coat</span></div>`,
			Good:      `<div vocab="https://schema.org/" typeof="Product"><span property="name">Coat</span></div>`,
			FixSafety: "No fix: which vocabulary is meant is the author's choice.",
		},
		diag.Rule{
			ID: "M010", Name: "rdfa-unknown-prefix", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "an RDFa CURIE uses a prefix that no prefix attribute or the RDFa initial context defines",
			Why: "A CURIE such as \"schema:name\" is read only when its prefix is mapped, by a prefix attribute " +
				"around it or by the RDFa initial context (which maps schema, og, dc, foaf and others). " +
				"An unknown prefix makes the whole term drop out.",
			Bad:       `<div typeof="s:Product"><span property="s:name">Coat</span></div>`,
			Good:      `<div prefix="s: https://schema.org/" typeof="s:Product"><span property="s:name">Coat</span></div>`,
			FixSafety: "No fix: the IRI the prefix stands for is unknown.",
		},
	)
}

// initialPrefixes are the prefixes of the RDFa 1.1 initial context
// (https://www.w3.org/2011/rdfa-context/rdfa-1.1) that pages use.
var initialPrefixes = map[string]string{
	"schema": "http://schema.org/", "og": "http://ogp.me/ns#", "dc": "http://purl.org/dc/terms/",
	"dcterms": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
	"rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#", "owl": "http://www.w3.org/2002/07/owl#",
	"skos": "http://www.w3.org/2004/02/skos/core#", "sioc": "http://rdfs.org/sioc/ns#", "gr": "http://purl.org/goodrelations/v1#",
	"vcard": "http://www.w3.org/2006/vcard/ns#", "cc": "http://creativecommons.org/ns#", "ctag": "http://commontag.org/ns#",
	"v": "http://rdf.data-vocabulary.org/#", "xhv": "http://www.w3.org/1999/xhtml/vocab#", "xml": "http://www.w3.org/XML/1998/namespace",
	"as": "https://www.w3.org/ns/activitystreams#", "ical": "http://www.w3.org/2002/12/cal/icaltzd#", "org": "http://www.w3.org/ns/org#",
	"prov": "http://www.w3.org/ns/prov#", "rev": "http://purl.org/stuff/rev#", "void": "http://rdfs.org/ns/void#",
	"article": "http://ogp.me/ns/article#", "fb": "http://ogp.me/ns/fb#", "product": "http://ogp.me/ns/product#",
}

// rdfa reads the typed nodes of a page as RDFa Core 1.1 §7.5 ("Sequence")
// processes elements, with the HTML+RDFa 1.1 rules (@datetime of <time>,
// @rel and @rev taken as absent since in HTML they mostly carry link types
// such as "nofollow", not RDF). Only what schema.org markup uses is kept:
// vocab, prefix, typeof, property, resource, about, href, src, content and
// datatype. Each node becomes an item; a typed node that is the value of a
// property is nested in its subject.
type rdfa struct {
	t     *tree
	base  string
	tops  []*node
	items []Item
	diags []diag.Diagnostic
}

type rdfaScope struct {
	vocab    string
	prefixes map[string]string
	subject  *node // nil: the document itself, whose properties are no item
	// hanging is a @rel without an object on an ancestor: the next nodes
	// inside it are its values (§7.5 step 10, incomplete triples).
	hanging *hangingRel
}

type hangingRel struct {
	subject *node
	links
}

// links are the terms of @rel (the subject links to the object) and of
// @rev (the object links to the subject: a JSON-LD @reverse property).
type links struct {
	rels, revs []string
	attr       attr
}

// add links subject and v both ways as the terms say.
func (l links) add(subject *node, v nodeValue) {
	if subject == nil {
		return
	}
	for _, p := range l.rels {
		subject.add(p, l.attr.span, v)
	}
	if v.node != nil {
		for _, p := range l.revs {
			subject.addReverse(p, l.attr.span, v)
		}
	}
}

func (r *rdfa) report(id string, span source.Span, format string, args ...any) {
	r.diags = append(r.diags, diag.New(id, -1, span, format, args...))
}

func (r *rdfa) run() {
	r.walk(r.t.root(), rdfaScope{prefixes: initialPrefixes})
	for _, n := range r.tops {
		// An untyped node is an item only when it says something in
		// schema.org: a page's own Open Graph properties, or a link
		// that RDFa makes a subject, are not.
		if len(n.types) > 0 || slices.ContainsFunc(n.props, func(p *property) bool { return !strings.Contains(p.name, ":") }) {
			r.items = append(r.items, n.item(RDFa))
		}
	}
}

func (r *rdfa) walk(e *element, sc rdfaScope) {
	for c := r.t.kid(e.first); c != nil; c = r.t.kid(c.next) {
		if !c.inert {
			r.element(c, sc)
		}
	}
}

// element processes one element (§7.5 steps 2–13) and its children.
func (r *rdfa) element(e *element, sc rdfaScope) {
	if !rdfaElement(e) {
		r.walk(e, sc)
		return
	}
	if v, _, ok := e.get("vocab"); ok {
		sc.vocab = vocabIRI(resolveURL(r.base, v))
	}
	if v, _, ok := e.get("prefix"); ok {
		sc.prefixes = parsePrefixes(sc.prefixes, v)
	}
	propVal, propAttr, hasProp := e.get("property")
	typeVal, typeAttr, hasType := e.get("typeof")
	_, _, hasContent := e.get("content")
	_, _, hasDatatype := e.get("datatype")
	var props []string
	if hasProp {
		props = r.terms(propVal, propAttr, sc, sc.subject != nil || hasType)
	}
	var types []string
	if hasType {
		types = r.terms(typeVal, typeAttr, sc, true)
	}
	about, aboutAttr, hasAbout := r.iriAttr(e, "about")
	ref, refAttr, hasRef := r.resource(e)
	next := sc
	var ln links
	if !hasProp {
		// HTML+RDFa 1.1 §3.1: beside @property, @rel and @rev hold HTML
		// link types, not RDF; alone, their link types are still not
		// schema.org.
		if v, a, ok := e.get("rel"); ok {
			ln.rels, ln.attr = r.terms(withoutLinkTypes(v), a, sc, false), a
		}
		if v, a, ok := e.get("rev"); ok {
			ln.revs = r.terms(withoutLinkTypes(v), a, sc, false)
			if len(ln.rels) == 0 {
				ln.attr = a
			}
		}
	}
	switch {
	case len(ln.rels) > 0 || len(ln.revs) > 0:
		// §7.5 step 6: @rel links the subject (or @about) to @resource,
		// @href or @src, or to a typeof's new node; with neither, to the
		// nodes inside the element.
		subject := sc.subject
		if hasAbout {
			subject = r.newNode(e, about, aboutAttr, nil, typeAttr)
			r.tops = append(r.tops, subject)
		}
		switch {
		case hasType:
			id, idAttr := ref, refAttr
			n := r.newNode(e, id, idAttr, types, typeAttr)
			ln.add(subject, nodeValue{node: n})
			if subject == nil {
				r.tops = append(r.tops, n)
			}
			next.subject = n
		case hasRef:
			ln.add(subject, nodeValue{s: ref, span: refAttr})
		default:
			next.subject = subject
			next.hanging = &hangingRel{subject: subject, links: ln}
		}
	case hasProp && !hasContent && !hasDatatype:
		// §7.5 step 5.1: the property is about the parent's subject
		// (or @about); a typeof makes a new node, the property's value
		// and the subject of what is inside.
		subject := sc.subject
		if hasAbout {
			subject = r.newNode(e, about, aboutAttr, nil, typeAttr)
			r.tops = append(r.tops, subject)
			next.subject = subject
		}
		if hasType && !hasAbout {
			id, idAttr := ref, refAttr
			if !hasRef {
				id, idAttr = "", source.Span{}
			}
			n := r.newNode(e, id, idAttr, types, typeAttr)
			r.addAll(subject, props, propAttr, nodeValue{node: n})
			if subject == nil {
				r.tops = append(r.tops, n)
			}
			next.subject = n
			break
		}
		if hasAbout && hasType {
			subject.types, subject.typeAttr = types, typeAttr.valSpan
		}
		r.addAll(subject, props, propAttr, r.literal(e, hasRef, ref, refAttr))
	default:
		// §7.5 step 5.2: @about, @resource, @href or @src starts a new
		// subject, and so does a typeof; a property with @content or
		// @datatype is a literal about that subject.
		id, idAttr, has := about, aboutAttr, hasAbout
		if !has {
			id, idAttr, has = ref, refAttr, hasRef
		}
		if has || hasType {
			n := r.newNode(e, id, idAttr, types, typeAttr)
			if h := sc.hanging; h != nil && h.subject != nil {
				h.add(h.subject, nodeValue{node: n})
			} else {
				r.tops = append(r.tops, n)
			}
			next.subject, next.hanging = n, nil
		}
		if hasProp {
			r.addAll(next.subject, props, propAttr, r.literal(e, false, "", source.Span{}))
		}
	}
	r.walk(e, next)
}

// rdfaElement reports whether e carries an attribute that makes it more
// than a container to RDFa processing: vocab, prefix, property, typeof,
// about, resource, rel, rev, href or src.
func rdfaElement(e *element) bool { return e.marks&rdfaAttr != 0 }

func (r *rdfa) newNode(e *element, id string, idAttr source.Span, types []string, typeAttr attr) *node {
	n := &node{el: e, id: id, idAttr: idAttr}
	if len(types) > 0 {
		n.types, n.typeAttr = types, typeAttr.valSpan
	}
	return n
}

func (r *rdfa) addAll(subject *node, props []string, a attr, v nodeValue) {
	if subject == nil {
		return
	}
	for _, p := range props {
		subject.add(p, a.span, v)
	}
}

// literal is the value of a property without typeof (§7.5 step 11):
// @content, else (without @datatype) the IRI of @resource, @href or
// @src, else @datetime of <time>, else the element's text.
func (r *rdfa) literal(e *element, hasRef bool, ref string, refAttr source.Span) nodeValue {
	if v, a, ok := e.get("content"); ok {
		return nodeValue{s: v, span: a.valSpan}
	}
	if _, _, ok := e.get("datatype"); !ok && hasRef {
		return nodeValue{s: ref, span: refAttr}
	}
	if e.name == "time" {
		if v, a, ok := e.get("datetime"); ok {
			return nodeValue{s: v, span: a.valSpan}
		}
	}
	return nodeValue{s: collapse(r.t.textContent(e)), span: e.textSpan(r.t.data)}
}

// resource returns the first of @resource, @href and @src, resolved.
func (r *rdfa) resource(e *element) (string, source.Span, bool) {
	for _, name := range [...]string{"resource", "href", "src"} {
		if v, s, ok := r.iriAttr(e, name); ok {
			return v, s, true
		}
	}
	return "", source.Span{}, false
}

func (r *rdfa) iriAttr(e *element, name string) (string, source.Span, bool) {
	v, a, ok := e.get(name)
	if !ok {
		return "", source.Span{}, false
	}
	if name == "about" || name == "resource" {
		// A safe CURIE [prefix:ref] or a blank node names no page.
		if strings.HasPrefix(v, "[") || strings.HasPrefix(v, "_:") {
			return "", source.Span{}, false
		}
	}
	return resolveURL(r.base, v), a.valSpan, true
}

// terms resolves the terms, CURIEs and IRIs of a property or typeof
// value (§7.4.3), written as their schema.org names or full IRIs. Terms
// that resolve to nothing are reported when report is set: on a page's
// own Open Graph tags they are not about any item.
func (r *rdfa) terms(v string, a attr, sc rdfaScope, report bool) []string {
	var out []string
	for _, t := range tokens(v) {
		iri := ""
		if prefix, ref, ok := strings.Cut(t, ":"); ok {
			switch p, known := sc.prefixes[strings.ToLower(prefix)]; {
			case known:
				iri = p + ref
			case absoluteURL(t):
				iri = t
				if !strings.HasPrefix(ref, "//") && !knownScheme(prefix) {
					iri = ""
				}
			}
			if iri == "" {
				if report && prefix != "_" {
					r.report("M010", a.valSpan, "RDFa prefix %q in %q is not defined, so the term is dropped", prefix, t)
				}
				continue
			}
		} else if sc.vocab != "" {
			iri = sc.vocab + t
		} else {
			if report {
				r.report("M009", a.valSpan, "RDFa term %q has no vocabulary in scope, so it names nothing; add vocab=\"https://schema.org/\"", t)
			}
			continue
		}
		out = append(out, short(iri))
	}
	return out
}

// linkTypes are HTML link types (WHATWG HTML §4.6.7) that are no
// schema.org property; author and license are both.
var linkTypes = map[string]bool{
	"alternate": true, "bookmark": true, "canonical": true, "dns-prefetch": true, "external": true,
	"help": true, "icon": true, "manifest": true, "modulepreload": true, "next": true, "nofollow": true,
	"noopener": true, "noreferrer": true, "opener": true, "pingback": true, "preconnect": true,
	"prefetch": true, "preload": true, "prev": true, "search": true, "shortlink": true, "sponsored": true,
	"stylesheet": true, "tag": true, "ugc": true, "me": true, "amphtml": true, "apple-touch-icon": true,
	"shortcut": true, "home": true, "index": true, "start": true, "first": true, "last": true, "up": true,
}

func withoutLinkTypes(v string) string {
	var keep []string
	for _, t := range tokens(v) {
		if !linkTypes[strings.ToLower(t)] {
			keep = append(keep, t)
		}
	}
	return strings.Join(keep, " ")
}

func knownScheme(s string) bool {
	switch strings.ToLower(s) {
	case "http", "https", "urn", "mailto", "tel", "ftp", "tag", "data":
		return true
	}
	return false
}

// vocabIRI is the vocabulary IRI of a vocab attribute; an empty value
// removes the vocabulary (§7.5 step 2). A schema.org vocabulary written
// without its final slash is read with it, as readers of schema.org do.
func vocabIRI(v string) string {
	if v == "" {
		return ""
	}
	for _, p := range [...]string{"http://schema.org", "https://schema.org", "http://www.schema.org", "https://www.schema.org"} {
		if v == p {
			return v + "/"
		}
	}
	return v
}

// parsePrefixes adds the mappings of a prefix attribute ("schema:
// https://schema.org/ og: http://ogp.me/ns#") to a copy of m (§7.5 step 3).
func parsePrefixes(m map[string]string, v string) map[string]string {
	out := maps.Clone(m)
	f := strings.Fields(v)
	for i := 0; i+1 < len(f); i += 2 {
		p, ok := strings.CutSuffix(f[i], ":")
		if !ok || p == "" || p == "_" {
			i-- // not a prefix: resynchronise on the next token
			continue
		}
		out[strings.ToLower(p)] = f[i+1]
	}
	return out
}
