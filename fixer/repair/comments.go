package repair

import (
	"bytes"
	"unicode/utf8"

	"github.com/ldfix/ldfix/fixer/source"

	"github.com/ldfix/ldfix/fixer/diag"
)

func init() {
	diag.Register(
		diag.Rule{
			ID: "J043", Name: "string-concatenation", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "strings are joined with '+'",
			Why:     "Code copied from JavaScript splits long text into \"a\" + \"b\"; JSON has no operators.",
			Bad:     `{"description": "first half " + "second half"}`, Good: `{"description": "first half second half"}`,
			FixSafety: "safe: the quotes and the '+' between the parts are removed, which joins them into one string",
		},
		diag.Rule{
			ID: "J040", Name: "comment", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary:   "the block holds a // or /* */ comment",
			Why:       "JSON has no comments. A note left in a template (// will be empty for branded publishing) stops the parse.",
			Bad:       "{\"@type\": \"Organization\", // \"Person\"\n \"name\": \"Acme\"}",
			Good:      "{\"@type\": \"Organization\", \n \"name\": \"Acme\"}",
			FixSafety: "safe: the comment is removed; nothing outside it changes" + perBlock,
		},
		diag.Rule{
			ID: "J041", Name: "markup-wrapper", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "the JSON is wrapped in <!-- -->, <![CDATA[ ]]> or //<![CDATA[ markers",
			Why: "Old XHTML habits wrap script content in comment or CDATA markers. Browsers keep the markers inside an " +
				"application/ld+json script, so the JSON parser sees them.",
			Bad:       "//<![CDATA[\n{\"@type\": \"WebSite\"}\n//]]>",
			Good:      "\n{\"@type\": \"WebSite\"}\n",
			FixSafety: "safe: the markers are removed before and after the value" + perBlock,
		},
		diag.Rule{
			ID: "J042", Name: "function-call-wrapper", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "the JSON is wrapped in a function call such as callback(…)",
			Why:     "JSONP responses and script snippets wrap data in a call; a JSON-LD block must hold the data alone.",
			Bad:     `callback({"@type": "WebSite"});`, Good: `{"@type": "WebSite"}`,
			FixSafety: "safe: the function name and its parentheses are removed",
		},
		diag.Rule{
			ID: "J060", Name: "invalid-whitespace", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "a byte order mark, non-breaking, zero-width or other non-JSON space stands between tokens",
			Why:     "JSON allows only space, tab, line feed and carriage return between tokens; editors and CMSs insert others unseen.",
			Bad:     "{\"name\":\u00a0\"Acme\"}", Good: `{"name": "Acme"}`,
			FixSafety: "safe: the character becomes a space (or is removed when it has no width); spaces inside strings are left alone" + perBlock,
		},
		diag.Rule{
			ID: "J061", Name: "trailing-semicolon", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "a ';' follows the JSON value",
			Why:     "Code copied from a JavaScript assignment keeps its semicolon, which is not JSON.",
			Bad:     `{"@type": "WebSite"};`, Good: `{"@type": "WebSite"}`,
			FixSafety: "safe: the semicolon is removed",
		},
	)
}

// skip passes white space and comments from i, repairing what JSON does
// not allow between tokens, and returns the next token's offset.
func (r *repairer) skip(i int) int {
	b := r.in
	for i < len(b) {
		c := b[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			end := i + 2
			if k := bytes.IndexByte(b[end:], '\n'); k >= 0 {
				end += k
			} else {
				end = len(b)
			}
			if end > i && b[end-1] == '\r' {
				end--
			}
			r.comment(i, end)
			i = end
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			end := len(b)
			if k := bytes.Index(b[i+2:], []byte("*/")); k >= 0 {
				end = i + 2 + k + 2
			}
			r.comment(i, end)
			i = end
		case c == '#':
			end := len(b)
			if k := bytes.IndexByte(b[i:], '\n'); k >= 0 {
				end = i + k
			}
			r.comment(i, end)
			i = end
		case c < 0x20 || c == 0x7F:
			r.fix("J060", diag.Safe, i, i+1, "", "remove the character", "control character %s between tokens", describeAt(b, i))
			i++
		case c >= utf8.RuneSelf:
			ru, n := utf8.DecodeRune(b[i:])
			repl, ok := oddSpace(ru)
			if !ok {
				return i
			}
			msg := "non-JSON space U+%04X between tokens"
			if ru == 0xFEFF {
				msg = "byte order mark U+%04X before a token"
			}
			title := "replace it with a plain space"
			if repl == "" {
				title = "remove the character"
			}
			r.fix("J060", diag.Safe, i, i+n, repl, title, msg, ru)
			i += n
		default:
			return i
		}
	}
	return i
}

