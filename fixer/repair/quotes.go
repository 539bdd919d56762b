package repair

import (
	"bytes"

	"github.com/ldfix/ldfix/fixer/diag"
)

func init() {
	diag.Register(
		diag.Rule{
			ID: "J004", Name: "smart-quote-delimiter", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "a typographic quote is used where JSON needs a straight double quote",
			Why: "Word processors and some CMS editors turn \" into “ ” „ ‘ ’ and similar marks. " +
				"JSON only accepts the straight double quote as a string delimiter, so Google reads no structured data from the block.",
			Bad:       `{“@type”: “NewsArticle“}`,
			Good:      `{"@type": "NewsArticle"}`,
			FixSafety: "safe: a typographic quote is replaced only where it opens a string or where what follows it (':' ',' a closing bracket, the next key) shows that it closes one; typographic quotes inside text stay text" + perBlock,
		},
		diag.Rule{
			ID: "J005", Name: "single-quoted-string", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "a string or key is delimited by single quotes",
			Why:     "JavaScript accepts 'text', JSON does not; a hand-written or JS-generated block with single quotes does not parse.",
			Bad:     `{'name': 'Acme'}`, Good: `{"name": "Acme"}`,
			FixSafety: "safe: the delimiters become double quotes, double quotes inside are escaped and \\' becomes '" + perBlock,
		},
		diag.Rule{
			ID: "J006", Name: "unquoted-key", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "an object key is not quoted",
			Why:     "JavaScript object literals allow bare keys; JSON requires every key to be a string.",
			Bad:     `{name: "Acme"}`, Good: `{"name": "Acme"}`,
			FixSafety: "safe: the key is put in double quotes unchanged" + perBlock,
		},
		diag.Rule{
			ID: "J007", Name: "unescaped-inner-quote", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "a double quote inside a string is not escaped",
			Why: "A template that pastes text into \"…\" without escaping ends the string early at the first quote of the text, " +
				"and the rest of the text breaks the block.",
			Bad:  `{"name": "Brand "502" shoes"}`,
			Good: `{"name": "Brand \"502\" shoes"}`,
			FixSafety: "safe: a quote is kept as text only when what follows it cannot follow the end of a string " +
				"(a letter, a digit inside text, another quote before the real end); " +
				"unsafe: a doubled opening quote (\"\"value\") is removed",
		},
		diag.Rule{
			ID: "J008", Name: "html-entity-quote", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "an HTML entity such as &quot; stands where JSON needs a double quote",
			Why: "A template that HTML-escaped the whole block writes &quot; for every quote. Browsers do not decode entities inside <script>, " +
				"so the JSON parser sees the entity text.",
			Bad:       `{&quot;@type&quot;: &quot;Person&quot;}`,
			Good:      `{"@type": "Person"}`,
			FixSafety: "safe: only entities that stand where a delimiter belongs are decoded; entities inside text are left alone" + perBlock,
		},
	)
}

// quoteKind is a family of string delimiters. Any member of a family may
// close a string another member opened: the seed page closes strings with
// a left quote.
type quoteKind uint8

const (
	qNone quoteKind = iota
	qDouble
	qSingle
	qCurlyDouble
	qCurlySingle
	qEntity
)

// quoteEntities are the HTML entities of a double quote, lower case.
var quoteEntities = []string{"&quot;", "&#34;", "&#034;", "&#x22;", "&ldquo;", "&rdquo;", "&bdquo;", "&#8220;", "&#8221;", "&#x201c;", "&#x201d;"}

// quoteAt reports the delimiter starting at i and its length in bytes.
func quoteAt(b []byte, i int) (quoteKind, int) {
	switch b[i] {
	case '"':
		return qDouble, 1
	case '\'':
		return qSingle, 1
	case '`':
		return qCurlySingle, 1
	case 0xC2: // ´ U+00B4
		if i+1 < len(b) && b[i+1] == 0xB4 {
			return qCurlySingle, 2
		}
	case 0xE2:
		if i+2 < len(b) && b[i+1] == 0x80 {
			switch b[i+2] {
			case 0x98, 0x99, 0x9A, 0x9B: // ‘ ’ ‚ ‛
				return qCurlySingle, 3
			case 0x9C, 0x9D, 0x9E, 0x9F, 0xB3, 0xB6: // “ ” „ ‟ ″ ‶
				return qCurlyDouble, 3
			}
		}
	case '&':
		if n := entityQuoteLen(b[i:]); n > 0 {
			return qEntity, n
		}
	}
	return qNone, 0
}

