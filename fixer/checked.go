package fixer

import (
	"cmp"
	"slices"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/template"
)

// Checker validates the repaired blocks and the microdata and RDFa items
// of a file (one graph) and returns its V and G
// findings in file coordinates, with fixes whose edits are on the file's
// original bytes. fixer cannot import schema, so the caller passes
// schema validation in.
type Checker func(f *source.File, blocks []Block, items []Item) []diag.Diagnostic

// isChecked reports whether d comes from validation (a V or G rule)
// rather than extraction or repair.
func isChecked(d diag.Diagnostic) bool {
	return d.Rule != "" && (d.Rule[0] == 'V' || d.Rule[0] == 'G')
}

// splitChecked separates the findings of extraction and repair from
// those of validation.
func splitChecked(ds []diag.Diagnostic) (syntax, checked []diag.Diagnostic) {
	for _, d := range ds {
		if isChecked(d) {
			checked = append(checked, d)
		} else {
			syntax = append(syntax, d)
		}
	}
	return syntax, checked
}

// checkedEdits collects the edits of the V and G fixes that may be
// written beside the repairs' edits: enabled, kept by rule selection,
// outside the blocks the re-check turned down, and clear of every repair
// and of each other. Two findings often propose the same edit (V014 and
// G010 on one date); it is written once. When two fixes disagree on the
// same bytes neither is written: the choice is not ldfix's to make.
func checkedEdits(ds []diag.Diagnostic, repairs []diag.Edit, opts Options) ([]diag.Edit, []diag.Diagnostic) {
	var cands []diag.Diagnostic
	for _, d := range ds {
		switch {
		case d.Fix == nil || len(d.Fix.Edits) == 0 || d.Fix.Applicability == diag.DisplayOnly:
		case d.Fix.Applicability == diag.Unsafe && !opts.UnsafeFixes:
		case d.Fix.Applicability != diag.Safe && d.Fix.Applicability != diag.Unsafe:
		case !opts.keeps(d) || opts.refused[d.Block] || anyOverlap(d.Fix.Edits, repairs):
		default:
			cands = append(cands, d)
		}
	}
	conflict := make([]bool, len(cands))
	for i := range cands {
		for j := i + 1; j < len(cands); j++ {
			if clash(cands[i].Fix.Edits, cands[j].Fix.Edits) {
				conflict[i], conflict[j] = true, true
			}
		}
	}
	var edits []diag.Edit
	var applied []diag.Diagnostic
	for i, d := range cands {
		if conflict[i] {
			continue
		}
		applied = append(applied, d)
		for _, e := range d.Fix.Edits {
			if !slices.Contains(edits, e) {
				edits = append(edits, e)
			}
		}
	}
	return edits, applied
}

// clash reports whether two fixes touch the same bytes differently.
func clash(a, b []diag.Edit) bool {
	if slices.Equal(a, b) {
		return false
	}
	return anyOverlap(a, b)
}

func anyOverlap(a, b []diag.Edit) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Span.Start < y.Span.End && y.Span.Start < x.Span.End ||
				x.Span.Len() == 0 && y.Span.Contains(x.Span.Start) && x.Span.Start != y.Span.Start ||
				y.Span.Len() == 0 && x.Span.Contains(y.Span.Start) && y.Span.Start != x.Span.Start {
				return true
			}
		}
	}
	return false
}

// mergeEdits puts the V and G edits among the repairs' edits, which are
// already in the order rewrite.Apply needs: by start, an insertion before
// a replacement at the same offset. The sort is stable, so repairs
// inserting at one offset keep their order.
func mergeEdits(repairs, extra []diag.Edit) []diag.Edit {
	if len(extra) == 0 {
		return repairs
	}
	all := slices.Concat(repairs, extra)
	slices.SortStableFunc(all, func(a, b diag.Edit) int {
		return cmp.Or(cmp.Compare(a.Span.Start, b.Span.Start), cmp.Compare(rank(a.Span.Len() > 0), rank(b.Span.Len() > 0)))
	})
	return all
}

// withoutHoleFixes takes the fix off each validation finding whose edits
// would change template code, and says in its message that the
// template's data must change: placeholders are never touched.
func withoutHoleFixes(ds []diag.Diagnostic, holes []template.Hole) []diag.Diagnostic {
	for i, d := range ds {
		if d.Fix != nil && touchesHole(d.Fix.Edits, holes) {
			ds[i].Fix = nil
			ds[i].Message += "; the value comes from the template's data, which must change"
		}
	}
	return ds
}

// written returns the spans of the output that the edits of extra wrote,
// given all, the edits applied in order.
func written(all, extra []diag.Edit) []source.Span {
	var out []source.Span
	delta := 0
	for _, e := range all {
		if slices.Contains(extra, e) {
			start := e.Span.Start + delta
			out = append(out, source.Span{Start: start, End: start + len(e.Text)})
		}
		delta += len(e.Text) - e.Span.Len()
	}
	return out
}

// recheck validates out, the file with the V and G fixes applied, and
// returns the blocks in which a fix did not hold: a finding whose fix was
// written is still there, or a new finding lies on text a fix wrote
// (wrote, in the output). A fix answers for what it wrote, not for what
// it lets the checks see: a corrected @type makes Google check the node,
// and the findings about its other properties were there to be found all
// along. Nor is a fix held to findings that only ask for more content: a
// missing recommended property (G002), or an informational note.
func recheck(f *source.File, out []byte, before, applied []diag.Diagnostic, wrote []source.Span, opts Options) map[int]bool {
	opts.refused = nil
	check := opts.Check
	opts.Check = nil
	fixed := source.New(f.Name, out)
	r := Fix(fixed, opts)
	after := check(fixed, r.Blocks, r.Items)
	type key struct{ rule, feature, msg string }
	want := map[key]int{}
	seen := map[key]bool{}
	for _, d := range before {
		k := key{d.Rule, d.Feature, d.Message}
		want[k]++
		seen[k] = true
	}
	for _, d := range applied {
		want[key{d.Rule, d.Feature, d.Message}]--
	}
	bad := map[int]bool{}
	for _, d := range after {
		k := key{d.Rule, d.Feature, d.Message}
		if want[k] > 0 {
			want[k]--
			continue
		}
		if !seen[k] && (d.Rule == "G002" || d.Severity == diag.Info || !within(d.Span, wrote)) {
			continue
		}
		bad[d.Block] = true
	}
	return bad
}

// within reports whether s lies inside one of the spans.
func within(s source.Span, spans []source.Span) bool {
	for _, w := range spans {
		if s.Start >= w.Start && s.End <= w.End {
			return true
		}
	}
	return false
}
