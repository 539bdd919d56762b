// Package catalogue writes a product catalogue as one JSON-LD @graph block
// of a chosen size, the shape of the feeds and .jsonld exports that make the
// largest blocks ldfix meets. Benchmarks use it to show that every stage
// stays linear in the size of a block; it is not part of the product.
package catalogue

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"
)

// defects are the breakages the broken catalogue cycles through, one per
// product, each of a kind CMS output publishes and the repair fixes.
var defects = []func(p []byte) []byte{
	func(p []byte) []byte { return bytes.Replace(p, []byte(`"2027-12-31"`), []byte(`"2027-12-31",`), 1) },     // trailing comma
	func(p []byte) []byte { return bytes.Replace(p, []byte(`"name":"`), []byte(`“name”:“`), 1) },              // typographic quotes
	func(p []byte) []byte { return bytes.Replace(p, []byte(`"sku":`), []byte(`sku:`), 1) },                    // unquoted key
	func(p []byte) []byte { return bytes.Replace(p, []byte(`,"image"`), []byte(` "image"`), 1) },              // missing comma
	func(p []byte) []byte { return bytes.Replace(p, []byte(`"Acme Goods"`), []byte(`'Acme Goods'`), 1) },      // single quotes
	func(p []byte) []byte { return bytes.Replace(p, []byte(`workshop. `), []byte("workshop.\n"), 1) },         // raw line break
	func(p []byte) []byte { return bytes.Replace(p, []byte(`,"brand"`), []byte(`, /* brand */ "brand"`), 1) }, // comment
}

// Page returns an HTML page of about size bytes whose one JSON-LD block is
// the catalogue; broken gives every product one syntax defect.
func Page(size int, broken bool) []byte {
	var b bytes.Buffer
	b.Grow(size + 4096)
	b.WriteString("<!doctype html>\n<html><head><title>Catalogue</title>\n<script type=\"application/ld+json\">\n")
	b.WriteString(`{"@context":"https://schema.org","@graph":[` + "\n")
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		p := product(i)
		if broken {
			p = defects[i%len(defects)](p)
		}
		b.Write(p)
	}
	b.WriteString("\n]}\n</script>\n</head><body><h1>Catalogue</h1></body></html>\n")
	return b.Bytes()
}

// product is one catalogue entry with what Google's product snippets ask
// for: offers, brand, rating and a review.
func product(i int) []byte {
	return fmt.Appendf(nil, `{"@type":"Product","@id":"https://shop.example/p/%[1]d#product","name":"Widget %[1]d",`+
		`"sku":"SKU-%06[1]d","gtin13":"%013[1]d","image":"https://shop.example/img/%[1]d.jpg",`+
		`"description":"A sturdy widget for every workshop. Model %[1]d ships in two sizes.","brand":{"@type":"Brand","name":"Acme Goods"},`+
		`"offers":{"@type":"Offer","url":"https://shop.example/p/%[1]d","price":"%[2]d.99","priceCurrency":"EUR",`+
		`"availability":"https://schema.org/InStock","itemCondition":"https://schema.org/NewCondition",`+
		`"priceValidUntil":"2027-12-31"},`+
		`"aggregateRating":{"@type":"AggregateRating","ratingValue":"4.%[3]d","reviewCount":"%[4]d"},`+
		`"review":{"@type":"Review","author":{"@type":"Person","name":"Kim Lee"},"datePublished":"2026-03-01",`+
		`"reviewRating":{"@type":"Rating","ratingValue":"5"},"reviewBody":"Works as described."}}`,
		i, 5+i%90, i%10, 3+i%40)
}

// Sizes are the block sizes the benchmarks run, in MB: from one to the
// largest input ldfix reads (16 MiB), so a cost that grows faster than the
// block shows as falling MB/s.
var Sizes = []int{1, 10, 16}

// Bench runs bench as sub-benchmarks "1MB/valid", "1MB/broken", … on the
// catalogue page of each size, after prepare turns the page into what the
// stage reads (nil: the page itself). Besides MB/s it reports "B/in-byte",
// the bytes allocated per byte of the page: flat across sizes when memory
// is linear.
func Bench(b *testing.B, prepare func(b *testing.B, page []byte) any, bench func(b *testing.B, in any)) {
	for _, mb := range Sizes {
		for _, broken := range []bool{false, true} {
			name := fmt.Sprintf("%dMB/valid", mb)
			if broken {
				name = fmt.Sprintf("%dMB/broken", mb)
			}
			b.Run(name, func(b *testing.B) {
				page := Page(mb<<20-4096, broken) // under the 16 MiB input limit
				var in any = page
				if prepare != nil {
					in = prepare(b, page)
				}
				b.SetBytes(int64(len(page)))
				b.ReportAllocs()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				bench(b, in)
				runtime.ReadMemStats(&after)
				if b.N > 0 {
					b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(len(page)), "B/in-byte")
				}
			})
		}
	}
}
