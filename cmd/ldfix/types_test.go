package main

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

func TestTypes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{`{"@type": "Article"}`, []string{"Article"}},
		{`{"@type": ["Article", 3, "NewsArticle"]}`, []string{"Article", "NewsArticle"}},
		{`[{"@type": "A"}, {"@type": "B"}, 1, "x"]`, []string{"A", "B"}},
		{`{"@context": "https://schema.org", "@graph": [{"@type": "A"}, {"@type": "B", "@graph": [{"@type": "C"}]}]}`, []string{"A", "B"}},
		{`{"@type": "Outer", "@graph": {"@type": "G"}}`, []string{"Outer", "G"}},
		{`[[{"@type": "deep"}], {"@type": "kept"}]`, []string{"deep", "kept"}},
		{`[[[{"@type": "too deep"}]]]`, nil},
		{`{"@type": "first", "@type": "last"}`, []string{"last"}},
		{`{"\u0040type": "Escaped\u00e9"}`, []string{"Escapedé"}},
		{`{"@TYPE": "NotAType", "a": {"@type": "Nested"}}`, nil},
		{`{"name": "a \"quoted\" \\ string", "@type": "T"}`, []string{"T"}},
		{`{"@type": "T"} trailing`, nil},
		{`{"@type": "T"`, nil},
		{`"just a string"`, nil},
		{``, nil},
	} {
		got := types([]byte(tc.in))
		if !slices.Equal(got, tc.want) {
			t.Errorf("types(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if types(nil) != nil {
		t.Error("types(nil) is not nil")
	}
}

// TestTypesMatchDecoding: on every repaired block of the golden pages and
// the real-world corpus, the scanner gives what decoding the whole block
// gives.
func TestTypesMatchDecoding(t *testing.T) {
	n := 0
	for _, p := range compactPages(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range fixer.Fix(source.New(p, data), fixer.Options{}).Blocks {
			if b.Repaired == nil {
				continue
			}
			n++
			if got, want := types(b.Repaired), decodedTypes(b.Repaired); !slices.Equal(got, want) {
				t.Errorf("%s block %d: types %q, decoding gives %q", p, b.Index, got, want)
			}
		}
	}
	t.Logf("%d blocks", n)
}

// FuzzTypes: on any valid JSON the scanner agrees with decoding; on any
// other text it does not panic.
func FuzzTypes(f *testing.F) {
	f.Add([]byte(`{"@type": ["A", "B"], "@graph": [{"@type": "C"}]}`))
	f.Add([]byte(`[{"@type": "A"}, [{"@type": "B"}]]`))
	f.Add([]byte(`{"\u0040type": "\ud83d\ude00", "x": [1e5, -0.5, true, null, {}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got := types(data)
		if !json.Valid(data) {
			return
		}
		if want := decodedTypes(data); !slices.Equal(got, want) {
			t.Fatalf("types(%q) = %q, decoding gives %q", data, got, want)
		}
	})
}

// BenchmarkTypes reads the @type values of the corpus's repaired blocks.
func BenchmarkTypes(b *testing.B) {
	var blocks [][]byte
	size := 0
	for _, p := range sharedtest.Pages(b) {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		for _, blk := range fixer.Fix(source.New(p, data), fixer.Options{}).Blocks {
			if blk.Repaired != nil {
				blocks = append(blocks, blk.Repaired)
				size += len(blk.Repaired)
			}
		}
	}
	b.SetBytes(int64(size))
	b.ReportMetric(float64(len(blocks)), "blocks")
	for _, bc := range []struct {
		name string
		fn   func([]byte) []string
	}{{"scan", types}, {"decode", decodedTypes}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, blk := range blocks {
					bc.fn(blk)
				}
			}
		})
	}
}

// decodedTypes is types by decoding the whole text, as ldfix did before:
// the reference the scanner is checked against.
func decodedTypes(repaired []byte) []string {
	if repaired == nil {
		return nil
	}
	var v any
	if json.Unmarshal(repaired, &v) != nil {
		return nil
	}
	var out []string
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		switch x := v.(type) {
		case []any:
			if depth < 2 {
				for _, e := range x {
					visit(e, depth+1)
				}
			}
		case map[string]any:
			switch t := x["@type"].(type) {
			case string:
				out = append(out, t)
			case []any:
				for _, e := range t {
					if s, ok := e.(string); ok {
						out = append(out, s)
					}
				}
			}
			if g, ok := x["@graph"]; ok && depth < 2 {
				visit(g, depth+1)
			}
		}
	}
	visit(v, 0)
	return out
}
