// Package repair turns broken JSON text into the strict JSON its author
// meant, one diagnostic with edits per repair, and keeps an offset map from
// the repaired text back to the input. It reports J rules.
package repair

import (
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

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
	panic("not implemented")
}
