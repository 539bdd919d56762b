package shapes

import (
	"reflect"
	"strings"
	"testing"
)

// TestItemReasonsInPointerOrder holds an item's reasons and missing
// properties to one order, by the pointer of the value at fault: the
// report of a page must not change between two runs on it. The Recipe has
// three malformed values, so a list in the order gojsonschema happens to
// visit them differs from run to run (pages: Recipe, and Organization).
func TestItemReasonsInPointerOrder(t *testing.T) {
	s := embedded(t)
	tests := []struct {
		name, block string
		feature     string
		reasons     []string // substrings, in order
		missing     []string // Missing's entries for parts of the item, in order
	}{
		{
			name:    "recipe",
			feature: "recipe",
			block: `{"@context":"https://schema.org","@type":"Recipe","name":"Pie",
				"image":"https://example.com/pie.jpg","prepTime":"PTHM","datePublished":"2017-10-20 13:55:35","cookTime":"P"}`,
			reasons: []string{`"cookTime"`, `"datePublished"`, `"prepTime"`},
		},
		{
			name:    "organization",
			feature: "organization",
			block: `{"@context":"https://schema.org","@type":"Organization","name":"Shop","url":"https://example.com/",
				"contactPoint":{"@type":"ContactPoint","telephone":"(+)1-866-236-8417"},
				"address":{"@type":"PostalAddress","addressCountry":"USA"}}`,
			reasons: []string{`"address.addressCountry"`, `"contactPoint.telephone"`},
			missing: []string{"Organization.address.addressLocality", "Organization.address.addressRegion",
				"Organization.address.postalCode", "Organization.address.streetAddress", "Organization.contactPoint.email"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var first []Item
			// Map order varies between calls in one process too.
			for range 20 {
				_, items := s.CheckItems(parse(t, tt.block), nil)
				it := itemOf(items, tt.feature)
				if it == nil {
					t.Fatalf("no %s item in %+v", tt.feature, items)
				}
				if !inOrder(it.Reasons, tt.reasons) {
					t.Fatalf("reasons %q, want ones naming %q in that order", it.Reasons, tt.reasons)
				}
				if parts := partsOf(it.Missing); tt.missing != nil && !reflect.DeepEqual(parts, tt.missing) {
					t.Fatalf("missing parts %q, want %q", parts, tt.missing)
				}
				if first == nil {
					first = items
				} else if !reflect.DeepEqual(items, first) {
					t.Fatalf("items differ between two checks of one block:\n%+v\n%+v", first, items)
				}
			}
		})
	}
}

func itemOf(items []Item, feature string) *Item {
	for i := range items {
		if items[i].FeatureID == feature {
			return &items[i]
		}
	}
	return nil
}

// inOrder reports whether got has len(want) entries, the i-th containing
// want[i].
func inOrder(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range want {
		if !strings.Contains(got[i], want[i]) {
			return false
		}
	}
	return true
}

// partsOf keeps the missing properties of the item's parts: "Type.a.b".
func partsOf(missing []string) []string {
	var out []string
	for _, p := range missing {
		if strings.Count(p, ".") > 1 {
			out = append(out, p)
		}
	}
	return out
}
