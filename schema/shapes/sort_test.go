package shapes

import (
	"reflect"
	"testing"
)

func TestSortFindings(t *testing.T) {
	a := Finding{Rule: "G001", Pointer: "/offers", Message: "m", Feature: "Product snippets"}
	aAgain := a
	aAgain.Feature = "Merchant listings"
	b := Finding{Rule: "G002", Pointer: "/offers", Message: "m"}
	c := Finding{Rule: "G001", Pointer: "", Message: "z"}
	tests := []struct {
		name    string
		in, out []Finding
	}{
		{"empty", nil, nil},
		{"ordered by pointer then rule", []Finding{b, a, c}, []Finding{c, a, b}},
		{"repeat dropped, first kept", []Finding{a, b, aAgain}, []Finding{a, b}},
		{"repeat made first kept", []Finding{aAgain, a}, []Finding{aAgain}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sortFindings(tt.in); !reflect.DeepEqual(got, tt.out) {
				t.Errorf("got %+v\nwant %+v", got, tt.out)
			}
		})
	}
}
