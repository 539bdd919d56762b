package schema

import (
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
	for _, f := range set.Check(bs.doc, resolve) {
		n := bs.doc.Nearest(f.Pointer)
		if n.Kind != jsonpos.Object && n.Kind != jsonpos.Array && bs.opaque(n.Span) {
			continue // a template placeholder: its value is not known here
		}
		d := diag.Diagnostic{
			Rule:     f.Rule,
			Severity: f.Severity,
			Message:  f.Message,
			Pointer:  f.Pointer,
			Block:    bs.b.Index,
			Span:     bs.span(n.Span),
			Feature:  f.Feature,
			URL:      f.URL,
		}
		if f.Kind != "" {
			bs.googleFix(&d, f)
		}
		bs.diags = append(bs.diags, d)
	}
}
