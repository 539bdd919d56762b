package schema_test

import (
	"testing"

	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/benchtime"
	"github.com/ldfix/ldfix/fixer/source/catalogue"
	"github.com/ldfix/ldfix/schema"
)

// BenchmarkValidateCatalogue validates the repaired block of a catalogue
// page of 1, 10 and 16 MB: "schemaorg" is parsing with positions, the
// vocabulary walk and checks (and json-gold's expansion when the walk asks
// for it); "all" adds Google's shapes.
func BenchmarkValidateCatalogue(b *testing.B) {
	for _, profile := range []schema.Profile{schema.ProfileSchemaOrg, schema.ProfileAll} {
		b.Run(string(profile), func(b *testing.B) {
			v := newValidator(b, schema.Options{Profile: profile})
			catalogue.Bench(b, catalogueBlocks, func(b *testing.B, in any) {
				defer benchtime.Start(b)()
				for b.Loop() {
					v.Validate(in.([]schema.Block))
				}
			})
		})
	}
}

func catalogueBlocks(b *testing.B, page []byte) any {
	f := source.New("catalogue.html", page)
	r := fixer.Fix(f, fixer.Options{})
	if len(r.Blocks) != 1 || r.Blocks[0].Repaired == nil {
		b.Fatal("the catalogue's block was not repaired")
	}
	bl := r.Blocks[0]
	return []schema.Block{{Index: bl.Index, Text: bl.Repaired, Map: bl.Map, Opaque: bl.Opaque, File: f}}
}
