package source

import (
	"bytes"
	"testing"

	"github.com/ldfix/ldfix/fixer/source/benchtime"
)

// page is 256 KB of HTML-like text in lines of about 80 bytes, the size of
// a typical page of the shared corpus.
var page = bytes.Repeat([]byte(`<div class="entry"><a href="/a/b/c">A link “with” text</a> and more text</div>`+"\n"), 256<<10/80)

// BenchmarkLineStarts is the cost of the line index every report builds
// once per file.
func BenchmarkLineStarts(b *testing.B) {
	defer benchtime.Start(b)()
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		LineStarts(page)
	}
}

// BenchmarkPosition is the cost of placing one finding once the index
// exists.
func BenchmarkPosition(b *testing.B) {
	defer benchtime.Start(b)()
	f := New("page.html", page)
	f.Position(0)
	b.ReportAllocs()
	off := 0
	for b.Loop() {
		f.Position(off)
		off = (off + 7919) % len(page)
	}
}
