package source

import (
	"testing"
)

func TestPosition(t *testing.T) {
	f := New("x", []byte("ab\n“c”d\r\nxy\rz"))
	for _, tc := range []struct {
		off        int
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
