package decode

import (
	"bytes"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/japanese"

	"github.com/ldfix/ldfix/fixer/source"
)

func utf16Bytes(s string, big bool) []byte {
	out := []byte{0xff, 0xfe}
	if big {
		out = []byte{0xfe, 0xff}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if big {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestBytes(t *testing.T) {
	const page = "<p>café 🍕</p><script>{\"a\": 1,}</script>"
	sjis, _ := japanese.ShiftJIS.NewEncoder().Bytes([]byte(`<meta charset="shift_jis"><p>日本語</p><script>{"a": 1,}</script>`))
	for _, tc := range []struct {
		name     string
		data     []byte
		encoding string
		declared bool
		text     string
	}{
		{"utf-8", []byte(page), "utf-8", true, page},
		{"utf-16le", utf16Bytes(page, false), "utf-16le", true, page},
		{"utf-16be", utf16Bytes(page, true), "utf-16be", true, page},
		{"latin-1 declared", []byte("<meta charset=\"iso-8859-1\"><p>caf\xe9</p>"), "windows-1252", true, "<meta charset=\"iso-8859-1\"><p>café</p>"},
		{"windows-1252 guessed", []byte("<p>\x93quoted\x94</p>"), "windows-1252", false, "<p>“quoted”</p>"},
		{"shift_jis", sjis, "shift_jis", true, `<meta charset="shift_jis"><p>日本語</p><script>{"a": 1,}</script>`},
		{"valid utf-8 declared latin-1", []byte(`<meta charset="iso-8859-1"><p>café</p>`), "utf-8", true, `<meta charset="iso-8859-1"><p>café</p>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Bytes(tc.data)
			if p.Encoding != tc.encoding || p.Declared != tc.declared || string(p.Text) != tc.text {
				t.Fatalf("got %s declared=%v %q, want %s declared=%v %q", p.Encoding, p.Declared, p.Text, tc.encoding, tc.declared, tc.text)
			}
			// Every character of the text maps to the bytes that hold it.
			for off, r := range string(p.Text) {
				o, end := p.Offset(off), p.Offset(off+len(string(r)))
				enc, err := p.Encode([]byte(string(r)))
				if err != nil || !bytes.Equal(enc, tc.data[o:end]) {
					t.Fatalf("character %q at %d maps to bytes %d:%d = %q, encoded %q (%v)", r, off, o, end, tc.data[o:end], enc, err)
				}
			}
			// A change is written in the page's encoding, the rest byte for byte.
			i := bytes.Index(p.Text, []byte(",}"))
			if i < 0 {
				return
			}
			out, err := p.Apply(tc.data, []Change{{Span: source.Span{Start: i, End: i + 2}, Text: []byte("}")}})
			if err != nil {
				t.Fatal(err)
			}
			want := bytes.Replace(p.Text, []byte(",}"), []byte("}"), 1)
			if again := Bytes(out); !bytes.Equal(again.Text, want) || again.Encoding != p.Encoding {
				t.Errorf("after the change: %s %q, want %s %q", again.Encoding, again.Text, p.Encoding, want)
			}
			if !bytes.HasPrefix(out, tc.data[:p.Offset(i)]) {
				t.Error("bytes before the change were not kept")
			}
		})
	}
}

func TestEncodeFails(t *testing.T) {
	p := Bytes([]byte("<meta charset=\"iso-8859-1\"><p>caf\xe9</p>"))
	if _, err := p.Encode([]byte("日本")); err == nil {
		t.Error("windows-1252 cannot hold 日本; Encode must fail")
	}
}
