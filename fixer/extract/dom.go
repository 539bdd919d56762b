package extract

import (
	"bytes"
	"html"
	"slices"
	"strings"

	"github.com/ldfix/ldfix/fixer/source"
)

// element is an element of the page as far as microdata and RDFa need
// one: its name, its start tag with every attribute, its children in tree
// order and where its content ends. Elements are built only for pages
// whose scan met a microdata or RDFa attribute.
type element struct {
	name   string // lower-case
	tag    source.Span
	attrs  []attr
	parent *element
	kids   []child
	end    int  // where the content ends: the end tag's '<', or the end of the file
	order  int  // tree order
	inert  bool // inside <template>: not part of the document
	svg    bool // inside svg or math, where "/>" closes an element
}

// child is an element or a run of text.
type child struct {
	el   *element
	text source.Span
}

// content is the span between the start tag and the end tag.
func (e *element) content() source.Span { return source.Span{Start: e.tag.End, End: e.end} }

// get returns the decoded value of attribute name and whether it is present.
func (e *element) get(name string) (string, attr, bool) {
	for _, a := range e.attrs {
		if len(a.name) == len(name) && bytes.EqualFold(a.name, []byte(name)) {
			return decode(a.val), a, true
		}
	}
	return "", attr{}, false
}

func (e *element) has(name string) bool {
	for _, a := range e.attrs {
		if len(a.name) == len(name) && bytes.EqualFold(a.name, []byte(name)) {
			return true
		}
	}
	return false
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
// tree order.
func (e *element) textContent(data []byte) string {
	var b strings.Builder
	var walk func(*element)
	walk = func(e *element) {
		for _, c := range e.kids {
			if c.el != nil {
				walk(c.el)
			} else {
				b.Write(data[c.text.Start:c.text.End])
			}
		}
	}
	walk(e)
	return decode([]byte(b.String()))
}

// collapse trims and collapses whitespace, as search engines read the text
// of an element: the line breaks and indentation of the markup are not part
// of a name or an address.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

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
var closesP = map[string]bool{
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
type tree struct {
	data  []byte
	root  *element
	byID  map[string]*element // the first element with each id, as getElementById finds it
	all   []*element          // every element in tree order
	stack []*element
	// microdata and rdfa are set when an element carries itemscope or
	// itemprop, or typeof or vocab: only then is that syntax's pass run.
	microdata, rdfa bool
	// Elements and attributes are carved from chunks: a page has
	// thousands of elements, and most have an attribute or two.
	elems   []element
	attrs   []attr
	scratch []attr
	// opened counts the open elements by name, so that a start tag
	// looks for an element to close implicitly only when one is open.
	opened map[string]int
}

func buildTree(data []byte) *tree {
	t := &tree{data: data, root: &element{end: len(data), order: -1}, byID: map[string]*element{}, scratch: make([]attr, 0, 8), opened: map[string]int{}}
	t.stack = []*element{t.root}
	text := 0
	flush := func(to int) {
		if to > text {
			top := t.stack[len(t.stack)-1]
			top.kids = append(top.kids, child{text: source.Span{Start: text, End: to}})
		}
	}
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
		flush(i)
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
			t.close(strings.ToLower(string(tg.name)), i)
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
			if len(tg.attrs) > 0 {
				start := len(t.attrs)
				t.attrs = append(t.attrs, tg.attrs...)
				tg.attrs = t.attrs[start:len(t.attrs):len(t.attrs)]
			} else {
				tg.attrs = nil
			}
			next = t.open(&tg)
		}
		i, text = next, next
	}
	flush(len(data))
	for _, e := range t.stack {
		e.end = len(data)
	}
	return t
}

// open adds the element of a start tag and returns where text resumes.
func (t *tree) open(tg *tag) int {
	name := strings.ToLower(string(tg.name))
	t.implyEnds(name, tg.span.Start)
	parent := t.stack[len(t.stack)-1]
	if len(t.elems) == cap(t.elems) {
		t.elems = make([]element, 0, 256)
	}
	t.elems = append(t.elems, element{
		name: name, tag: tg.span, attrs: tg.attrs, parent: parent, end: tg.span.End, order: len(t.all),
		inert: parent.inert || parent.name == "template", svg: parent.svg || name == "svg" || name == "math",
	})
	e := &t.elems[len(t.elems)-1]
	t.microdata = t.microdata || e.has("itemscope") || e.has("itemprop")
	t.rdfa = t.rdfa || e.has("typeof") || e.has("vocab")
	t.all = append(t.all, e)
	parent.kids = append(parent.kids, child{el: e})
	if id, _, ok := e.get("id"); ok && id != "" && !e.inert {
		if _, dup := t.byID[id]; !dup {
			t.byID[id] = e
		}
	}
	if voidElements[name] || e.svg && tg.selfClosing || len(t.stack) > maxDepth {
		return tg.span.End
	}
	t.stack = append(t.stack, e)
	t.opened[name]++
	if e.svg {
		return tg.span.End
	}
	kind, raw := kindOf(tg.name)
	switch kind {
	case plaintextTag:
		e.kids = append(e.kids, child{text: source.Span{Start: tg.span.End, End: len(t.data)}})
		return len(t.data)
	case rawTextTag, scriptTag:
		if raw == "" {
			raw = name
		}
		end := rawTextEnd(t.data, tg.span.End, raw)
		e.kids = append(e.kids, child{text: source.Span{Start: tg.span.End, End: end}})
		return end
	}
	return tg.span.End
}

// implyEnds closes the elements a start tag of name ends implicitly.
func (t *tree) implyEnds(name string, at int) {
	top := func() string { return t.stack[len(t.stack)-1].name }
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
	if closesP[name] {
		t.closeIn(at, []string{"p"}, "")
	}
}

// closeIn closes the innermost open element named one of names, unless an
// element named in stops (or a scope end) comes first.
func (t *tree) closeIn(at int, names []string, stops ...string) {
	if !slices.ContainsFunc(names, func(n string) bool { return t.opened[n] > 0 }) {
		return
	}
	for i := len(t.stack) - 1; i > 0; i-- {
		n := t.stack[i].name
		for _, want := range names {
			if n == want {
				t.popTo(i, at)
				return
			}
		}
		if scopeEnds[n] {
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
func (t *tree) close(name string, at int) {
	if t.opened[name] == 0 {
		return
	}
	for i := len(t.stack) - 1; i > 0; i-- {
		if t.stack[i].name == name {
			t.popTo(i, at)
			return
		}
		if name != "template" && t.stack[i].name == "template" {
			return // an end tag does not reach out of template content
		}
	}
}

// popTo closes stack[i:] at offset at.
func (t *tree) popTo(i, at int) {
	for _, e := range t.stack[i:] {
		e.end = at
		t.opened[e.name]--
	}
	t.stack = t.stack[:i]
}

// base returns the URL relative links of the page resolve against: the
// first <base href> (WHATWG HTML §4.2.3), resolved against the page's own
// URL when there is one.
func (t *tree) base(page string) string {
	for _, e := range t.all {
		if e.name == "base" && !e.inert {
			if href, _, ok := e.get("href"); ok {
				return resolveURL(page, href)
			}
		}
	}
	return page
}
