package extract

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/extract")

// goldenDir holds the extraction cases: an input page or JSON file, its
// expected diagnostics (name.out, in the text report format) and its
// expected blocks (name.blocks).
const goldenDir = "../../testdata/extract"

// goldenInputs lists the case inputs: every file that is not an expected
// output.
func goldenInputs(tb testing.TB) []string {
	tb.Helper()
	entries, err := os.ReadDir(goldenDir)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".out", ".blocks":
			continue
		}
		out = append(out, filepath.Join(goldenDir, e.Name()))
	}
	return out
}

func TestGolden(t *testing.T) {
	for _, in := range goldenInputs(t) {
		name := filepath.Base(in)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			f := source.New(name, data)
			p := Scan(f)
			blocks, ds := p.Blocks, p.Diagnostics
			if bs, _ := Blocks(f); len(bs) != len(blocks) {
				t.Errorf("Blocks finds %d blocks, Scan %d", len(bs), len(blocks))
			}
			checkSpans(t, f, blocks, ds)
			checkItems(t, f, p.Items)
			compareGolden(t, stem(in)+".out", formatDiagnostics(f, ds))
			compareGolden(t, stem(in)+".blocks", formatBlocks(f, blocks)+formatItems(f, p.Items))
		})
	}
}

func stem(p string) string { return strings.TrimSuffix(p, filepath.Ext(p)) }

// formatDiagnostics renders findings as the text report does:
// path:line:col: severity message [RULE].
func formatDiagnostics(f *source.File, ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		p := f.Position(d.Span.Start)
		fmt.Fprintf(&b, "%s:%d:%d: %s %s [%s]\n", f.Name, p.Line, p.Column, d.Severity, d.Message, d.Rule)
	}
	return b.String()
}

// formatBlocks renders each block's kind, index and start and end
// line:col, and whether its script element is unclosed.
func formatBlocks(f *source.File, blocks []Block) string {
	var b strings.Builder
	for _, bl := range blocks {
		s, e := f.Position(bl.Span.Start), f.Position(bl.Span.End)
		fmt.Fprintf(&b, "block %d %s %d:%d-%d:%d", bl.Index, bl.Kind, s.Line, s.Column, e.Line, e.Column)
		if bl.Unclosed {
			b.WriteString(" unclosed")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// formatItems renders each item's syntax, start line:col and JSON-LD,
// then where each of its members' keys and values points in the file.
func formatItems(f *source.File, items []Item) string {
	var b strings.Builder
	for i, it := range items {
		p := f.Position(it.Span.Start)
		fmt.Fprintf(&b, "item %d %s %d:%d %s\n", i, it.Syntax, p.Line, p.Column, it.Text)
		doc, err := jsonpos.Parse(it.Text)
		if err != nil {
			fmt.Fprintf(&b, "  not JSON: %v\n", err)
			continue
		}
		var walk func(n *jsonpos.Node, ptr string)
		walk = func(n *jsonpos.Node, ptr string) {
			for ci, c := range n.Children {
				cp := jsonpos.Join(ptr, c.Key)
				if n.Kind == jsonpos.Array {
					cp = jsonpos.Join(ptr, strconv.Itoa(ci))
				}
				if n.Kind == jsonpos.Object && c.Key != "@context" {
					k := it.Map.Span(c.KeySpan)
					v := it.Map.Span(c.Span)
					kp, vp := f.Position(k.Start), f.Position(v.Start)
					fmt.Fprintf(&b, "  %s key %d:%d %q value %d:%d\n", cp, kp.Line, kp.Column, f.Text(k), vp.Line, vp.Column)
				}
				walk(c, cp)
			}
		}
		walk(doc.Root, "")
	}
	return b.String()
}

// checkItems asserts that each item is strict JSON whose every part maps
// inside the file.
func checkItems(t *testing.T, f *source.File, items []Item) {
	t.Helper()
	for i, it := range items {
		if !json.Valid(it.Text) {
			t.Errorf("item %d is not JSON: %s", i, it.Text)
		}
		for off := 0; off <= len(it.Text); off++ {
			if o := it.Map.Offset(off); o < 0 || o > len(f.Data) {
				t.Errorf("item %d offset %d maps to %d, outside the file", i, off, o)
				break
			}
		}
	}
}

// firstQuoted returns the first Go-quoted string in a message: the text
// the finding is about, which its span must cover.
func firstQuoted(msg string) string {
	i := strings.IndexByte(msg, '"')
	if i < 0 {
		return ""
	}
	q, err := strconv.QuotedPrefix(msg[i:])
	if err != nil {
		return ""
	}
	s, _ := strconv.Unquote(q)
	return s
}

// compareGolden checks got against the golden file, line by line; a golden
// line written /…/ is a regular expression for the whole line.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
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

// checkSpans asserts what every caller relies on: spans inside the file,
// blocks in order and not overlapping, script blocks after their start
// tags, and findings that name a block naming one that exists.
func checkSpans(t *testing.T, f *source.File, blocks []Block, ds []diag.Diagnostic) {
	t.Helper()
	n := len(f.Data)
	prev := 0
	for i, b := range blocks {
		if b.Index != i {
			t.Errorf("block %d has index %d", i, b.Index)
		}
		if b.Span.Start < prev || b.Span.End < b.Span.Start || b.Span.End > n {
			t.Errorf("block %d span %v out of order or bounds (file %d bytes, previous end %d)", i, b.Span, n, prev)
		}
		if b.Kind == Script && (b.Tag.End != b.Span.Start || b.Tag.Start >= b.Tag.End) {
			t.Errorf("block %d tag %v does not end where its content %v starts", i, b.Tag, b.Span)
		}
		prev = b.Span.End
	}
	for _, d := range ds {
		if d.Span.Start < 0 || d.Span.End < d.Span.Start || d.Span.End > n {
			t.Errorf("%s span %v out of bounds (file %d bytes)", d.Rule, d.Span, n)
		}
		if q := firstQuoted(d.Message); q != "" && !strings.Contains(string(f.Text(d.Span)), q) {
			t.Errorf("%s span %q does not cover the quoted %q", d.Rule, f.Text(d.Span), q)
		}
		if d.Block >= len(blocks) || d.Block < -1 {
			t.Errorf("%s names block %d of %d", d.Rule, d.Block, len(blocks))
		}
		if d.Fix != nil {
			for _, e := range d.Fix.Edits {
				if e.Span.Start < 0 || e.Span.End > n || e.Span.End < e.Span.Start {
					t.Errorf("%s fix edit %v out of bounds", d.Rule, e.Span)
				}
			}
		}
	}
}

// TestEveryMRuleHasGolden fails on a microdata or RDFa rule that no golden
// case in testdata/extract shows.
func TestEveryMRuleHasGolden(t *testing.T) {
	var all strings.Builder
	for _, in := range goldenInputs(t) {
		data, err := os.ReadFile(stem(in) + ".out")
		if err != nil {
			t.Fatal(err)
		}
		all.Write(data)
	}
	for _, r := range diag.Rules() {
		if strings.HasPrefix(r.ID, "M") && !strings.Contains(all.String(), "["+r.ID+"]") {
			t.Errorf("rule %s (%s) has no golden case in %s", r.ID, r.Name, goldenDir)
		}
	}
}
