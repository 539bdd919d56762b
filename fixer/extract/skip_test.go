package extract

import (
	"bytes"
	"testing"
)

// FuzzSkipTag holds the fast tag reader to readTag: same name, same span,
// same verdict on a tag the file ends inside.
func FuzzSkipTag(f *testing.F) {
	for _, s := range []string{
		`<div class="a>b">x`, `<p title='it>s'>`, `<a href=/x>`, `</div >`, `</p class="x>">`,
		`<img src=x alt="a" />`, `<a b="c`, `<a b=c d='e>`, `<br/>`, `<a =">">`, `<x y='z"'>`, `<a`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 || data[0] != '<' {
			return
		}
		i := 1
		if data[1] == '/' {
			i = 2
		}
		want, wantOK := readTag(data, 0, i, nil)
		got, gotOK := skipTag(data, 0, i)
		if gotOK != wantOK || (wantOK && (got.span != want.span || !bytes.Equal(got.name, want.name))) {
			t.Fatalf("skipTag(%q) = %v %q %v, readTag = %v %q %v", data, got.span, got.name, gotOK, want.span, want.name, wantOK)
		}
	})
}

// FuzzSkipAttrs holds the reader that keeps no attribute to the one that
// keeps them all: same span, same self-closing and markup verdicts, same
// verdict on a tag the file ends inside.
func FuzzSkipAttrs(f *testing.F) {
	for _, s := range []string{
		`<div class="a>b">x`, `<p itemprop=name>`, `<a href=/x/>`, `<img src=x alt="a" />`, `<a b="c`,
		`<a / b>`, `<br/>`, `<a =">">`, `<x y='z"' typeof="T">`, `<a`, `<p a= >`, `<p ITEMSCOPE/>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 || data[0] != '<' {
			return
		}
		want, wantOK := readTagAttrs(data, 0, 1, make([]attr, 0, 8), true)
		got, gotOK := readTagAttrs(data, 0, 1, nil, false)
		if gotOK != wantOK || wantOK && (got.span != want.span || got.selfClosing != want.selfClosing || got.markup != want.markup) {
			t.Fatalf("%q: without attributes %v %v %v %v, with them %v %v %v %v", data,
				got.span, got.selfClosing, got.markup, gotOK, want.span, want.selfClosing, want.markup, wantOK)
		}
	})
}
