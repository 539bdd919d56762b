package fixer

import (
	"slices"
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
		out, notes, _, _ := build(f, f, fb, []diag.Diagnostic{d}, Options{})
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

// TestKeep: a fix whose rule is not kept is not written. When the JSON
// still parses without it, the other fixes are written; when it does not,
// the file is left as it was and X023 names the rule.
func TestKeep(t *testing.T) {
	page := `<script type="application/ld+json">{"a": "x",}</script>`
	f := source.New("page.html", []byte(page))
	res := Fix(f, Options{})
	blocks := res.Blocks
	x := strings.Index(page, `"x"`)
	// A fix the JSON does not need: it changes a value and keeps the
	// block valid either way.
	value := diag.Diagnostic{Rule: "V999", Severity: diag.Warning, Span: source.Span{Start: x, End: x + 3}}
	value.Fix = &diag.Fix{Title: "test", Applicability: diag.Safe, Edits: []diag.Edit{{Span: value.Span, Text: `"y"`}}}
	ds := append(slices.Clone(res.Diagnostics), value)
	for _, tc := range []struct {
		name   string
		keep   func(string) bool
		want   string
		note   string
		reason string
	}{
		{"all kept", nil, `{"a": "y"}`, "", ""},
		{"value fix off", func(r string) bool { return r != "V999" }, `{"a": "x"}`, "", ""},
		{"comma fix off", func(r string) bool { return r != "J020" }, `{"a": "x",}`, "X023", "(J020)"},
		// A V fix stands alone: turned off, it is not written, and only
		// the repair the JSON needs keeps the file unchanged.
		{"both off", func(string) bool { return false }, `{"a": "x",}`, "X023", "a fix (J020)"},
	} {
		out, notes, _, _ := build(f, f, blocks, ds, Options{Keep: tc.keep})
		if got := string(out); got != strings.Replace(page, `{"a": "x",}`, tc.want, 1) {
			t.Errorf("%s: output %s, want block %s", tc.name, got, tc.want)
		}
		switch {
		case tc.note == "" && len(notes) > 0:
			t.Errorf("%s: unexpected notes %+v", tc.name, notes)
		case tc.note != "" && (len(notes) != 1 || notes[0].Rule != tc.note || !strings.Contains(notes[0].Message, tc.reason)):
			t.Errorf("%s: notes = %+v, want %s mentioning %q", tc.name, notes, tc.note, tc.reason)
		}
	}
	// KeepFix decides per finding, as a suppression of one block does.
	res = Fix(f, Options{KeepFix: func(d diag.Diagnostic) bool { return d.Block != 0 }})
	if res.Changed || !slices.ContainsFunc(res.Diagnostics, func(d diag.Diagnostic) bool { return d.Rule == "X023" }) {
		t.Errorf("KeepFix turning off block 0: changed %v, findings %+v", res.Changed, res.Diagnostics)
	}
}
