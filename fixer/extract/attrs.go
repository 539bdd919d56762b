package extract

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

func init() {
	diag.Register(
		diag.Rule{
			ID: "X002", Name: "unusual-type-spelling", Severity: diag.Info, Fixable: diag.FixNever,
			Summary: "the script type is read as application/ld+json but spelled unusually",
			Why: "Browsers and search engines compare the type without case, surrounding whitespace or " +
				"parameters, so the block is read. Other tools compare the exact string and miss it; " +
				"the plain spelling is read by all of them.",
			Bad:       `<script type="Application/LD+JSON; charset=utf-8">`,
			Good:      `<script type="application/ld+json">`,
			FixSafety: "No fix is written: the block is read as it is.",
		},
		diag.Rule{
			ID: "X003", Name: "misspelled-type", Severity: diag.Warning, Fixable: diag.FixAlways,
			Summary: "the script type looks like application/ld+json but is not, so the block is ignored",
			Why: "Search engines read JSON-LD only from script elements whose type is application/ld+json. " +
				"A type such as application/json+ld or text/ld+json makes the block an opaque data " +
				"block: it is never read, and nothing warns the author.",
			Bad:       `<script type="application/json+ld">`,
			Good:      `<script type="application/ld+json">`,
			FixSafety: "The suggested type is shown, never written: renaming it makes a block appear that was never checked.",
		},
		diag.Rule{
			ID: "X008", Name: "json-ld-in-meta", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "a meta element named application/ld+json is not JSON-LD markup",
			Why: "Search engines read JSON-LD only from <script type=\"application/ld+json\"> elements. " +
				"JSON placed in the content attribute of a meta element is ignored.",
			Bad:       `<meta name="application/ld+json" content="{&quot;@type&quot;: &quot;Recipe&quot;}">`,
			Good:      `<script type="application/ld+json">{"@type": "Recipe"}</script>`,
			FixSafety: "No fix: moving the data changes the page's markup.",
		},
	)
}

// tag is a start or end tag as the HTML tokenizer reads it (WHATWG HTML
// §13.2.5, tag open to after-attribute-value states).
type tag struct {
	span        source.Span // '<' to just after '>'
	name        []byte
	attrs       []attr // only for the tags whose attributes matter
	selfClosing bool   // ends with "/>"
	// markup is set when the tag carries an attribute that starts
	// microdata or RDFa (see markupAttr): only then is the page read a
	// second time, as a tree.
	markup bool
}

// attr is one attribute; val is the raw text between the quotes (character
// references not yet decoded) and valSpan locates it in the file.
type attr struct {
	name    []byte
	val     []byte
	valSpan source.Span
	span    source.Span // the whole attribute, name to closing quote
}

// Byte classes of the tokenizer's tag states, as tables: a tag is read byte
// by byte, and most of extraction's time is spent here.
var (
	spaceByte   [256]bool // ASCII whitespace: tab, LF, FF, CR, space
	nameEnd     [256]bool // ends a tag name: whitespace, '/', '>'
	attrNameEnd [256]bool // ends an attribute name: nameEnd and '='
	unquotedEnd [256]bool // ends an unquoted attribute value: whitespace, '>'
	markupStart [256]bool // starts a name markupAttr may accept: i, t, v
)

func init() {
	for _, c := range []byte("\t\n\f\r ") {
		spaceByte[c], nameEnd[c], attrNameEnd[c], unquotedEnd[c] = true, true, true, true
	}
	nameEnd['/'], nameEnd['>'] = true, true
	attrNameEnd['/'], attrNameEnd['>'], attrNameEnd['='] = true, true, true
	unquotedEnd['>'] = true
	for _, c := range []byte("itvITV") {
		markupStart[c] = true
	}
}

func isSpace(c byte) bool { return spaceByte[c] }

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// readTag reads the tag whose name starts at data[i] (just after "<" or
// "</"). The attributes of script and meta tags are appended to buf[:0]
// (nil: never stored), the others skipped. It returns false when the file
// ends inside the tag: the tokenizer then drops the tag.
func readTag(data []byte, open, i int, buf []attr) (tag, bool) {
	return readTagAttrs(data, open, i, buf, false)
}

