package jsonpos_test

import (
	"testing"

	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/benchtime"
	"github.com/ldfix/ldfix/fixer/source/catalogue"
)

// BenchmarkParseCatalogue parses the repaired block of a catalogue page of
// 1, 10 and 16 MB with positions, as the validator does.
func BenchmarkParseCatalogue(b *testing.B) {
	catalogue.Bench(b, repairedBlock, func(b *testing.B, in any) {
		defer benchtime.Start(b)()
		for b.Loop() {
			if _, err := jsonpos.Parse(in.([]byte)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// repairedBlock is the strict JSON the validator receives for a page.
func repairedBlock(b *testing.B, page []byte) any {
	r := fixer.Fix(source.New("catalogue.html", page), fixer.Options{})
	if len(r.Blocks) != 1 || r.Blocks[0].Repaired == nil {
		b.Fatal("the catalogue's block was not repaired")
	}
	return r.Blocks[0].Repaired
}
