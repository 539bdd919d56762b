package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aymanbagabas/go-udiff"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

// semanticDir holds the golden cases of the V and G fixes: an input
// (name.html, name.template.liquid…), its findings (name.out: every finding
// but the missing recommended properties, G002, with its fix) and, when
// the file changes, the fixed file (name.fixed.html). A name with
// ".unsafe." runs with --unsafe-fixes.
const semanticDir = "../../testdata/fix-semantic"

var updateGolden = flag.Bool("update", false, "rewrite the golden files of testdata/fix-semantic")

func semanticChecker(t testing.TB, unsafe bool) *checker {
	t.Helper()
	k, err := newChecker(&settings{unsafe: unsafe}, true)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// fixPass is one run of ldfix fix on data: the findings of the page as
// given (with the fixes that were written) and the fixed bytes. changed
// is false for a page left as it was, or when the check failed (r.Err).
func fixPass(k *checker, path string, data []byte) (r report.FileResult, output []byte, changed bool) {
	r, cr := k.analyze(path, data)
	if cr == nil {
		return r, data, false
	}
	if cr.Before != nil {
		r.Diagnostics = cr.Before.Diagnostics
	}
	return r, cr.Output, cr.Changed
}

func TestSemanticGolden(t *testing.T) {
	entries, err := os.ReadDir(semanticDir)
	if err != nil {
		t.Fatal(err)
	}
	safe, unsafe := semanticChecker(t, false), semanticChecker(t, true)
	n := 0
	for _, e := range entries {
		name := e.Name()
		ext := filepath.Ext(name)
		if ext == ".out" || ext == ".md" || strings.Contains(name, ".fixed.") {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			k := safe
			if strings.Contains(name, ".unsafe.") {
				k = unsafe
			}
			stem := filepath.Join(semanticDir, strings.TrimSuffix(name, ext))
			data, err := os.ReadFile(filepath.Join(semanticDir, name))
			if err != nil {
				t.Fatal(err)
			}
			r, output, changed := fixPass(k, name, data)
			f := source.New(name, data)
			golden(t, stem+".out", renderFixes(f, r.Diagnostics))
			fixedPath := stem + ".fixed" + ext
			if !changed {
				if _, err := os.Stat(fixedPath); err == nil {
					t.Errorf("%s exists but the file does not change", fixedPath)
				}
				return
			}
			golden(t, fixedPath, string(output))
			after, _ := k.analyze(name, output)
			for _, p := range fixHeld(f, r.Diagnostics, output, after.Diagnostics, k.s.unsafe, true) {
				t.Error(p)
			}
		})
	}
	if n == 0 {
		t.Fatal("no cases in " + semanticDir)
	}
}

// golden compares got with the file at path, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *updateGolden {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/ldfix -run TestSemanticGolden -update)", err)
	}
	if d := sharedtest.DiffLines(string(want), got); d != "" {
		t.Errorf("%s differs:\n%s", path, d)
	}
}

