package catalogue

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// TestPageIsValidCatalogue checks that the valid page's block is JSON whose
// products carry the values the format strings should have written: a
// formatting mistake shows up as "%!" text, not as an error.
func TestPageIsValidCatalogue(t *testing.T) {
	page := Page(20000, false)
	if i := bytes.Index(page, []byte("%!")); i >= 0 {
		t.Fatalf("formatting error in the page: %q", page[i:min(len(page), i+40)])
	}
	start := bytes.Index(page, []byte(`{"@context"`))
	end := bytes.LastIndex(page, []byte("\n</script>"))
	var doc struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(page[start:end], &doc); err != nil {
		t.Fatalf("the block is not JSON: %v", err)
	}
	if len(doc.Graph) < 10 {
		t.Fatalf("got %d products, want at least 10 in 20 kB", len(doc.Graph))
	}
	for i, p := range doc.Graph {
		if got, want := p["sku"], fmt.Sprintf("SKU-%06d", i); got != want {
			t.Errorf("product %d: sku %q, want %q", i, got, want)
		}
		if got, want := p["gtin13"], fmt.Sprintf("%013d", i); got != want {
			t.Errorf("product %d: gtin13 %q, want %q", i, got, want)
		}
	}
}

// TestBrokenPageDiffers checks that every product of the broken page
// carries a defect.
func TestBrokenPageDiffers(t *testing.T) {
	for i := range 2 * len(defects) {
		p := product(i)
		if bytes.Equal(defects[i%len(defects)](p), p) {
			t.Errorf("defect %d leaves product %d unchanged", i%len(defects), i)
		}
	}
}
