package main

import (
	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/schema"
)

// itemBlocks are the page's microdata and RDFa items as blocks to
// validate beside its JSON-LD blocks, numbered after them, so that one
// page is one graph.
func itemBlocks(f *source.File, blocks []fixer.Block, items []fixer.Item) []schema.Block {
	out := make([]schema.Block, 0, len(items))
	for i, it := range items {
		out = append(out, schema.Block{Index: len(blocks) + i, Text: it.Text, Map: it.Map, Opaque: it.Opaque, File: f, Markup: true})
	}
	return out
}

// itemLines are the extract records of the page's items: each one's
// JSON-LD, ready to paste into a script block.
func itemLines(path string, f *source.File, fr *fixer.Result) []extractLine {
	out := make([]extractLine, 0, len(fr.Items))
	for i, it := range fr.Items {
		pos := f.Position(it.Span.Start)
		out = append(out, extractLine{
			File: path, Index: len(fr.Blocks) + i, Line: pos.Line, Column: pos.Column,
			Syntax: string(it.Syntax), Value: it.Text, Fixes: []extractFix{},
		})
	}
	return out
}
