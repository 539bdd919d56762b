package source

// Piece says that bytes Text of a text written from a file stand for bytes
// File of it: a JSON-LD value built from a page's microdata, where the
// quoted key "name" stands for the itemprop attribute that gives it and the
// string value for the element text that holds it.
type Piece struct {
	Text, File Span
}

// NewPlacedMap builds the map of a text written piece by piece from places
// anywhere in a file, in any order. pieces must be sorted by Text.Start,
// must not overlap and should cover the text. A span of the text maps from
// the start of the piece it starts in to the end of the piece it ends in,
// so the span of a whole JSON object maps to the span its first and last
// pieces give, the element that holds the item.
func NewPlacedMap(pieces []Piece) *OffsetMap {
	m := &OffsetMap{segs: make([]segment, 0, len(pieces))}
	for _, p := range pieces {
		m.segs = append(m.segs, segment{
			dst: p.Text.Start, dstLen: p.Text.Len(),
			src: p.File.Start, srcLen: p.File.Len(),
		})
	}
	return m
}
