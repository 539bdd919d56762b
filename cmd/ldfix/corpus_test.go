package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

const corpusGolden = "../../testdata/corpus/findings.golden"

// TestCorpusFindings pins what `ldfix check --format json` reports and what
// `ldfix extract` prints for every page of the shared real-world corpus, one
// line per page: the finding count per rule and a digest of the findings and
// of the repaired blocks. A speed-up must leave every line as it was; a
// change that means to alter findings regenerates the file with
//
//	go test ./cmd/ldfix -run TestCorpusFindings -update
//
// and the diff of the golden says which pages changed and how.
func TestCorpusFindings(t *testing.T) {
	if testing.Short() {
		t.Skip("checks the whole corpus; skipped with -short")
	}
	dir := sharedtest.Dir(t, "corpus/realworld")
	got := corpusLines(t, dir)
	if *updateGolden { // -update, shared with the other golden tests of the package
		if err := os.MkdirAll(filepath.Dir(corpusGolden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(corpusGolden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(corpusGolden)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	if d := sharedtest.DiffLines(string(want), got); d != "" {
		t.Errorf("corpus findings changed (if meant, rerun with -update and review the diff of %s):\n%s", corpusGolden, d)
	}
}

// corpusLines runs check and extract over dir and summarises each page.
func corpusLines(t *testing.T, dir string) string {
	t.Helper()
	code, out, errs := runCLI(t, "", "check", "--format", "json", "--exit-zero", "-j", "2", dir)
	if code != 0 {
		t.Fatalf("check: exit %d: %s", code, errs)
	}
	var doc struct {
		Diagnostics []map[string]any `json:"diagnostics"`
		Files       []struct {
			File string `json:"file"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("check output: %v", err)
	}
	type page struct {
		rules    map[string]int
		findings []string
		blocks   []string
	}
	pages := map[string]*page{}
	get := func(file string) *page {
		rel, err := filepath.Rel(dir, file)
		if err != nil {
			t.Fatal(err)
		}
		rel = filepath.ToSlash(rel)
		if pages[rel] == nil {
			pages[rel] = &page{rules: map[string]int{}}
		}
		return pages[rel]
	}
	for _, f := range doc.Files {
		get(f.File)
	}
	for _, d := range doc.Diagnostics {
		p := get(d["file"].(string))
		delete(d, "file")
		line, err := json.Marshal(d) // map keys come out sorted
		if err != nil {
			t.Fatal(err)
		}
		p.rules[d["rule"].(string)]++
		p.findings = append(p.findings, string(line))
	}

	// extract exits 1 when a block cannot be repaired; the corpus has some.
	code, out, errs = runCLI(t, "", "extract", "-j", "2", dir)
	if code > 1 {
		t.Fatalf("extract: exit %d: %s", code, errs)
	}
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var b map[string]any
		if err := json.Unmarshal([]byte(l), &b); err != nil {
			t.Fatalf("extract output: %v: %.200s", err, l)
		}
		p := get(b["file"].(string))
		delete(b, "file")
		line, _ := json.Marshal(b)
		p.blocks = append(p.blocks, string(line))
	}

	names := make([]string, 0, len(pages))
	for n := range pages {
		names = append(names, n)
	}
	slices.Sort(names)
	var sb strings.Builder
	for _, n := range names {
		p := pages[n]
		rules := make([]string, 0, len(p.rules))
		for r, c := range p.rules {
			rules = append(rules, fmt.Sprintf("%s×%d", r, c))
		}
		slices.Sort(rules)
		if len(rules) == 0 {
			rules = []string{"-"}
		}
		fmt.Fprintf(&sb, "%s blocks=%d %s findings=%s blocks=%s\n", n, len(p.blocks), strings.Join(rules, ","),
			digest(p.findings), digest(p.blocks))
	}
	return sb.String()
}

// digest names a list of lines in a few characters; the order of the lines
// is part of what it pins.
func digest(lines []string) string {
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return fmt.Sprintf("%x", h.Sum(nil)[:6])
}
