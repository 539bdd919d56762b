package extract

import (
	"os"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/benchtime"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

func BenchmarkExtractSeed(b *testing.B) {
	defer benchtime.Start(b)()
	data, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		b.Fatal(err)
	}
	f := source.New("seed.txt", data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Blocks(f)
	}
}

// BenchmarkExtractCorpus extracts every page of the real-world corpus per
// iteration; MB/s is over the pages' bytes.
func BenchmarkExtractCorpus(b *testing.B) {
	files, size := corpusFiles(b)
	b.SetBytes(size)
	b.ReportAllocs()
	defer benchtime.Per(b, "page", len(files))()
	blocks := 0
	for b.Loop() {
		blocks = 0
		for _, f := range files {
			bs, _ := Blocks(f)
			blocks += len(bs)
		}
	}
	b.ReportMetric(float64(len(files))*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(blocks), "blocks")
	_ = blocks
}

// BenchmarkExtractHostile reads 1 MB made of unclosed JSON-LD scripts whose
// content opens "<!-- <script>" escapes, with one "</script>" at the end:
// by the HTML rules each script runs to the end of the file, and
// extraction must still stay linear.
func BenchmarkExtractHostile(b *testing.B) {
	defer benchtime.Start(b)()
	unit := "<script type=application/ld+json>{\"n\": \"<!--<script>\"}\n<p>text</p>\n"
	data := []byte(strings.Repeat(unit, 1<<20/len(unit)) + "</script>")
	f := source.New("hostile.html", data)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Blocks(f)
	}
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

// BenchmarkScanCorpus is BenchmarkExtractCorpus with microdata and RDFa:
// the pages without their attributes ("plain") cost what Blocks costs,
// and only the others ("markup") are read a second time, as a tree.
func BenchmarkScanCorpus(b *testing.B) {
	files, _ := corpusFiles(b)
	var plain, markup []*source.File
	for _, f := range files {
		s := newScanner(f.Data)
		s.run()
		if s.hasItems {
			markup = append(markup, f)
		} else {
			plain = append(plain, f)
		}
	}
	for _, set := range []struct {
		name  string
		files []*source.File
	}{{"plain", plain}, {"markup", markup}} {
		b.Run(set.name, func(b *testing.B) {
			var size int64
			for _, f := range set.files {
				size += int64(len(f.Data))
			}
			b.SetBytes(size)
			b.ReportAllocs()
			defer benchtime.Per(b, "page", len(set.files))()
			items := 0
			for b.Loop() {
				items = 0
				for _, f := range set.files {
					items += len(Scan(f).Items)
				}
			}
			b.ReportMetric(float64(items), "items")
		})
	}
}
