package schema

import (
	"errors"

	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/schema/ldctx"
	"github.com/piprate/json-gold/ld"
)

// ExpandOnly runs just the json-gold expansion step on a block, for the
// benchmark that shows expansion does not dominate validation.
func ExpandOnly(text []byte) error {
	doc, err := jsonpos.Parse(text)
	if err != nil {
		return err
	}
	return ExpandValue(doc.Value)
}

// ExpandValue is ExpandOnly on a value already parsed.
func ExpandValue(v any) error {
	schemaCtx, err := ldctx.Processed()
	if err != nil {
		return err
	}
	_, err = ld.NewJsonLdApi().Expand(schemaCtx, "", withoutRemoteContexts(v), ldctx.Options(), false, nil)
	return err
}

// ExpansionSkipped walks a block as Validate does and runs json-gold's
// expansion on it all the same: skipped tells whether Validate leaves
// expansion out, err is the error expansion raises (a json-gold panic
// counts as none, as in Validate).
func (v *Validator) ExpansionSkipped(text []byte) (skipped bool, err error) {
	doc, err := jsonpos.Parse(text)
	if err != nil {
		return false, err
	}
	bs := &blockState{v: v, b: Block{Text: text}, doc: doc}
	w := newWalker(v, bs)
	w.top(doc.Root)
	if bs.hasJSONLDError() {
		return false, nil // Validate skips expansion: the walk has reported the error
	}
	err = guard(func() error { return ExpandValue(doc.Value) })
	if errors.Is(err, errProcessor) {
		err = nil
	}
	return !w.unmodelled, err
}
