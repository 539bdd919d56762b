package extract

import (
	"bytes"
	"html"
	"slices"
	"strings"
	"sync"

	"github.com/ldfix/ldfix/fixer/source"
)

// element is an element of the page as far as microdata and RDFa need
// one: its name, its start tag with every attribute, its children in tree
// order and where its content ends. Elements are built only for pages
// whose scan met a microdata or RDFa attribute.
type element struct {
	name  string // lower-case
	tag   source.Span
	attrs []attr
	end   int // where the content ends: the end tag's '<', or the end of the file
	// first, last and next link the children: indexes in tree.elems of
	// the first and last child and of the next sibling; 0 (the root, no
	// one's child or sibling) is none.
	first, last, next int32
	// attrAt is where attrs starts in tree.attrs while the tree is built.
	attrAt int32
	index  int32 // in tree.elems: tree order
	known  uint8 // index in knownNames, or 0
	marks  uint8 // the markup attributes it carries (itemscopeAttr…)
	inert  bool  // inside <template>: not part of the document
	svg    bool  // inside svg or math, where "/>" closes an element
}

// content is the span between the start tag and the end tag.
func (e *element) content() source.Span { return source.Span{Start: e.tag.End, End: e.end} }

// get returns the decoded value of attribute name and whether it is present.
func (e *element) get(name string) (string, attr, bool) {
	if a, ok := e.find(name); ok {
		return decode(a.val), a, true
	}
	return "", attr{}, false
}

// find returns attribute name as written.
func (e *element) find(name string) (attr, bool) {
	for _, a := range e.attrs {
		if len(a.name) == len(name) && bytes.EqualFold(a.name, []byte(name)) {
			return a, true
		}
	}
	return attr{}, false
}

func (e *element) has(name string) bool {
	_, ok := e.find(name)
	return ok
}

// decode resolves character references, as the tokenizer does in
// attribute values and text.
func decode(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 {
		return string(b)
	}
	return html.UnescapeString(string(b))
}

// textContent is the DOM's textContent: the text of every descendant, in
// tree order. The tree is built as a stack of open elements, so the text
// runs of e's descendants are exactly the runs that lie in its content.
func (t *tree) textContent(e *element) string {
	c := e.content()
	i, _ := slices.BinarySearchFunc(t.texts, c.Start, func(r source.Span, at int) int { return r.Start - at })
	var b []byte
	for ; i < len(t.texts) && t.texts[i].End <= c.End; i++ {
		b = append(b, t.data[t.texts[i].Start:t.texts[i].End]...)
	}
	return decode(b)
}

// collapse trims and collapses whitespace, as search engines read the text
// of an element: the line breaks and indentation of the markup are not part
// of a name or an address.
func collapse(s string) string {
	collapsed := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80:
			return strings.Join(strings.Fields(s), " ") // Unicode spaces too
		case fieldSpace(c) && (c != ' ' || i == 0 || i == len(s)-1 || s[i-1] == ' '):
			collapsed = false
		}
	}
	if collapsed {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if !fieldSpace(s[i]) {
			if len(b) > 0 && i > 0 && fieldSpace(s[i-1]) {
				b = append(b, ' ')
			}
			b = append(b, s[i])
		}
	}
	return string(b)
}

// fieldSpace reports the ASCII spaces strings.Fields splits on.
func fieldSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// textSpan is the span of e's content without the whitespace around it.
func (e *element) textSpan(data []byte) source.Span {
	s := e.content()
	for s.Start < s.End && isSpace(data[s.Start]) {
		s.Start++
	}
	for s.End > s.Start && isSpace(data[s.End-1]) {
		s.End--
	}
	return s
}

// maxDepth bounds the tree's depth as browsers do (Chromium's parser
// stops nesting at 512): a deeper element becomes a sibling, and every walk
// of the tree stays within a bounded stack whatever the page.
const maxDepth = 512

// voidElements have no content and no end tag (WHATWG HTML §13.1.2).
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

