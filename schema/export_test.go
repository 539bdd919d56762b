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
	schemaCtx, err := ldctx.Processed()
	if err != nil {
		return err
	}
	_, err = ld.NewJsonLdApi().Expand(schemaCtx, "", withoutRemoteContexts(doc.Value), ldctx.Options(), false, nil)
	return err
}
