package repair

import (
	"fmt"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

func init() {
	diag.Register(diag.Rule{
		ID: "J013", Name: "invalid-escape", Severity: diag.Error, Fixable: diag.FixAlways,
		Summary: "a string holds a backslash escape that JSON does not define",
		Why: "PHP's addslashes writes \\' and JavaScript allows \\x41; JSON knows only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX, " +
			"so any other escape stops the parse.",
		Bad:  `{"name": "Rock \'n\' Roll", "path": "C:\temp\x41"}`,
		Good: `{"name": "Rock 'n' Roll", "path": "C:\temp\u0041"}`,
		FixSafety: "safe: \\' becomes ', \\xHH becomes \\u00HH, a backslash at a line end continues the text with a line break, " +
			"an escape cut off by the end of the block is dropped, and any other backslash is kept as a literal backslash",
	})
}

// escape handles the backslash at i inside a string and returns where
// reading goes on.
func (r *repairer) escape(s *strState, i int) int {
	b := r.in
	if i+1 >= len(b) {
		r.escFix(s, i, i+1, "", "backslash at the end of the block escapes nothing")
		s.cut = i
		return i + 1
	}
	switch c := b[i+1]; c {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return i + 2
	case 'u':
		h := 0
		for h < 4 && i+2+h < len(b) && isHex(b[i+2+h]) {
			h++
		}
		switch {
		case h == 4:
			return i + 6
		case i+2+h == len(b):
			r.escFix(s, i, len(b), "", "escape %q is cut off by the end of the block", string(b[i:]))
			s.cut = i
			return len(b)
		}
		r.escFix(s, i, i, `\`, "escape %q is not four hex digits", string(b[i:i+2+h]))
		return i + 1
	case '\'':
		r.escFix(s, i, i+1, "", "escape \\' is not valid in JSON")
		return i + 2
	case 'x':
		if i+3 < len(b) && isHex(b[i+2]) && isHex(b[i+3]) {
			r.escFix(s, i, i+4, fmt.Sprintf(`\u00%s`, b[i+2:i+4]), "escape %q is not valid in JSON", string(b[i:i+4]))
			return i + 4
		}
	case '\n':
		r.escFix(s, i, i+2, `\n`, "backslash before a line break is not valid in JSON")
		return i + 2
	case '\r':
		end := i + 2
		text := `\r`
		if end < len(b) && b[end] == '\n' {
			end++
			text = `\r\n`
		}
		r.escFix(s, i, end, text, "backslash before a line break is not valid in JSON")
		return end
	}
	r.escFix(s, i, i, `\`, "escape %q is not valid in JSON", describeEscape(b, i))
	return i + 1
}

func describeEscape(b []byte, i int) string {
	n := 1 + runeLen(b, i+1)
	return string(b[i : i+n])
}

func isHex(c byte) bool {
	return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f')
}

// escFix records an escape repair under the string's J013 finding.
func (r *repairer) escFix(s *strState, start, end int, text, format string, args ...any) {
	if s.esc < 0 {
		span := source.Span{Start: start, End: max(end, start+1)}
		span.End = min(span.End, len(r.in))
		s.esc = r.newDiag("J013", diag.Safe, span, "rewrite the escape", format, args...)
	}
	r.edit(s.esc, start, end, text)
}
