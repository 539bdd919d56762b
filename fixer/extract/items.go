package extract

import (
	"bytes"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// Syntax names the markup an item is written in.
type Syntax string

const (
	Microdata Syntax = "microdata"
	RDFa      Syntax = "rdfa"
)

// Item is one top-level microdata or RDFa item of a page, written as the
// JSON-LD object it stands for, so that it is checked like a JSON-LD
// block and printed ready to paste into one.
type Item struct {
	Syntax Syntax
	// Span is the start tag of the item's itemscope or typeof element.
	Span source.Span
	// Text is a JSON-LD object with "@context": "https://schema.org".
	Text []byte
	// Map carries offsets in Text to the markup that gives each part:
	// a key to its itemprop or property attribute, a value to the
	// attribute or element text that holds it, an object to its item's
	// start tag.
	Map *source.OffsetMap
	// Relative are the URL attribute values of the page that are relative
	// with no base URL to resolve them against (a page read from a file
	// without <base href>): the browser makes them absolute, so they are
	// not checked as URLs.
	Relative []source.Span
}

// Page is everything extraction finds in a file.
type Page struct {
	Blocks []Block
	Items  []Item
	// Diagnostics are the X and M findings, sorted.
	Diagnostics []diag.Diagnostic
	// Directives are the HTML comments whose text starts with
	// "ldfix-ignore" (suppressions), in document order, found in the same
	// pass so that no later step searches the page again. A JSON document
	// has none.
	Directives []source.Span
	// BaseHref is the href of the page's first <base> element that has
	// one, trimmed, or "" (see BaseHref).
	BaseHref string
}

// Scan finds the JSON-LD blocks and the microdata and RDFa items of f. The
// items are looked for only when the scan for blocks met a microdata or
// RDFa attribute, so a page without any costs no more than Blocks. Relative
// URLs resolve against <base href>, and against f's name when it is an
// absolute http or https URL (a fetched page).
func Scan(f *source.File) Page {
	if start, ok := jsonDocument(f); ok {
		blocks, ds := wholeBlock(f, start)
		return Page{Blocks: blocks, Diagnostics: ds}
	}
	s := newScanner(f.Data)
	s.run()
	p := Page{Blocks: s.blocks, Diagnostics: s.diags, Directives: s.directives, BaseHref: s.baseHref}
	if s.hasItems {
		t := buildTree(f.Data)
		var page string
		if u, err := url.Parse(f.Name); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			page = f.Name
		}
		base := t.base(page)
		md := &microdata{t: t, base: base}
		if t.microdata {
			md.run()
		}
		rd := &rdfa{t: t, base: base}
		if t.rdfa {
			rd.run()
		}
		p.Items = append(md.items, rd.items...)
		if base == "" {
			rel := relativeURLs(t)
			for i := range p.Items {
				p.Items[i].Relative = rel
			}
		}
		t.release()
		slices.SortStableFunc(p.Items, func(a, b Item) int { return a.Span.Start - b.Span.Start })
		p.Diagnostics = append(append(p.Diagnostics, md.diags...), rd.diags...)
	}
	p.Diagnostics = diag.Sort(p.Diagnostics)
	return p
}

// markupAttr reports whether an attribute name starts microdata or RDFa
// markup: an item (itemscope, itemtype), a property (itemprop), a typed
// RDFa node (typeof) or an RDFa vocabulary (vocab). RDFa's property alone
// is not enough: Open Graph's <meta property="og:title"> is on most pages
// and describes no item.
func markupAttr(name []byte) bool {
	switch len(name) {
	case 5, 6, 8, 9:
	default:
		return false
	}
	switch name[0] | 0x20 {
	case 'i', 't', 'v':
	default:
		return false
	}
	for _, w := range [...]string{"itemscope", "itemprop", "itemtype", "typeof", "vocab"} {
		if len(w) == len(name) && strings.EqualFold(string(name), w) {
			return true
		}
	}
	return false
}

// node is an item as both syntaxes describe it: types, an identifier and
// properties, each with the markup that gives it.
type node struct {
	el       *element
	types    []string
	typeAttr source.Span // the value of itemtype or typeof
	id       string
	idAttr   source.Span
	props    []*property
	reverse  []*property // RDFa @rev: properties of the values, whose value is this node
}

type property struct {
	name   string
	key    source.Span // the itemprop or property attribute
	values []nodeValue
}

// nodeValue is a string or a node.
type nodeValue struct {
	s    string
	span source.Span
	node *node
}

func (n *node) add(name string, key source.Span, v nodeValue) {
	n.props = addTo(n.props, name, key, v)
}

func (n *node) addReverse(name string, key source.Span, v nodeValue) {
	n.reverse = addTo(n.reverse, name, key, v)
}

func addTo(props []*property, name string, key source.Span, v nodeValue) []*property {
	for _, p := range props {
		if p.name == name {
			p.values = append(p.values, v)
			return props
		}
	}
	return append(props, &property{name: name, key: key, values: []nodeValue{v}})
}

// item writes n as a top-level item.
func (n *node) item(syntax Syntax) Item {
	w := &jsonWriter{}
	w.object(n, true)
	return Item{Syntax: syntax, Span: n.el.tag, Text: w.buf, Map: source.NewPlacedMap(w.pieces)}
}

// jsonWriter writes JSON text and notes, for each piece it writes, the
// span of the file the piece stands for.
type jsonWriter struct {
	buf    []byte
	pieces []source.Piece
	depth  int // items open around the one being written
}

// maxItemNesting bounds how deep items nest in the JSON written: each
// item may add an object and an array, and JSON parsers (fixer/jsonpos
// among them) refuse nesting past 512 levels. An item nested deeper is
// written as its start tag's place only, an empty string.
const maxItemNesting = 250

