package jsonpos_test

import (
	"runtime"
	"testing"

	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/benchtime"
	"github.com/ldfix/ldfix/fixer/source/catalogue"
)

// BenchmarkParseCatalogue parses the repaired block of a catalogue page of
// 1, 10 and 16 MB with positions, as the validator does. "tree-B/B" is the
// memory the parsed document holds per byte of JSON: the validator keeps
// it while it checks the block, so it sets the peak of a large block.
func BenchmarkParseCatalogue(b *testing.B) {
	catalogue.Bench(b, repairedBlock, func(b *testing.B, in any) {
		data := in.([]byte)
		tree := treeBytes(b, data)
		stop := benchtime.Start(b)
		for b.Loop() {
			if _, err := jsonpos.Parse(data); err != nil {
				b.Fatal(err)
			}
		}
		stop()
		b.ReportMetric(tree/float64(len(data)), "tree-B/B")
	})
}

// treeBytes is the live heap a parsed document of data adds.
func treeBytes(b *testing.B, data []byte) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	doc, err := jsonpos.Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(doc)
	return float64(after.HeapAlloc) - float64(before.HeapAlloc)
}

// repairedBlock is the strict JSON the validator receives for a page.
func repairedBlock(b *testing.B, page []byte) any {
	r := fixer.Fix(source.New("catalogue.html", page), fixer.Options{})
	if len(r.Blocks) != 1 || r.Blocks[0].Repaired == nil {
		b.Fatal("the catalogue's block was not repaired")
	}
	return r.Blocks[0].Repaired
}
