package repair_test

import (
	"testing"

	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/repair"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/benchtime"
	"github.com/ldfix/ldfix/fixer/source/catalogue"
)

// BenchmarkRepairCatalogue repairs the block of a catalogue page of 1, 10
// and 16 MB: valid blocks take the fast path, broken ones have a defect in
// every product.
func BenchmarkRepairCatalogue(b *testing.B) {
	catalogue.Bench(b, catalogueBlock, func(b *testing.B, in any) {
		defer benchtime.Start(b)()
		for b.Loop() {
			if r := repair.Text(in.([]byte), repair.Options{}); r.Text == nil {
				b.Fatal("not repaired")
			}
		}
	})
}

func catalogueBlock(b *testing.B, page []byte) any {
	bs, _ := extract.Blocks(source.New("catalogue.html", page))
	if len(bs) != 1 {
		b.Fatalf("%d blocks, want 1", len(bs))
	}
	return page[bs[0].Span.Start:bs[0].Span.End]
}
