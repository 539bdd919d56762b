package shapes

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ldfix/ldfix/fixer/jsonpos"
)

// FuzzCheck feeds any valid JSON to the checker, seeded from every golden
// case: no panic, no hang, and every finding points into the block.
func FuzzCheck(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(googleDir, "*.json"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`[{"@type": "Review", "@id": "#a", "itemReviewed": {"@id": "#a"}}]`))
	s, err := Embedded()
	if err != nil {
		f.Fatal(err)
	}
	resolve := func(id string) map[string]any {
		return map[string]any{"@id": id, "itemReviewed": map[string]any{"@id": id}}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := jsonpos.Parse(data)
		if err != nil {
			return
		}
		for _, fd := range s.Check(doc, resolve) {
			if _, ok := doc.Lookup(fd.Pointer); !ok {
				t.Fatalf("pointer %q of %q names nothing in %s", fd.Pointer, fd.Message, data)
			}
			if fd.Rule == "" || fd.Message == "" || fd.Severity == 0 {
				t.Fatalf("incomplete finding %+v", fd)
			}
		}
	})
}
