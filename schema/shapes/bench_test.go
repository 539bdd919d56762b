package shapes

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/source/benchtime"
)

// BenchmarkStart measures what Embedded does once per process: decoding
// the embedded catalog and compiling the gates. Entity shapes are compiled
// on first use.
func BenchmarkStart(b *testing.B) {
	defer benchtime.Start(b)()
	addFormats()
	for b.Loop() {
		if _, err := loadCatalog(googleJSON); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompile measures decoding the catalog and compiling every
// feature's shapes, the most a run can spend on them.
func BenchmarkCompile(b *testing.B) {
	defer benchtime.Start(b)()
	addFormats()
	for b.Loop() {
		fs, err := loadCatalog(googleJSON)
		if err != nil {
			b.Fatal(err)
		}
		if err := compileAll(fs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckNode measures validation per node over the golden cases;
// the reported ns/node is the figure to watch.
func BenchmarkCheckNode(b *testing.B) {
	defer benchtime.Start(b)()
	s := embedded(b)
	files, _ := filepath.Glob(filepath.Join(googleDir, "*.ok.json"))
	var docs []*jsonpos.Doc
	nodes := 0
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		d := parse(b, string(data))
		docs = append(docs, d)
		nodes += len(newWalker(d, nil).nodes)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			s.Check(d, nil)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*nodes), "ns/node")
}

// BenchmarkCatalogue checks one @graph of products of 1 MB and of 10 MB:
// the ns/byte of the two should be close, since choosing items and
// walking below them costs the block's size, not its square.
func BenchmarkCatalogue(b *testing.B) {
	s := embedded(b)
	for _, mb := range []int{1, 10} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			defer benchtime.Start(b)()
			data := catalogue(mb << 20)
			d := parse(b, data)
			b.ResetTimer()
			for b.Loop() {
				s.Check(d, nil)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(data)), "ns/byte")
		})
	}
}

// catalogue makes a block of about size bytes: an @graph of products,
// each with an offer, a review and a breadcrumb-like nested list.
func catalogue(size int) string {
	var sb strings.Builder
	sb.WriteString(`{"@context": "https://schema.org", "@graph": [`)
	for i := 0; sb.Len() < size; i++ {
		if i > 0 {
			sb.WriteString(",\n")
		}
		fmt.Fprintf(&sb, `{"@type": "Product", "@id": "#p%d", "name": "Kettle %d", "image": "https://example.com/%d.jpg",
  "offers": {"@type": "Offer", "price": "19.99", "priceCurrency": "EUR", "availability": "https://schema.org/InStock"},
  "review": {"@type": "Review", "reviewRating": {"@type": "Rating", "ratingValue": 4}, "author": {"@type": "Person", "name": "A"}},
  "isPartOf": {"@type": ["CreativeWork", "Product"], "name": "Catalogue"}}`, i, i, i)
	}
	sb.WriteString("]}")
	return sb.String()
}
