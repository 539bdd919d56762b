// Package source owns the bytes ldfix reads: a named file, byte spans into
// it, the line index that turns an offset into a line and column, and the
// offset maps that carry positions in derived text (a block, a repaired
// block) back to the file.
package source

import (
	"sort"
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

	lines []int // offsets of line starts, built on first use
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
	if f.lines == nil {
		f.lines = LineStarts(f.Data)
	}
	off = min(max(off, 0), len(f.Data))
	i := sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off }) - 1
	start := f.lines[i]
	return Position{Line: i + 1, Column: utf8.RuneCount(f.Data[start:off]) + 1}
}

// LineStarts returns the offset of the first byte of every line. A line ends
// after "\n", or after a "\r" not followed by "\n" (old Mac files).
func LineStarts(data []byte) []int {
	starts := []int{0}
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				continue
			}
			starts = append(starts, i+1)
		}
	}
	return starts
}
