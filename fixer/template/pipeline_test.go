package template_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
	"github.com/ldfix/ldfix/fixer/template"
	"github.com/ldfix/ldfix/schema"
)

var updateGolden = flag.Bool("update-pipeline", false, "rewrite the golden files in testdata/template")

// goldenDir holds the template cases shared with the rest of the project.
var goldenDir = filepath.Join("..", "..", "testdata", "template")

var (
	validatorOnce sync.Once
	validator     *schema.Validator
	validatorErr  error
)

func newValidator(t testing.TB) *schema.Validator {
	t.Helper()
	validatorOnce.Do(func() { validator, validatorErr = schema.New(schema.Options{}) })
	if validatorErr != nil {
		t.Fatal(validatorErr)
	}
	return validator
}

// checked is a template run through the whole pipeline, as `ldfix check
// --template` runs it: extraction and repair on the masked text, then
// validation with the value holes opaque.
type checked struct {
	file  *source.File
	res   *fixer.Result
	diags []diag.Diagnostic
}

func checkTemplate(t testing.TB, name string, data []byte) checked {
	t.Helper()
	f := source.New(name, data)
	res := fixer.Fix(f, fixer.Options{Template: true})
	ds := append([]diag.Diagnostic{}, res.Diagnostics...)
	var blocks []schema.Block
	for _, b := range res.Blocks {
		if b.Repaired != nil {
			blocks = append(blocks, schema.Block{Index: b.Index, Text: b.Repaired, Map: b.Map, Opaque: b.Opaque, File: f})
		}
	}
	if len(blocks) > 0 {
		ds = append(ds, newValidator(t).Validate(blocks)...)
	}
	return checked{file: f, res: res, diags: diag.Sort(ds)}
}

// lines renders findings as the text format does:
// path:line:col: severity message [ID].
func (c checked) lines() []string {
	out := make([]string, 0, len(c.diags))
	for _, d := range c.diags {
		p := c.file.Position(d.Span.Start)
		out = append(out, fmt.Sprintf("%s:%d:%d: %s %s [%s]", filepath.Base(c.file.Name), p.Line, p.Column, d.Severity, d.Message, d.Rule))
	}
	return out
}

// templateCases lists the inputs under testdata/template: every file that
// is not a golden (.out) or a fixed copy (.fixed.*).
func templateCases(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(goldenDir, "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		base := filepath.Base(f)
		if strings.HasSuffix(base, ".out") || strings.Contains(base, ".fixed.") || strings.HasPrefix(base, "render") {
			continue
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		t.Fatalf("no cases in %s", goldenDir)
	}
	return out
}

// TestTemplateGolden runs each template through the pipeline and compares
// the findings with case.out and the fixed file with case.fixed.ext. It
// also checks what `ldfix fix` on a template promises: every placeholder
// survives byte-identical, and the fixed template has no J finding left.
func TestTemplateGolden(t *testing.T) {
	for _, in := range templateCases(t) {
		rel, _ := filepath.Rel(goldenDir, in)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			if !template.IsTemplate(in, data) {
				t.Errorf("IsTemplate(%s) = false", rel)
			}
			c := checkTemplate(t, in, data)
			checkSpans(t, c)
			ext := filepath.Ext(in)
			stem := strings.TrimSuffix(in, ext)
			compareGolden(t, stem+".out", joinLines(c.lines()), joinLines(c.goldenLines()))
			fixedPath := stem + ".fixed" + ext
			if c.res.Changed || fileExists(fixedPath) {
				compareGolden(t, fixedPath, string(c.res.Output), string(c.res.Output))
			}
			if c.res.Changed {
				samePlaceholders(t, data, c.res.Output)
				again := checkTemplate(t, in, c.res.Output)
				for _, d := range again.diags {
					if d.Rule[0] == 'J' {
						t.Errorf("fixed template still has %s: %s", d.Rule, d.Message)
					}
				}
			}
		})
	}
}

// checkSpans asserts every finding lies inside the file.
func checkSpans(t *testing.T, c checked) {
	t.Helper()
	for _, d := range c.diags {
		if d.Span.Start < 0 || d.Span.End > len(c.file.Data) || d.Span.End < d.Span.Start {
			t.Errorf("%s span %v outside the file of %d bytes", d.Rule, d.Span, len(c.file.Data))
		}
	}
}

// samePlaceholders asserts the fixed file holds the same template code, in
// the same order, byte for byte.
func samePlaceholders(t *testing.T, before, after []byte) {
	t.Helper()
	_, hb := template.Mask(before)
	_, ha := template.Mask(after)
	code := func(data []byte, hs []template.Hole) []string {
		var out []string
		for _, h := range hs {
			if h.Kind != template.Control || !bytes.Equal(bytes.TrimSpace(data[h.Span.Start:h.Span.End]), []byte(",")) {
				out = append(out, string(data[h.Span.Start:h.Span.End]))
			}
		}
		return out
	}
	b, a := code(before, hb), code(after, ha)
	if strings.Join(b, "\x00") != strings.Join(a, "\x00") {
		t.Errorf("template code changed by the fix:\nbefore %q\nafter  %q", b, a)
	}
}

// compareGolden compares got with a golden file whose lines may be
// /regexps/; -update-pipeline writes golden instead.
func compareGolden(t *testing.T, path, got, golden string) {
	t.Helper()
	if *updateGolden {
		if err := os.WriteFile(path, []byte(golden), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update-pipeline to create it, then review it)", err)
	}
	if !matchLines(string(want), got) {
		t.Errorf("%s differs:\n--- want ---\n%s\n--- got ---\n%s", filepath.Base(path), want, got)
	}
}

// joinLines writes lines one per line, each ended by a newline.
func joinLines(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// quoted finds the names a message quotes.
var quoted = regexp.MustCompile(`"[^"]*"`)

// goldenLines are the findings as golden lines. The template rules are
// pinned word for word; the words of other stages' messages are theirs to
// change, so those lines pin the place, the rule and the quoted names.
func (c checked) goldenLines() []string {
	lines := c.lines()
	for i, d := range c.diags {
		if strings.HasPrefix(d.Rule, "X1") {
			continue
		}
		p := c.file.Position(d.Span.Start)
		re := regexp.QuoteMeta(fmt.Sprintf("%s:%d:%d: %s ", filepath.Base(c.file.Name), p.Line, p.Column, d.Severity))
		for _, q := range quoted.FindAllString(d.Message, -1) {
			re += ".*" + regexp.QuoteMeta(q)
		}
		lines[i] = "/^" + re + ".* " + regexp.QuoteMeta("["+d.Rule+"]") + "$/"
	}
	return lines
}

func matchLines(want, got string) bool {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	if len(wl) != len(gl) {
		return false
	}
	for i := range wl {
		if !sharedtest.LineMatches(wl[i], gl[i]) {
			return false
		}
	}
	return true
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
