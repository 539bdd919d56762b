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