// renderFixes prints findings one a line: line:col severity rule pointer:
// message, then the fix and its safety.
func renderFixes(f *source.File, ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		if d.Rule == "G002" {
			continue
		}
		p := f.Position(d.Span.Start)
		fmt.Fprintf(&b, "%d:%d %s %s %s: %s", p.Line, p.Column, d.Severity, d.Rule, d.Pointer, d.Message)
		if d.Fix != nil {
			fmt.Fprintf(&b, " (%s fix: %s)", d.Fix.Applicability, d.Fix.Title)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// fixHeld checks the promise of the V and G fixes on one file: after
// fixing, no new finding lies on text the fixes wrote (found by diffing
// the bytes, not from the fixer's own account), and, when strict, every
// finding whose fix was enabled is gone. Findings that only ask for more
// content (G002) or inform are not counted as new.
func fixHeld(f *source.File, before []diag.Diagnostic, out []byte, after []diag.Diagnostic, unsafe, strict bool) []string {
	type key struct{ rule, feature, msg string }
	had := map[key]int{}
	for _, d := range before {
		had[key{d.Rule, d.Feature, d.Message}]++
	}
	var problems []string
	wrote := writtenSpans(string(f.Data), string(out))
	for _, d := range after {
		k := key{d.Rule, d.Feature, d.Message}
		if had[k] > 0 {
			had[k]--
			if strict && enabled(d, unsafe) && isCheckedRule(d.Rule) {
				problems = append(problems, fmt.Sprintf("%s %s %q: its fix was enabled but the finding is still there", d.Rule, d.Pointer, d.Message))
			}
			continue
		}
		if d.Rule == "G002" || d.Severity == diag.Info {
			continue
		}
		for _, w := range wrote {
			if d.Span.Start >= w.Start && d.Span.End <= w.End {
				problems = append(problems, fmt.Sprintf("new finding on fixed text: %s %s %q", d.Rule, d.Pointer, d.Message))
				break
			}
		}
	}
	return problems
}

func enabled(d diag.Diagnostic, unsafe bool) bool {
	return d.Fix != nil && len(d.Fix.Edits) > 0 && (d.Fix.Applicability == diag.Safe || unsafe && d.Fix.Applicability == diag.Unsafe)
}

func isCheckedRule(id string) bool { return id[0] == 'V' || id[0] == 'G' }

// writtenSpans returns the spans of after that differ from before.
func writtenSpans(before, after string) []source.Span {
	var out []source.Span
	delta := 0
	for _, e := range udiff.Strings(before, after) {
		start := e.Start + delta
		out = append(out, source.Span{Start: start, End: start + len(e.New)})
		delta += len(e.New) - (e.End - e.Start)
	}
	return out
}

// TestSemanticFixesOnCorpus applies the fixes to every page of the
// real-world corpus and checks them again: every fixed page is still
// valid JSON-LD in its blocks (the fixer's own check), and no fix leaves a
// new finding on the text it wrote. It also reports how many findings
// carry a fix of each safety and how many of those the fixes removed.
func TestSemanticFixesOnCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("fixes every page of the corpus twice; skipped with -short")
	}
	pages := sharedtest.Pages(t)
	for _, unsafe := range []bool{false, true} {
		k := semanticChecker(t, unsafe)
		counts := map[diag.Applicability]int{}
		removed, enabledN, changed := 0, 0, 0
		for _, p := range pages {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			r, output, fixed := fixPass(k, p, data)
			if r.Err != nil {
				continue
			}
			for _, d := range r.Diagnostics {
				if isCheckedRule(d.Rule) && d.Fix != nil {
					counts[d.Fix.Applicability]++
				}
				if isCheckedRule(d.Rule) && enabled(d, unsafe) {
					enabledN++
				}
			}
			if !fixed {
				for _, d := range r.Diagnostics {
					if isCheckedRule(d.Rule) && enabled(d, unsafe) && testing.Verbose() {
						t.Logf("kept, page unchanged: %s: %s %s (%s)", filepath.Base(p), d.Rule, d.Message, d.Fix.Title)
					}
				}
				continue
			}
			changed++
			after, _ := k.analyze(p, output)
			left := map[string]int{}
			for _, d := range after.Diagnostics {
				left[d.Rule+d.Feature+d.Message]++
			}
			for _, d := range r.Diagnostics {
				if isCheckedRule(d.Rule) && enabled(d, unsafe) {
					if left[d.Rule+d.Feature+d.Message] > 0 {
						left[d.Rule+d.Feature+d.Message]--
						if testing.Verbose() {
							t.Logf("kept: %s: %s %s (%s)", filepath.Base(p), d.Rule, d.Message, d.Fix.Title)
						}
					} else {
						removed++
					}
				}
			}
			for _, pr := range fixHeld(source.New(p, data), r.Diagnostics, output, after.Diagnostics, unsafe, false) {
				t.Errorf("%s: %s", p, pr)
			}
		}
		t.Logf("unsafe=%v: V/G findings with a fix: %d safe, %d unsafe, %d display-only; %d enabled, %d removed by fixing; %d pages changed",
			unsafe, counts[diag.Safe], counts[diag.Unsafe], counts[diag.DisplayOnly], enabledN, removed, changed)
	}
}

// FuzzSemanticFix fixes arbitrary pages with the V and G fixes enabled:
// no panic, and no new finding on text a fix wrote. Seeded from the
// golden cases.
func FuzzSemanticFix(f *testing.F) {
	entries, _ := os.ReadDir(semanticDir)
	for _, e := range entries {
		if data, err := os.ReadFile(filepath.Join(semanticDir, e.Name())); err == nil && !strings.Contains(e.Name(), ".fixed.") {
			f.Add(data)
		}
	}
	k := semanticChecker(f, true)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, output, changed := fixPass(k, "page.html", data)
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		if !changed {
			return
		}
		after, _ := k.analyze("page.html", output)
		for _, p := range fixHeld(source.New("page.html", data), r.Diagnostics, output, after.Diagnostics, true, false) {
			t.Error(p)
		}
	})
}
