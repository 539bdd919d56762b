// Package fixer is the entry point of the first two stages: it extracts the
// JSON-LD blocks of a file, repairs each one, and builds the fixed file.
package fixer

import (
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/repair"
	"github.com/ldfix/ldfix/fixer/source"
)

// Options tune Fix.
type Options struct {
	// UnsafeFixes lets Fix write fixes that guess between readings.
	UnsafeFixes bool
	// Template treats the file as a template: placeholders are opaque and
	// never changed.
	Template bool
	Repair   repair.Options
}

// Block is one extracted block after repair.
type Block struct {
	extract.Block
	// Repaired is the block's strict JSON text; nil when it cannot be repaired.
	Repaired []byte
	// Map carries offsets in Repaired back to offsets in the file.
	Map *source.OffsetMap
	// Opaque are template holes that stand for values, in file coordinates.
	Opaque []source.Span
	// Diagnostics are this block's X and J findings, in file coordinates.
	Diagnostics []diag.Diagnostic
}

// Result is the outcome of Fix on one file.
type Result struct {
	File   *source.File
	Blocks []Block
	// Diagnostics are all X and J findings, sorted.
	Diagnostics []diag.Diagnostic
	// Output is the file with every enabled fix applied; it equals File.Data
	// when nothing may be written.
	Output []byte
	// Changed reports whether Output differs from File.Data.
	Changed bool
}

// Fix extracts and repairs the blocks of f.
func Fix(f *source.File, opts Options) *Result {
	panic("not implemented")
}
