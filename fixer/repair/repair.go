// Package repair turns broken JSON text into the strict JSON its author
// meant, one diagnostic with edits per repair, and keeps an offset map from
// the repaired text back to the input. It reports J rules.
//
// The repairer reads the input once, left to right, with an explicit stack
// for open objects and arrays and a bounded lookahead where a quote or a
// line end could be read two ways. Its output is never built directly: every
// repair is an edit of the input, and the output is the input with all edits
// applied, so a fixer that applies the same edits to the file gets the same
// text.
package repair

import (
	"slices"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// DefaultMaxDepth is the nesting limit when Options.MaxDepth is 0. It
// matches fixer/jsonpos, which parses every repaired block after us.
const DefaultMaxDepth = 512

// Options tune a repair.
type Options struct {
	// MaxDepth bounds nesting; 0 means the default.
	MaxDepth int
}

// Result is the outcome of repairing one block.
type Result struct {
	// Text is the repaired strict JSON; nil when the input cannot be repaired.
	Text []byte
	// Diagnostics are the repairs made and, when Text is nil, the error that
	// stopped the repair. Spans and edits are in input coordinates; Block is 0.
	Diagnostics []diag.Diagnostic
	// Map carries offsets in Text back to offsets in the input.
	Map *source.OffsetMap
	// Changed reports whether Text differs from the input.
	Changed bool
}

// Text repairs in.
func Text(in []byte, opts Options) *Result {
	maxDepth := opts.MaxDepth
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	// Fast path: strict JSON passes through untouched.
	if valid(in, maxDepth) {
		return &Result{Text: in, Map: &source.OffsetMap{}}
	}
	r := newRepairer(in, maxDepth)
	r.run()
	return r.result()
}

// Apply returns in with edits applied. The edits must be sorted by start and
// must not overlap; it is the reference the fixer's splicing must agree with.
func Apply(in []byte, edits []diag.Edit) []byte {
	out := make([]byte, 0, len(in)+16)
	last := 0
	for _, e := range edits {
		out = append(out, in[last:e.Span.Start]...)
		out = append(out, e.Text...)
		last = e.Span.End
	}
	return append(out, in[last:]...)
}

// Edits collects the edits of diagnostics in the order they apply, keeping
// only fixes whose applicability is in allow (all fixes when allow is
// empty).
func Edits(ds []diag.Diagnostic, allow ...diag.Applicability) []diag.Edit {
	var out []diag.Edit
	for _, d := range ds {
		if d.Fix == nil || (len(allow) > 0 && !slices.Contains(allow, d.Fix.Applicability)) {
			continue
		}
		out = append(out, d.Fix.Edits...)
	}
	slices.SortStableFunc(out, func(a, b diag.Edit) int { return a.Span.Start - b.Span.Start })
	return out
}