func entityQuoteLen(b []byte) int {
	if len(b) < 5 {
		return 0
	}
	head := b[:min(len(b), 8)]
	for _, e := range quoteEntities {
		if len(head) >= len(e) && bytes.EqualFold(head[:len(e)], []byte(e)) {
			return len(e)
		}
	}
	return 0
}

// closes reports whether a delimiter of kind c may close a string opened by
// kind open.
func closes(open, c quoteKind) bool {
	switch open {
	case qDouble:
		return c == qDouble
	case qCurlyDouble:
		return c == qCurlyDouble || c == qDouble
	case qSingle, qCurlySingle:
		return c == qSingle || c == qCurlySingle
	case qEntity:
		return c == qEntity
	}
	return false
}

// quoteRule is the rule that reports a string opened by kind.
func quoteRule(k quoteKind) string {
	switch k {
	case qSingle:
		return "J005"
	case qEntity:
		return "J008"
	}
	return "J004"
}

// closeOK decides whether a delimiter that ends at j closes the string: it
// does when what follows can follow a string here. A quote followed by a
// letter or by more text is a quote inside the text.
func (r *repairer) closeOK(j int, isKey bool) bool {
	b := r.in
	k := skipSpaceTab(b, j)
	if k >= len(b) {
		return true
	}
	c := b[k]
	switch c {
	case '\n', '\r':
		return isKey || r.lineStartsItem(k, true, qNone)
	case ':':
		return isKey || r.keyInArray(k+1)
	case ',':
		return isKey || r.itemFollows(k+1)
	case '}':
		return r.objects > 0
	case ']':
		return r.arrays > 0 || (r.atTop() && bytes.HasPrefix(b[k:], []byte("]]>")))
	case '/':
		return k+1 < len(b) && (b[k+1] == '/' || b[k+1] == '*')
	case ';':
		return r.atTop()
	case ')':
		if len(r.calls) > 0 {
			return true
		}
		// ["a", "b") typed a parenthesis for the bracket.
		f := r.top()
		m := skipSpaceTab(b, k+1)
		return f != nil && f.kind == '[' && !f.virtual &&
			(m >= len(b) || b[m] == ',' || b[m] == '}' || b[m] == ']' || b[m] == '\n' || b[m] == '\r')
	case '+':
		k = skipLook(b, k+1, 16*lookahead)
		if k >= len(b) {
			return false
		}
		q, _ := quoteAt(b, k)
		return q != qNone
	case '-':
		if r.atTop() && bytes.HasPrefix(b[k:], []byte("-->")) {
			return true
		}
	case '`':
		if r.fenceEnds(k) {
			return true
		}
	}
	if isKey {
		return startsValue(b, k)
	}
	if r.inObject() && r.strayTextEnd(k) >= 0 {
		return true // "a" TODO "b": stray text, then the next key
	}
	if q, n := quoteAt(b, k); q != qNone {
		// Another quote: either the real end of this string (then this one
		// is text) or the start of the next member or element after a
		// missing comma.
		if r.inObject() {
			return r.quotedKeyAt(q, k+n, min(len(b), k+lookahead))
		}
		return !r.quoteEnds(k + n)
	}
	if c == '{' || c == '[' {
		return r.arrays > 0
	}
	return r.arrays > 0 && r.scalarThenDelimiter(k)
}

