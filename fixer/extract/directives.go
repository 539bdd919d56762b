package extract

import (
	"bytes"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// Page is what one pass over a file finds: its blocks, the findings about
// its markup, and the comments addressed to ldfix, so that no later step
// has to search the page again.
type Page struct {
	Blocks      []Block
	Diagnostics []diag.Diagnostic
	// Directives are the HTML comments whose text starts with
	// "ldfix-ignore" (suppressions), in document order. A JSON document
	// has none.
	Directives []source.Span
}

// Scan finds the blocks of f like Blocks, and the directives.
func Scan(f *source.File) Page {
	if start, ok := jsonDocument(f); ok {
		b := Block{Index: 0, Kind: Whole, Span: source.Span{Start: start, End: len(f.Data)}}
		var ds []diag.Diagnostic
		if isBlank(f.Data[start:]) {
			ds = append(ds, diag.New("X004", 0, b.Span, "JSON-LD block is empty"))
		}
		return Page{Blocks: []Block{b}, Diagnostics: ds}
	}
	s := newScanner(f.Data)
	s.run()
	return Page{Blocks: s.blocks, Diagnostics: diag.Sort(s.diags), Directives: s.directives}
}

var directive = []byte("ldfix-ignore")

// noteDirective records the comment covering span when it is addressed
// to ldfix.
func (s *scanner) noteDirective(span source.Span) {
	text := s.data[min(span.Start+len("<!--"), span.End):span.End]
	if bytes.HasPrefix(bytes.TrimLeft(text, " \t\r\n"), directive) {
		s.directives = append(s.directives, span)
	}
}
