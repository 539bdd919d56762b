package extract

import (
	"bytes"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// scanner walks an HTML page the way the HTML tokenizer does (WHATWG HTML
// §13.2.5), but only as far as finding JSON-LD needs: it jumps from '<' to
// '<' with bytes.IndexByte, reads tags, skips comments and the content of
// raw-text elements, and keeps the attributes of script and meta tags only.
// It never builds a token for text.
type scanner struct {
	data     []byte
	blocks   []Block
	diags    []diag.Diagnostic
	template int     // open <template> elements: their content is not in the document
	foreign  []scope // open svg and math elements, and integration points in them
	attrs    []attr  // reused by every tag whose attributes are kept
	// directives are the comments addressed to ldfix (see Page).
	directives []source.Span
	// hasItems is set once a tag carries a microdata or RDFa attribute.
	hasItems bool
	// baseHref is the href of the first <base> that has one (see
	// BaseHref); hasBase is set once it is found.
	baseHref string
	hasBase  bool

	// Bounds on the work of finding script ends; see scriptEnd.
	scriptWork int
	lastEnd    int // offset of the file's last "</script" end tag; -1 none, -2 not yet known
	plainFrom  int
	plainNext  int
}

func newScanner(data []byte) *scanner {
	return &scanner{data: data, lastEnd: -2, plainFrom: -1}
}

func (s *scanner) report(d diag.Diagnostic) { s.diags = append(s.diags, d) }

func (s *scanner) run() {
	for i := 0; i < len(s.data); {
		j := bytes.IndexByte(s.data[i:], '<')
		if j < 0 {
			return
		}
		i = s.markup(i + j)
	}
}

// markup reads what starts at the '<' at data[i] and returns where text
// resumes.
func (s *scanner) markup(i int) int {
	data, n := s.data, len(s.data)
	if i+1 >= n {
		return n
	}
	switch c := data[i+1]; {
	case c == '!':
		if bytes.HasPrefix(data[i+2:], []byte("--")) {
			end := commentEnd(data, i+4)
			s.checkComment(source.Span{Start: i, End: end})
			return end
		}
		return bogusCommentEnd(data, i+2)
	case c == '?':
		return bogusCommentEnd(data, i+1)
	case c == '/':
		return s.endTag(i)
	case isLetter(c):
		return s.startTag(i)
	}
	return i + 1
}

// endTag reads "</…" at data[i].
func (s *scanner) endTag(i int) int {
	data, n := s.data, len(s.data)
	switch {
	case i+2 >= n:
		return n
	case data[i+2] == '>': // "</>" is dropped
		return i + 3
	case !isLetter(data[i+2]):
		return bogusCommentEnd(data, i+2)
	}
	t, ok := skipTag(data, i, i+2)
	if !ok {
		return n
	}
	if s.template == 0 && len(s.foreign) == 0 {
		return t.span.End // it closes nothing the scan keeps open
	}
	kind, _ := kindOf(t.name)
	switch {
	case kind == templateTag && s.template > 0:
		s.template--
	case len(s.foreign) > 0:
		s.closeForeign(t.name)
	}
	return t.span.End
}

// tagKind sorts the tags that matter to extraction.
type tagKind uint8

const (
	otherTag tagKind = iota
	scriptTag
	metaTag
	baseTag
	templateTag
	foreignTag   // svg, math: their content is SVG or MathML, not HTML
	plaintextTag // everything after it is text
	rawTextTag   // content is text up to the matching end tag
	breakoutTag  // an HTML tag that ends foreign content
)

// kindOf classifies a tag name, ignoring case, and returns the lower-case
// name of a raw-text element. Raw-text elements are those whose content
// the tokenizer does not read as markup once scripting is enabled, as it
// is in browsers and in Google's renderer: RAWTEXT and RCDATA elements,
// noscript included.
func kindOf(name []byte) (tagKind, string) {
	var buf [10]byte
	if len(name) > len(buf) {
		return otherTag, ""
	}
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	switch lower := buf[:len(name)]; string(lower) {
	case "script":
		return scriptTag, "script"
	case "meta":
		return metaTag, "meta"
	case "base":
		return baseTag, "base"
	case "template":
		return templateTag, "template"
	case "svg", "math":
		return foreignTag, ""
	case "plaintext":
		return plaintextTag, ""
	case "style":
		return rawTextTag, "style"
	case "textarea":
		return rawTextTag, "textarea"
	case "title":
		return rawTextTag, "title"
	case "xmp":
		return rawTextTag, "xmp"
	case "iframe":
		return rawTextTag, "iframe"
	case "noembed":
		return rawTextTag, "noembed"
	case "noframes":
		return rawTextTag, "noframes"
	case "noscript":
		return rawTextTag, "noscript"
	case "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
		"embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu",
		"nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup",
		"table", "tt", "u", "ul", "var":
		return breakoutTag, ""
	}
	return otherTag, ""
}

// startTag reads "<name…" at data[i] and, for script and raw-text
// elements, their content too.
func (s *scanner) startTag(i int) int {
	data, n := s.data, len(s.data)
	if s.attrs == nil {
		s.attrs = make([]attr, 0, 8)
	}
	t, ok := readTag(data, i, i+1, s.attrs)
	if !ok {
		return n
	}
	if cap(t.attrs) > cap(s.attrs) {
		s.attrs = t.attrs[:0]
	}
	s.hasItems = s.hasItems || t.markup
	kind, name := kindOf(t.name)
	if s.inForeign() {
		return s.foreignTag(&t, kind)
	}
	switch kind {
	case scriptTag:
		return s.script(&t)
	case foreignTag:
		if !t.selfClosing {
			s.foreign = append(s.foreign, scope{name: foreignName(t.name)})
		}
	case metaTag:
		s.checkMeta(&t)
	case baseTag:
		s.noteBase(&t)
	case templateTag:
		s.template++
	case plaintextTag:
		return n
	case rawTextTag:
		end := rawTextEnd(data, t.span.End, name)
		if name == "noscript" {
			s.checkHidden(source.Span{Start: t.span.End, End: end}, "X007")
		}
		return end
	}
	return t.span.End
}

// scope is an open svg or math element, or an HTML integration point inside
// one (SVG foreignObject, desc and title; MathML mi, mo, mn, ms, mtext and
// annotation-xml), in whose content tags are HTML again.
type scope struct {
	name        string
	integration bool
}

func (s *scanner) inForeign() bool {
	return len(s.foreign) > 0 && !s.foreign[len(s.foreign)-1].integration
}

// foreignTag reads a start tag inside SVG or MathML, where the tree builder
// reads title, style and script as ordinary elements, not raw text
// (WHATWG HTML §13.2.6.5). An HTML tag that cannot live there (and meta)
// ends the foreign content, as on a page with a stray "<svg>".
func (s *scanner) foreignTag(t *tag, kind tagKind) int {
	if t.selfClosing {
		return t.span.End
	}
	switch {
	case kind == foreignTag:
		s.foreign = append(s.foreign, scope{name: foreignName(t.name)})
	case kind == breakoutTag || kind == metaTag:
		for s.inForeign() {
			s.foreign = s.foreign[:len(s.foreign)-1]
		}
		return s.startTag(t.span.Start)
	default:
		if p, ok := integrationPoint(s.namespace(), t.name); ok {
			s.foreign = append(s.foreign, scope{name: p, integration: true})
		}
	}
	return t.span.End
}

// namespace returns "svg" or "math": the innermost open foreign element.
func (s *scanner) namespace() string {
	for i := len(s.foreign) - 1; i >= 0; i-- {
		if !s.foreign[i].integration {
			return s.foreign[i].name
		}
	}
	return ""
}

var integrationPoints = map[string][]string{
	"svg":  {"foreignobject", "desc", "title"},
	"math": {"mi", "mo", "mn", "ms", "mtext", "annotation-xml"},
}

// integrationPoint returns the lower-case name of an integration point
// of namespace ns.
func integrationPoint(ns string, name []byte) (string, bool) {
	for _, p := range integrationPoints[ns] {
		if bytes.EqualFold(name, []byte(p)) {
			return p, true
		}
	}
	return "", false
}

// closeForeign applies an end tag to the open foreign scopes: it closes
// the innermost scope of that name and all inside it, as the tree builder
// pops elements up to the one the end tag names.
func (s *scanner) closeForeign(name []byte) {
	for i := len(s.foreign) - 1; i >= 0; i-- {
		if bytes.EqualFold([]byte(s.foreign[i].name), name) {
			s.foreign = s.foreign[:i]
			return
		}
	}
}

// foreignName returns "svg" or "math" for the name of a foreign element.
func foreignName(name []byte) string {
	if bytes.EqualFold(name, []byte("svg")) {
		return "svg"
	}
	return "math"
}

// keepAttrs says which tags' attributes are worth storing.
func keepAttrs(name []byte) bool {
	switch len(name) {
	case 6:
		return name[0]|0x20 == 's' && bytes.EqualFold(name, []byte("script"))
	case 4:
		switch name[0] | 0x20 {
		case 'm':
			return bytes.EqualFold(name, []byte("meta"))
		case 'b':
			return bytes.EqualFold(name, []byte("base"))
		}
	}
	return false
}

// commentEnd returns the offset just after the comment whose text starts at
// data[i] (after "<!--"): after "-->", "--!>", or the abrupt "<!-->" and
// "<!--->"; a comment never closed runs to the end of the file.
func commentEnd(data []byte, i int) int {
	n := len(data)
	if i < n && data[i] == '>' {
		return i + 1
	}
	if i+1 < n && data[i] == '-' && data[i+1] == '>' {
		return i + 2
	}
	for j := i; j < n; {
		k := bytes.IndexByte(data[j:], '>')
		if k < 0 {
			return n
		}
		k += j
		if k-2 >= i && data[k-1] == '-' && data[k-2] == '-' {
			return k + 1
		}
		if k-3 >= i && data[k-1] == '!' && data[k-2] == '-' && data[k-3] == '-' {
			return k + 1
		}
		j = k + 1
	}
	return n
}

// bogusCommentEnd returns the offset just after the next '>' (a DOCTYPE, a
// CDATA section in HTML content, "<?…>" or "</ …>").
func bogusCommentEnd(data []byte, i int) int {
	k := bytes.IndexByte(data[i:], '>')
	if k < 0 {
		return len(data)
	}
	return i + k + 1
}

// rawTextEnd returns the offset of the end tag "</name" that closes a
// raw-text element whose content starts at data[i], or the end of the file.
func rawTextEnd(data []byte, i int, name string) int {
	for {
		k := bytes.Index(data[i:], []byte("</"))
		if k < 0 {
			return len(data)
		}
		k += i
		if isEndTagOf(data, k, name) {
			return k
		}
		i = k + 2
	}
}

// isEndTagOf reports whether data[k:] starts "</name" followed by a byte
// that ends a tag name (an "appropriate end tag").
func isEndTagOf(data []byte, k int, name string) bool {
	e := k + 2 + len(name)
	if e >= len(data) || data[k] != '<' || data[k+1] != '/' || !bytes.EqualFold(data[k+2:e], []byte(name)) {
		return false
	}
	c := data[e]
	return isSpace(c) || c == '/' || c == '>'
}
