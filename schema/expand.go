package schema

import (
	"errors"

	"github.com/ldfix/ldfix/schema/ldctx"
	"github.com/piprate/json-gold/ld"
)

// expand runs json-gold's expansion over the block so that every JSON-LD
// error a conforming processor raises is reported, including those the
// positional walk does not model. json-gold gives no position, so such a
// finding is placed on the block. Validate calls it only for blocks the
// walk marks unmodelled (local contexts, value and list objects, rarer
// keywords): on the others expansion cannot fail where the walk has not
// already reported why, and skipping it halves the cost of the schema.org
// checks on real pages, where 99% of blocks are of that kind.
//
// Expansion starts from the processed schema.org context and every
// schema.org context URL is taken out of the copy it expands: processing
// the 200 KB context again for each block would cost about 11 ms, against
// well under a millisecond for expanding a typical block. Remote contexts
// other than schema.org's were reported by the walk and are taken out too,
// so the rest of the block is still expanded.
func (bs *blockState) expand(schemaCtx *ld.Context) {
	input := withoutRemoteContexts(bs.doc.Value)
	err := guard(func() error {
		_, err := ld.NewJsonLdApi().Expand(schemaCtx, "", input, ldctx.Options(), false, nil)
		return err
	})
	if err != nil && !errors.Is(err, errProcessor) {
		bs.report("V004", bs.doc.Root, "", false, "expansion as JSON-LD fails: %s", jsonldMessage(err))
	}
}

// errProcessor stands for a panic inside json-gold. Fuzzing found inputs
// that conforming processors accept and json-gold crashes on (an empty key
// with a boolean value); ldfix must not crash with it, and the block is not
// at fault.
var errProcessor = errors.New("the JSON-LD processor failed")

// guard runs f, turning a panic into errProcessor.
func guard(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errProcessor
		}
	}()
	return f()
}

// withoutRemoteContexts copies a JSON value, dropping URL entries from
// every @context, and the @context member itself when nothing is left:
// even an empty local context makes json-gold copy the 3000-term active
// context.
func withoutRemoteContexts(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			if k == "@context" {
				if c, keep := contextWithoutURLs(e); keep {
					out[k] = c
				}
				continue
			}
			out[k] = withoutRemoteContexts(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = withoutRemoteContexts(e)
		}
		return out
	}
	return v
}

func contextWithoutURLs(c any) (any, bool) {
	switch c := c.(type) {
	case string:
		return nil, false
	case []any:
		out := make([]any, 0, len(c))
		for _, e := range c {
			if _, isURL := e.(string); !isURL {
				out = append(out, e)
			}
		}
		return out, len(out) > 0
	}
	return c, true
}
