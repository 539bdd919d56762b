package rewrite

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// FuzzRewrite applies edits decoded from the fuzzer's bytes to a text and
// checks: no panic, the input is unchanged, invalid edits are refused, and
// valid ones keep every byte outside the edits, in order.
func FuzzRewrite(f *testing.F) {
	for _, dir := range []string{"../../testdata/fix", "../../testdata/extract"} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data, []byte{3, 5, 0, 7, 7, 2, 1, 1, 9})
			}
		}
	}
	f.Add([]byte("a\r\nb"), []byte{1, 0, 1})
	f.Fuzz(func(t *testing.T, data, spec []byte) {
		edits := decodeEdits(len(data), spec)
		orig := bytes.Clone(data)
		out, err := Apply(data, edits)
		if !bytes.Equal(orig, data) {
			t.Fatal("Apply changed its input")
		}
		if Check(len(data), edits) != nil {
			if err == nil {
				t.Fatal("Apply accepted edits that Check refuses")
			}
			return
		}
		if err != nil {
			t.Fatalf("Apply refused valid edits: %v", err)
		}
		// Bytes between edits come through unchanged and in order.
		rest := out
		prev := 0
		for _, e := range edits {
			keep := data[prev:e.Span.Start]
			i := bytes.Index(rest, keep)
			if i < 0 {
				t.Fatalf("bytes %q before edit %v are missing from the output", keep, e.Span)
			}
			rest = rest[i+len(keep):]
			prev = e.Span.End
		}
		if !bytes.HasSuffix(out, data[prev:]) {
			t.Fatalf("the bytes after the last edit are not the output's tail")
		}
	})
}

// decodeEdits reads triples (start, length, text) from spec; starts are
// relative to the previous edit's end, so most decoded edits are valid.
func decodeEdits(n int, spec []byte) []diag.Edit {
	var edits []diag.Edit
	pos := 0
	texts := []string{"", "\"", "\n}", "</script>", "\\n", "x"}
	for i := 0; i+2 < len(spec); i += 3 {
		start := pos + int(spec[i]%16) - 2 // sometimes steps back: overlapping
		end := start + int(spec[i+1]%8)
		if spec[i+1] == 255 {
			end = start - 1
		}
		edits = append(edits, diag.Edit{Span: source.Span{Start: start, End: end}, Text: texts[int(spec[i+2])%len(texts)]})
		pos = end
		if pos > n+4 {
			break
		}
	}
	return edits
}
