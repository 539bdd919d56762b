package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/cmd/ldfix/internal/sitereport"
)

// FuzzConfig: any bytes give a config or an error that names the file,
// never a panic.
func FuzzConfig(f *testing.F) {
	for _, s := range []string{
		"select: [J]\n", "overrides:\n  - files: [a]\n    ignore: [V]\n", "severity: {J: off}\n",
		"include: ['**/*.html']\nexclude: [vendor]\n", "a: [\n", "- 1\n- 2\n", "&a [*a]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := parseConfig("c.yaml", data)
		if err != nil && !strings.HasPrefix(err.Error(), "c.yaml") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}

// FuzzCompact: on any page, a result cut down for the reports written at
// the end (sarif, html) renders exactly like the whole result, and holds
// no more of the page than its blocks.
func FuzzCompact(f *testing.F) {
	for _, pattern := range []string{"../../testdata/extract/*.html", "../../testdata/fix/*.html", "../../testdata/seed.txt"} {
		seeds, _ := filepath.Glob(pattern)
		for _, p := range seeds {
			data, _ := os.ReadFile(p)
			f.Add(data)
		}
	}
	f.Add([]byte("a\rb\r\n<script type=application/ld+json>\r{\"a\":1,}\rx</script>"))
	k, err := newChecker(&settings{}, false)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, _ := k.analyze("f.html", data)
		for _, blocks := range []bool{false, true} {
			c := compact(r, blocks)
			if c.File != nil {
				t.Fatal("compacted result keeps the file")
			}
			held := 0
			for _, b := range c.Blocks {
				held += len(b.Original)
			}
			if held > len(data) {
				t.Fatalf("compacted blocks hold %d bytes, the page %d", held, len(data))
			}
			var want, got strings.Builder
			whole := []report.FileResult{r}
			cut := []report.FileResult{c}
			if blocks {
				sitereport.HTML(&want, whole)
				sitereport.HTML(&got, cut)
			} else {
				report.Render(&want, "sarif", whole, report.Options{})
				report.Render(&got, "sarif", cut, report.Options{})
			}
			if want.String() != got.String() {
				t.Fatalf("blocks %v: renders differently\nwhole:\n%s\ncompacted:\n%s", blocks, want.String(), got.String())
			}
		}
	})
}
