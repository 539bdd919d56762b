package decode

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzBytes: any input decodes without a panic; decoded text is valid
// UTF-8; every offset of the text maps inside the input, in order; and
// writing no change gives the input back byte for byte.
func FuzzBytes(f *testing.F) {
	f.Add([]byte("<meta charset=\"iso-8859-1\"><p>caf\xe9</p>"))
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00\x3d\xd8\x55\xdf"))
	f.Add([]byte("\xfe\xff\x00<\xd8\x3d"))
	f.Add([]byte("<meta charset=shift_jis>\x93\xfa\x96\x7b\x81"))
	f.Add([]byte("<p>\x93quoted\x94</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := Bytes(data)
		if p.Decoded() && !utf8.Valid(p.Text) {
			t.Fatalf("decoded %s text is not UTF-8: %q", p.Encoding, p.Text)
		}
		prev := 0
		for off := 0; off <= len(p.Text); off++ {
			o := p.Offset(off)
			if o < prev || o > len(data) {
				t.Fatalf("offset %d maps to %d (previous %d, input %d bytes)", off, o, prev, len(data))
			}
			prev = o
		}
		out, err := p.Apply(data, nil)
		if err != nil || !bytes.Equal(out, data) {
			t.Fatalf("no change gave %q, %v", out, err)
		}
	})
}
