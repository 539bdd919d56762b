package fixer

import (
	"os"
	"testing"

	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/repair"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/benchtime"
	"github.com/ldfix/ldfix/fixer/source/catalogue"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

func BenchmarkFixSeed(b *testing.B) {
	data, err := os.ReadFile("../testdata/seed.txt")
	if err != nil {
		b.Fatal(err)
	}
	f := source.New("seed.txt", data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Fix(f, Options{})
	}
}

// BenchmarkFixCorpus extracts and repairs every page of the real-world
// corpus, and builds and checks the fixed output, per iteration. MB/s is
// over the pages' bytes; blocks/s counts the JSON-LD blocks.
func BenchmarkFixCorpus(b *testing.B) {
	files, size := corpusFiles(b)
	b.SetBytes(size)
	b.ReportAllocs()
	blocks := 0
	for b.Loop() {
		for _, f := range files {
			blocks += len(Fix(f, Options{}).Blocks)
		}
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(len(files)*b.N)/secs, "pages/s")
	b.ReportMetric(float64(blocks)/secs, "blocks/s")
}

// BenchmarkExtractRepairCorpus measures the two stages alone over the
// real-world corpus: extract.Blocks on every page, then repair.Text on
// every block.
func BenchmarkExtractRepairCorpus(b *testing.B) {
	files, size := corpusFiles(b)
	b.SetBytes(size)
	b.ReportAllocs()
	blocks := 0
	for b.Loop() {
		for _, f := range files {
			bs, _ := extract.Blocks(f)
			for _, bl := range bs {
				repair.Text(f.Data[bl.Span.Start:bl.Span.End], repair.Options{})
			}
			blocks += len(bs)
		}
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(len(files)*b.N)/secs, "pages/s")
	b.ReportMetric(float64(blocks)/secs, "blocks/s")
}

// corpusFiles reads the real-world corpus as files, with its total size.
func corpusFiles(b *testing.B) ([]*source.File, int64) {
	pages, size := sharedtest.ReadPages(b)
	files := make([]*source.File, len(pages))
	for i, p := range pages {
		files[i] = source.New(p.Path, p.Data)
	}
	return files, size
}

// BenchmarkFixCatalogue extracts and repairs a catalogue page of 1, 10 and
// 16 MB and builds and checks the fixed output.
func BenchmarkFixCatalogue(b *testing.B) {
	catalogue.Bench(b, nil, func(b *testing.B, in any) {
		defer benchtime.Start(b)()
		f := source.New("catalogue.html", in.([]byte))
		for b.Loop() {
			Fix(f, Options{})
		}
	})
}
