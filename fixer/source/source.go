// Package source owns the bytes ldfix reads: a named file, byte spans into
// it, the line index that turns an offset into a line and column, and the
// offset maps that carry positions in derived text (a block, a repaired
// block) back to the file.
package source

import (
	"bytes"
	"slices"
	"sync"
	"unicode/utf8"
)

// Span is a half-open range of byte offsets [Start, End).
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether off lies inside the span.
func (s Span) Contains(off int) bool { return off >= s.Start && off < s.End }

// Shift moves the span by delta bytes.
func (s Span) Shift(delta int) Span { return Span{s.Start + delta, s.End + delta} }

// Position is a 1-based line and column. Columns count characters (runes),
// not bytes, so they match what an editor shows.
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// File is a named input and its bytes. The bytes are never modified.
type File struct {
	Name string
	Data []byte

	mu    sync.Mutex
	lines lineIndex
	last  position // the last position computed, to count on from
}

// position is a computed Position and the offset it is for.
type position struct {
	off, line, col int
}

// New returns a File for name holding data.
func New(name string, data []byte) *File { return &File{Name: name, Data: data} }

// Text returns the bytes covered by s, clamped to the file.
func (f *File) Text(s Span) []byte {
	s = f.clamp(s)
	return f.Data[s.Start:s.End]
}

func (f *File) clamp(s Span) Span {
	n := len(f.Data)
	s.Start = min(max(s.Start, 0), n)
	s.End = min(max(s.End, s.Start), n)
	return s
}

// Position returns the line and column of byte offset off. Offsets outside
// the file are clamped; an offset inside a UTF-8 sequence counts as the
// character that sequence starts.
func (f *File) Position(off int) Position {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.lines.starts == nil {
		f.lines.starts = []int{0}
		f.last = position{line: 1, col: 1}
	}
	off = min(max(off, 0), len(f.Data))
	// Findings sit in the blocks, often in the head of a long page: the
	// lines after the last offset asked for are never indexed.
	if off > f.lines.scanned {
		f.lines.extend(f.Data, off)
	}
	i, found := slices.BinarySearch(f.lines.starts, off)
	if !found {
		i--
	}
	// Minified pages put the whole page on a few lines, and findings come
	// roughly in file order: counting from the previous position, forwards
	// or backwards, keeps placing many findings on one long line linear.
	// Counting a range in two parts gives the same count when the second
	// part does not start inside a UTF-8 sequence.
	start := f.lines.starts[i]
	var col int
	switch last := f.last; {
	case last.line != i+1:
		col = 1 + utf8.RuneCount(f.Data[start:off])
	case last.off <= off && runeStart(f.Data, last.off):
		col = last.col + utf8.RuneCount(f.Data[last.off:off])
	case off < last.off && last.off-off < off-start && runeStart(f.Data, off):
		col = last.col - utf8.RuneCount(f.Data[off:last.off])
	default:
		col = 1 + utf8.RuneCount(f.Data[start:off])
	}
	f.last = position{off: off, line: i + 1, col: col}
	return Position{Line: i + 1, Column: col}
}

// runeStart reports whether off is the end of data or a byte that does not
// continue a UTF-8 sequence.
func runeStart(data []byte, off int) bool {
	return off == len(data) || utf8.RuneStart(data[off])
}

// LineStarts returns the offset of the first byte of every line. A line ends
// after "\n", or after a "\r" not followed by "\n" (old Mac files).
func LineStarts(data []byte) []int {
	x := lineIndex{starts: make([]int, 1, 1+bytes.Count(data, newline))}
	x.extend(data, len(data))
	return x.starts
}

var newline = []byte{'\n'}

// lineIndex holds the line starts of a prefix of a file: every start at
// or before scanned.
type lineIndex struct {
	starts  []int
	scanned int
}

// extend indexes the line breaks that begin before end.
//
// Pages are often minified into a few very long lines, so it jumps between
// line ends with bytes.IndexByte rather than looking at each byte; the
// search stops at end, so indexing a file in many small steps stays
// linear.
func (x *lineIndex) extend(data []byte, end int) {
	i := x.scanned
	// The next "\n" and "\r" at or after i (-1: none before end); each is
	// looked for again only once passed, so lone "\r"s far from any "\n"
	// stay linear.
	nl, cr := nextByte(data, i, end, '\n'), nextByte(data, i, end, '\r')
	for nl >= 0 || cr >= 0 {
		switch {
		case cr >= 0 && (nl < 0 || cr < nl) && cr+1 < len(data) && data[cr+1] == '\n':
			i = cr + 2 // "\r\n" ends one line
		case cr >= 0 && (nl < 0 || cr < nl):
			i = cr + 1
		default:
			i = nl + 1
		}
		x.starts = append(x.starts, i)
		if nl >= 0 && nl < i {
			nl = nextByte(data, i, end, '\n')
		}
		if cr >= 0 && cr < i {
			cr = nextByte(data, i, end, '\r')
		}
	}
	// A "\r\n" whose "\r" is the last byte looked at ends past end.
	x.scanned = max(end, i)
}

// nextByte returns the offset of the first c in data[from:end], or -1.
func nextByte(data []byte, from, end int, c byte) int {
	if from >= end {
		return -1
	}
	if k := bytes.IndexByte(data[from:end], c); k >= 0 {
		return from + k
	}
	return -1
}
