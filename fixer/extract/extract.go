// Package extract finds the JSON-LD blocks in a file: every
// application/ld+json script element of an HTML page, or the whole file when
// it is a JSON document. It reports X rules and never parses JSON.
package extract

import (
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// Kind tells where a block came from.
type Kind int

const (
	// Script is the content of a <script type="application/ld+json"> element.
	Script Kind = iota + 1
	// Whole is a whole .json/.jsonld file or standard input.
	Whole
)

// Block is one JSON-LD block and where it lies in its file.
type Block struct {
	Index int
	Kind  Kind
	// Span covers the block's content: the bytes between the start tag's
	// '>' and "</script>", or the whole file.
	Span source.Span
	// Tag covers the start tag of a Script block.
	Tag source.Span
	// Unclosed is set when the script element has no end tag; Span then
	// ends where the JSON value ends.
	Unclosed bool
}

// Blocks finds the blocks of f, deciding by content whether it is HTML or
// JSON.
func Blocks(f *source.File) ([]Block, []diag.Diagnostic) {
	panic("not implemented")
}
