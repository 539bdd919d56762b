package lsp

import (
	"sort"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// lines converts between byte offsets and protocol positions, whose
// character is counted in UTF-16 code units (the protocol's default and
// the only unit of version 3.16).
type lines struct {
	text   []byte
	starts []int
}

func newLines(text []byte) *lines {
	l := &lines{text: text, starts: []int{0}}
	for i, c := range text {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

func (l *lines) position(off int) protocol.Position {
	off = max(0, min(off, len(l.text)))
	line := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	ch := 0
	for i := l.starts[line]; i < off; {
		r, n := utf8.DecodeRune(l.text[i:])
		if i+n > off {
			break
		}
		ch += utf16Len(r)
		i += n
	}
	return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(ch)}
}

// offset is the byte offset of p; a position past the end of its line is
// the line's end, as the protocol says.
func (l *lines) offset(p protocol.Position) int {
	line := int(p.Line)
	if line >= len(l.starts) {
		return len(l.text)
	}
	end := len(l.text)
	if line+1 < len(l.starts) {
		end = l.starts[line+1] - 1
		if end > l.starts[line] && l.text[end-1] == '\r' {
			end--
		}
	}
	i, ch := l.starts[line], 0
	for i < end && ch < int(p.Character) {
		r, n := utf8.DecodeRune(l.text[i:])
		ch += utf16Len(r)
		i += n
	}
	return i
}

func (l *lines) span(start, end int) protocol.Range {
	return protocol.Range{Start: l.position(start), End: l.position(end)}
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}
