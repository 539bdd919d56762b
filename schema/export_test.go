package schema

import (
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
