package template

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

// TestRealWorldPages reads the shared corpus of published pages: a page
// that is not a template must not be taken for one because of stray
// braces, and where a page does carry template syntax, masking keeps
// Mask's contract; on a served page, template code left in the JSON-LD is
// reported where it stands.
func TestRealWorldPages(t *testing.T) {
	dir := sharedtest.Dir(t, "corpus/realworld")
	var pages, templates, inBlocks, leaks int
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		r := Scan(data)
		checkMask(t, data, r.Text, r.Holes)
		if !IsTemplate(p, data) {
			for _, d := range Leaks(data) {
				code := data[d.Span.Start:d.Span.End]
				if d.Span.End > len(data) || len(code) < 4 || code[0] != '{' && code[0] != '<' {
					t.Errorf("%s: X104 span %v does not cover template code: %q", filepath.Base(p), d.Span, code)
				}
				leaks++
				t.Logf("%s: %s", filepath.Base(p), d.Message)
			}
		}
		if IsTemplate(p, data) {
			templates++
			for _, h := range r.Holes {
				if h.Context != Outside {
					inBlocks++
					t.Logf("%s: hole %q inside a JSON-LD block", filepath.Base(p), data[h.Span.Start:min(h.Span.End, h.Span.Start+60)])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pages, %d with template syntax, %d holes inside JSON-LD blocks, %d leaked tags on served pages", pages, templates, inBlocks, leaks)
	// Served pages carry client-side {{ }} and <% %> all the time; taking
	// them for templates would hide the placeholders that leak from a
	// server. Only leaked server code (PHP) may still count.
	if templates*100 > pages {
		t.Errorf("%d of %d served pages taken for templates, want at most 1%%", templates, pages)
	}
}
