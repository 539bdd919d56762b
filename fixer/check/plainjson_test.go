package check

import "testing"

func TestPlainJSON(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		plain      bool
	}{
		{"package.json", `{"name": "site", "description": "emits @context and @type for SEO"}`, true},
		{"report.json", `{"version": 1, "diagnostics": [{"message": "node has no \"@context\": add one"}]}`, true},
		{"config.json", `{"@contextual": 1, "x@type": 2}`, true},
		{"tsconfig.json", `{"paths": {"@type/*": ["types/*"]}}`, true},
		{"page.json", `{"@context": "https://schema.org", "@type": "Thing"}`, false},
		{"nested.json", `[{"a": {"@id" : "x"}}]`, false},
		{"curly.json", `{“@type”: “Thing”}`, false},
		{"single.json", `{'@graph': []}`, false},
		{"bare.json", `{@type: "Thing"}`, false},
		{"page.jsonld", `{"name": "no keyword"}`, false},
		{"page.html", `<p>@context</p>`, false},
	} {
		if got := PlainJSON(tc.name, []byte(tc.data)); got != tc.plain {
			t.Errorf("PlainJSON(%s, %s) = %v, want %v", tc.name, tc.data, got, tc.plain)
		}
	}
}
