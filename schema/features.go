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
func (bs *blockState) google(set *shapes.Set, resolve func(id string) map[string]any) {
	fs, items := set.CheckItems(bs.doc, resolve)
	for _, it := range items {
		bs.items = append(bs.items, Item{Item: it, Block: bs.b.Index, Span: bs.span(bs.doc.Nearest(it.Pointer).Span)})
	}
	bs.diags = slices.Grow(bs.diags, len(fs))
	for _, f := range fs {
		n := bs.doc.Nearest(f.Pointer)
		if n.Kind != jsonpos.Object && n.Kind != jsonpos.Array && bs.opaque(n.Span) {
			continue // a template placeholder: its value is not known here
		}
		d := diag.Diagnostic{
			Rule:       f.Rule,
			Severity:   f.Severity,
			Message:    f.Message,
			Pointer:    f.Pointer,
			Block:      bs.b.Index,
			Span:       bs.span(n.Span),
			Feature:    f.Feature,
			URL:        f.URL,
			Properties: f.Properties,
		}
		if f.Kind != "" {
			bs.googleFix(&d, f)
		}
		bs.diags = append(bs.diags, d)
	}
}
