package template

import (
	"bytes"

	"github.com/ldfix/ldfix/fixer/source"
)

// role is the part a tag plays in the template's block structure.
type role uint8

const (
	plain    role = iota // stands alone: an output or a statement
	opener               // starts a block: {% if %}, {{#each}}, <% x.each do %>
	brancher             // starts another branch of the open block: {% else %}, {{else}}
	closer               // ends the open block: {% endfor %}, {{/if}}, <% end %>
)

// tag is one piece of template code found in the file.
type tag struct {
	span source.Span
	kind Kind
	role role
	// loop is set on openers that repeat their body.
	loop bool
	// silent is set on openers whose body is not printed where it stands
	// (capture, macro, define, set blocks, Shopify schema).
	silent bool
	// unterminated is set when no closing delimiter was found.
	unterminated bool
	// sep is set on code that prints the comma between items: an output
	// tag with a comma literal ({{ "," if not loop.last }}), or a merged
	// conditional around a comma ({% unless forloop.last %},{% endunless %}).
	sep bool
}

// scanTags finds every piece of template code in data, in order. It never
// fails: an opening delimiter without a close becomes an unterminated tag
// that covers the rest of its line.
func scanTags(data []byte) []tag {
	var tags []tag
	var rawEnd int
	h := &hints{data: data}
	o := newOpeners(data)
	for i := 0; i < len(data); {
		j := o.next(i)
		if j < 0 {
			break
		}
		i = j
		var (
			t    tag
			next int
			ok   bool
		)
		if data[i] == '{' {
			t, next, ok, rawEnd = scanBrace(h, i)
		} else {
			t, next, ok = scanAngle(data, i)
		}
		if !ok {
			i++
			continue
		}
		if t.kind == Output && bytes.IndexByte(data[t.span.Start:t.span.End], ',') >= 0 && separator().Match(data[t.span.Start:t.span.End]) {
			t.sep = true
		}
		tags = append(tags, t)
		// A raw or verbatim block prints its body literally, so tags inside
		// it are text; only its end tag is code.
		if next > t.span.End {
			tags = append(tags, tag{span: source.Span{Start: rawEnd, End: next}, kind: Control})
		}
		i = next
	}
	return tags
}

// openers finds where a tag can start: at a '{', or at a '<' followed by
// '?' or '%' (PHP and ERB). A page holds a '<' every few bytes; looking for
// "<?" and "<%" as wholes passes over the others at once. Each position is
// looked for again only once the scan has passed it, so the scan stays
// linear.
type openers struct {
	data           []byte
	brace, pi, erb int // next '{', "<?" and "<%" at or after the last query; -1: none left
}

func newOpeners(data []byte) *openers {
	return &openers{data: data, brace: -2, pi: -2, erb: -2}
}

// next returns the first opener at or after i, or -1.
func (o *openers) next(i int) int {
	o.brace = o.refresh(o.brace, i, "{")
	o.pi = o.refresh(o.pi, i, "<?")
	o.erb = o.refresh(o.erb, i, "<%")
	best := -1
	for _, p := range [...]int{o.brace, o.pi, o.erb} {
		if p >= 0 && (best < 0 || p < best) {
			best = p
		}
	}
	return best
}

// refresh returns pos, or the next occurrence of s at or after i when pos
// lies before i.
func (o *openers) refresh(pos, i int, s string) int {
	if pos == -1 || pos >= i {
		return pos
	}
	k := bytes.Index(o.data[i:], []byte(s))
	if k < 0 {
		return -1
	}
	return i + k
}

// scanBrace reads a tag that starts with '{' at i: {{ }}, {{{ }}},
// {{{{raw}}}}, {{! }}, {{!-- --}}, {{/* */}}, {% %} and {# #}. It returns
// the tag, the offset scanning goes on from, and false when there is no
// tag at i.
func scanBrace(h *hints, i int) (t tag, next int, ok bool, rawEnd int) {
	data := h.data
	t, next, ok = scanBraceTag(h, i)
	if ok && next > t.span.End {
		rawEnd = rawEndTag(data, next)
	}
	return t, next, ok, rawEnd
}