// closesP are the start tags that close an open p element (the tree
// builder's "in body" insertion mode, WHATWG HTML §13.2.6.4.7).
var closesPTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "center": true, "details": true,
	"dialog": true, "dir": true, "div": true, "dl": true, "fieldset": true, "figcaption": true, "figure": true,
	"footer": true, "form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hgroup": true, "hr": true, "main": true, "menu": true, "nav": true, "ol": true, "p": true,
	"pre": true, "section": true, "summary": true, "table": true, "ul": true, "li": true, "dd": true, "dt": true,
}

// scopeEnds stop the search for an element to close implicitly: an open p
// outside a table is not closed by a div inside a cell.
var scopeEnds = map[string]bool{
	"applet": true, "caption": true, "html": true, "table": true, "td": true, "th": true, "marquee": true,
	"object": true, "template": true, "button": true,
}

// tree builds the elements of a page. It reads tags as the JSON-LD scanner
// does (comments and raw-text content skipped, character references in
// attributes and text decoded later) and builds the tree as the HTML tree
// builder does for the markup real pages hold: void elements, end tags
// that close the elements opened after the one they name, end tags that
// name no open element ignored, and the implied end tags of p, li, dt,
// dd, option and table rows and cells. The adoption agency's re-opening
// of misnested formatting elements is left out: it moves no itemprop
// from one item to another.
//
// The elements sit in one slice in tree order, linked by index, and the
// text runs in another: a page has thousands of elements, and pointer
// nodes with child lists cost an allocation or more each. Trees are
// pooled, so that the slices of one page serve the next.
type tree struct {
	data []byte
	// elems are the elements in tree order; elems[0] is the root, the
	// document, whose content is the whole file.
	elems []element
	attrs []attr        // every element's attributes, in tree order
	texts []source.Span // the text runs, in document order
	byID  map[string]int32
	// indexed is set once byID holds the page's ids.
	indexed bool
	stack   []int32 // the open elements
	// microdata and rdfa are set when an element carries itemscope or
	// itemprop, or typeof or vocab: only then is that syntax's pass run.
	microdata, rdfa bool
	scratch         []attr
	// opened counts the open elements by knownNames index (0: all other
	// names), so that a tag looks for an element to close only when one
	// may be open.
	opened []int32
}

var trees = sync.Pool{New: func() any { return &tree{byID: map[string]int32{}} }}

// maxPooled bounds the elements of a tree that goes back to the pool: one
// huge page should not keep its slices alive for the pages after it.
const maxPooled = 1 << 16

func buildTree(data []byte) *tree {
	t := trees.Get().(*tree)
	t.data = data
	t.elems = append(t.elems[:0], element{end: len(data)})
	t.stack = append(t.stack[:0], 0)
	if t.opened == nil {
		t.opened = make([]int32, len(knownNames))
		t.scratch = make([]attr, 0, 8) // non-nil: readTagAttrs keeps the attributes
	}
	t.build()
	for _, i := range t.stack {
		t.elems[i].end = len(data)
	}
	for i := range t.elems {
		e := &t.elems[i]
		if e.attrs != nil {
			e.attrs = t.attrs[e.attrAt : int(e.attrAt)+len(e.attrs) : int(e.attrAt)+len(e.attrs)]
		}
	}
	return t
}

// release returns t to the pool; nothing of it may be used afterwards.
func (t *tree) release() {
	if len(t.elems) > maxPooled {
		return
	}
	clear(t.attrs) // they point into the page
	clear(t.byID)
	clear(t.opened)
	*t = tree{elems: t.elems[:0], attrs: t.attrs[:0], texts: t.texts[:0], byID: t.byID, stack: t.stack[:0], scratch: t.scratch[:0], opened: t.opened}
	trees.Put(t)
}

func (t *tree) build() {
	data := t.data
	text := 0
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if i+1 >= len(data) {
			break
		}
		c := data[i+1]
		if c != '!' && c != '?' && c != '/' && !isLetter(c) {
			i++ // a '<' that starts no markup is text
			continue
		}
		t.text(text, i)
		var next int
		switch {
		case c == '!' && bytes.HasPrefix(data[i+2:], []byte("--")):
			next = commentEnd(data, i+4)
		case c == '!':
			next = bogusCommentEnd(data, i+2)
		case c == '?':
			next = bogusCommentEnd(data, i+1)
		case c == '/' && i+2 < len(data) && isLetter(data[i+2]):
			tg, ok := skipTag(data, i, i+2)
			if !ok {
				next = len(data)
				break
			}
			name, known := lowerName(tg.name)
			t.close(name, known, i)
			next = tg.span.End
		case c == '/':
			next = bogusCommentEnd(data, i+2)
		default:
			tg, ok := readTagAttrs(data, i, i+1, t.scratch[:0], true)
			if !ok {
				next = len(data)
				break
			}
			t.scratch = tg.attrs[:0]
			next = t.open(&tg)
		}
		i, text = next, next
	}
	t.text(text, len(data))
}

