package source

import "sort"

// OffsetMap carries offsets in a derived text back to the text it was made
// from. The derived text is the original with a set of replacements applied;
// copied bytes map one to one, and bytes inside a replacement map to the
// start of the replaced span (the end of the span for an offset at the very
// end of a replacement), so that a finding inside inserted text still points
// at the place the repair was made.
//
// The zero value is the identity map.
type OffsetMap struct {
	segs []segment // sorted by dst
}

// segment says that derived bytes [dst, dst+dstLen) replaced original bytes
// [src, src+srcLen). Between segments the texts agree byte for byte.
type segment struct {
	dst, dstLen int
	src, srcLen int
}

// Replacement is one change made to an original text: the bytes of Span
// were replaced by NewLen bytes.
type Replacement struct {
	Span   Span
	NewLen int
}

// NewOffsetMap builds the map of a derived text made by applying reps to the
// original. reps must be sorted by Span.Start and must not overlap.
func NewOffsetMap(reps []Replacement) *OffsetMap {
	m := &OffsetMap{segs: make([]segment, 0, len(reps))}
	delta := 0
	for _, r := range reps {
		m.segs = append(m.segs, segment{
			dst: r.Span.Start + delta, dstLen: r.NewLen,
			src: r.Span.Start, srcLen: r.Span.Len(),
		})
		delta += r.NewLen - r.Span.Len()
	}
	return m
}

// Offset maps an offset in the derived text to the original text.
func (m *OffsetMap) Offset(off int) int {
	if m == nil || len(m.segs) == 0 {
		return off
	}
	// Last segment starting at or before off.
	i := sort.Search(len(m.segs), func(i int) bool { return m.segs[i].dst > off }) - 1
	if i < 0 {
		return off
	}
	s := m.segs[i]
	switch {
	case off < s.dst+s.dstLen:
		return s.src
	case off == s.dst+s.dstLen && s.dstLen > 0 && off > s.dst:
		// The first byte after a replacement: map to the end of the
		// replaced span so spans that end here keep their extent.
		return s.src + s.srcLen
	default:
		return off - (s.dst + s.dstLen) + s.src + s.srcLen
	}
}

// Span maps a span in the derived text to the original text. An empty
// result (a span wholly inside inserted text) is widened to cover the
// replaced bytes, so it always lies on what the user can see.
func (m *OffsetMap) Span(s Span) Span {
	out := Span{m.Offset(s.Start), m.endOffset(s.End)}
	if out.End < out.Start {
		out.End = out.Start
	}
	return out
}

// endOffset maps an exclusive end offset: an end that falls inside or at
// the end of a replacement covers the whole replaced span.
func (m *OffsetMap) endOffset(off int) int {
	if m == nil || len(m.segs) == 0 || off == 0 {
		return m.Offset(off)
	}
	i := sort.Search(len(m.segs), func(i int) bool { return m.segs[i].dst >= off }) - 1
	if i >= 0 {
		s := m.segs[i]
		if off <= s.dst+s.dstLen {
			return s.src + s.srcLen
		}
	}
	return m.Offset(off)
}

// Shifted returns a map that adds base to every original offset: the map of
// a block that starts at byte base of its file.
func (m *OffsetMap) Shifted(base int) *OffsetMap {
	out := &OffsetMap{segs: make([]segment, 0, len(m.segments()))}
	if len(m.segments()) == 0 {
		// Identity plus base: one empty segment at 0.
		out.segs = append(out.segs, segment{dst: 0, src: base})
		return out
	}
	if m.segs[0].dst != 0 {
		out.segs = append(out.segs, segment{dst: 0, src: base})
	}
	for _, s := range m.segs {
		s.src += base
		out.segs = append(out.segs, s)
	}
	return out
}

func (m *OffsetMap) segments() []segment {
	if m == nil {
		return nil
	}
	return m.segs
}
