package fixer

import (
	"bytes"
	"os"
	"testing"

	"github.com/ldfix/ldfix/fixer/source"
)

// FuzzFix checks, on any page: no panic, the input is unchanged, spans lie
// in the file, bytes outside blocks never change, and fixing the output
// again changes nothing.
func FuzzFix(f *testing.F) {
	for _, c := range fixCases(f) {
		data, err := os.ReadFile(c.input)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, c.opts.UnsafeFixes)
	}
	f.Fuzz(func(t *testing.T, data []byte, unsafe bool) {
		opts := Options{UnsafeFixes: unsafe}
		orig := bytes.Clone(data)
		res := Fix(source.New("fuzz.html", data), opts)
		if !bytes.Equal(orig, data) {
			t.Fatal("Fix changed its input")
		}
		checkResult(t, res)
		if res.Changed {
			if again := Fix(source.New("fuzz.html", res.Output), opts); again.Changed {
				t.Fatalf("fixing the output changes it again:\n%q\n%q", res.Output, again.Output)
			}
		}
	})
}
