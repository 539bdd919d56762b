package main

import (
	"bytes"
	"slices"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
)

// compact returns r without its file, for the reports that are written
// only once every file is checked (sarif, html): a crawl of 50,000 pages of
// 100 KB would otherwise hold 5 GB until the end. What the reports read of
// the file is computed now: the line and column of every offset a finding,
// its related places, fix edit or block points at (r.Places), and, when blocks is set (html),
// each block's own text. Spans stay those of the file as read, so byte
// offsets need no mapping back.
func compact(r report.FileResult, blocks bool) report.FileResult {
	if r.File == nil {
		return r
	}
	out := r
	out.File = nil
	out.Places = places(r)
	out.Blocks = make([]report.BlockInfo, len(r.Blocks))
	for i, b := range r.Blocks {
		// Repaired may share memory with the page; a copy lets the page go.
		switch {
		case b.Repaired == nil:
		case blocks:
			b.Repaired = bytes.Clone(b.Repaired)
		default:
			b.Repaired = []byte{} // repairable; the text is not shown
		}
		if blocks {
			b.Original = bytes.Clone(r.File.Text(b.Span))
			if b.Original == nil {
				b.Original = []byte{}
			}
		}
		out.Blocks[i] = b
	}
	return out
}

// places computes the position of every offset the reports read, in
// increasing order, which is also the order File.Position is fastest in.
func places(r report.FileResult) report.Places {
	var offs []int
	for _, d := range r.Diagnostics {
		offs = append(offs, d.Span.Start, d.Span.End)
		for _, s := range d.Related {
			offs = append(offs, s.Start, s.End)
		}
		if d.Fix != nil {
			for _, e := range d.Fix.Edits {
				offs = append(offs, e.Span.Start, e.Span.End)
			}
		}
	}
	for _, b := range r.Blocks {
		offs = append(offs, b.Span.Start, b.Span.End)
	}
	for _, it := range r.Items {
		offs = append(offs, it.Span.Start, it.Span.End)
	}
	slices.Sort(offs)
	offs = slices.Compact(offs)
	out := make(report.Places, len(offs))
	for i, off := range offs {
		out[i] = report.Place{Offset: off, Position: r.File.Position(off)}
	}
	return out
}
