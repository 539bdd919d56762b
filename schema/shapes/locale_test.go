package shapes

import (
	"testing"

	"github.com/xeipuuv/gojsonschema"
)

// TestDescriptionsAsGojsonschema holds the descriptions house-shape
// findings quote to gojsonschema's own English text for each kind of
// error.
func TestDescriptionsAsGojsonschema(t *testing.T) {
	schema := gojsonschema.NewStringLoader(`{
		"required": ["name"],
		"additionalProperties": false,
		"properties": {
			"a": {"enum": ["x", "y"]}, "b": {"minLength": 5}, "c": {"maxLength": 1},
			"d": {"pattern": "^[0-9]+$"}, "e": {"format": "date"}, "f": {"minItems": 3},
			"g": {"maximum": 2}, "h": {"exclusiveMinimum": 10}, "i": {"const": "k"},
			"j": {"multipleOf": 3}, "k": {"uniqueItems": true}, "l": {"not": {"type": "string"}},
			"m": {"anyOf": [{"type": "number"}, {"minLength": 9}]}, "n": {"type": "integer"},
			"o": {"contains": {"const": 1}}, "p": {"maxItems": 0}, "q": {"minProperties": 2}
		}}`)
	doc := gojsonschema.NewStringLoader(`{"a": "z", "b": "ab", "c": "abc", "d": "x1", "e": "soon",
		"f": [1], "g": 7, "h": 3, "i": "j", "j": 4, "k": [1, 1], "l": "s", "m": "short", "n": "1",
		"o": [2], "p": [1], "q": {}, "extra": true}`)
	run := func() []gojsonschema.ResultError {
		r, err := gojsonschema.Validate(schema, doc)
		if err != nil {
			t.Fatal(err)
		}
		return r.Errors()
	}
	defer func() { gojsonschema.Locale = quietLocale{} }()
	gojsonschema.Locale = gojsonschema.DefaultLocale{}
	want := run()
	gojsonschema.Locale = quietLocale{}
	got := run()
	if len(got) != len(want) || len(got) < 18 {
		t.Fatalf("got %d errors, want %d (at least 18)", len(got), len(want))
	}
	// gojsonschema walks properties in map order.
	key := func(re gojsonschema.ResultError) string { return re.Type() + " at " + re.Context().String() }
	wants := map[string]string{}
	for _, re := range want {
		wants[key(re)] = re.Description()
	}
	types := map[string]bool{}
	for _, re := range got {
		types[re.Type()] = true
		if d, w := description(re), wants[key(re)]; d != w {
			t.Errorf("%s: description %q, want %q", key(re), d, w)
		}
	}
	if len(types) < 15 {
		t.Errorf("only %d kinds of error compared: %v", len(types), types)
	}
}
