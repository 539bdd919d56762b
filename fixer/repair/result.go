package repair

import (
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// result turns the collected edits into the repaired text, the
// diagnostics and the offset map.
func (r *repairer) result() *Result {
	if r.fail != nil {
		return &Result{Diagnostics: []diag.Diagnostic{*r.fail}, Map: &source.OffsetMap{}}
	}
	r.separateInserts()
	byDiag := r.editsByDiag()
	reps := make([]source.Replacement, 0, len(r.edits))
	all := make([]diag.Edit, 0, len(r.edits))
	for _, e := range r.edits {
		de := diag.Edit{Span: source.Span{Start: e.start, End: e.end}, Text: e.text}
		reps = append(reps, source.Replacement{Span: de.Span, NewLen: len(e.text)})
		all = append(all, de)
	}
	text := Apply(r.in, all)
	// Where each finding's first edit lands in the text, for its pointer;
	// the edits are sorted, so one walk finds them all.
	first := make([]int, len(r.diags))
	for i := range first {
		first[i] = -1
	}
	delta := 0
	for _, e := range r.edits {
		if first[e.diag] < 0 {
			first[e.diag] = e.start + delta
		}
		delta += len(e.text) - (e.end - e.start)
	}
	ptrs := r.pointers(text, first)
	ds := make([]diag.Diagnostic, 0, len(r.diags))
	for i, p := range r.diags {
		if len(byDiag[i]) == 0 {
			continue
		}
		d := diag.New(p.rule, 0, p.span, "%s", p.message)
		d.Pointer = ptrs[i]
		d.Fix = &diag.Fix{Title: p.title, Applicability: p.app, Edits: byDiag[i]}
		ds = append(ds, d)
	}
	return &Result{
		Text:        text,
		Diagnostics: diag.Sort(group(ds, r.in)),
		Map:         source.NewOffsetMap(reps),
		Changed:     len(all) > 0,
	}
}

// editsByDiag groups the edits by diagnostic, in input order, in one
// backing array: a block with thousands of repairs would otherwise grow
// thousands of small slices.
func (r *repairer) editsByDiag() [][]diag.Edit {
	count := make([]int, len(r.diags)+1)
	for _, e := range r.edits {
		count[e.diag+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	flat := make([]diag.Edit, len(r.edits))
	by := make([][]diag.Edit, len(r.diags))
	for i := range by {
		// Capacity ends where the next diagnostic's edits begin.
		by[i] = flat[count[i]:count[i]:count[i+1]]
	}
	for _, e := range r.edits {
		by[e.diag] = append(by[e.diag], diag.Edit{Span: source.Span{Start: e.start, End: e.end}, Text: e.text})
	}
	return by
}

// separateInserts makes the order of edits independent of how a caller
// sorts them. Two edits are ambiguous only when an insertion sits at the
// point where the next edit starts: sorting by start alone could swap
// them. Within one diagnostic the two become one edit; across diagnostics
// the insertion takes in the character before it, so that the starts
// differ, or, when that character is taken, the two merge into one edit of
// the less safe fix (only hostile input gets there).
func (r *repairer) separateInserts() {
	out := make([]edit, 0, len(r.edits))
	for _, e := range r.edits {
		n := len(out)
		if n == 0 {
			out = append(out, e)
			continue
		}
		p := &out[n-1]
		if p.end == e.start && p.diag == e.diag {
			// Touching edits of one fix become one edit.
			p.end = e.end
			p.text += e.text
			continue
		}
		if p.start != p.end || p.end != e.start {
			out = append(out, e)
			continue
		}
		// p is an insertion at e.start.
		// A line break is never taken in: the file writer turns "\n" in
		// an edit into the file's own line ending.
		if back := prevRuneLen(r.in, p.start); back > 0 && r.in[p.start-1] != '\n' && r.in[p.start-1] != '\r' &&
			(n < 2 || out[n-2].end < p.start-back || (out[n-2].end == p.start-back && out[n-2].start < out[n-2].end)) {
			p.text = string(r.in[p.start-back:p.start]) + p.text
			p.start -= back
			out = append(out, e)
			continue
		}
		// No room: one edit carries both, owned by the less safe fix.
		if r.diags[e.diag].app > r.diags[p.diag].app {
			p.diag = e.diag
		}
		p.end = e.end
		p.text += e.text
	}
	r.edits = out
}