// rawEndTag is where the end tag of a raw block that ends at end starts.
func rawEndTag(data []byte, end int) int {
	k := bytes.LastIndex(data[:end], []byte("{%"))
	if bytes.HasSuffix(data[:end], []byte("}}}}")) {
		k = bytes.LastIndex(data[:end], []byte("{{{{/"))
	}
	return k
}

func scanBraceTag(h *hints, i int) (tag, int, bool) {
	data := h.data
	rest := data[i:]
	switch {
	case bytes.HasPrefix(rest, []byte("{{{{")):
		return scanRawBlock(h, i)
	case bytes.HasPrefix(rest, []byte("{{{")):
		return delimited(data, i, 3, "}}}", Output, true)
	case bytes.HasPrefix(rest, []byte("{{!--")):
		return delimitedWithin(data, i, 5, "--}}", Comment, "{{!--")
	case bytes.HasPrefix(rest, []byte("{{!")):
		return delimitedWithin(data, i, 3, "}}", Comment, "{{")
	case isGoComment(rest):
		return scanGoComment(data, i)
	case bytes.HasPrefix(rest, []byte("{{")):
		t, next, ok := delimited(data, i, 2, "}}", Output, true)
		if ok && !t.unterminated {
			classifyCurly(&t, data[i+2:t.span.End-2])
		}
		return t, next, ok
	case bytes.HasPrefix(rest, []byte("{%")):
		t, next, ok := delimited(data, i, 2, "%}", Control, true)
		if !ok || t.unterminated {
			return t, next, ok
		}
		word := classifyPercent(&t, data[i+2:t.span.End-2])
		switch word {
		case "raw", "verbatim":
			return scanRawBody(h, t, "end"+word)
		case "comment":
			return scanCommentBody(h, t)
		}
		return t, next, ok
	case bytes.HasPrefix(rest, []byte("{#")):
		// "{#" also starts private fields in scripts; only a closed one
		// is a template comment.
		end := bytes.Index(window(rest, 2, "{#"), []byte("#}"))
		if end < 0 {
			return tag{}, 0, false
		}
		stop := i + 2 + end + 2
		return tag{span: source.Span{Start: i, End: stop}, kind: Comment}, stop, true
	}
	return tag{}, 0, false
}

// scanAngle reads a tag that starts with '<' at i: PHP (<?php, <?=, <? )
// and ERB (<% %>, <%= %>, <%# %>).
func scanAngle(data []byte, i int) (tag, int, bool) {
	rest := data[i:]
	switch {
	case hasFoldPrefix(rest, "<?php") && (len(rest) == 5 || isSpace(rest[5])):
		return scanPHP(data, i, 5)
	case bytes.HasPrefix(rest, []byte("<?=")):
		return scanPHP(data, i, 3)
	case bytes.HasPrefix(rest, []byte("<?")) && len(rest) > 2 && isSpace(rest[2]):
		return scanPHP(data, i, 2)
	case bytes.HasPrefix(rest, []byte("<%%")):
		// ERB's escape for a literal "<%".
		return tag{}, 0, false
	case bytes.HasPrefix(rest, []byte("<%")):
		// A tag holds no other "<%": searching only up to the next one keeps
		// many unclosed tags linear.
		end := bytes.Index(window(rest, 2, "<%"), []byte("%>"))
		if end < 0 {
			return unclosed(data, i, 2)
		}
		stop := i + 2 + end + 2
		t := tag{span: source.Span{Start: i, End: stop}}
		classifyERB(&t, data[i+2:stop-2])
		return t, stop, true
	}
	return tag{}, 0, false
}