// keyQuoteIsText reports whether a straight quote ending at j inside a key
// is text: a word follows it at once and the key's real closing quote, the
// one a ':' follows, comes later on the line. {"k"e"y": 1} is one key.
func (r *repairer) keyQuoteIsText(j int) bool {
	b := r.in
	if j >= len(b) || !(isWordStart(b, j) || isDigit(b[j])) {
		return false
	}
	end := min(len(b), j+lookahead)
	for k := j; k < end; k++ {
		switch b[k] {
		case ':':
			e := trimSpaceBack(b, j, k)
			return e > j && b[e-1] == '"'
		case ',', '{', '}', '[', ']', '\n', '\r':
			return false
		}
	}
	return false
}

// keyInArray reports whether a ':' that ends at k, after a string in an
// array, makes that string a key: ["name": "Acme"] lost the braces of its
// object. A value must follow the colon.
func (r *repairer) keyInArray(k int) bool {
	f := r.top()
	if f == nil || f.kind != '[' || f.virtual {
		return false
	}
	k = skipSpaceTab(r.in, k)
	return k < len(r.in) && startsValue(r.in, k)
}

// fenceEnds reports whether a Markdown code fence at k ends the block:
// only white space follows it.
func (r *repairer) fenceEnds(k int) bool {
	return bytes.HasPrefix(r.in[k:], []byte("```")) && isBlank(r.in[k+3:])
}

// quoteEnds reports whether a quote ending at j is followed by what may
// follow the end of a string.
func (r *repairer) quoteEnds(j int) bool {
	k := skipSpaceTab(r.in, j)
	if k >= len(r.in) {
		return true
	}
	switch r.in[k] {
	case ',', '}', ']', ':', '\n', '\r':
		return true
	}
	return false
}

// scalarThenDelimiter reports whether a number or literal starts at k and
// a delimiter follows it: ["a" 2] lacks a comma, "24" screen" does not.
func (r *repairer) scalarThenDelimiter(k int) bool {
	b := r.in
	j := k
	if b[j] == '-' {
		j++
	}
	start := j
	for j < len(b) && j-k < lookahead && (isDigit(b[j]) || b[j] == '.' || b[j] == 'e' || b[j] == 'E' || b[j] == '+' || b[j] == '-') {
		j++
	}
	if j == start {
		for _, w := range []string{"true", "false", "null"} {
			if literalAt(b, k, w) {
				j = k + len(w)
				break
			}
		}
		if j == start {
			return false
		}
	}
	j = skipSpaceTab(b, j)
	return j >= len(b) || b[j] == ',' || b[j] == ']' || b[j] == '}' || b[j] == '\n' || b[j] == '\r'
}

// itemFollows reports whether what comes after a comma at k is the next
// member or element (or a closer), so the comma can end a string.
func (r *repairer) itemFollows(k int) bool {
	b := r.in
	k = skipLook(b, k, 16*lookahead)
	if k >= len(b) {
		return true
	}
	switch c := b[k]; {
	case c == '}' || c == ']' || c == ',' || bytes.HasPrefix(b[k:], []byte("...")):
		return true
	case c == '/':
		return true
	case r.inObject():
		return r.keyAt(k)
	case len(r.stack) == 0:
		return c == '{' || c == '['
	case c == '{' || c == '[' || c == '-' || isDigit(c):
		return true
	default:
		if q, _ := quoteAt(b, k); q != qNone {
			return true
		}
		return isWordStart(b, k) && r.bareElement(k)
	}
}

// bareElement reports whether a bare word at k runs to the next ',' or ']'
// without a quote: ["a", b] lacks quotes around b, while "a "b", c" is text.
func (r *repairer) bareElement(k int) bool {
	b := r.in
	for j := k; j < len(b) && j-k < lookahead; j++ {
		switch b[j] {
		case ',', ']', '\n', '\r':
			return true
		case '"', '\'', '{', '}', '[', ':':
			return false
		}
	}
	return len(b)-k < lookahead
}

