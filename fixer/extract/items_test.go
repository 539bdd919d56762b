package extract

import (
	"slices"
	"testing"
)

func TestItemHelpers(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"https://schema.org/Product", true}, {"http://schema.org/Product", true}, {"urn:isbn:1", true},
		{"Product", false}, {"schema.org/Product", false}, {"//schema.org/Product", false}, {":x", false}, {"a:", false},
	} {
		if got := absoluteURL(c.in); got != c.want {
			t.Errorf("absoluteURL(%q) = %v", c.in, got)
		}
	}
	for in, want := range map[string]string{
		"https://schema.org/Product": "Product", "http://www.schema.org/name": "name",
		"https://schema.org/": "", "https://example.com/Product": "", "https://schema.org/a/b": "",
	} {
		if got := schemaOrg(in); got != want {
			t.Errorf("schemaOrg(%q) = %q, want %q", in, got, want)
		}
	}
	if got := tokens(" name\tname  url\n"); !slices.Equal(got, []string{"name", "url"}) {
		t.Errorf("tokens = %q", got)
	}
	for _, c := range [][3]string{
		{"https://shop.example/a/b.html", "c.jpg", "https://shop.example/a/c.jpg"},
		{"https://shop.example/a/", "/x", "https://shop.example/x"},
		{"", " c.jpg ", "c.jpg"},
	} {
		if got := resolveURL(c[0], c[1]); got != c[2] {
			t.Errorf("resolveURL(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
	p := parsePrefixes(initialPrefixes, "s: https://schema.org/  bad ex: http://example.com/ns#")
	if p["s"] != "https://schema.org/" || p["ex"] != "http://example.com/ns#" || initialPrefixes["s"] != "" {
		t.Errorf("parsePrefixes = s %q ex %q (initial s %q)", p["s"], p["ex"], initialPrefixes["s"])
	}
	if got := string(appendJSONString(nil, "a\"b\\\n\x01\xff")); got != `"a\"b\\\n\u0001`+"\uFFFD"+`"` {
		t.Errorf("appendJSONString = %s", got)
	}
	for in, want := range map[string]string{"https://schema.org": "https://schema.org/", "": "", "http://x/": "http://x/"} {
		if got := vocabIRI(in); got != want {
			t.Errorf("vocabIRI(%q) = %q", in, got)
		}
	}
}