// delimited reads a tag of open bytes at i that ends with close. When
// quoted is set, strings inside the tag are skipped so "{{ "a}}b" }}" is
// one tag.
//
// A tag cannot hold the opening of another one: "{{ page.title" followed
// later by "{{ x }}" is an unterminated tag, not one tag up to the later
// "}}", so a missing close does not swallow the JSON after it.
func delimited(data []byte, i, open int, close string, kind Kind, quoted bool) (tag, int, bool) {
	limit := len(data)
	if quoted {
		limit = nextOpener(data, i+open)
	}
	within := data[:limit]
	end := -1
	if quoted {
		end = closeQuoted(within, i+open, close)
	}
	if end < 0 {
		if k := bytes.Index(within[i+open:], []byte(close)); k >= 0 {
			end = i + open + k + len(close)
		}
	}
	if end < 0 {
		return unclosed(data, i, open)
	}
	return tag{span: source.Span{Start: i, End: end}, kind: kind}, end, true
}

// nextOpener is the offset of the next "{{" or "{%" at or after from, or
// the end of data.
func nextOpener(data []byte, from int) int {
	for k := from; k+1 < len(data); k++ {
		if data[k] == '{' && (data[k+1] == '{' || data[k+1] == '%') {
			return k
		}
	}
	return len(data)
}

// closeQuoted finds the end of close after from, skipping quoted strings
// ("…", '…', `…`). A string that reaches the end of its line is not a
// string (an apostrophe in a comment, a typo), so the caller falls back to
// the first close.
func closeQuoted(data []byte, from int, close string) int {
	for i := from; i < len(data); i++ {
		c := data[i]
		switch {
		case c == close[0] && bytes.HasPrefix(data[i:], []byte(close)):
			return i + len(close)
		case c == '"' || c == '\'' || c == '`':
			end := quoteEnd(data, i)
			if end < 0 {
				return -1
			}
			i = end
		}
	}
	return -1
}

// quoteEnd returns the offset of the quote that closes the string opened
// at i, or -1 when the line ends first.
func quoteEnd(data []byte, i int) int {
	q := data[i]
	for k := i + 1; k < len(data); k++ {
		switch data[k] {
		case q:
			return k
		case '\\':
			if q != '`' {
				k++
			}
		case '\n', '\r':
			return -1
		}
	}
	return -1
}

// unclosed returns an unterminated tag; scanning goes on right after it.
func unclosed(data []byte, i, open int) (tag, int, bool) {
	t := unterminated(data, i, open)
	return t, t.span.End, true
}

// unterminated is an opening delimiter with no close. It covers the rest
// of its line, so neither the repairer nor a fix touches the broken code,
// except the quote and comma that end the line: in "{{ page.title ", the
// JSON string still ends where the author ended it. An unclosed output
// tag still stands for a value.
func unterminated(data []byte, i, open int) tag {
	end := lineEnd(data, i)
	for end > i+open && bytes.IndexByte([]byte(" \t\",'"), data[end-1]) >= 0 {
		end--
	}
	kind := Control
	if rest := data[i:]; bytes.HasPrefix(rest, []byte("{{")) && !bytes.HasPrefix(rest, []byte("{{!")) && !isGoComment(rest) ||
		bytes.HasPrefix(rest, []byte("<%=")) {
		kind = Output
	}
	return tag{span: source.Span{Start: i, End: max(end, i+open)}, kind: kind, unterminated: true}
}

// lineEnd is the offset of the line break that ends the line holding i,
// or the end of data.
func lineEnd(data []byte, i int) int {
	if k := bytes.IndexAny(data[i:], "\r\n"); k >= 0 {
		return i + k
	}
	return len(data)
}

func isGoComment(rest []byte) bool {
	return bytes.HasPrefix(rest, []byte("{{/*")) || bytes.HasPrefix(rest, []byte("{{- /*"))
}

// scanGoComment reads {{/* … */}} and {{- /* … */ -}}.
func scanGoComment(data []byte, i int) (tag, int, bool) {
	open := bytes.Index(data[i:], []byte("/*")) + 2
	// Comments do not nest: searching only up to the next "{{/*" keeps
	// many unclosed comments linear.
	limit := i + open + len(window(data[i:], open, "{{/*"))
	for k := i + open; ; {
		c := bytes.Index(data[k:limit], []byte("*/"))
		if c < 0 {
			return unclosed(data, i, open)
		}
		after := bytes.TrimLeft(data[k+c+2:], " \t\r\n-")
		if bytes.HasPrefix(after, []byte("}}")) {
			stop := len(data) - len(after) + 2
			return tag{span: source.Span{Start: i, End: stop}, kind: Comment}, stop, true
		}
		k += c + 2
	}
}