// readTagAttrs is readTag; all keeps the attributes of every tag.
func readTagAttrs(data []byte, open, i int, buf []attr, all bool) (tag, bool) {
	n := len(data)
	start := i
	for i < n && !nameEnd[data[i]] {
		i++
	}
	t := tag{name: data[start:i]}
	collect := buf != nil && (all || keepAttrs(t.name))
	if !collect {
		end, selfClosing, markup, ok := skipAttrs(data, i)
		if ok {
			t.span, t.selfClosing, t.markup = source.Span{Start: open, End: end}, selfClosing, markup
		}
		return t, ok
	}
	t.attrs = buf[:0]
	for {
		for i < n && isSpace(data[i]) {
			i++
		}
		if i >= n {
			return t, false
		}
		switch data[i] {
		case '>':
			t.span = source.Span{Start: open, End: i + 1}
			return t, true
		case '/':
			i++
			t.selfClosing = i < n && data[i] == '>'
			continue
		}
		// Attribute name; a leading '=' belongs to the name.
		nameStart := i
		i++
		for i < n && !attrNameEnd[data[i]] {
			i++
		}
		a := attr{name: data[nameStart:i], valSpan: source.Span{Start: i, End: i}}
		if !t.markup && len(a.name) >= 5 && markupStart[a.name[0]] && markupAttr(a.name) {
			t.markup = true
		}
		j := i
		for j < n && isSpace(data[j]) {
			j++
		}
		if j < n && data[j] == '=' {
			j++
			for j < n && isSpace(data[j]) {
				j++
			}
			if j >= n {
				return t, false
			}
			switch q := data[j]; q {
			case '"', '\'':
				end := bytes.IndexByte(data[j+1:], q)
				if end < 0 {
					return t, false
				}
				a.valSpan = source.Span{Start: j + 1, End: j + 1 + end}
				i = j + 1 + end + 1
			case '>':
				i = j
			default:
				k := j
				for k < n && !unquotedEnd[data[k]] {
					k++
				}
				a.valSpan = source.Span{Start: j, End: k}
				i = k
			}
			a.val = data[a.valSpan.Start:a.valSpan.End]
		}
		if collect {
			a.span = source.Span{Start: nameStart, End: max(i, a.valSpan.End)}
			t.attrs = append(t.attrs, a)
		}
	}
}

// skipAttrs reads the attributes of a tag from data[i] as readTagAttrs
// does, keeping none, which most tags need: it returns the offset after
// the tag's '>', whether the tag is self-closing, whether an attribute
// starts microdata or RDFa markup, and false when the file ends first.
func skipAttrs(data []byte, i int) (end int, selfClosing, markup, ok bool) {
	n := len(data)
	for {
		for i < n && spaceByte[data[i]] {
			i++
		}
		if i >= n {
			return 0, false, false, false
		}
		switch data[i] {
		case '>':
			return i + 1, selfClosing, markup, true
		case '/':
			i++
			selfClosing = i < n && data[i] == '>'
			continue
		}
		nameStart := i
		i++
		for i < n && !attrNameEnd[data[i]] {
			i++
		}
		if !markup && i-nameStart >= 5 && markupStart[data[nameStart]] && markupAttr(data[nameStart:i]) {
			markup = true
		}
		j := i
		for j < n && spaceByte[data[j]] {
			j++
		}
		if j >= n || data[j] != '=' {
			continue
		}
		j++
		for j < n && spaceByte[data[j]] {
			j++
		}
		if j >= n {
			return 0, false, false, false
		}
		switch q := data[j]; q {
		case '"', '\'':
			k := bytes.IndexByte(data[j+1:], q)
			if k < 0 {
				return 0, false, false, false
			}
			i = j + 1 + k + 1
		case '>':
			i = j
		default:
			for j < n && !unquotedEnd[data[j]] {
				j++
			}
			i = j
		}
	}
}

// skipTag reads an end tag like readTag, keeping only its name and span;
// it does not tell whether the tag is self-closing. End tags rarely hold a
// quote, and one without a quote ends at the first '>', found with
// bytes.IndexByte instead of walking the tag byte by byte. A tag with a
// quote is read by readTag, since a quoted value may hold a '>'. (Start
// tags mostly carry quoted attributes, so they are read by readTag
// directly.)
func skipTag(data []byte, open, i int) (tag, bool) {
	end := i
	for end < len(data) && !nameEnd[data[end]] {
		end++
	}
	if gt := bytes.IndexByte(data[end:], '>'); gt >= 0 {
		if rest := data[end : end+gt]; bytes.IndexByte(rest, '"') < 0 && bytes.IndexByte(rest, '\'') < 0 {
			return tag{span: source.Span{Start: open, End: end + gt + 1}, name: data[i:end]}, true
		}
	}
	return readTag(data, open, i, nil)
}

