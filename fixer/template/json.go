package template

import (
	"bytes"
	"slices"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// masker writes the masked text. Inside JSON-LD blocks it follows the JSON
// around each hole, so a hole is masked as what stands there when the page
// is rendered: string text, a value, or nothing.
type masker struct {
	data, out []byte
	holes     []Hole
	diags     []diag.Diagnostic
}

// state is what the JSON grammar expects next.
type state uint8

const (
	expValue state = iota
	expKey
	afterKey
	afterValue
)

// jsonScan is the JSON reading of one block.
type jsonScan struct {
	*masker
	end    int
	stack  []byte // '{' or '['
	st     state
	inStr  bool
	strKey bool
	closer byte // what ends the open string: '"', '\'', 'c' (curly double), 's' (curly single), 'q' (&quot;)
	blocks []blockRec
	loops  []int // indices in blocks of the open loops
	// prev is the last significant byte outside strings, for loops that
	// start right after a bracket.
	prev byte
	// keyReported is set once X101 is reported for the open key string.
	keyReported bool
}

// blockRec is an open template block and, for a loop, what its body prints
// at the nesting depth where it starts.
type blockRec struct {
	loop, active bool
	depth        int
	open         source.Span
	prev         byte // significant byte before the block
	startTop     byte // container the block stands in
	startState   state
	first, last  byte // first and last significant token of the body: 'v' value, ','
	firstOff     int
	lastOff      int
	commas       int
	values       int
	sep          bool // a hole that may print a separator
}

func (m *masker) report(d diag.Diagnostic) { m.diags = append(m.diags, d) }

func (m *masker) sortedHoles() []Hole {
	slices.SortFunc(m.holes, func(a, b Hole) int { return a.Span.Start - b.Span.Start })
	return m.holes
}

// run masks every tag, reading JSON-LD blocks as JSON.
func (m *masker) run(tags []tag) {
	regions := jsonRegions(m.data, tags)
	k := 0
	for _, r := range regions {
		for ; k < len(tags) && tags[k].span.Start < r.Start; k++ {
			m.outside(tags[k])
		}
		first := k
		for k < len(tags) && tags[k].span.End <= r.End {
			k++
		}
		js := &jsonScan{masker: m, end: r.End, st: expValue}
		js.block(r.Start, tags[first:k])
	}
	for ; k < len(tags); k++ {
		m.outside(tags[k])
	}
}

// outside masks a hole outside any JSON-LD block with spaces.
func (m *masker) outside(t tag) {
	m.blank(t.span)
	m.holes = append(m.holes, Hole{Span: t.span, Kind: t.kind, Context: Outside})
}

// blank replaces a span with spaces, keeping line breaks so the masked
// text has the original's lines.
func (m *masker) blank(s source.Span) {
	for i := s.Start; i < s.End; i++ {
		if c := m.data[i]; c != '\n' && c != '\r' {
			m.out[i] = ' '
		}
	}
}

// text replaces a span with letters that are harmless inside a string.
func (m *masker) text(s source.Span) {
	for i := s.Start; i < s.End; i++ {
		m.out[i] = 'x'
	}
}

// value replaces a span with a string value of the same length, so that
// the property stays present; a one-byte span becomes 0.
func (m *masker) value(s source.Span) {
	if s.Len() < 2 {
		m.out[s.Start] = '0'
		return
	}
	m.text(s)
	m.out[s.Start], m.out[s.End-1] = '"', '"'
}

// jsonRegions finds the JSON-LD blocks of a file read with its template
// code blanked: the bodies of <script type="application/ld+json"> elements,
// or the whole file when it is JSON.
func jsonRegions(data []byte, tags []tag) []source.Span {
	plain := bytes.Clone(data)
	for _, t := range tags {
		for i := t.span.Start; i < t.span.End; i++ {
			plain[i] = ' '
		}
	}
	if body := bytes.TrimLeft(plain, " \t\r\n\ufeff"); len(body) > 0 && (body[0] == '{' || body[0] == '[') {
		return []source.Span{{Start: 0, End: len(data)}}
	}
	var out []source.Span
	for _, e := range scriptElements(plain) {
		if e.jsonLD {
			out = append(out, e.body)
		}
	}
	return out
}

// script is one script element: its body and whether it is JSON-LD.
type script struct {
	body   source.Span
	jsonLD bool
}

// scriptElements finds the script elements of an HTML text. An element
// without an end tag runs to the end.
func scriptElements(data []byte) []script {
	var out []script
	for i := 0; ; {
		start := indexFold(data, i, "<script")
		if start < 0 {
			return out
		}
		gt := bytes.IndexByte(data[start:], '>')
		if gt < 0 {
			return out
		}
		body := start + gt + 1
		end := len(data)
		if c := indexFold(data, body, "</script"); c >= 0 {
			end = c
		}
		out = append(out, script{body: source.Span{Start: body, End: end}, jsonLD: containsFold(data[start:body], "ld+json")})
		i = end
	}
}

// containsFold reports whether b holds the lower-case ASCII word, ignoring
// ASCII case.
func containsFold(b []byte, word string) bool {
	for i := 0; i+len(word) <= len(b); i++ {
		if asciiFoldEqual(b[i:i+len(word)], word) {
			return true
		}
	}
	return false
}

// indexFold returns the offset of the first match of the lower-case ASCII
// word at or after from, ignoring ASCII case only, or -1. It jumps between
// the occurrences of the word's first byte, which must not be a letter; the
// page is neither copied nor lower-cased (bytes.ToLower would rewrite
// invalid UTF-8 and move offsets).
func indexFold(data []byte, from int, word string) int {
	for i := from; i+len(word) <= len(data); i++ {
		k := bytes.IndexByte(data[i:], word[0])
		if k < 0 {
			return -1
		}
		i += k
		if i+len(word) <= len(data) && asciiFoldEqual(data[i:i+len(word)], word) {
			return i
		}
	}
	return -1
}

// asciiFoldEqual reports whether b equals the lower-case word once its
// ASCII upper-case letters are lowered.
func asciiFoldEqual(b []byte, word string) bool {
	for i := range len(word) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != word[i] {
			return false
		}
	}
	return true
}

