package main

import (
	"bytes"
	"slices"
	"sort"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// keeps says what of a checked file the chosen report format shows, so the
// rest of the file's bytes can be dropped as soon as it is analysed: a
// crawl of 50,000 pages of 100 KB would otherwise hold 5 GB until the
// report is written.
type keeps struct {
	// offsets: the format prints byte offsets (json, sarif): the result
	// carries a map back to the offsets of the file as read.
	offsets bool
	// lines: the text format shows each finding's whole source line.
	lines bool
	// blocks: the html report shows each block's original and repaired
	// text.
	blocks bool
}

func (s *settings) keeps() keeps {
	switch s.format {
	case "json", "sarif":
		return keeps{offsets: true}
	case "html":
		return keeps{blocks: true}
	case "text", "":
		return keeps{lines: s.source && !s.statistics}
	}
	return keeps{}
}

// compact returns r with its file cut down to what k says the report
// shows. The result renders the same lines and columns: every line break
// of the file stays, and so does each line from its start up to every
// offset a finding or block points at (the whole line when k.lines, the
// whole block when k.blocks). Bytes that the report never reads are
// dropped and the spans are moved to the shorter text.
func compact(r report.FileResult, k keeps) report.FileResult {
	if r.File == nil || len(r.File.Data) == 0 {
		return r
	}
	data := r.File.Data
	lines := source.LineStarts(data)
	var need []source.Span
	upTo := func(off int, whole bool) {
		off = min(max(off, 0), len(data))
		end := off
		if whole {
			end = lineEnd(data, off)
		}
		need = append(need, source.Span{Start: lineStart(lines, off), End: end})
	}
	for _, d := range r.Diagnostics {
		upTo(d.Span.Start, k.lines)
		upTo(d.Span.End, false)
		if d.Fix != nil {
			for _, e := range d.Fix.Edits {
				upTo(e.Span.Start, false)
				upTo(e.Span.End, false)
			}
		}
	}
	for _, b := range r.Blocks {
		upTo(b.Span.Start, false)
		upTo(b.Span.End, false)
		if k.blocks {
			need = append(need, source.Span{Start: lineStart(lines, b.Span.Start), End: min(b.Span.End, len(data))})
		}
	}
	sk := skeletonOf(data, merge(need))
	out := r
	out.File = source.New(r.File.Name, sk.text)
	if k.offsets {
		out.Origin = sk
	}
	out.Diagnostics = make([]diag.Diagnostic, len(r.Diagnostics))
	for i, d := range r.Diagnostics {
		d.Span = sk.span(d.Span)
		if d.Fix != nil {
			fix := *d.Fix
			fix.Edits = make([]diag.Edit, len(d.Fix.Edits))
			for j, e := range d.Fix.Edits {
				fix.Edits[j] = diag.Edit{Span: sk.span(e.Span), Text: e.Text}
			}
			d.Fix = &fix
		}
		out.Diagnostics[i] = d
	}
	out.Blocks = make([]report.BlockInfo, len(r.Blocks))
	for i, b := range r.Blocks {
		b.Span = sk.span(b.Span)
		// Repaired may share memory with the page; a copy lets the page go.
		switch {
		case b.Repaired == nil:
		case k.blocks:
			b.Repaired = bytes.Clone(b.Repaired)
		default:
			b.Repaired = []byte{} // repairable; the text is not shown
		}
		out.Blocks[i] = b
	}
	return out
}

// lineStart is the start of the line holding off.
func lineStart(lines []int, off int) int {
	i, found := slices.BinarySearch(lines, off)
	if found {
		return off
	}
	return lines[i-1]
}

// lineEnd is the offset of the line break that ends the line holding off.
func lineEnd(data []byte, off int) int {
	if i := bytes.IndexAny(data[off:], "\r\n"); i >= 0 {
		return off + i
	}
	return len(data)
}

// merge sorts spans and joins the ones that overlap or touch.
func merge(spans []source.Span) []source.Span {
	slices.SortFunc(spans, func(a, b source.Span) int { return a.Start - b.Start })
	var out []source.Span
	for _, s := range spans {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// skeleton is a file with only some spans kept: between them only the line
// breaks remain, so line numbers, and columns inside the kept spans (each
// starts at a line start), are those of the original.
type skeleton struct {
	text []byte
	kept []source.Span // in the original
	at   []int         // where each kept span starts in text
}

func skeletonOf(data []byte, kept []source.Span) skeleton {
	sk := skeleton{kept: kept, at: make([]int, len(kept))}
	prev := 0
	for i, s := range kept {
		sk.text = appendBreaks(sk.text, data[prev:s.Start])
		sk.at[i] = len(sk.text)
		sk.text = append(sk.text, data[s.Start:s.End]...)
		prev = s.End
	}
	return sk
}

// appendBreaks appends the line breaks of gap. A lone "\r" that text
// followed keeps one byte of that text after it, so that it does not join
// a later "\n" into one "\r\n" line break.
func appendBreaks(dst, gap []byte) []byte {
	for _, c := range gap {
		switch {
		case c == '\r' || c == '\n':
			dst = append(dst, c)
		case len(dst) > 0 && dst[len(dst)-1] == '\r':
			dst = append(dst, ' ')
		}
	}
	return dst
}

// offset moves an offset of the original into text. Every offset the
// report uses lies in a kept span; any other goes to the next kept byte.
func (sk skeleton) offset(off int) int {
	i := keptIndex(sk.kept, off)
	if i < len(sk.kept) && off >= sk.kept[i].Start {
		return sk.at[i] + off - sk.kept[i].Start
	}
	if i < len(sk.kept) {
		return sk.at[i]
	}
	return len(sk.text)
}

// Span maps a span of text back to the original: the inverse of span for
// every span inside the kept ones. An end offset belongs to the kept span
// it ends, a start offset to the one it starts, which matters where two
// kept spans meet in text with no line break between them.
func (sk skeleton) Span(s source.Span) source.Span {
	return source.Span{Start: sk.original(s.Start, false), End: sk.original(s.End, true)}
}

func (sk skeleton) original(off int, end bool) int {
	i := sort.Search(len(sk.at), func(i int) bool { return sk.at[i] > off }) - 1
	if i < 0 {
		return off
	}
	if end && i > 0 && sk.at[i] == off && off == sk.at[i-1]+sk.kept[i-1].Len() {
		i--
	}
	return min(sk.kept[i].Start+off-sk.at[i], sk.kept[i].End)
}

func (sk skeleton) span(s source.Span) source.Span {
	return source.Span{Start: sk.offset(s.Start), End: max(sk.offset(s.End), sk.offset(s.Start))}
}

// keptIndex finds the first kept span that ends at or after off.
func keptIndex(kept []source.Span, off int) int {
	i, _ := slices.BinarySearchFunc(kept, off, func(s source.Span, off int) int { return s.End - off })
	return i
}