// text adds the run data[from:to] to the open element.
func (t *tree) text(from, to int) {
	if to > from {
		t.texts = append(t.texts, source.Span{Start: from, End: to})
	}
}

// addKid makes element k the last child of element p.
func (t *tree) addKid(p, k int32) {
	parent := &t.elems[p]
	if parent.last == 0 {
		parent.first = k
	} else {
		t.elems[parent.last].next = k
	}
	parent.last = k
}

// open adds the element of a start tag and returns where text resumes.
func (t *tree) open(tg *tag) int {
	name, known := lowerName(tg.name)
	t.implyEnds(name, known, tg.span.Start)
	p := t.stack[len(t.stack)-1]
	parent := &t.elems[p]
	e := element{
		name: name, tag: tg.span, end: tg.span.End, known: known, index: int32(len(t.elems)),
		inert: parent.inert || parent.name == "template", svg: parent.svg || name == "svg" || name == "math",
	}
	if len(tg.attrs) > 0 {
		e.attrAt = int32(len(t.attrs))
		t.attrs = append(t.attrs, tg.attrs...)
		// Resolved to t.attrs once the tree is built, when the slice no
		// longer moves; until then only the length counts.
		e.attrs = tg.attrs
	}
	e.marks = markAttrs(e.attrs)
	t.microdata = t.microdata || e.marks&(itemscopeAttr|itempropAttr) != 0
	t.rdfa = t.rdfa || e.marks&(typeofAttr|vocabAttr) != 0
	k := e.index
	t.elems = append(t.elems, e)
	t.addKid(p, k)
	if nameFlags[known]&void != 0 || e.svg && tg.selfClosing || len(t.stack) > maxDepth {
		return tg.span.End
	}
	t.stack = append(t.stack, k)
	t.opened[known]++
	if e.svg {
		return tg.span.End
	}
	kind, raw := kindOf(tg.name)
	switch kind {
	case plaintextTag:
		t.text(tg.span.End, len(t.data))
		return len(t.data)
	case rawTextTag, scriptTag:
		if raw == "" {
			raw = name
		}
		end := rawTextEnd(t.data, tg.span.End, raw)
		t.text(tg.span.End, end)
		return end
	}
	return tg.span.End
}

// implyEnds closes the elements a start tag of name ends implicitly.
func (t *tree) implyEnds(name string, known uint8, at int) {
	top := func() string { return t.elems[t.stack[len(t.stack)-1]].name }
	switch name {
	case "li":
		t.closeIn(at, []string{"li"}, "ul", "ol")
	case "dt", "dd":
		t.closeIn(at, []string{"dt", "dd"}, "dl")
	case "option", "optgroup":
		if top() == "option" {
			t.popTo(len(t.stack)-1, at)
		}
	case "tr":
		t.closeIn(at, []string{"tr", "td", "th"}, "table", "tbody", "thead", "tfoot")
	case "td", "th":
		t.closeIn(at, []string{"td", "th"}, "tr", "table")
	case "tbody", "thead", "tfoot":
		t.closeIn(at, []string{"tbody", "thead", "tfoot", "tr", "td", "th"}, "table")
	case "h1", "h2", "h3", "h4", "h5", "h6":
		if n := top(); len(n) == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6' {
			t.popTo(len(t.stack)-1, at)
		}
	}
	if nameFlags[known]&closesP != 0 {
		t.closeIn(at, []string{"p"}, "")
	}
}