// oddSpace reports whether ru is white space JSON does not accept, and
// what replaces it.
func oddSpace(ru rune) (string, bool) {
	switch ru {
	case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x180E:
		return "", true
	case 0x00A0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return " ", true
	}
	if ru >= 0x2000 && ru <= 0x200A {
		return " ", true
	}
	return "", false
}

// callOpen removes the "name(" of a call around a value: JSONP around the
// block, ObjectId("…") around a value.
func (r *repairer) callOpen() bool {
	b := r.in
	if !isWordStart(b, r.pos) {
		return false
	}
	j := r.pos
	for j < len(b) && j-r.pos < lookahead && (isWordStart(b, j) || isDigit(b[j]) || b[j] == '.') {
		j++
	}
	k := skipSpaceTab(b, j)
	if k >= len(b) || b[k] != '(' {
		return false
	}
	r.fix("J042", diag.Safe, r.pos, k+1, "", "remove the call", "function call %s around a value", clip(b[r.pos:k+1]))
	r.pos = k + 1
	r.calls = append(r.calls, len(r.stack))
	return true
}

// concatenate joins the string before a '+' at r.pos with the string
// after it.
func (r *repairer) concatenate() bool {
	b := r.in
	k := skipLook(b, r.pos+1, 16*lookahead)
	if k >= len(b) {
		return false
	}
	if q, _ := quoteAt(b, k); q == qNone {
		return false
	}
	r.dropEditsFrom(r.lastString)
	r.concat = r.newDiag("J043", diag.Safe, source.Span{Start: r.pos, End: r.pos + 1}, "join the strings", "strings joined with %q", "+")
	r.edit(r.concat, r.lastString, k, "")
	r.pos = k
	r.state = wantValue
	r.comma = -1
	r.scalar()
	r.endValue()
	return true
}

// comment removes the comment at [start, end); one that holds CDATA or
// HTML comment markers is a wrapper.
func (r *repairer) comment(start, end int) {
	text := r.in[start:end]
	if isWrapperComment(text) {
		r.fix("J041", diag.Safe, start, end, "", "remove the marker", "markup wrapper %s around the JSON", clip(text))
		return
	}
	r.fix("J040", diag.Safe, start, end, "", "remove the comment", "comment %s in JSON", clip(text))
}

func isWrapperComment(text []byte) bool {
	for _, m := range []string{"<![CDATA[", "]]>", "<!--", "-->"} {
		if bytes.Contains(text, []byte(m)) {
			return true
		}
	}
	return false
}

// unwrapOpen removes "<!--", "<![CDATA[" or a Markdown code fence before
// the first value.
func (r *repairer) unwrapOpen() bool {
	if bytes.HasPrefix(r.in[r.pos:], []byte("```")) {
		end := r.pos + 3
		for end < len(r.in) && end-r.pos < 40 && (isWordStart(r.in, end) || isDigit(r.in[end])) {
			end++
		}
		r.fix("J041", diag.Safe, r.pos, end, "", "remove the marker", "code fence %s before the JSON", clip(r.in[r.pos:end]))
		r.pos = end
		return true
	}
	for _, m := range []string{"<!--", "<![CDATA["} {
		if bytes.HasPrefix(r.in[r.pos:], []byte(m)) {
			r.fix("J041", diag.Safe, r.pos, r.pos+len(m), "", "remove the marker", "markup wrapper %q before the JSON", m)
			r.pos += len(m)
			return true
		}
	}
	return false
}

// unwrapClose removes "-->" or "]]>" after the value.
func (r *repairer) unwrapClose() bool {
	for _, m := range []string{"-->", "]]>", "```"} {
		if bytes.HasPrefix(r.in[r.pos:], []byte(m)) {
			r.fix("J041", diag.Safe, r.pos, r.pos+len(m), "", "remove the marker", "markup wrapper %q after the JSON", m)
			r.pos += len(m)
			return true
		}
	}
	return false
}
