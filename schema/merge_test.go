package schema_test

import (
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/schema"
)

// page lays blocks out as the script elements of one file and returns
// them for Validate; the blocks after the first markup index are marked
// as written from microdata or RDFa.
func page(texts []string, markupFrom int) (*source.File, []schema.Block) {
	var b strings.Builder
	var offs []int
	for _, t := range texts {
		b.WriteString("<script type=\"application/ld+json\">")
		offs = append(offs, b.Len())
		b.WriteString(t)
		b.WriteString("</script>\n")
	}
	f := source.New("page.html", []byte(b.String()))
	var blocks []schema.Block
	for i, t := range texts {
		blocks = append(blocks, schema.Block{
			Index: i, Text: []byte(t), Map: (&source.OffsetMap{}).Shifted(offs[i]), File: f, Markup: i >= markupFrom,
		})
	}
	return f, blocks
}

func find(ds []diag.Diagnostic, rule string) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range ds {
		if d.Rule == rule {
			out = append(out, d)
		}
	}
	return out
}

// TestMergeByID: a product described in JSON-LD and, with the same @id,
// in microdata is one node to the Google checks: the offers of the second
// satisfy the Product snippet, and a finding on them points at the block
// that holds them.
func TestMergeByID(t *testing.T) {
	v := newValidator(t, schema.Options{})
	product := `{"@context": "https://schema.org", "@type": "Product", "@id": "#p", "name": "Coat", "image": "https://example.com/c.jpg"}`
	offers := `{"@context": "https://schema.org", "@type": "Product", "@id": "#p", "offers": {"@type": "Offer", "price": "12,00", "priceCurrency": "EUR"}}`

	_, alone := page([]string{product}, 1)
	if len(find(v.Validate(alone), "G003")) == 0 {
		t.Fatal("a product without offers, review or rating gives no G003; the test is void")
	}

	f, blocks := page([]string{product, offers}, 1)
	ds := v.Validate(blocks)
	if g := find(ds, "G003"); len(g) > 0 {
		t.Errorf("offers given for the same @id in another block are reported missing: %v", g[0].Message)
	}
	prices := find(ds, "G013")
	if len(prices) == 0 {
		t.Fatalf("the merged offer's price was not checked:\n%s", render(f, ds))
	}
	for _, d := range prices {
		if d.Block != 1 || string(f.Text(d.Span)) != `"12,00"` {
			t.Errorf("price finding points at block %d %q, want block 1 \"12,00\"", d.Block, f.Text(d.Span))
		}
	}
}

// TestMarkupFindingsHaveNoEdits: a block written from microdata is not in
// the file, so a suggestion on it keeps its title but no edit.
func TestMarkupFindingsHaveNoEdits(t *testing.T) {
	v := newValidator(t, schema.Options{})
	text := `{"@context": "https://schema.org", "@type": "Product", "nmae": "Coat"}`
	for _, markup := range []bool{false, true} {
		from := 1
		if markup {
			from = 0
		}
		_, blocks := page([]string{text}, from)
		edits := 0
		suggested := false
		for _, d := range v.Validate(blocks) {
			if d.Fix != nil {
				suggested = true
				edits += len(d.Fix.Edits)
			}
		}
		switch {
		case !suggested:
			t.Fatalf("markup=%v: no suggestion for \"nmae\"", markup)
		case markup && edits > 0:
			t.Errorf("a markup block's suggestion carries %d edits", edits)
		case !markup && edits == 0:
			t.Error("a JSON-LD block's suggestion carries no edit; the test is void")
		}
	}
}