// scanPHP reads a PHP block. PHP allows the last block of a file to run to
// the end without "?>", so that is not an error.
func scanPHP(data []byte, i, open int) (tag, int, bool) {
	end := closeQuoted(data, i+open, "?>")
	if end < 0 {
		if k := bytes.Index(data[i+open:], []byte("?>")); k >= 0 {
			end = i + open + k + 2
		} else {
			end = len(data)
		}
	}
	t := tag{span: source.Span{Start: i, End: end}}
	body := data[i+open : end]
	body = bytes.TrimSuffix(body, []byte("?>"))
	classifyPHP(&t, body, open == 3)
	return t, end, true
}

// scanRawBlock reads a Handlebars raw block {{{{raw}}}} … {{{{/raw}}}}: the
// opening and closing tags are code, the body is printed as it stands.
func scanRawBlock(h *hints, i int) (tag, int, bool) {
	data := h.data
	t, next, ok := delimited(data, i, 4, "}}}}", Control, true)
	if !ok || t.unterminated || next > h.lastIndex("{{{{/") {
		return t, next, ok
	}
	k := bytes.Index(data[next:], []byte("{{{{/"))
	c := bytes.Index(data[next+k:], []byte("}}}}"))
	if c < 0 {
		return t, next, ok
	}
	return t, next + k + c + len("}}}}"), ok
}

// scanRawBody skips the body of {% raw %} or {% verbatim %} up to its end
// tag; the body is text.
func scanRawBody(h *hints, open tag, endWord string) (tag, int, bool) {
	data := h.data
	if open.span.End > h.lastIndex(endWord) {
		// Unclosed: a quick answer keeps many unclosed raw tags linear.
		return open, open.span.End, true
	}
	for k := open.span.End; ; {
		at := bytes.Index(data[k:], []byte("{%"))
		if at < 0 {
			return open, open.span.End, true
		}
		t, next, ok := delimited(data, k+at, 2, "%}", Control, true)
		if ok && !t.unterminated && firstWord(trimTag(data[k+at+2:next-2])) == endWord {
			return open, next, true
		}
		k += at + 2
	}
}

// scanCommentBody makes {% comment %} … {% endcomment %} one comment.
func scanCommentBody(h *hints, open tag) (tag, int, bool) {
	_, next, _ := scanRawBody(h, open, "endcomment")
	open.kind = Comment
	open.role = plain
	open.span.End = next
	return open, next, true
}

func hasFoldPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// hints answers the questions a scan asks about the whole input once, so
// that many unclosed tags do not each search to the end of the file.
type hints struct {
	data []byte
	last map[string]int
}

// lastIndex is the offset of the last needle in the input, or -1.
func (h *hints) lastIndex(needle string) int {
	if at, ok := h.last[needle]; ok {
		return at
	}
	if h.last == nil {
		h.last = map[string]int{}
	}
	at := bytes.LastIndex(h.data, []byte(needle))
	h.last[needle] = at
	return at
}

// window is b from offset from up to the next occurrence of stop.
func window(b []byte, from int, stop string) []byte {
	w := b[from:]
	if k := bytes.Index(w, []byte(stop)); k >= 0 {
		w = w[:k]
	}
	return w
}

// delimitedWithin reads a comment tag that ends with close, looking no
// further than the next stop.
func delimitedWithin(data []byte, i, open int, close string, kind Kind, stop string) (tag, int, bool) {
	w := window(data, i+open, stop)
	k := bytes.Index(w, []byte(close))
	if k < 0 {
		return unclosed(data, i, open)
	}
	end := i + open + k + len(close)
	return tag{span: source.Span{Start: i, End: end}, kind: kind}, end, true
}
