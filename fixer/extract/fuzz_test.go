package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ldfix/ldfix/fixer/source"
)

// FuzzExtract checks, on any input: no panic, the input is not changed,
// every span lies in the file, blocks are in order, and every fix edit
// lies in the file.
func FuzzExtract(f *testing.F) {
	for _, in := range goldenInputs(f) {
		data, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	// The fix cases are pages too.
	fixInputs, _ := filepath.Glob("../../testdata/fix/*")
	for _, in := range fixInputs {
		if data, err := os.ReadFile(in); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`<script type=application/ld+json><!--<script></script>-->{}</script>`))
	f.Add([]byte(`<svg><title/><script type="application/ld+json">{}</script></svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		file := source.New("fuzz.html", data)
		blocks, ds := Blocks(file)
		if !bytes.Equal(orig, data) {
			t.Fatal("Blocks changed its input")
		}
		checkSpans(t, file, blocks, ds)
	})
}
