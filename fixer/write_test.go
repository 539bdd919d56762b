package fixer

import (
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/source"
)

// TestCheckBeforeWriting feeds build fixes that break their promise and
// checks that the file is then left untouched with X022 saying why.
func TestCheckBeforeWriting(t *testing.T) {
	page := "<p>a</p>\n<script type=\"application/ld+json\">{\"a\": 1}</script>\n<p>b</p>\n"
	start := strings.Index(page, "{")
	end := strings.Index(page, "</script>")
	for _, tc := range []struct {
		name string
		edit diag.Edit
		want string
	}{
		{"result is not JSON", diag.Edit{Span: source.Span{Start: start, End: start + 1}, Text: "["}, "not strict JSON"},
		{"edit outside the block", diag.Edit{Span: source.Span{Start: 1, End: 2}, Text: "x"}, "bytes outside the blocks changed"},
		{"edit adds a block", diag.Edit{Span: source.Span{Start: end + 9, End: end + 9}, Text: "<script type=application/ld+json>{}</script>"}, "2 blocks after fixing"},
		{"edit outside the file", diag.Edit{Span: source.Span{Start: 0, End: len(page) + 5}, Text: ""}, "outside the text"},
	} {
		f := source.New("page.html", []byte(page))
		blocks, _ := extract.Blocks(f)
		fb := []Block{{Block: blocks[0], Repaired: []byte(`{"a": 1}`)}}
		d := diag.New("J020", 0, tc.edit.Span, "test")
		d.Fix = &diag.Fix{Title: "test", Applicability: diag.Safe, Edits: []diag.Edit{tc.edit}}
		out, notes := build(f, f, fb, []diag.Diagnostic{d}, Options{})
		if string(out) != page {
			t.Errorf("%s: output changed:\n%s", tc.name, out)
		}
		if len(notes) != 1 || notes[0].Rule != "X022" || !strings.Contains(notes[0].Message, tc.want) {
			t.Errorf("%s: notes = %+v, want X022 mentioning %q", tc.name, notes, tc.want)
		}
	}
}

// TestDisplayOnlyNeverWritten checks that a display-only fix neither
// changes the file nor stops the safe fixes around it.
func TestDisplayOnlyNeverWritten(t *testing.T) {
	page := `<script type="application/json+ld">{}</script><script type="application/ld+json">{"a": 1,}</script>`
	res := Fix(source.New("page.html", []byte(page)), Options{UnsafeFixes: true})
	want := `<script type="application/json+ld">{}</script><script type="application/ld+json">{"a": 1}</script>`
	if string(res.Output) != want {
		t.Errorf("output = %s\nwant %s", res.Output, want)
	}
}