// block reads one JSON-LD block from start, masking its holes.
func (j *jsonScan) block(start int, tags []tag) {
	at := start
	for _, t := range tags {
		j.textRun(at, t.span.Start)
		j.hole(t, tags)
		at = t.span.End
	}
	j.textRun(at, j.end)
}

// textRun reads the JSON text between holes.
func (j *jsonScan) textRun(a, b int) {
	d := j.data
	for i := a; i < b; i++ {
		c := d[i]
		if j.inStr {
			i = j.inString(i, b)
			continue
		}
		switch {
		case isSpace(c):
		case c == '"' || c == '\'':
			j.openString(c, i)
		case c == '{' || c == '[':
			j.token('v', i)
			j.stack = append(j.stack, c)
			j.st = expValue
			if c == '{' {
				j.st = expKey
			}
			j.prev = c
		case c == '}' || c == ']':
			if n := len(j.stack); n > 0 {
				j.stack = j.stack[:n-1]
			}
			j.st = afterValue
			j.prev = c
		case c == ':':
			j.st = expValue
			j.prev = c
		case c == ',':
			j.token(',', i)
			j.st = expValue
			if n := len(j.stack); n > 0 && j.stack[n-1] == '{' {
				j.st = expKey
			}
			j.prev = c
		case c == '/' && i+1 < b && (d[i+1] == '/' || d[i+1] == '*'):
			i = skipComment(d, i, b) - 1
		case bytes.HasPrefix(d[i:b], []byte("&quot;")):
			j.openString('q', i)
			i += len("&quot;") - 1
		case isCurlyDouble(d[i:b]):
			j.openString('c', i)
			i += 2
		case isCurlySingle(d[i:b]):
			j.openString('s', i)
			i += 2
		default:
			// A bare word: a number, true/false/null, or an unquoted key.
			for i+1 < b && !isDelim(d[i+1]) {
				i++
			}
			j.token('v', i)
			if j.st == expKey {
				j.st = afterKey
			} else {
				j.st = afterValue
			}
			j.prev = 'v'
		}
	}
}

