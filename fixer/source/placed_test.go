package source

import "testing"

func TestPlacedMap(t *testing.T) {
	// Text `{"name":"Coat"}` written from a page where the itemprop
	// attribute is at 40–55, the value at 60–64 and the item's start tag
	// at 0–30: pieces in text order, places in any order.
	m := NewPlacedMap([]Piece{
		{Text: Span{0, 1}, File: Span{0, 30}},   // {
		{Text: Span{1, 7}, File: Span{40, 55}},  // "name"
		{Text: Span{7, 8}, File: Span{0, 30}},   // :
		{Text: Span{8, 14}, File: Span{60, 64}}, // "Coat"
		{Text: Span{14, 15}, File: Span{0, 30}}, // }
	})
	for _, c := range []struct {
		in, want Span
	}{
		{Span{1, 7}, Span{40, 55}},  // the key: the attribute
		{Span{8, 14}, Span{60, 64}}, // the value: the text
		{Span{0, 15}, Span{0, 30}},  // the object: the start tag
		{Span{9, 10}, Span{60, 64}}, // inside a piece: the whole place
	} {
		if got := m.Span(c.in); got != c.want {
			t.Errorf("Span(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