func (w *jsonWriter) put(s string, from source.Span) {
	start := len(w.buf)
	w.buf = append(w.buf, s...)
	w.place(start, from)
}

func (w *jsonWriter) str(s string, from source.Span) {
	start := len(w.buf)
	w.buf = appendJSONString(w.buf, s)
	w.place(start, from)
}

func (w *jsonWriter) place(start int, from source.Span) {
	if len(w.buf) > start {
		w.pieces = append(w.pieces, source.Piece{Text: source.Span{Start: start, End: len(w.buf)}, File: from})
	}
}

func (w *jsonWriter) object(n *node, top bool) {
	tag := n.el.tag
	w.put("{", tag)
	sep := ""
	if top {
		w.str("@context", tag)
		w.put(":", tag)
		w.str("https://schema.org", tag)
		sep = ","
	}
	if len(n.types) > 0 {
		w.put(sep, tag)
		w.str("@type", n.typeAttr)
		w.put(":", tag)
		if len(n.types) == 1 {
			w.str(n.types[0], n.typeAttr)
		} else {
			w.put("[", n.typeAttr)
			for i, t := range n.types {
				if i > 0 {
					w.put(",", n.typeAttr)
				}
				w.str(t, n.typeAttr)
			}
			w.put("]", n.typeAttr)
		}
		sep = ","
	}
	if n.id != "" {
		w.put(sep, tag)
		w.str("@id", n.idAttr)
		w.put(":", tag)
		w.str(n.id, n.idAttr)
		sep = ","
	}
	if len(n.props) > 0 {
		w.put(sep, tag)
		w.members(n.props, tag)
		sep = ","
	}
	if len(n.reverse) > 0 {
		w.put(sep, tag)
		w.str("@reverse", tag)
		w.put(":{", tag)
		w.members(n.reverse, tag)
		w.put("}", tag)
	}
	w.put("}", tag)
}

// members writes properties as object members, separated by commas.
func (w *jsonWriter) members(props []*property, tag source.Span) {
	for i, p := range props {
		if i > 0 {
			w.put(",", tag)
		}
		w.str(p.name, p.key)
		w.put(":", tag)
		if len(p.values) == 1 {
			w.value(p.values[0])
			continue
		}
		w.put("[", p.key)
		for i, v := range p.values {
			if i > 0 {
				w.put(",", p.key)
			}
			w.value(v)
		}
		w.put("]", p.key)
	}
}

func (w *jsonWriter) value(v nodeValue) {
	switch {
	case v.node == nil:
		w.str(v.s, v.span)
	case w.depth >= maxItemNesting:
		w.str("", v.node.el.tag)
	default:
		w.depth++
		w.object(v.node, false)
		w.depth--
	}
}

// appendJSONString appends s as a JSON string; bytes that are not UTF-8
// become U+FFFD, as the HTML decoder makes them.
func appendJSONString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\t':
			b = append(b, '\\', 't')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c < 0x20:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// resolveURL resolves ref against base as a URL attribute is resolved
// (WHATWG HTML §2.4.2); without a base, or when either does not parse,
// ref is kept as written, trimmed.
func resolveURL(base, ref string) string {
	ref = strings.Trim(ref, " \t\n\r\f")
	if base == "" {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return b.ResolveReference(r).String()
}

// urlAttrs are the attributes whose values are URLs that microdata and
// RDFa read.
var urlAttrs = [...]string{"href", "src", "data", "resource", "about", "itemid"}

func urlAttr(name []byte) bool {
	for _, u := range urlAttrs {
		if len(u) == len(name) && bytes.EqualFold(name, []byte(u)) {
			return true
		}
	}
	return false
}

// relativeURLs returns the spans of the relative URL values of the page.
func relativeURLs(t *tree) []source.Span {
	var out []source.Span
	all := t.all()
	for i := range all {
		if all[i].marks&urlValue == 0 {
			continue
		}
		for _, a := range all[i].attrs {
			if urlAttr(a.name) && !absoluteAttr(a.val) {
				out = append(out, a.valSpan)
			}
		}
	}
	return out
}

// absoluteAttr reports whether an attribute value, once decoded and
// trimmed, is an absolute URL; values without a character reference are
// read as they stand.
func absoluteAttr(val []byte) bool {
	if bytes.IndexByte(val, '&') >= 0 {
		return absoluteURL(strings.Trim(decode(val), " \t\n\r\f"))
	}
	for len(val) > 0 && isSpace(val[0]) {
		val = val[1:]
	}
	for len(val) > 0 && isSpace(val[len(val)-1]) {
		val = val[:len(val)-1]
	}
	return absoluteURL(val)
}

// schemaOrg returns the schema.org local name of an IRI ("Person" for
// https://schema.org/Person; http and www. are the same vocabulary), or ""
// for another vocabulary.
func schemaOrg(iri string) string {
	for _, p := range [...]string{"https://schema.org/", "http://schema.org/", "https://www.schema.org/", "http://www.schema.org/"} {
		if rest, ok := strings.CutPrefix(iri, p); ok && rest != "" && !strings.ContainsAny(rest, "/#?") {
			return rest
		}
	}
	return ""
}

// short writes a schema.org IRI as its local name, as a JSON-LD block
// with the schema.org context says it, and any other IRI in full.
func short(iri string) string {
	if n := schemaOrg(iri); n != "" {
		return n
	}
	return iri
}

// tokens splits an attribute value on ASCII whitespace, dropping repeats
// (WHATWG HTML §2.3.8 unordered set of unique space-separated tokens).
func tokens(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r < 0x80 && isSpace(byte(r)) }) {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// quoteList words names for a message: "a", "b".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}