// keyAt reports whether an object key followed by ':' starts at k: a
// quoted one, or a bare word.
func (r *repairer) keyAt(k int) bool {
	b := r.in
	if k >= len(b) {
		return false
	}
	end := min(len(b), k+lookahead)
	q, n := quoteAt(b, k)
	if q == qNone {
		if !isKeyChar(b, k) {
			return false
		}
		j := k
		for j < end && (isKeyChar(b, j) || isDigit(b[j]) || b[j] == '.') {
			j += max(runeLen(b, j), 1)
		}
		if j < len(b) && b[j] == '"' {
			j++ // a key missing only its opening quote
		}
		j = skipSpaceTab(b, j)
		return (j < len(b) && b[j] == ':') || r.strayTextEnd(k) >= 0
	}
	return r.quotedKeyAt(q, k+n, end)
}

// strayTextEnd reports where bare text that starts at k gives way to a
// quoted key on the same line: {"a": 1, COMMENT "b": 2} holds a word that
// belongs nowhere. It returns -1 when no key follows.
func (r *repairer) strayTextEnd(k int) int {
	b := r.in
	if k >= len(b) || !isWordStart(b, k) {
		return -1
	}
	end := min(len(b), k+lookahead)
	for j := k; j < end; j++ {
		switch b[j] {
		case ',', ':', '{', '}', '[', ']', '\n', '\r', '\\':
			return -1
		}
		if q, n := quoteAt(b, j); q != qNone {
			if isSpace(b[j-1]) && r.quotedKeyAt(q, j+n, min(len(b), j+lookahead)) {
				return j
			}
			return -1
		}
	}
	return -1
}

// quotedKeyAt reports whether a quoted key whose content starts at j
// closes before end and a ':' follows it.
func (r *repairer) quotedKeyAt(open quoteKind, j, end int) bool {
	b := r.in
	from := j
	for j < end {
		c := b[j]
		if (c == '}' || c == ']') && open == qDouble && len(b)-j < lookahead && isBlank(b[j+1:]) {
			// A key left open by the end of the block: {"a": 1, "b:2}.
			return bytes.IndexByte(b[from:j], ':') >= 0
		}
		if c == '\n' || c == '\r' || c == '{' || c == '}' || c == '[' || c == ']' || c == ',' {
			return false
		}
		if c == '\\' {
			j += 2
			continue
		}
		if c == ':' && open == qDouble && r.colonEndsKey(j) {
			return true // {"name:"Ann"}
		}
		if q, n := quoteAt(b, j); q != qNone && (q != qSingle || open == qSingle || open == qCurlySingle) {
			if q == qDouble && open == qDouble && r.keyQuoteIsText(j+n) {
				return true // {"k"e"y": 1}; keyQuoteIsText found the ':'
			}
			k := skipSpaceTab(b, j+n)
			return k < len(b) && (b[k] == ':' || (b[k] == '=' && (k+1 == len(b) || b[k+1] != '=')))
		}
		j++
	}
	return false
}

// lineStartsItem decides, at a line break, whether the next line starts a
// new member, a new element or a closing bracket. A string still open at
// such a line break was left open by mistake; otherwise the line break is
// part of the text. After a closing-quote candidate (loose), a bare key
// also starts a member; for a string still open, a line "Note: …" of its
// text must not end it, so only keys quoted like the string (family, or any
// when qNone) count.
func (r *repairer) lineStartsItem(k int, loose bool, family quoteKind) bool {
	b := r.in
	k = skipLook(b, k, 16*lookahead)
	end := min(len(b), k+lookahead)
	if k >= len(b) {
		return true
	}
	if isSpace(b[k]) || b[k] == '/' || b[k] == '#' {
		return false // more blank lines or comments than we look ahead
	}
	c := b[k]
	switch {
	case c == ',':
		return r.itemFollows(k + 1)
	case c == '}':
		return r.objects > 0
	case c == ']':
		return r.arrays > 0
	case r.inObject():
		q, n := quoteAt(b, k)
		if q == qNone {
			return loose && r.keyAt(k)
		}
		if family != qNone && !closes(family, q) {
			return false
		}
		return r.quotedKeyAt(q, k+n, end)
	case len(r.stack) == 0:
		return false
	}
	if q, _ := quoteAt(b, k); q != qNone {
		return true
	}
	return c == '{' || c == '['
}