// inString reads string text at i and returns the offset of the last byte
// it consumed. A line break ends a string, as the repairer reads it.
func (j *jsonScan) inString(i, b int) int {
	d := j.data
	c := d[i]
	switch {
	case c == '\\' && j.closer != 'q':
		if i+1 < b && d[i+1] != '\n' && d[i+1] != '\r' {
			return i + 1
		}
	case c == '\n' || c == '\r':
		j.closeString()
	case j.closer == '"' && c == '"', j.closer == '\'' && c == '\'':
		j.closeString()
	case j.closer == 'c' && (c == '"' || isCurlyDouble(d[i:b])):
		j.closeString()
		if c != '"' {
			return i + 2
		}
	case j.closer == 's' && (c == '\'' || isCurlySingle(d[i:b])):
		j.closeString()
		if c != '\'' {
			return i + 2
		}
	case j.closer == 'q' && bytes.HasPrefix(d[i:b], []byte("&quot;")):
		j.closeString()
		return i + len("&quot;") - 1
	}
	return i
}

func (j *jsonScan) openString(closer byte, at int) {
	j.inStr, j.closer = true, closer
	j.strKey = j.st == expKey
	j.keyReported = false
	j.token('v', at)
	j.prev = 'v'
}

func (j *jsonScan) closeString() {
	j.inStr = false
	if j.strKey {
		j.st = afterKey
	} else {
		j.st = afterValue
	}
}

// token records a significant token in the body of every loop open at the
// current depth.
func (j *jsonScan) token(kind byte, off int) {
	r := j.innerLoop()
	if r == nil {
		return
	}
	if r.first == 0 {
		r.first, r.firstOff = kind, off
	}
	r.last, r.lastOff = kind, off
	if kind == ',' {
		r.commas++
	} else if j.st != expValue || len(j.stack) == 0 || j.stack[len(j.stack)-1] == '[' {
		// A value that starts an element or member, not the value after
		// a key.
		r.values++
	}
}

// innerLoop is the innermost open loop when the JSON is at the depth its
// body started at, or nil. Only the innermost loop is followed, so deep
// nesting costs no more than flat.
func (j *jsonScan) innerLoop() *blockRec {
	if len(j.loops) == 0 {
		return nil
	}
	r := &j.blocks[j.loops[len(j.loops)-1]]
	if r.depth != len(j.stack) {
		return nil
	}
	return r
}

// hole masks one hole by the JSON around it.
func (j *jsonScan) hole(t tag, tags []tag) {
	h := Hole{Span: t.span, Kind: t.kind}
	switch {
	case j.inStr:
		j.text(t.span)
		h.Value, h.Context = true, InString
		if j.strKey {
			h.Context = InKey
			j.placeholderKey(t.span)
		}
	case t.kind == Output && j.st == expValue && !(t.sep && startsValue(j.nextByte(t.span.End, tags))):
		j.value(t.span)
		h.Value, h.Context = true, AtValue
		j.token('v', t.span.Start)
		j.st, j.prev = afterValue, 'v'
	case t.kind == Output && !t.sep && j.st == expKey && j.nextByte(t.span.End, tags) == ':':
		j.value(t.span)
		h.Value, h.Context = true, InKey
		j.placeholderKey(t.span)
		j.token('v', t.span.Start)
		j.st, j.prev = afterKey, 'v'
	default:
		j.blank(t.span)
		h.Context = Between
		if t.sep || t.kind == Output {
			j.markSeparator()
		}
	}
	j.holes = append(j.holes, h)
	switch t.role {
	case opener:
		r := j.openBlock(t)
		j.blocks = append(j.blocks, r)
		if r.loop && r.active {
			j.loops = append(j.loops, len(j.blocks)-1)
		}
	case closer:
		if n := len(j.blocks); n > 0 {
			r := j.blocks[n-1]
			j.blocks = j.blocks[:n-1]
			if k := len(j.loops); k > 0 && j.loops[k-1] == n-1 {
				j.loops = j.loops[:k-1]
			}
			if r.loop && r.active {
				j.closeLoop(r, t, tags)
			}
		}
	}
}

