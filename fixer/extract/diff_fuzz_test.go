package extract

import (
	"bytes"
	"os"
	"testing"

	"github.com/ldfix/ldfix/fixer/source"
)

// FuzzMatchesHTMLParser compares Blocks with x/net/html's tree builder on
// any page that reads the same both ways: pages where Blocks ends a script
// at its JSON value (X001, X011) are read as the author meant, not as a
// browser does, and are left out.
func FuzzMatchesHTMLParser(f *testing.F) {
	for _, in := range goldenInputs(f) {
		data, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if netHTMLDeviates(data) || htmlInForeign(data) {
			return
		}
		blocks, _ := Blocks(source.New("fuzz.html", data))
		for _, b := range blocks {
			if b.Unclosed || b.Kind == Whole {
				return
			}
		}
		want := treeBlocks(t, data)
		if len(want) != len(blocks) {
			t.Fatalf("%d blocks, x/net/html finds %d", len(blocks), len(want))
		}
		for i, b := range blocks {
			if got := asParsed(data[b.Span.Start:b.Span.End]); got != want[i] {
				t.Fatalf("block %d = %q, x/net/html %q", i, got, want[i])
			}
		}
	})
}

// netHTMLDeviates reports input on which x/net/html's tokenizer departs
// from the HTML standard: in a script's "<!--" section, a '<' followed by
// neither a letter nor '/' returns it to plain script data (§13.2.5.20
// says it stays escaped), so it can end a script that browsers keep open.
func netHTMLDeviates(data []byte) bool {
	if !bytes.Contains(data, []byte("<!--")) {
		return false
	}
	for i := bytes.IndexByte(data, '<'); i >= 0 && i+1 < len(data); {
		if c := data[i+1]; !isLetter(c) && c != '/' && !bytes.HasPrefix(data[i:], []byte("<!--")) {
			return true
		}
		j := bytes.IndexByte(data[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// htmlInForeign reports pages with an HTML integration point inside SVG or
// MathML. Blocks models these as scopes in which tags are HTML until the
// integration point's end tag; the tree builder also keeps the scope open
// when that end tag meets an HTML element left open inside it, which only a
// full tree builder follows.
func htmlInForeign(data []byte) bool {
	lower := bytes.ToLower(data)
	if !bytes.Contains(lower, []byte("<svg")) && !bytes.Contains(lower, []byte("<math")) {
		return false
	}
	for _, points := range integrationPoints {
		for _, p := range points {
			if bytes.Contains(lower, []byte("<"+p)) {
				return true
			}
		}
	}
	return false
}
