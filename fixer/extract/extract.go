// Package extract finds the structured data in a file: every
// application/ld+json script element of an HTML page, or the whole file when
// it is a JSON document, and the page's microdata and RDFa items, each
// written as the JSON-LD object it stands for. It reports X and M rules and
// never parses JSON.
//
// Pages are read as browsers and Google's renderer read them, with scripting
// on: blocks inside HTML comments, inside <noscript> (plain text when
// scripting is on) and inside <template> (inert content, not in the
// document) are skipped with an info finding, and the content of every
// script, style, textarea, title and other raw-text element is skipped, so a
// JavaScript string that writes a JSON-LD script is not taken for one.
// Inside SVG and MathML these elements are ordinary ones, as the tree
// builder has it, until an HTML integration point (foreignObject, an SVG
// title) makes the content HTML again. Two
// breakages are read as the author meant them rather than as a browser
// does: a script element never closed ends where its JSON value ends (X001),
// and so does one whose JSON is followed by page markup before "</script>"
// (X011).
package extract

import (
	"bytes"
	"path/filepath"
	"strings"

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

func (k Kind) String() string {
	switch k {
	case Script:
		return "script"
	case Whole:
		return "whole"
	}
	return "kind(?)"
}

// Block is one JSON-LD block and where it lies in its file.
type Block struct {
	Index int
	Kind  Kind
	// Span covers the block's content: the bytes between the start tag's
	// '>' and "</script>", or the whole file.
	Span source.Span
	// Tag covers the start tag of a Script block.
	Tag source.Span
	// Unclosed is set when the script element's end tag is missing after
	// its JSON value: the element is never closed (X001), or page markup
	// follows the JSON before a later "</script>" (X011). Span then ends
	// where the JSON value ends, and the fix inserts EndTag there.
	Unclosed bool
}

// Blocks finds the blocks of f, deciding by content whether it is HTML or
// JSON. Diagnostics are sorted; a finding about a block carries its index,
// one about markup that is not a block carries -1.
func Blocks(f *source.File) ([]Block, []diag.Diagnostic) {
	if start, ok := jsonDocument(f); ok {
		return wholeBlock(f, start)
	}
	s := newScanner(f.Data)
	s.run()
	return s.blocks, diag.Sort(s.diags)
}

// wholeBlock is the one block of a JSON document whose content starts at
// start.
func wholeBlock(f *source.File, start int) ([]Block, []diag.Diagnostic) {
	b := Block{Index: 0, Kind: Whole, Span: source.Span{Start: start, End: len(f.Data)}}
	var ds []diag.Diagnostic
	if isBlank(f.Data[start:]) {
		ds = append(ds, diag.New("X004", 0, b.Span, "JSON-LD block is empty"))
	}
	return []Block{b}, ds
}

var bom = []byte("\xEF\xBB\xBF")

// jsonDocument reports whether f is a JSON document rather than a page, and
// where its content starts (after a byte order mark). A file is JSON when
// its first significant byte opens an object or array; a file named .json
// or .jsonld is JSON unless it starts with a tag, so that a leading comment
// or an empty file is still read as the JSON it was meant to be.
func jsonDocument(f *source.File) (int, bool) {
	start := 0
	if bytes.HasPrefix(f.Data, bom) {
		start = len(bom)
	}
	rest := bytes.TrimLeft(f.Data[start:], " \t\n\r\f")
	if len(rest) > 0 && (rest[0] == '{' || rest[0] == '[') {
		return start, true
	}
	switch strings.ToLower(filepath.Ext(f.Name)) {
	case ".json", ".jsonld":
		return start, len(rest) == 0 || rest[0] != '<'
	}
	return start, false
}