// attr returns the first attribute called name: the tokenizer drops later
// duplicates.
func (t *tag) attr(name string) (attr, bool) {
	for _, a := range t.attrs {
		if strings.EqualFold(string(a.name), name) {
			return a, true
		}
	}
	return attr{}, false
}

// typeVerdict is what a script's type attribute makes of its content.
type typeVerdict int

const (
	notJSONLD typeVerdict = iota
	jsonLD                // read as JSON-LD
	nearMiss              // meant as JSON-LD, but no reader takes it
)

const ldJSON = "application/ld+json"

// scriptType decides a type attribute value as consumers of JSON-LD do:
// character references decoded, surrounding whitespace trimmed, parameters
// such as "; charset=utf-8" dropped, case ignored.
func scriptType(raw []byte) typeVerdict {
	// Most types are exact or plainly something else ("text/javascript",
	// a meta name): decide those without allocating.
	if string(raw) == ldJSON {
		return jsonLD
	}
	if !bytes.ContainsAny(raw, "jJ&") {
		return notJSONLD
	}
	var buf [64]byte
	if len(raw) <= len(buf) && plainASCII(raw) {
		// No character reference, and no byte that Unicode case
		// folding could make ASCII: lower-case in place.
		for i, c := range raw {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		return typeOf(buf[:len(raw)])
	}
	v := string(raw)
	if strings.IndexByte(v, '&') >= 0 {
		v = html.UnescapeString(v)
	}
	return typeOf([]byte(strings.ToLower(v)))
}

// typeOf decides a lower-case type attribute value.
func typeOf(v []byte) typeVerdict {
	essence, _, _ := bytes.Cut(v, []byte(";"))
	essence = bytes.Trim(essence, " \t\n\r\f")
	switch {
	case string(essence) == ldJSON:
		return jsonLD
	case bytes.Contains(essence, []byte("json")) && (bytes.Contains(essence, []byte("ld")) || bytes.Contains(essence, []byte("linked"))):
		return nearMiss
	}
	return notJSONLD
}

// plainASCII reports whether b is ASCII without a character reference.
func plainASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 || c == '&' {
			return false
		}
	}
	return true
}

// isLDScript reports whether a script start tag holds JSON-LD.
func isLDScript(t *tag) bool {
	a, ok := t.attr("type")
	if !ok {
		return false
	}
	return scriptType(a.val) == jsonLD
}

// checkType reports how a JSON-LD script's type is spelled, or why a script
// meant as JSON-LD is not one. It returns whether the content is a block.
func (s *scanner) checkType(t *tag) bool {
	a, ok := t.attr("type")
	if !ok {
		return false
	}
	switch scriptType(a.val) {
	case jsonLD:
		if string(a.val) != ldJSON {
			s.report(diag.New("X002", len(s.blocks), a.valSpan,
				"script type %q is read as %q but spelled unusually", a.val, ldJSON))
		}
		return true
	case nearMiss:
		d := diag.New("X003", -1, a.valSpan,
			"script type %q is not %q, so search engines ignore this block", a.val, ldJSON)
		d.Fix = &diag.Fix{
			Title:         fmt.Sprintf("change the type to %q", ldJSON),
			Applicability: diag.DisplayOnly,
			Edits:         []diag.Edit{{Span: a.valSpan, Text: ldJSON}},
		}
		s.report(d)
	}
	return false
}

// checkMeta reports JSON-LD put in a meta element's content attribute.
func (s *scanner) checkMeta(t *tag) {
	for _, key := range [...]string{"name", "property", "itemprop", "http-equiv"} {
		if a, ok := t.attr(key); ok {
			if scriptType(a.val) == jsonLD {
				s.report(diag.New("X008", -1, a.valSpan,
					"meta element with %s %q is not JSON-LD markup; search engines read JSON-LD only from script elements", key, a.val))
				return
			}
		}
	}
}
