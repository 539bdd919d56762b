package fixer

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// stubCheck is a Checker that finds every "old" string value in the
// repaired blocks and proposes "new" in its place, with the safety given;
// it stands in for schema validation, which fixer cannot import.
func stubCheck(app diag.Applicability, replacement string) Checker {
	return func(f *source.File, blocks []Block, _ []Item) []diag.Diagnostic {
		var out []diag.Diagnostic
		for _, b := range blocks {
			at := bytes.Index(b.Repaired, []byte(`"old"`))
			if at < 0 {
				continue
			}
			start := b.Map.Offset(at)
			span := source.Span{Start: start, End: start + 5}
			out = append(out, diag.Diagnostic{
				Rule: "V999", Severity: diag.Error, Message: "value is old", Block: b.Index, Span: span,
				Fix: &diag.Fix{Title: "make it new", Applicability: app, Edits: []diag.Edit{{Span: span, Text: replacement}}},
			})
		}
		return out
	}
}

func TestCheckedFixes(t *testing.T) {
	page := `<script type="application/ld+json">{"a": "old",}</script>`
	for _, tc := range []struct {
		name   string
		app    diag.Applicability
		repl   string
		unsafe bool
		want   string
	}{
		{"safe fix written with the repair", diag.Safe, `"new"`, false, `{"a": "new"}`},
		{"unsafe fix not enabled: the repair alone", diag.Unsafe, `"new"`, false, `{"a": "old"}`},
		{"unsafe fix enabled", diag.Unsafe, `"new"`, true, `{"a": "new"}`},
		{"display-only never written", diag.DisplayOnly, `"new"`, true, `{"a": "old"}`},
		// The re-check finds the finding still there: the fix did not
		// hold, so only the repair is written.
		{"fix that does not remove its finding", diag.Safe, `"old" `, false, `{"a": "old"}`},
		// The output would not parse: the repair alone is written.
		{"fix that breaks the JSON", diag.Safe, `"new`, false, `{"a": "old"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := source.New("page.html", []byte(page))
			res := Fix(f, Options{UnsafeFixes: tc.unsafe, Check: stubCheck(tc.app, tc.repl)})
			want := strings.Replace(page, `{"a": "old",}`, tc.want, 1)
			if string(res.Output) != want {
				t.Errorf("output %s\nwant   %s", res.Output, want)
			}
			for _, d := range res.Diagnostics {
				if d.Rule == "X020" || d.Rule == "X022" || d.Rule == "X023" {
					t.Errorf("a V fix held the file back: %s %s", d.Rule, d.Message)
				}
			}
		})
	}
}

// TestCheckedFixesClash: a V fix whose bytes a repair changed is not
// written over it; two fixes that disagree on the same bytes are neither
// written; the same edit proposed twice is written once.
func TestCheckedFixesClash(t *testing.T) {
	page := `<script type="application/ld+json">{"a": "old", "b": 1}</script>`
	f := source.New("page.html", []byte(page))
	at := strings.Index(page, `"old"`)
	span := source.Span{Start: at, End: at + 5}
	fix := func(text string) diag.Diagnostic {
		return diag.Diagnostic{Rule: "V999", Message: "value is old " + text, Span: span,
			Fix: &diag.Fix{Applicability: diag.Safe, Edits: []diag.Edit{{Span: span, Text: text}}}}
	}
	// Each check finds the old value only where it is still there.
	twice := func(f *source.File, _ []Block, _ []Item) []diag.Diagnostic {
		if !bytes.Contains(f.Data, []byte(`"old"`)) {
			return nil
		}
		return []diag.Diagnostic{fix(`"new"`), fix(`"new"`)}
	}
	if res := Fix(f, Options{Check: twice}); !strings.Contains(string(res.Output), `{"a": "new", "b": 1}`) {
		t.Errorf("same edit twice: %s", res.Output)
	}
	disagree := func(f *source.File, _ []Block, _ []Item) []diag.Diagnostic {
		if !bytes.Contains(f.Data, []byte(`"old"`)) {
			return nil
		}
		return []diag.Diagnostic{fix(`"new"`), fix(`"other"`)}
	}
	if res := Fix(f, Options{Check: disagree}); res.Changed {
		t.Errorf("two fixes disagree, yet the file changed: %s", res.Output)
	}
	repairs := []diag.Edit{{Span: source.Span{Start: at, End: at + 1}, Text: `"`}}
	if edits, _ := checkedEdits([]diag.Diagnostic{fix(`"new"`)}, repairs, Options{}); len(edits) != 0 {
		t.Errorf("a fix over a repair's bytes was kept: %v", edits)
	}
}

// TestCheckedFixTouchingTemplate: a fix that would change template code
// is dropped and its finding says the template's data must change.
func TestCheckedFixTouchingTemplate(t *testing.T) {
	page := `<script type="application/ld+json">{"a": "old{{ x }}", "b": "old"}</script>`
	f := source.New("page.liquid", []byte(page))
	at := strings.Index(page, `"old{{`)
	span := source.Span{Start: at, End: at + len(`"old{{ x }}"`)}
	check := func(*source.File, []Block, []Item) []diag.Diagnostic {
		return []diag.Diagnostic{{Rule: "V999", Message: "value is old", Span: span,
			Fix: &diag.Fix{Applicability: diag.Safe, Edits: []diag.Edit{{Span: span, Text: `"new"`}}}}}
	}
	res := Fix(f, Options{Template: true, Check: check})
	if res.Changed {
		t.Errorf("template code changed: %s", res.Output)
	}
	for _, d := range res.Diagnostics {
		if d.Rule == "V999" && (d.Fix != nil || !strings.Contains(d.Message, "template's data")) {
			t.Errorf("finding %q keeps its fix or does not say the data must change", d.Message)
		}
	}
}
