package template

import (
	"bytes"
	"os"
	"testing"
)

// FuzzMask checks Mask's contract on any input: no panic, same length,
// bytes outside holes unchanged, holes sorted, apart and in bounds, each
// masked for its context, findings inside the file, and IsTemplate and
// Mask agreeing that a masked file has no template code left.
func FuzzMask(f *testing.F) {
	for _, in := range maskInputs(f) {
		data, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		`{"a": "{{ "}}" }}"}`, `{{!-- --}}`, `{{/* */}}`, `<?php`, `<%`, `{%- raw -%}{{x}}{%- endraw -%}`,
		`{{{{raw}}}}{{x}}{{{{/raw}}}}`, `[{% for %}{},{% endfor %}]`, `{"{{k}}": {{v}}}`,
		`“a”: “{{ x }}”`, `&quot;{{x}}&quot;`, `<script type="application/ld+json">{{x}}</script>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		r := Scan(data)
		if !bytes.Equal(data, orig) {
			t.Fatal("Scan changed its input")
		}
		checkMask(t, data, r.Text, r.Holes)
		for _, d := range r.Diagnostics {
			if d.Span.Start < 0 || d.Span.End > len(data) || d.Span.End < d.Span.Start {
				t.Fatalf("finding %s span %v outside the input of %d bytes", d.Rule, d.Span, len(data))
			}
		}
		masked, holes := Mask(data)
		if !bytes.Equal(masked, r.Text) || len(holes) != len(r.Holes) {
			t.Fatal("Mask and Scan disagree")
		}
	})
}

func BenchmarkMask(b *testing.B) {
	var page []byte
	for _, in := range maskInputs(b) {
		data, err := os.ReadFile(in)
		if err != nil {
			b.Fatal(err)
		}
		page = append(page, data...)
	}
	// A template page of realistic size: markup around the blocks.
	filler := bytes.Repeat([]byte("<div class=\"post\"><p>{{ post.body }}</p><a href=\"{{ post.url }}\">more</a></div>\n"), 200)
	page = append(filler, page...)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		Mask(page)
	}
}

// BenchmarkMaskAdversarial measures inputs built to make a careless
// scanner quadratic: deep block nesting, branches without an end, and raw
// tags that are never closed.
func BenchmarkMaskAdversarial(b *testing.B) {
	var page bytes.Buffer
	page.WriteString(`<script type="application/ld+json">[`)
	for range 5000 {
		page.WriteString(`{% for x in xs %}{% if a %}{"a": {{ x }}},{% else %}`)
	}
	for range 5000 {
		page.WriteString(`{% raw %}{{{{x}}}}{# `)
	}
	page.WriteString(`]</script>`)
	data := page.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Mask(data)
	}
}
