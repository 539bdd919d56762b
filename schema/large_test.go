package schema

import (
	"bytes"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/catalogue"
)

// TestLargeBlockPathSameFindings checks that checking a page whose
// positional trees are let go during the Google checks and parsed again
// finds and places exactly what the ordinary path does, with a finding
// merged in from another block of the page.
func TestLargeBlockPathSameFindings(t *testing.T) {
	page := catalogue.Page(60000, false)
	start := bytes.Index(page, []byte(`{"@context"`))
	end := bytes.LastIndex(page, []byte("\n</script>"))
	// Block 1 adds to a product of block 0: the merged node's finding on
	// "gtin" is placed in block 1.
	extra := []byte(`{"@context": "https://schema.org", "@id": "https://shop.example/p/3#product", "@type": "Product",` +
		` "gtin": "no", "isVariantOf": {"@type": "ProductGroup", "productGroupID": 5}}`)
	data := append(append(bytes.Clone(page[:end]), '\n'), extra...)
	f := source.New("page.html", data)
	blocks := []Block{
		{Index: 0, Text: data[start:end], Map: (&source.OffsetMap{}).Shifted(start), File: f},
		{Index: 1, Text: data[end+1:], Map: (&source.OffsetMap{}).Shifted(end + 1), File: f},
	}
	v, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func(n int) { reparseSize = n }(reparseSize)
	reparseSize = math.MaxInt
	wantDiags, wantItems := v.ValidateItems(blocks)
	reparseSize = 1
	gotDiags, gotItems := v.ValidateItems(blocks)
	if len(wantDiags) < 100 || len(wantItems) < 100 {
		t.Fatalf("only %d findings and %d items: the page does not exercise the checks", len(wantDiags), len(wantItems))
	}
	if !slices.ContainsFunc(wantDiags, func(d diag.Diagnostic) bool { return d.Block == 1 && d.Rule == "G018" }) {
		t.Fatal("no Google finding placed in block 1: the page does not exercise merging")
	}
	if !reflect.DeepEqual(gotDiags, wantDiags) {
		t.Errorf("findings differ: %d, want %d", len(gotDiags), len(wantDiags))
	}
	if !reflect.DeepEqual(gotItems, wantItems) {
		t.Errorf("items differ: %d, want %d", len(gotItems), len(wantItems))
	}
}
