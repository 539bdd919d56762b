package main

import (
	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/source"
)

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
