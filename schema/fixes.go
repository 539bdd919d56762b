package schema

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/source"
)

// A V or G fix is proposed on the repaired block and written on the
// original file: its edit is cut down to the bytes that change and mapped
// through the block's offset map. It is offered only when those bytes
// stand in the file exactly as in the repaired block, so a repair made
// inside them (a curly quote turned straight) can never be overwritten or
// doubled; fixer applies it together with the repairs and checks the
// result again before anything is written.

// templateNote ends the message of a finding whose fix would change a
// template placeholder: the value comes from the template's data, and
// only that data can correct it.
const templateNote = "; the value comes from the template's data, which must change"

// change is one replacement in the block text.
type change struct {
	span source.Span // in the block text
	text string
}

// propose attaches a fix made of changes to d, with the applicability and
// title given. It returns false, leaving d without a fix, when a change
// cannot be placed in the file.
func (bs *blockState) propose(d *diag.Diagnostic, app diag.Applicability, title string, changes ...change) bool {
	fix := &diag.Fix{Title: title, Applicability: app}
	for _, c := range changes {
		if bs.touchesOpaque(bs.span(c.span)) {
			d.Message += templateNote
			return false
		}
		e, ok := bs.edit(c)
		if !ok {
			return false
		}
		fix.Edits = append(fix.Edits, e)
	}
	d.Fix = fix
	return true
}

// suggestOnly attaches a display-only fix without edits: the remedy is
// worded in its title because the right text cannot be chosen.
func suggestOnly(d *diag.Diagnostic, title string) {
	d.Fix = &diag.Fix{Title: title, Applicability: diag.DisplayOnly}
}

// edit turns a change of the block text into an edit of the file. The
// whole value or key is replaced when it stands in the file as repaired;
// otherwise the common start and end of the old and new text are left
// out, so the edit avoids the repairs around it. At least one old byte is
// kept: an edit that only inserts could not be ordered against a repair
// inserting at the same offset.
func (bs *blockState) edit(c change) (diag.Edit, bool) {
	text := bs.b.Text
	if c.span.Start < 0 || c.span.End > len(text) || c.span.Start >= c.span.End {
		return diag.Edit{}, false
	}
	if fs, ok := bs.verbatim(c.span); ok {
		return diag.Edit{Span: fs, Text: c.text}, true
	}
	old, repl := text[c.span.Start:c.span.End], []byte(c.text)
	pre := commonPrefix(old, repl)
	suf := commonSuffix(old[pre:], repl[pre:])
	if pre+suf == len(old) {
		if suf > 0 {
			suf--
		} else {
			pre--
		}
	}
	inner := source.Span{Start: c.span.Start + pre, End: c.span.End - suf}
	fs, ok := bs.verbatim(inner)
	if !ok {
		return diag.Edit{}, false
	}
	return diag.Edit{Span: fs, Text: string(repl[pre : len(repl)-suf])}, true
}

// verbatim maps a span of the block text to the file when the file holds
// the same bytes there: no repair changed them.
func (bs *blockState) verbatim(s source.Span) (source.Span, bool) {
	fs := bs.span(s)
	if fs.Len() != s.Len() {
		return fs, false
	}
	if f := bs.b.File; f != nil {
		if fs.Start < 0 || fs.End > len(f.Data) || !bytes.Equal(f.Data[fs.Start:fs.End], bs.b.Text[s.Start:s.End]) {
			return fs, false
		}
	}
	return fs, true
}

// commonPrefix is the length of the common start of a and b, cut back to
// a rune boundary so an edit never splits a character.
func commonPrefix(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	for n > 0 && n < len(a) && !utf8.RuneStart(a[n]) {
		n--
	}
	return n
}

func commonSuffix(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	for n > 0 && n < len(a) && !utf8.RuneStart(a[len(a)-n]) {
		n--
	}
	return n
}

// touchesOpaque reports whether a span of the file overlaps a template
// placeholder.
func (bs *blockState) touchesOpaque(fs source.Span) bool {
	for _, o := range bs.b.Opaque {
		if fs.Start < o.End && o.Start < fs.End {
			return true
		}
	}
	return false
}

