package report

import (
	"strconv"
	"unicode/utf8"
)

// The json format's findings and file entries are written by hand, in
// the bytes json.Encoder (HTML escaping off) and json.Indent with an
// indent of two spaces would give: through reflection they were a fifth of
// the report's cost, and a catalogue page's entry was built compact, read
// back and indented, three copies of a report larger than the page. A test
// compares both encodings on the same values.

// jsonOut appends indented JSON at the depth that prefix stands for.
type jsonOut struct {
	b      []byte
	prefix string
	depth  int
	more   bool // a member or element was written at this depth
	// sink, when set, takes what b holds once it passes flushSize, so
	// that the entry of a page with thousands of items never sits whole in
	// memory.
	sink func([]byte)
}

const flushSize = 32 << 10

// flush hands b to the sink when it has grown past flushSize.
func (o *jsonOut) flush() {
	if o.sink != nil && len(o.b) >= flushSize {
		o.sink(o.b)
		o.b = o.b[:0]
	}
}

func (o *jsonOut) newline() {
	o.b = append(o.b, '\n')
	o.b = append(o.b, o.prefix...)
	for range o.depth {
		o.b = append(o.b, "  "...)
	}
}

// open starts an object or array that is not empty.
func (o *jsonOut) open(c byte) {
	o.b = append(o.b, c)
	o.depth++
	o.more = false
}

func (o *jsonOut) close(c byte) {
	o.depth--
	o.newline()
	o.b = append(o.b, c)
	o.more = true
}

// next starts the next member or element.
func (o *jsonOut) next() {
	if o.more {
		o.b = append(o.b, ',')
	}
	o.more = true
	o.newline()
}

// key starts a member; k is one of our field names, plain ASCII.
func (o *jsonOut) key(k string) {
	o.next()
	o.b = append(o.b, '"')
	o.b = append(o.b, k...)
	o.b = append(o.b, `": `...)
}

func (o *jsonOut) str(k, v string) {
	o.key(k)
	o.b = appendJSONString(o.b, v)
}

func (o *jsonOut) int(k string, v int) {
	o.key(k)
	o.b = strconv.AppendInt(o.b, int64(v), 10)
}

func (o *jsonOut) bool(k string, v bool) {
	o.key(k)
	o.b = strconv.AppendBool(o.b, v)
}

// list writes member k, an array of n elements, each written by elem
// after its separator.
func (o *jsonOut) list(k string, n int, elem func(i int)) {
	o.key(k)
	if n == 0 {
		o.b = append(o.b, "[]"...)
		return
	}
	o.open('[')
	for i := range n {
		o.next()
		elem(i)
	}
	o.close(']')
}

func (o *jsonOut) strings(k string, vs []string) {
	o.list(k, len(vs), func(i int) { o.b = appendJSONString(o.b, vs[i]) })
}

func (o *jsonOut) diag(d *jsonDiag) {
	o.open('{')
	o.str("file", d.File)
	o.int("block", d.Block)
	o.str("rule", d.Rule)
	if d.Name != "" {
		o.str("name", d.Name)
	}
	o.str("severity", d.Severity.String())
	o.str("message", d.Message)
	o.str("pointer", d.Pointer)
	o.int("line", d.Line)
	o.int("column", d.Column)
	o.int("endLine", d.EndLine)
	o.int("endColumn", d.EndColumn)
	o.int("offset", d.Offset)
	o.int("endOffset", d.EndOffset)
	if d.Fix != nil {
		o.key("fix")
		o.fix(d.Fix)
	}
	if d.Feature != "" {
		o.str("feature", d.Feature)
	}
	if d.URL != "" {
		o.str("url", d.URL)
	}
	if len(d.Properties) > 0 {
		o.strings("properties", d.Properties)
	}
	if d.Rendered {
		o.bool("rendered", true)
	}
	if len(d.Related) > 0 {
		o.list("related", len(d.Related), func(i int) {
			o.open('{')
			o.rangeFields(d.Related[i])
			o.close('}')
		})
	}
	o.close('}')
}

func (o *jsonOut) fix(f *jsonFix) {
	o.open('{')
	o.str("title", f.Title)
	o.str("applicability", f.Applicability.String())
	o.list("edits", len(f.Edits), func(i int) {
		o.open('{')
		o.rangeFields(f.Edits[i].jsonRange)
		o.str("text", f.Edits[i].Text)
		o.close('}')
	})
	o.close('}')
}

func (o *jsonOut) rangeFields(r jsonRange) {
	o.int("offset", r.Offset)
	o.int("endOffset", r.EndOffset)
	o.int("line", r.Line)
	o.int("column", r.Column)
	o.int("endLine", r.EndLine)
	o.int("endColumn", r.EndColumn)
}

// file writes r's entry in the "files" list.
func (o *jsonOut) file(r FileResult) {
	o.open('{')
	o.str("file", r.Path)
	o.list("blocks", len(r.Blocks), func(i int) {
		jb := jsonBlockOf(r, r.Blocks[i])
		o.block(&jb)
		o.flush()
	})
	o.list("items", len(r.Items), func(i int) {
		ji := jsonItemOf(r, r.Items[i])
		o.item(&ji)
		o.flush()
	})
	o.close('}')
}

func (o *jsonOut) block(b *jsonBlock) {
	o.open('{')
	o.int("index", b.Index)
	o.int("line", b.Line)
	o.int("column", b.Column)
	o.int("offset", b.Offset)
	o.int("endOffset", b.EndOffset)
	o.strings("types", b.Types)
	o.bool("repaired", b.Repaired)
	o.close('}')
}

func (o *jsonOut) item(it *jsonItem) {
	o.open('{')
	o.int("block", it.Block)
	o.str("pointer", it.Pointer)
	o.int("line", it.Line)
	o.int("column", it.Column)
	o.str("type", it.Type)
	o.str("feature", it.Feature)
	if it.URL != "" {
		o.str("url", it.URL)
	}
	o.str("status", it.Status)
	o.strings("reasons", it.Reasons)
	o.strings("missing", it.Missing)
	o.close('}')
}

func (o *jsonOut) error(e *jsonError) {
	o.open('{')
	o.str("file", e.File)
	o.str("message", e.Message)
	o.close('}')
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json writes a string with
// HTML escaping off: short escapes for the usual control characters,
// \u00XX for the others, U+FFFD for invalid UTF-8, and U+2028 and U+2029
// escaped, which JavaScript does not allow raw in a string.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
