package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/source"
)

// TestTenThousandFiles walks a directory of 10,000 pages: every file is
// checked, the findings come out in path order, the summary counts them,
// and shards split the files without overlap.
func TestTenThousandFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 10,000 files; skipped with -short")
	}
	dir := t.TempDir()
	const n = 10000
	broken := map[int]bool{7: true, 4321: true, 9999: true}
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("d%02d", i%100))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		body := fmt.Sprintf("<p>page %d</p>\n", i)
		if broken[i] {
			body += `<script type="application/ld+json">{"@type": "Thing", "name": "x",}</script>` + "\n"
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("p%05d.html", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := runCLI(t, "", "check", "--select", "J", dir)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1; stderr %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{"d07/p00007.html", "d21/p04321.html", "d99/p09999.html"}
	if len(lines) != len(want) {
		t.Fatalf("got %d findings, want %d:\n%s", len(lines), len(want), out)
	}
	for i, l := range lines {
		if !strings.HasPrefix(l, filepath.Join(dir, want[i])+":2:") || !strings.HasSuffix(l, "[J020]") {
			t.Errorf("finding %d = %q, want one for %s", i, l, want[i])
		}
	}
	if wantSum := "ldfix: 3 errors, 0 warnings, 0 info in 3 files of 10000 checked\n"; errs != wantSum {
		t.Errorf("stderr = %q, want %q", errs, wantSum)
	}

	// Shards: every file in exactly one of three.
	seen := map[string]int{}
	for i := 1; i <= 3; i++ {
		_, out, _ := runCLI(t, "", "check", "--format", "json", "--shard", fmt.Sprintf("%d/3", i), dir)
		var doc struct{ Files []struct{ File string } }
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		for _, f := range doc.Files {
			seen[f.File]++
		}
	}
	if len(seen) != n {
		t.Errorf("shards covered %d files, want %d", len(seen), n)
	}
	for f, c := range seen {
		if c != 1 {
			t.Errorf("%s is in %d shards", f, c)
		}
	}
}

// TestFixKeepsOtherBytes checks the promise that fix keeps every other byte, on the seed: after fix,
// every byte before and after the block is unchanged, the block parses as
// strict JSON, and fixing again changes nothing.
func TestFixKeepsOtherBytes(t *testing.T) {
	orig, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "seed.txt")
	if err := os.WriteFile(p, orig, 0o640); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "", "fix", "--select", "J,X001", p); code != 0 {
		t.Fatalf("fix exit %d: %s", code, errs)
	}
	fixedData, _ := os.ReadFile(p)
	before := fixer.Fix(source.New("seed.txt", orig), fixer.Options{})
	if len(before.Blocks) != 1 {
		t.Fatalf("seed has %d blocks, want 1", len(before.Blocks))
	}
	span := before.Blocks[0].Span
	if !strings.HasPrefix(string(fixedData), string(orig[:span.Start])) {
		t.Error("bytes before the block changed")
	}
	if !strings.HasSuffix(string(fixedData), string(orig[span.End:])) {
		t.Error("bytes after the block changed")
	}
	after := fixer.Fix(source.New("seed.txt", fixedData), fixer.Options{})
	if len(after.Blocks) != 1 || !json.Valid(after.File.Text(after.Blocks[0].Span)) {
		t.Errorf("fixed block is not strict JSON: %q", after.File.Text(after.Blocks[0].Span))
	}
	if after.Changed {
		t.Error("a second fix would change the file again")
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want 0640 kept", st.Mode().Perm())
	}
}

// TestWalkOrderAndFilters checks the walker alone: lexical order, default
// extensions, include globs replacing them, .git skipped.
func TestWalkOrderAndFilters(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.html", "a/z.json", "a/y.txt", "c.jsonld", ".git/x.html", "t/page.njk", "UP.HTML"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, nil, 0o644)
	}
	rel := func(ins []input) []string {
		var out []string
		for _, in := range ins {
			r, _ := filepath.Rel(dir, in.path)
			out = append(out, filepath.ToSlash(r))
		}
		return out
	}
	got := rel(newWalker(&Config{}).expand([]string{dir}))
	want := []string{"UP.HTML", "a/z.json", "b.html", "c.jsonld", "t/page.njk"}
	if !slices.Equal(got, want) {
		t.Errorf("walk = %v, want %v", got, want)
	}
	got = rel(newWalker(&Config{Dir: dir, Include: []string{"**/*.txt"}}).expand([]string{dir}))
	if !slices.Equal(got, []string{"a/y.txt"}) {
		t.Errorf("walk with include = %v, want [a/y.txt]", got)
	}
	// The same file named twice is checked once.
	got = rel(newWalker(&Config{}).expand([]string{filepath.Join(dir, "b.html"), dir}))
	if len(got) != 5 || got[0] != "b.html" {
		t.Errorf("walk = %v, want b.html first and no repeats", got)
	}
}
