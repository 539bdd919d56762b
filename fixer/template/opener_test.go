package template

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

func TestMayHoldServerSyntax(t *testing.T) {
	for _, c := range []struct {
		data string
		want bool
	}{
		{"", false},
		{"<p>{x}</p>", false},
		{"{{ user.name }}", false},
		{"{{{ body }}}", false},
		{"{{#each items}}{{/each}}", false},
		{"<?xml version=\"1.0\"?>", false},
		{"a<b?c", false},
		{"{% if x %}", true},
		{"{%", true},
		{"{{- x }}", true},
		{"{{ x -}}", true},
		{"{{ .Title }}", true},
		{"{{~ .Title ~}}", true},
		{"{{ end }}", true},
		{"{{range .Items}}", true},
		{"{{ define \"x\" }}", true},
		{"{{ template \"x\" }}", true},
		{"<?php echo 1; ?>", true},
		{"<?PHP\necho 1;", true},
		{"<?= $x ?>", true},
		{"<? echo 1 ?>", true},
		{"<?phpx", false},
	} {
		if got := mayHoldServerSyntax([]byte(c.data)); got != c.want {
			t.Errorf("mayHoldServerSyntax(%q) = %v, want %v", c.data, got, c.want)
		}
	}
}

// samePrefiltered fails when the look for openers that IsTemplate starts
// with gives another answer than scanning every tag.
func samePrefiltered(t testing.TB, name string, data []byte) {
	t.Helper()
	if full := hasServerSyntax(data); IsTemplate("page.html", data) != full {
		t.Errorf("%s: IsTemplate = %v, a scan of every tag says %v", name, !full, full)
	}
}

// TestIsTemplatePrefilter: on published pages, the template cases and the
// fuzz inputs kept in testdata, IsTemplate answers as a scan of every tag
// does.
func TestIsTemplatePrefilter(t *testing.T) {
	for _, in := range maskInputs(t) {
		data, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		samePrefiltered(t, in, data)
	}
	for _, data := range fuzzInputs(t) {
		samePrefiltered(t, strconv.Quote(string(data)), data)
	}
	pages, _ := sharedtest.ReadPages(t)
	for _, p := range pages {
		samePrefiltered(t, p.Path, p.Data)
	}
}

func FuzzIsTemplatePrefilter(f *testing.F) {
	for _, data := range fuzzInputs(f) {
		f.Add(data)
	}
	for _, s := range []string{"{{ .X }}", "{{ x -}}", "<?php", "{% raw %}{{ .X }}{% endraw %}", "<script>{{ .X }}</script>{{ end }}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { samePrefiltered(t, "input", data) })
}

// fuzzInputs are the inputs kept in testdata/fuzz.
func fuzzInputs(t testing.TB) [][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(text), "\n") {
			if q, ok := strings.CutPrefix(line, "[]byte("); ok {
				s, err := strconv.Unquote(strings.TrimSuffix(q, ")"))
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				out = append(out, []byte(s))
			}
		}
	}
	return out
}
