// Package report renders diagnostics for people and machines: text, json,
// sarif, github, junit and gitlab.
package report

import (
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// BlockInfo describes one block of a checked file.
type BlockInfo struct {
	Index    int
	Span     source.Span
	Types    []string // @type values of its top-level nodes
	Repaired []byte   // strict JSON after repair; nil when unrepairable
}

// FileResult is what was found in one file or page.
type FileResult struct {
	Path        string // as given on the command line, or the URL
	File        *source.File
	Blocks      []BlockInfo
	Diagnostics []diag.Diagnostic
	// Err is an I/O or fetch error for the whole file.
	Err error
}