// closeIn closes the innermost open element named one of names, unless an
// element named in stops (or a scope end) comes first. Every name in
// names is a known one.
func (t *tree) closeIn(at int, names []string, stops ...string) {
	if !slices.ContainsFunc(names, func(n string) bool { return t.opened[knownIndex[n]] > 0 }) {
		return
	}
	for i := len(t.stack) - 1; i > 0; i-- {
		e := &t.elems[t.stack[i]]
		n := e.name
		for _, want := range names {
			if n == want {
				t.popTo(i, at)
				return
			}
		}
		if nameFlags[e.known]&scopeEnd != 0 {
			return
		}
		for _, s := range stops {
			if n == s {
				return
			}
		}
	}
}

// close applies an end tag: it closes the innermost open element of that
// name and every element opened inside it; an end tag naming no open
// element is ignored.
func (t *tree) close(name string, known uint8, at int) {
	if t.opened[known] == 0 {
		return
	}
	for i := len(t.stack) - 1; i > 0; i-- {
		n := t.elems[t.stack[i]].name
		if n == name {
			t.popTo(i, at)
			return
		}
		if name != "template" && n == "template" {
			return // an end tag does not reach out of template content
		}
	}
}

// popTo closes stack[i:] at offset at.
func (t *tree) popTo(i, at int) {
	for _, k := range t.stack[i:] {
		e := &t.elems[k]
		e.end = at
		t.opened[e.known]--
	}
	t.stack = t.stack[:i]
}

// all returns the elements of the page in tree order, without the root.
func (t *tree) all() []element { return t.elems[1:] }

// root is the document.
func (t *tree) root() *element { return &t.elems[0] }

// kid returns element k, a child or sibling link; nil for 0, none.
func (t *tree) kid(k int32) *element {
	if k == 0 {
		return nil
	}
	return &t.elems[k]
}

// byIDElement returns the first element whose id is id, as
// getElementById finds it. Only itemref looks elements up by id, so the
// index is made at the first lookup.
func (t *tree) byIDElement(id string) (*element, bool) {
	if !t.indexed {
		t.indexed = true
		for k := int32(1); k < int32(len(t.elems)); k++ {
			e := &t.elems[k]
			if e.inert {
				continue
			}
			if id, _, ok := e.get("id"); ok && id != "" {
				if _, dup := t.byID[id]; !dup {
					t.byID[id] = k
				}
			}
		}
	}
	k, ok := t.byID[id]
	if !ok {
		return nil, false
	}
	return &t.elems[k], true
}

// base returns the URL relative links of the page resolve against: the
// first <base href> (WHATWG HTML §4.2.3), resolved against the page's own
// URL when there is one.
func (t *tree) base(page string) string {
	for i := range t.all() {
		e := &t.all()[i]
		if e.name == "base" && !e.inert {
			if href, _, ok := e.get("href"); ok {
				return resolveURL(page, href)
			}
		}
	}
	return page
}

// Marks of the attributes the microdata and RDFa passes ask every
// element about, found once when the element is built.
const (
	itemscopeAttr uint8 = 1 << iota
	itempropAttr
	itemtypeAttr
	typeofAttr
	vocabAttr
	rdfaAttr // an attribute that RDFa processing reads (see rdfaElement)
	urlValue // one of urlAttrs
)

func markAttrs(attrs []attr) uint8 {
	var m uint8
	for _, a := range attrs {
		m |= markAttr(a.name)
	}
	return m
}

// markStart are the first bytes of the names markAttr knows.
var markStart = func() (set [256]bool) {
	for _, c := range []byte("itvparhsdITVPARHSD") {
		set[c] = true
	}
	return set
}()

func markAttr(name []byte) uint8 {
	var buf [9]byte
	if len(name) < 2 || len(name) > len(buf) || !markStart[name[0]] {
		return 0
	}
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	switch string(buf[:len(name)]) {
	case "itemscope":
		return itemscopeAttr
	case "itemprop":
		return itempropAttr
	case "itemtype":
		return itemtypeAttr
	case "typeof":
		return typeofAttr | rdfaAttr
	case "vocab":
		return vocabAttr | rdfaAttr
	case "about", "resource", "href", "src":
		return rdfaAttr | urlValue
	case "data", "itemid":
		return urlValue
	case "prefix", "property", "rel", "rev":
		return rdfaAttr
	}
	return 0
}
