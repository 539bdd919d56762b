// Package schema validates repaired JSON-LD blocks: json-gold expansion
// with the embedded schema.org context, schema.org vocabulary checks (V
// rules) and Google rich-result shapes (G rules). Findings are placed in the
// original file through each block's offset map.
package schema

import (
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// Profile selects the checks to run.
type Profile string

const (
	ProfileSchemaOrg Profile = "schemaorg"
	ProfileGoogle    Profile = "google"
	ProfileAll       Profile = "all"
)

// Block is one repaired block of a page.
type Block struct {
	Index int
	// Text is strict JSON.
	Text []byte
	// Map carries offsets in Text to offsets in the file.
	Map *source.OffsetMap
	// Opaque are spans of the file (not of Text) holding template
	// placeholders that stand for values of unknown type; a value whose file
	// span overlaps one is not checked by type or format.
	Opaque []source.Span
}

// Options configure a Validator.
type Options struct {
	Profile Profile // default ProfileAll
	// VocabFile is a schema.org release file (.jsonld) to use instead of
	// the embedded vocabulary.
	VocabFile string
	// ShapesDir holds users' own JSON Schema shapes (house rules).
	ShapesDir string
}

// Validator checks pages. It is safe for concurrent use.
type Validator struct {
	opts Options
}

// New makes a Validator, loading the vocabulary and compiling shapes once.
func New(opts Options) (*Validator, error) {
	return &Validator{opts: opts}, nil
}

// Validate checks all blocks of one page together, so that @id references
// resolve across blocks. Diagnostics are in file coordinates.
func (v *Validator) Validate(blocks []Block) []diag.Diagnostic {
	panic("not implemented")
}
