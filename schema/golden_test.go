package schema_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
	"github.com/ldfix/ldfix/schema"
)

var update = flag.Bool("update", false, "rewrite the golden .out files of testdata/schema")

const goldenDir = "../testdata/schema"

// validateFile validates a golden input: a .jsonld file is one block, an
// .html page has its script blocks validated together (for @id references
// across blocks).
func validateFile(t *testing.T, v *schema.Validator, path string) (*source.File, []diag.Diagnostic) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(path, ".html") {
		return wholeFile(v, filepath.Base(path), data)
	}
	f := source.New(filepath.Base(path), data)
	bs, _ := extract.Blocks(f)
	var blocks []schema.Block
	for _, b := range bs {
		blocks = append(blocks, schema.Block{
			Index: b.Index, Text: data[b.Span.Start:b.Span.End], File: f,
			Map: (&source.OffsetMap{}).Shifted(b.Span.Start),
		})
	}
	return f, v.Validate(blocks)
}

// TestGolden compares the findings on each testdata/schema input with the
// .out file beside it. An expected line /…/ is a regular expression.
func TestGolden(t *testing.T) {
	v := newValidator(t, schema.Options{Profile: schema.ProfileSchemaOrg})
	inputs := goldenInputs(t)
	for _, in := range inputs {
		name := strings.TrimPrefix(in, goldenDir+"/")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f, ds := validateFile(t, v, in)
			checkSpans(t, f, ds)
			got := render(f, ds)
			out := strings.TrimSuffix(in, filepath.Ext(in)) + ".out"
			if *update {
				if err := os.WriteFile(out, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(out)
			if err != nil {
				t.Fatalf("%v (run go test ./schema -run TestGolden -update)", err)
			}
			if !linesMatch(string(want), got) {
				t.Errorf("findings differ\n--- want\n%s--- got\n%s", want, got)
			}
		})
	}
}

func goldenInputs(t *testing.T) []string {
	var inputs []string
	for _, pat := range []string{"*.jsonld", "*.html", "ok/*.jsonld", "ok/*.html"} {
		m, err := filepath.Glob(filepath.Join(goldenDir, pat))
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, m...)
	}
	if len(inputs) == 0 {
		t.Fatal("no golden inputs in testdata/schema")
	}
	return inputs
}

func linesMatch(want, got string) bool {
	return sharedtest.DiffLines(want, got) == ""
}

// checkSpans asserts what every renderer relies on: spans lie inside the
// file, and a finding about a key or a string covers that quoted text.
func checkSpans(t *testing.T, f *source.File, ds []diag.Diagnostic) {
	t.Helper()
	for _, d := range ds {
		if d.Span.Start < 0 || d.Span.End > len(f.Data) || d.Span.Start > d.Span.End {
			t.Errorf("%s: span %v outside the file (%d bytes)", d.Rule, d.Span, len(f.Data))
			continue
		}
		text := string(f.Text(d.Span))
		if text == "" {
			t.Errorf("%s %s: empty span", d.Rule, d.Pointer)
		}
		if strings.HasPrefix(text, `"`) && !strings.HasSuffix(text, `"`) {
			t.Errorf("%s %s: span %q does not cover a whole string", d.Rule, d.Pointer, text)
		}
		if d.Fix != nil {
			prev := 0
			for _, e := range d.Fix.Edits {
				if e.Span.Start < prev || e.Span.End > len(f.Data) || e.Span.Len() <= 0 {
					t.Errorf("%s %s: fix edit %v is out of order, outside the file or only inserts", d.Rule, d.Pointer, e.Span)
				}
				prev = e.Span.End
			}
		}
	}
}

// TestGoldenCoversRules fails when a V rule has no failing golden case,
// and checks the message style of every rule's findings (STYLE.md §4).
func TestGoldenCoversRules(t *testing.T) {
	v := newValidator(t, schema.Options{Profile: schema.ProfileSchemaOrg})
	seen := map[string]bool{}
	for _, in := range goldenInputs(t) {
		_, ds := validateFile(t, v, in)
		for _, d := range ds {
			seen[d.Rule] = true
			if strings.Contains(in, "/ok/") && d.Severity > diag.Info {
				t.Errorf("%s: a case under ok/ has finding %s %s", in, d.Rule, d.Message)
			}
			if d.Message == "" || d.Message[0] < 'a' || d.Message[0] > 'z' || strings.HasSuffix(d.Message, ".") {
				t.Errorf("%s: message %q must start lower-case and have no final period", d.Rule, d.Message)
			}
		}
	}
	for _, r := range diag.Rules() {
		if r.ID[0] == 'V' && !seen[r.ID] {
			t.Errorf("rule %s (%s) has no golden case in testdata/schema", r.ID, r.Name)
		}
	}
}
