package repair_test

import (
	"os"
	"testing"

	"github.com/ldfix/ldfix/fixer/repair"
)

// FuzzRepair checks the repair properties on any input: no panic, strict
// JSON or a positioned refusal, edits that reproduce the text, idempotence,
// spans in bounds (see checkRepair). It is seeded from every golden input.
func FuzzRepair(f *testing.F) {
	for _, path := range goldenInputs(f) {
		in, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(in)
	}
	for _, s := range []string{`{"a":"b}`, `["a" 2`, `{'a': “b”}`, `{"a": "x, "b": 1}`, "[\n\"abc\n]", `{"a":1}}]}`, `&quot;x&quot;`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		keep := string(in)
		res := repair.Text(in, repair.Options{})
		if string(in) != keep {
			t.Fatal("the input was modified")
		}
		if err := checkRepair(in, res); err != nil {
			t.Fatalf("input %q: %v", in, err)
		}
	})
}
