package fixer

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
	"github.com/ldfix/ldfix/fixer/template"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/fix")

// fixDir holds the fix cases: an input (name.html, name.txt, name.jsonld…),
// its expected findings (name.out, in the text report format) and, when
// the file changes, its expected output (name.fixed.html). A name with
// ".unsafe." runs with unsafe fixes enabled, one with ".template." as a
// template, one with ".ignore-J020." with the fixes of J020 turned off.
const fixDir = "../testdata/fix"

type fixCase struct {
	name, input, out, fixed string
	opts                    Options
}

func fixCases(tb testing.TB) []fixCase {
	tb.Helper()
	entries, err := os.ReadDir(fixDir)
	if err != nil {
		tb.Fatal(err)
	}
	var cases []fixCase
	for _, e := range entries {
		name := e.Name()
		ext := filepath.Ext(name)
		if ext == ".out" || strings.Contains(name, ".fixed.") {
			continue
		}
		stem := strings.TrimSuffix(name, ext)
		cases = append(cases, fixCase{
			name:  name,
			input: filepath.Join(fixDir, name),
			out:   filepath.Join(fixDir, stem+".out"),
			fixed: filepath.Join(fixDir, stem+".fixed"+ext),
			opts: Options{
				UnsafeFixes: strings.Contains(name, ".unsafe."),
				Template:    strings.Contains(name, ".template."),
				Keep:        ignoredIn(name),
			},
		})
	}
	return cases
}

func TestGolden(t *testing.T) {
	for _, c := range fixCases(t) {
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(c.input)
			if err != nil {
				t.Fatal(err)
			}
			f := source.New(c.name, data)
			res := Fix(f, c.opts)
			checkResult(t, res)
			compareGolden(t, c.out, formatDiagnostics(f, res.Diagnostics), true)
			compareFixed(t, c.fixed, data, res)
			if c.opts.Template {
				checkHoles(t, res)
			}
			checkFixedAgain(t, c.name, res, c.opts)
		})
	}
}

// checkHoles checks that fixing a template leaves every piece of template
// code byte-identical and in order, and that the value holes of each block
// are reported as Opaque inside it.
func checkHoles(t *testing.T, res *Result) {
	t.Helper()
	_, before := template.Mask(res.File.Data)
	_, after := template.Mask(res.Output)
	if len(before) != len(after) {
		t.Fatalf("%d template holes before fixing, %d after", len(before), len(after))
	}
	for i := range before {
		b := string(res.File.Data[before[i].Span.Start:before[i].Span.End])
		a := string(res.Output[after[i].Span.Start:after[i].Span.End])
		if a != b {
			t.Errorf("template code %q became %q", b, a)
		}
	}
	opaque := 0
	for _, bl := range res.Blocks {
		for _, o := range bl.Opaque {
			opaque++
			if o.Start < bl.Span.Start || o.End > bl.Span.End {
				t.Errorf("block %d: opaque span %v outside the block %v", bl.Index, o, bl.Span)
			}
		}
	}
	if opaque == 0 && len(before) > 0 {
		t.Errorf("no block reports its placeholders as opaque")
	}
}

// compareFixed checks the output against name.fixed.ext, which exists
// exactly when the file changes.
func compareFixed(t *testing.T, path string, in []byte, res *Result) {
	t.Helper()
	if *update {
		if res.Changed {
			if err := os.WriteFile(path, res.Output, 0o644); err != nil {
				t.Fatal(err)
			}
		} else {
			os.Remove(path)
		}
		return
	}
	want, err := os.ReadFile(path)
	switch {
	case err != nil && res.Changed:
		t.Errorf("the file changed but %s does not exist (go test -update writes it):\n%s", filepath.Base(path), res.Output)
	case err == nil && !res.Changed:
		t.Errorf("the file is left unchanged but %s expects a change", filepath.Base(path))
	case err == nil && !bytes.Equal(want, res.Output):
		t.Errorf("output differs from %s (go test -update rewrites it; review the diff):\n%s", filepath.Base(path), res.Output)
	case !res.Changed && !bytes.Equal(in, res.Output):
		t.Errorf("Changed is false but the output differs from the input")
	}
}

// checkFixedAgain checks that fixing the output changes nothing more and
// reports no J finding: `ldfix check` after `ldfix fix` finds no broken
// JSON.
func checkFixedAgain(t *testing.T, name string, res *Result, opts Options) {
	t.Helper()
	if !res.Changed {
		return
	}
	again := Fix(source.New(name, res.Output), opts)
	if again.Changed {
		t.Errorf("fixing the fixed file changes it again:\n%s", again.Output)
	}
	for _, d := range again.Diagnostics {
		if d.Rule[0] == 'J' || d.Rule == "X001" || d.Rule == "X011" {
			p := again.File.Position(d.Span.Start)
			t.Errorf("fixed file still has %s at %d:%d: %s", d.Rule, p.Line, p.Column, d.Message)
		}
	}
}

