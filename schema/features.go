package schema

import (
	"slices"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/schema/shapes"
)

// google checks the block against Google's rich-result shapes and places
// each finding like a V finding: through its pointer into the block and the
// block's offset map. The G rules themselves are registered by package
// shapes. A finding about a missing property points at the object that
// lacks it, so the nearest existing node is used. Findings about a value
// that is a template placeholder are dropped, as Block.Opaque promises.
func (bs *blockState) google(set *shapes.Set, pg *page) {
	fs, items := set.CheckItems(bs.doc, pg.resolve)
	bs.place(pg, fs, items)
}

// reparseSize is the block size from which the Google checks run without
// the block's positional tree, about eight times the size of its text:
// from here on it is a third of what the checks hold, while under it the
// tree fits within the memory the collector starts with.
var reparseSize = 2 << 20

// googleLarge checks the blocks of a page that holds a large block. The
// shapes read only the blocks' values, so each large block's positional
// tree is let go while they run, and parsed again from the same text to
// place the findings once every block is checked (a finding may be placed
// in another block of the page).
func (pg *page) googleLarge(set *shapes.Set) {
	type result struct {
		fs    []shapes.Finding
		items []shapes.Item
	}
	results := make([]result, len(pg.blocks))
	for _, bs := range pg.blocks {
		if bs.doc != nil && len(bs.b.Text) >= reparseSize {
			bs.doc.Root = nil
		}
	}
	for i, bs := range pg.blocks {
		if bs.doc != nil {
			results[i].fs, results[i].items = set.CheckItems(bs.doc, pg.resolve)
		}
	}
	pg.objects, pg.merged = nil, nil // the values the shapes read
	for _, bs := range pg.blocks {
		if bs.doc != nil && bs.doc.Root == nil {
			bs.doc = nil                         // let the values go before a second copy is made
			bs.doc, _ = jsonpos.Parse(bs.b.Text) // it parsed before, so it parses again
		}
	}
	for i, bs := range pg.blocks {
		if bs.doc != nil {
			bs.place(pg, results[i].fs, results[i].items)
		}
	}
}

// place adds the findings and items of the block's Google checks.
func (bs *blockState) place(pg *page, fs []shapes.Finding, items []shapes.Item) {
	for _, it := range items {
		bs.items = append(bs.items, Item{Item: it, Block: bs.b.Index, Span: bs.span(bs.doc.Nearest(it.Pointer).Span)})
	}
	bs.diags = slices.Grow(bs.diags, len(fs))
	for _, f := range fs {
		at, n, ptr := pg.locate(bs, f.Pointer)
		if n.Kind != jsonpos.Object && n.Kind != jsonpos.Array && at.opaque(n.Span) {
			continue // a template placeholder: its value is not known here
		}
		d := diag.Diagnostic{
			Rule:       f.Rule,
			Severity:   f.Severity,
			Message:    f.Message,
			Pointer:    ptr,
			Block:      at.b.Index,
			Span:       at.span(n.Span),
			Feature:    f.Feature,
			URL:        f.URL,
			Properties: f.Properties,
		}
		if f.Kind != "" && at == bs {
			// A member merged in from another block is fixed where it
			// is written, which only its own block's check can do.
			bs.googleFix(&d, f)
		}
		at.diags = append(at.diags, d)
	}
}
