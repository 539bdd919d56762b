package shapes

import "testing"

func TestRequirements(t *testing.T) {
	s, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	level := func(typ, prop, feature string) string {
		for _, r := range s.Requirements(typ, prop) {
			if r.Feature == feature {
				return r.Level
			}
		}
		return ""
	}
	for _, tc := range []struct{ typ, prop, feature, want string }{
		{"Product", "name", "Product snippet", "required"},
		{"Article", "headline", "Article", "recommended"},
		{"Product", "review", "Product snippet", "required"}, // one of review, aggregateRating, offers
		{"Article", "noSuchProperty", "Article", ""},
		{"NoSuchType", "name", "Product snippet", ""},
	} {
		if got := level(tc.typ, tc.prop, tc.feature); got != tc.want {
			t.Errorf("level of %s.%s for %q = %q, want %q (all: %+v)", tc.typ, tc.prop, tc.feature, got, tc.want, s.Requirements(tc.typ, tc.prop))
		}
	}
	if rs := s.Requirements("Product", "review"); len(rs) == 0 || len(rs[0].OneOf) < 2 {
		t.Errorf("review on Product should name its alternatives: %+v", rs)
	}
	if fs := s.Features("Recipe"); len(fs) == 0 || fs[0].URL == "" {
		t.Errorf("Features(Recipe) = %+v, want a feature with its page", fs)
	}
}