// checkResult asserts what callers rely on: spans and edits inside the file,
// block indexes that exist, maps that land inside their blocks, Output
// equal to the input when nothing changed, and bytes outside the blocks
// unchanged when something did.
func checkResult(t *testing.T, res *Result) {
	t.Helper()
	n := len(res.File.Data)
	for _, d := range res.Diagnostics {
		if d.Span.Start < 0 || d.Span.End < d.Span.Start || d.Span.End > n {
			t.Errorf("%s span %v outside the file of %d bytes", d.Rule, d.Span, n)
		}
		if d.Block < -1 || d.Block >= len(res.Blocks) {
			t.Errorf("%s names block %d of %d", d.Rule, d.Block, len(res.Blocks))
		}
		// The places of a grouped finding are shifted with it, each
		// inside the finding's block.
		for _, s := range d.Related {
			if d.Block < 0 || d.Block >= len(res.Blocks) {
				t.Errorf("%s has related places but no block", d.Rule)
				break
			}
			if b := res.Blocks[d.Block].Span; s.Start < b.Start || s.End > b.End || s.End < s.Start {
				t.Errorf("%s related place %v outside its block %v", d.Rule, s, b)
			}
		}
		if d.Fix != nil {
			for _, e := range d.Fix.Edits {
				if e.Span.Start < 0 || e.Span.End < e.Span.Start || e.Span.End > n {
					t.Errorf("%s edit %v outside the file", d.Rule, e.Span)
				}
			}
		}
	}
	for i, b := range res.Blocks {
		if b.Index != i {
			t.Errorf("block %d has index %d", i, b.Index)
		}
		for _, d := range b.Diagnostics {
			if d.Block != i || !slices.ContainsFunc(res.Diagnostics, func(e diag.Diagnostic) bool { return diag.Compare(d, e) == 0 }) {
				t.Errorf("block %d lists %s of block %d, or one missing from the file's findings", i, d.Rule, d.Block)
			}
		}
		if b.Repaired != nil {
			for _, off := range []int{0, len(b.Repaired) / 2, len(b.Repaired)} {
				if got := b.Map.Offset(off); got < b.Span.Start || got > b.Span.End {
					t.Errorf("block %d: repaired offset %d maps to %d, outside the block %v", i, off, got, b.Span)
				}
			}
		}
	}
	if res.Changed == bytes.Equal(res.Output, res.File.Data) {
		t.Errorf("Changed = %v, but output equal to input is %v", res.Changed, !res.Changed)
	}
	if res.Changed {
		checkOutsideBlocks(t, res)
	}
}

// checkOutsideBlocks compares the text between blocks before and after
// fixing; after an unclosed script only the inserted end tag may appear.
func checkOutsideBlocks(t *testing.T, res *Result) {
	t.Helper()
	before := gaps(res.File.Data)
	after := gaps(res.Output)
	if len(before) != len(after) {
		t.Fatalf("%d blocks before fixing, %d after", len(before)-1, len(after)-1)
	}
	for i := range before {
		a := after[i]
		if i > 0 && res.Blocks[i-1].Unclosed {
			a = strings.TrimPrefix(a, extract.EndTag)
		}
		if a != before[i] {
			t.Errorf("text before block %d changed:\n got %q\nwant %q", i, a, before[i])
		}
	}
}

// gaps returns the text around the blocks of data: before the first,
// between each pair, after the last.
func gaps(data []byte) []string {
	blocks, _ := extract.Blocks(source.New("", data))
	var out []string
	prev := 0
	for _, b := range blocks {
		out = append(out, string(data[prev:b.Span.Start]))
		prev = b.Span.End
	}
	return append(out, string(data[prev:]))
}

func formatDiagnostics(f *source.File, ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		p := f.Position(d.Span.Start)
		fmt.Fprintf(&b, "%s:%d:%d: %s %s [%s]\n", f.Name, p.Line, p.Column, d.Severity, d.Message, d.Rule)
	}
	return b.String()
}

// looseRepairLines writes the J lines of a fix golden as patterns that fix
// the place, severity and rule but not the wording: the repairer's own
// goldens own its messages, these own where its findings land in the file.
func looseRepairLines(text string) string {
	var b strings.Builder
	for _, line := range sharedtest.Lines(text) {
		loc, rest, ok := strings.Cut(line, ": ")
		sev, _, _ := strings.Cut(rest, " ")
		if i := strings.LastIndex(line, " [J"); ok && i >= 0 {
			line = "/" + regexp.QuoteMeta(loc+": "+sev+" ") + ".+" + regexp.QuoteMeta(line[i:]) + "/"
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// compareGolden checks got against the golden file, line by line; a golden
// line written /…/ is a regular expression for the whole line. With
// -update it writes the file, repair findings as patterns when loose.
func compareGolden(t *testing.T, path, got string, loose bool) {
	t.Helper()
	if *update {
		if loose {
			got = looseRepairLines(got)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if msg := sharedtest.DiffLines(string(want), got); msg != "" {
		t.Errorf("%s differs (go test -update rewrites it; review the diff):\n%s", filepath.Base(path), msg)
	}
}

// ignoredIn reads the rules a case name turns off (".ignore-J020.") into a
// Keep function; nil when it names none.
func ignoredIn(name string) func(string) bool {
	var off []string
	for _, part := range strings.Split(name, ".") {
		if id, ok := strings.CutPrefix(part, "ignore-"); ok {
			off = append(off, strings.ToUpper(id))
		}
	}
	if off == nil {
		return nil
	}
	return func(rule string) bool { return !slices.Contains(off, rule) }
}
