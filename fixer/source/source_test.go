package source

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestPosition(t *testing.T) {
	f := New("x", []byte("ab\n“c”d\r\nxy\rz"))
	for _, tc := range []struct {
		off       int
		line, col int
	}{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {6, 2, 2}, {7, 2, 3}, {10, 2, 4}, {13, 3, 1}, {16, 4, 1}, {99, 4, 2},
	} {
		if got := f.Position(tc.off); got != (Position{tc.line, tc.col}) {
			t.Errorf("Position(%d) = %v, want %d:%d", tc.off, got, tc.line, tc.col)
		}
	}
}

func TestOffsetMap(t *testing.T) {
	// original: `{“a”:1,}` ; derived: `{"a":1}`
	orig := "{“a”:1,}"
	reps := []Replacement{
		{Span{1, 4}, 1},   // “ -> "
		{Span{5, 8}, 1},   // ” -> "
		{Span{10, 11}, 0}, // , deleted
	}
	m := NewOffsetMap(reps)
	derived := `{"a":1}`
	for _, tc := range []struct{ dst, src int }{
		{0, 0}, {1, 1}, {2, 4}, {3, 5}, {4, 8}, {5, 9}, {6, 11}, {7, 12},
	} {
		if got := m.Offset(tc.dst); got != tc.src {
			t.Errorf("Offset(%d %q) = %d, want %d", tc.dst, derived[min(tc.dst, len(derived)-1)], got, tc.src)
		}
	}
	if got := m.Span(Span{1, 4}); orig[got.Start:got.End] != "“a”" {
		t.Errorf("Span of the key = %q", orig[got.Start:got.End])
	}
	if got := m.Shifted(100).Offset(2); got != 104 {
		t.Errorf("Shifted Offset = %d, want 104", got)
	}
	if got := (&OffsetMap{}).Shifted(7).Offset(3); got != 10 {
		t.Errorf("identity Shifted = %d, want 10", got)
	}
	var nilMap *OffsetMap
	if nilMap.Offset(5) != 5 {
		t.Error("nil map must be the identity")
	}
}

func TestInsertionMapsToItsPlace(t *testing.T) {
	// `{"a":1` + inserted `}`
	m := NewOffsetMap([]Replacement{{Span{6, 6}, 1}})
	if got := m.Offset(6); got != 6 {
		t.Errorf("inserted byte maps to %d, want 6", got)
	}
	if got := m.Span(Span{0, 7}); got != (Span{0, 6}) {
		t.Errorf("whole span = %v", got)
	}
}

// lineStartsByByte is the definition LineStarts must agree with.
func lineStartsByByte(data []byte) []int {
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

func TestLineStarts(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
	}{
		{"", []int{0}},
		{"a", []int{0}},
		{"\n", []int{0, 1}},
		{"\r", []int{0, 1}},
		{"\r\n", []int{0, 2}},
		{"a\nb\r\nc\rd", []int{0, 2, 5, 7}},
		{"\r\r\n\n\r", []int{0, 1, 3, 4, 5}},
		{"x\r\r\r", []int{0, 2, 3, 4}},
	} {
		if got := LineStarts([]byte(tc.in)); !slices.Equal(got, tc.want) {
			t.Errorf("LineStarts(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func FuzzLineStarts(f *testing.F) {
	for _, s := range []string{"", "a\nb", "\r\n\r", "x\ry\r\n\n", "“\r\n”"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := LineStarts(data), lineStartsByByte(data); !slices.Equal(got, want) {
			t.Fatalf("LineStarts(%q) = %v, want %v", data, got, want)
		}
	})
}

// positionFresh is Position by its definition, without the index or the
// previous position.
func positionFresh(data []byte, off int) Position {
	off = min(max(off, 0), len(data))
	starts := lineStartsByByte(data)
	i := 0
	for i+1 < len(starts) && starts[i+1] <= off {
		i++
	}
	return Position{Line: i + 1, Column: utf8.RuneCount(data[starts[i]:off]) + 1}
}

// FuzzPosition asks for positions in any order, inside UTF-8 sequences
// and out of bounds: each must be what a fresh count gives.
func FuzzPosition(f *testing.F) {
	f.Add([]byte("ab\n“c”d\r\nxy\rz"), []byte{0, 5, 4, 9, 2, 200, 7})
	f.Add([]byte("“”„‟″\n\xe2\x80x"), []byte{1, 2, 3, 4, 8, 16, 17, 18})
	f.Fuzz(func(t *testing.T, data, offs []byte) {
		file := New("x", data)
		for _, o := range offs {
			off := int(o) - 8
			if got, want := file.Position(off), positionFresh(data, off); got != want {
				t.Fatalf("Position(%d) of %q = %v, want %v", off, data, got, want)
			}
		}
	})
}

// TestPositionInSteps places every offset in file order, the order
// findings come in, so that the index grows a byte at a time across "\r\n"
// pairs, lone "\r"s and multi-byte characters.
func TestPositionInSteps(t *testing.T) {
	for _, data := range []string{"a\r\nb", "\r\r\n\n\r", "x\ry\r\n\n“z”\r", "\n\n", "“\r\n”\r"} {
		f := New("x", []byte(data))
		for off := 0; off <= len(data)+1; off++ {
			if got, want := f.Position(off), positionFresh([]byte(data), off); got != want {
				t.Errorf("Position(%d) of %q = %v, want %v", off, data, got, want)
			}
		}
	}
}
