package extract

import (
	"bytes"
	"unicode"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

func init() {
	diag.Register(
		diag.Rule{
			ID: "X001", Name: "unclosed-script", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "the JSON-LD script element is never closed",
			Why: "Without </script> the HTML parser makes the rest of the page part of the script, so " +
				"search engines read the JSON followed by page text and reject the block, and the text " +
				"after it disappears from the page. ldfix ends the block where its JSON value ends.",
			Bad:       "<script type=\"application/ld+json\">{\"@type\": \"Thing\"}\n<p>Page text",
			Good:      "<script type=\"application/ld+json\">{\"@type\": \"Thing\"}</script>\n<p>Page text",
			FixSafety: "Safe: </script> is inserted right after the JSON value, which is where the author meant the block to end.",
		},
		diag.Rule{
			ID: "X004", Name: "empty-block", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "the JSON-LD block is empty",
			Why: "An empty application/ld+json script carries no data; search engines report it as a " +
				"parsing error. It is usually a template whose data was not filled in.",
			Bad:       `<script type="application/ld+json"></script>`,
			Good:      `<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Thing"}</script>`,
			FixSafety: "No fix: only the author knows what the block should hold.",
		},
		diag.Rule{
			ID: "X009", Name: "script-src-ignored", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "a JSON-LD script's src attribute is ignored",
			Why: "Browsers load src only for JavaScript, and search engines read JSON-LD only from the " +
				"element's own content, so data kept in the linked file is never read.",
			Bad:       `<script type="application/ld+json" src="/data.jsonld"></script>`,
			Good:      `<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Thing"}</script>`,
			FixSafety: "No fix: the linked file's content is not known offline.",
		},
		diag.Rule{
			ID: "X011", Name: "script-runs-into-markup", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "page markup follows the JSON value inside a JSON-LD script element",
			Why: "The script element's </script> is missing after the JSON, so the HTML parser reads the " +
				"following markup, up to the next </script>, as part of the block: search engines reject " +
				"it and the markup disappears from the page. ldfix ends the block where its JSON value ends.",
			Bad:       "<script type=\"application/ld+json\">{\"@type\": \"Thing\"}\n<p>Text</p>\n<script>init()</script>",
			Good:      "<script type=\"application/ld+json\">{\"@type\": \"Thing\"}</script>\n<p>Text</p>\n<script>init()</script>",
			FixSafety: "Unsafe: inserting </script> brings back markup, and possibly scripts, that browsers did not run before.",
		},
	)
}

// EndTag is the end tag the X001 and X011 fixes insert after a script
// element's JSON value.
const EndTag = "</script>"

// script reads a script element whose start tag is t and returns where
// markup resumes.
func (s *scanner) script(t *tag) int {
	data := s.data
	start := t.span.End
	end := s.scriptEnd(start)
	switch {
	case s.template > 0:
		if isLDScript(t) {
			s.report(diag.New("X006", -1, t.span, "JSON-LD script inside a template element is not in the document and was skipped"))
		}
		return end
	case !s.checkType(t):
		return end
	}
	if a, ok := t.attr("src"); ok {
		s.report(diag.New("X009", len(s.blocks), a.valSpan, "script src %q is ignored for JSON-LD; only the element's content is read", a.val))
	}
	b := Block{Index: len(s.blocks), Kind: Script, Tag: t.span, Span: source.Span{Start: start, End: end}}
	content := data[start:end]
	closed := end < len(data)
	switch valEnd, ok := valueEnd(content); {
	case !closed:
		// Browsers run an unclosed script to the end of the file; the
		// author meant it to end with its JSON value.
		b.Span.End = start + valEnd
		b.Unclosed = true
		s.reportUnclosed("X001", b, diag.Safe, "script element is never closed; the block ends where its JSON value ends")
	case ok && markupAt(content, valEnd):
		b.Span.End = start + valEnd
		b.Unclosed = true
		s.reportUnclosed("X011", b, diag.Unsafe, "page markup follows the JSON value inside the script element; the block ends where its JSON value ends")
	}
	if isBlank(data[b.Span.Start:b.Span.End]) {
		s.report(diag.New("X004", b.Index, t.span, "JSON-LD block is empty"))
	}
	s.blocks = append(s.blocks, b)
	if b.Unclosed {
		return b.Span.End
	}
	return end
}

func (s *scanner) reportUnclosed(id string, b Block, app diag.Applicability, format string, args ...any) {
	d := diag.New(id, b.Index, b.Tag, format, args...)
	d.Fix = &diag.Fix{
		Title:         "insert " + EndTag + " after the JSON value",
		Applicability: app,
		Edits:         []diag.Edit{{Span: source.Span{Start: b.Span.End, End: b.Span.End}, Text: EndTag}},
	}
	s.report(d)
}

// scriptEnd returns the offset of the "</script" that ends script content
// starting at data[i], or len(data) when the element is never closed. It
// follows the tokenizer's script data states (WHATWG HTML §13.2.5.4 to
// §13.2.5.24): inside "<!--", a "<script" opens a double-escaped section in
// which "</script>" does not end the element until "-->" or the matching
// "</script>" has passed.
func scriptEnd(data []byte, i int) int {
	n := len(data)
	escaped, double := false, false
	for i < n {
		k := bytes.IndexByte(data[i:], '<')
		if !escaped {
			// Outside "<!--" only '<' matters; jump straight to it.
			if k < 0 {
				return n
			}
			i += k
		} else if j := bytes.IndexByte(data[i:], '-'); j >= 0 && (k < 0 || j < k) {
			// "-->" leaves the escaped states.
			i += j
			if bytes.HasPrefix(data[i:], []byte("-->")) {
				escaped, double = false, false
				i += 3
			} else {
				i++
			}
			continue
		} else if k < 0 {
			return n
		} else {
			i += k
		}
		// data[i] == '<'
		switch {
		case !escaped && bytes.HasPrefix(data[i:], []byte("<!--")):
			escaped = true
			// "<!--" shares its dashes with "-->": "<!-->" ends at once.
			i += 2
		case !double && isEndTagOf(data, i, "script"):
			return i
		case escaped && !double && startsScriptName(data, i+1):
			double = true
			i += len("<script")
		case double && isEndTagOf(data, i, "script"):
			double = false
			i += len("</script")
		default:
			i++
		}
	}
	return n
}

// scriptEnd finds the end of the script content starting at data[i] while
// keeping the whole scan linear. A script never closed is read to the end
// of the file; on a page with many such scripts (the rest of the page is
// read as the author meant, so later scripts are still found) each would be
// read to the end again. After the last "</script" in the file the answer
// is known at once; and once the script scans have read the file four
// times over, a hostile input is assumed and the end is taken as the next
// "</script" end tag, ignoring the rare "<!-- <script>" escapes, with the
// answer memoized.
//
// The last "</script" is looked for only once a script has run to the end
// of the file: looking for it backwards from the end of every page cost a
// tenth of extraction's time, and pages whose scripts are all closed never
// need it.
func (s *scanner) scriptEnd(i int) int {
	n := len(s.data)
	if s.lastEnd != -2 && i > s.lastEnd {
		return n
	}
	if s.scriptWork <= 4*n {
		end := scriptEnd(s.data, i)
		s.scriptWork += end - i
		if end == n && s.lastEnd == -2 {
			s.lastEnd = lastScriptEndTag(s.data)
		}
		return end
	}
	if s.plainFrom < 0 || i < s.plainFrom || i > s.plainNext {
		s.plainFrom, s.plainNext = i, rawTextEnd(s.data, i, "script")
	}
	return s.plainNext
}

// lastScriptEndTag returns the offset of the last "</script" end tag in
// data, or -1.
func lastScriptEndTag(data []byte) int {
	for j := len(data); j > 0; {
		k := bytes.LastIndex(data[:j], []byte("</"))
		if k < 0 {
			return -1
		}
		if isEndTagOf(data, k, "script") {
			return k
		}
		j = k
	}
	return -1
}

// startsScriptName reports whether data[i:] is "script" (any case) followed
// by a byte that ends a tag name.
func startsScriptName(data []byte, i int) bool {
	e := i + len("script")
	if e >= len(data) || !bytes.EqualFold(data[i:e], []byte("script")) {
		return false
	}
	c := data[e]
	return isSpace(c) || c == '/' || c == '>'
}

// markupAt reports whether the first thing after b[i:]'s whitespace is the
// start of a tag: '<' and a letter, or "</" and a letter.
func markupAt(b []byte, i int) bool {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i+1 >= len(b) || b[i] != '<' {
		return false
	}
	if b[i+1] == '/' {
		return i+2 < len(b) && isLetter(b[i+2])
	}
	return isLetter(b[i+1])
}

func isBlank(b []byte) bool {
	return len(bytes.TrimFunc(b, unicode.IsSpace)) == 0
}
