package extract

import (
	"testing"

	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/benchtime"
	"github.com/ldfix/ldfix/fixer/source/catalogue"
)

// BenchmarkExtractCatalogue finds the one block of a catalogue page of 1,
// 10 and 16 MB.
func BenchmarkExtractCatalogue(b *testing.B) {
	catalogue.Bench(b, nil, func(b *testing.B, in any) {
		defer benchtime.Start(b)()
		f := source.New("catalogue.html", in.([]byte))
		for b.Loop() {
			if bs, _ := Blocks(f); len(bs) != 1 {
				b.Fatalf("%d blocks, want 1", len(bs))
			}
		}
	})
}
