package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ldfix/ldfix/fixer/source"
)

// FuzzExtract checks, on any input: no panic, the input is not changed,
// every span lies in the file, blocks are in order, every fix edit lies
// in the file, and every microdata or RDFa item is JSON mapped into the
// file.
func FuzzExtract(f *testing.F) {
	for _, in := range goldenInputs(f) {
		data, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	// The fix cases are pages too.
	fixInputs, _ := filepath.Glob("../../testdata/fix/*")
	for _, in := range fixInputs {
		if data, err := os.ReadFile(in); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`<script type=application/ld+json><!--<script></script>-->{}</script>`))
	f.Add([]byte(`<svg><title/><script type="application/ld+json">{}</script></svg>`))
	f.Add([]byte(`<div itemscope itemref="a"><p id="a" itemprop="x" itemscope itemref="a"></div><div vocab="https://schema.org/" typeof="Thing" rev="about"><b rel="x"><i typeof="T"></i></b></div>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		file := source.New("fuzz.html", data)
		blocks, ds := Blocks(file)
		if !bytes.Equal(orig, data) {
			t.Fatal("Blocks changed its input")
		}
		checkSpans(t, file, blocks, ds)
		p := Scan(file)
		if !bytes.Equal(orig, data) {
			t.Fatal("Scan changed its input")
		}
		if len(p.Blocks) != len(blocks) {
			t.Fatalf("Scan finds %d blocks, Blocks %d", len(p.Blocks), len(blocks))
		}
		checkSpans(t, file, p.Blocks, p.Diagnostics)
		checkItems(t, file, p.Items)
	})
}