// replaceValue proposes new JSON text for the value n.
func (bs *blockState) replaceValue(d *diag.Diagnostic, n *jsonpos.Node, app diag.Applicability, title, json string) bool {
	return bs.propose(d, app, title, change{n.Span, json})
}

// renameKey proposes a new key for the member m, keeping a prefix the key
// had ("schema:datePublised" becomes "schema:datePublished").
func (bs *blockState) renameKey(d *diag.Diagnostic, m *jsonpos.Node, app diag.Applicability, from, to string) bool {
	key := keyWithPrefix(m.Key, from, to)
	return bs.propose(d, app, fmt.Sprintf("rename to %q", key), change{m.KeySpan, jsonString(key)})
}

// changeString proposes a new string for the value n, titled
// change "from" to "to". A block that escapes its slashes ("https:\/\/…",
// as PHP's json_encode writes them) gets them escaped in the new value too.
func (bs *blockState) changeString(d *diag.Diagnostic, n *jsonpos.Node, app diag.Applicability, from, to string) bool {
	text := jsonString(to)
	if bytes.Contains(bs.b.Text[n.Span.Start:n.Span.End], []byte(`\/`)) || !strings.Contains(from, "/") && bytes.Contains(bs.b.Text, []byte(`\/`)) {
		text = strings.ReplaceAll(text, "/", `\/`)
	}
	return bs.replaceValue(d, n, app, fmt.Sprintf("change %q to %q", from, to), text)
}

// jsonString quotes s as a JSON string that is also safe inside an HTML
// script element: "<" is escaped so no "</script>" can appear.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '<':
			b.WriteString(`\u003c`)
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// memberStyle is how an object writes its members: the text between a key
// and its value ("": " or ":"), the space after the comma between members
// on one line, and, for an object with one member a line, the line break
// and indentation before each member.
type memberStyle struct {
	colon  string
	space  string
	indent string // "" when the members share one line
}

// between is what goes after the comma before a new member.
func (st memberStyle) between() string {
	if st.indent != "" {
		return st.indent
	}
	return st.space
}

// styleOf reads the style of the object obj from its member m.
func (bs *blockState) styleOf(obj, m *jsonpos.Node) memberStyle {
	text := bs.b.Text
	st := memberStyle{colon: ": ", space: " "}
	if m.KeySpan.End <= m.Span.Start && m.Span.Start <= len(text) {
		if sep := string(text[m.KeySpan.End:m.Span.Start]); strings.TrimSpace(sep) == ":" && !strings.ContainsAny(sep, "\r\n") {
			st.colon = sep
		}
	}
	if len(obj.Children) > 1 {
		gap := string(text[obj.Children[0].Span.End:obj.Children[1].KeySpan.Start])
		if _, after, ok := strings.Cut(gap, ","); ok && !strings.ContainsAny(after, "\r\n") {
			st.space = after
		}
	}
	line := bytes.LastIndexByte(text[obj.Span.Start:m.KeySpan.Start], '\n')
	if line < 0 {
		return st
	}
	lead := text[obj.Span.Start+line+1 : m.KeySpan.Start]
	if len(bytes.Trim(lead, " \t")) == 0 {
		st.indent = "\n" + string(lead)
	}
	return st
}

// indentUnit guesses one level of the block's indentation from an object
// and one of its members: the member's indent less the object's.
func (bs *blockState) indentUnit(obj *jsonpos.Node, st memberStyle) string {
	if st.indent == "" {
		return ""
	}
	text := bs.b.Text
	start := bytes.LastIndexByte(text[:obj.Span.Start], '\n') + 1
	own := text[start:obj.Span.Start]
	own = own[:len(own)-len(bytes.TrimLeft(own, " \t"))]
	if unit, ok := strings.CutPrefix(st.indent[1:], string(own)); ok && unit != "" {
		return unit
	}
	return "  "
}