// placeholderKey reports a property name made by a placeholder, once per
// name.
func (j *jsonScan) placeholderKey(s source.Span) {
	if j.keyReported {
		return
	}
	j.keyReported = true
	j.report(diag.New("X101", -1, s, "property name %q is a template placeholder, so the property cannot be checked", j.data[s.Start:s.End]))
}

func (j *jsonScan) openBlock(t tag) blockRec {
	r := blockRec{loop: t.loop, active: !j.inStr, depth: len(j.stack), open: t.span, prev: j.prev, startState: j.st}
	if n := len(j.stack); n > 0 {
		r.startTop = j.stack[n-1]
	}
	return r
}

// markSeparator notes a hole that may print a comma in the innermost loop
// body at this depth.
func (j *jsonScan) markSeparator() {
	if r := j.innerLoop(); r != nil {
		r.sep = true
	}
}

// closeLoop checks the commas a loop body prints between its items. A
// comma that the loop prints after the last item (or before the first)
// joins the hole, so the repairer does not delete it; the author has to
// make it conditional.
func (j *jsonScan) closeLoop(r blockRec, end tag, tags []tag) {
	inList := r.startTop == '[' && (r.startState == expValue || r.startState == afterValue) ||
		r.startTop == '{' && (r.startState == expKey || r.startState == afterValue)
	if !inList || len(j.stack) != r.depth {
		return
	}
	if r.last == ',' {
		if next := j.nextByte(end.span.End, tags); next == ']' || next == '}' || next == 0 {
			j.strayComma(r.lastOff, "after the last item")
			j.st = afterValue
		}
	}
	if r.first == ',' && (r.prev == '[' || r.prev == '{') {
		j.strayComma(r.firstOff, "before the first item")
	}
	if r.values > 0 && r.commas == 0 && !r.sep {
		j.report(diag.New("X103", -1, r.open, "loop %q prints its items with no comma between them", j.data[r.open.Start:r.open.End]))
	}
}

func (j *jsonScan) strayComma(off int, where string) {
	if j.out[off] != ',' {
		return // already taken by an inner loop, or as both first and last
	}
	s := source.Span{Start: off, End: off + 1}
	j.blank(s)
	j.holes = append(j.holes, Hole{Span: s, Kind: Control, Context: Between})
	j.report(diag.New("X102", -1, s, "comma inside the loop body is printed %s as well; print it only between items", where))
}

// nextByte is the first significant byte of the block after off, skipping
// spaces and holes; 0 at the end of the block.
func (j *jsonScan) nextByte(off int, tags []tag) byte {
	k, _ := slices.BinarySearchFunc(tags, off, func(t tag, o int) int { return t.span.Start - o })
	for i := off; i < j.end; i++ {
		for k < len(tags) && tags[k].span.End <= i {
			k++
		}
		if k < len(tags) && tags[k].span.Start <= i {
			i = tags[k].span.End - 1
			continue
		}
		if !isSpace(j.data[i]) {
			return j.data[i]
		}
	}
	return 0
}

// skipComment returns the offset after a // or /* */ comment at i.
func skipComment(d []byte, i, b int) int {
	if d[i+1] == '/' {
		if k := bytes.IndexAny(d[i:b], "\r\n"); k >= 0 {
			return i + k
		}
		return b
	}
	if k := bytes.Index(d[i+2:b], []byte("*/")); k >= 0 {
		return i + 2 + k + 2
	}
	return b
}

// startsValue reports whether c can start a JSON value: a hole followed by
// one is not the value itself.
func startsValue(c byte) bool {
	return c != 0 && c != ',' && c != ']' && c != '}' && c != ':'
}

func isDelim(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', ',', ':', '{', '}', '[', ']', '"', '\'', '/':
		return true
	}
	return c >= 0x80
}

// isCurlyDouble reports a “ ” or „ at the start of b.
func isCurlyDouble(b []byte) bool {
	return len(b) >= 3 && b[0] == 0xE2 && b[1] == 0x80 && (b[2] == 0x9C || b[2] == 0x9D || b[2] == 0x9E)
}

// isCurlySingle reports a ‘ or ’ at the start of b.
func isCurlySingle(b []byte) bool {
	return len(b) >= 3 && b[0] == 0xE2 && b[1] == 0x80 && (b[2] == 0x98 || b[2] == 0x99)
}
