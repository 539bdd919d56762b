package check

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/source"
)

// FuzzSuppress: suppressions on any page never panic, and every finding
// they add lies inside the file.
func FuzzSuppress(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/script/suppress.txtar")
	for _, p := range seeds {
		data, _ := os.ReadFile(p)
		f.Add(data)
	}
	f.Add([]byte("<!-- ldfix-ignore-file J x -->\n<script type=\"application/ld+json\">{\"a\":1,}</script>"))
	f.Add([]byte("<!--ldfix-ignore--><!-- ldfix-ignore ,,, --><script type=application/ld+json>[</script>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src := source.New("f.html", data)
		res := fixer.Fix(src, fixer.Options{})
		for _, d := range suppress(src, res, res.Diagnostics) {
			if d.Span.Start < 0 || d.Span.End > len(data) || d.Span.Start > d.Span.End {
				t.Fatalf("%s span %v outside the file of %d bytes", d.Rule, d.Span, len(data))
			}
		}
	})
}
