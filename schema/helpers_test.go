package schema_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/schema"
)

// newValidator is shared by the tests; Validator is safe for concurrent
// use, which the parallel tests exercise.
func newValidator(t testing.TB, opts schema.Options) *schema.Validator {
	t.Helper()
	v, err := schema.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// wholeFile validates a JSON file as one block that spans it.
func wholeFile(v *schema.Validator, name string, data []byte) (*source.File, []diag.Diagnostic) {
	f := source.New(name, data)
	b := schema.Block{Index: 0, Text: data, Map: (&source.OffsetMap{}).Shifted(0), File: f}
	return f, v.Validate([]schema.Block{b})
}

// render prints findings one a line as the golden files hold them:
// line:col severity rule pointer: message, then the fix, if any.
func render(f *source.File, ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		p := f.Position(d.Span.Start)
		fmt.Fprintf(&b, "%d:%d %s %s %s: %s", p.Line, p.Column, d.Severity, d.Rule, pointerOrRoot(d.Pointer), d.Message)
		if d.Fix != nil {
			fmt.Fprintf(&b, " (fix, %s: %s", d.Fix.Applicability, d.Fix.Title)
			for _, e := range d.Fix.Edits {
				fmt.Fprintf(&b, "; %q→%s", f.Text(e.Span), e.Text)
			}
			b.WriteString(")")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func pointerOrRoot(p string) string {
	if p == "" {
		return "(root)"
	}
	return p
}
