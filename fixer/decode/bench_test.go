package decode

import (
	"bytes"
	"testing"
)

// BenchmarkBytes measures decoding per page: a UTF-8 page costs one
// validity scan, a windows-1252 page a pass that maps every character.
func BenchmarkBytes(b *testing.B) {
	para := "<p>Une phrase de texte ordinaire, avec des accents ici et là.</p>\n"
	utf8Page := []byte(`<meta charset="utf-8">` + string(bytes.Repeat([]byte(para), 2000)))
	enc := Bytes([]byte("<meta charset=\"iso-8859-1\">\xe9")).enc
	latinPage, err := enc.NewEncoder().Bytes(bytes.Replace(utf8Page, []byte("utf-8"), []byte("iso-8859-1"), 1))
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
	}{{"utf-8", utf8Page}, {"windows-1252", latinPage}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			for b.Loop() {
				Bytes(c.data)
			}
		})
	}
}
