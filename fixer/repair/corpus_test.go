package repair_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/repair"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// corpusBlock is one JSON-LD block of a corpus page.
type corpusBlock struct {
	name string // page path relative to the corpus, then #index
	text []byte
}

// corpusBlocks extracts every block of every page under dir.
func corpusBlocks(t testing.TB, dir string) []corpusBlock {
	t.Helper()
	var out []corpusBlock
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		f := source.New(rel, data)
		blocks, _ := extract.Blocks(f)
		for _, b := range blocks {
			out = append(out, corpusBlock{name: fmt.Sprintf("%s#%d", filepath.ToSlash(rel), b.Index), text: f.Text(b.Span)})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCorpus repairs every block of the real-world corpus. Blocks that
// parse must come out untouched; every other block is listed in
// testdata/corpus.golden with the rules that repaired it and a digest of
// the value it repairs to (the pages' text is not ours to copy), or with
// the error that refused it. The list was checked by hand for a sample.
func TestCorpus(t *testing.T) {
	dir := sharedtest.Dir(t, "corpus/realworld")
	blocks := corpusBlocks(t, dir)
	var lines []string
	valid, broken := 0, 0
	for _, b := range blocks {
		res := repair.Text(b.text, repair.Options{})
		if err := checkRepair(b.text, res); err != nil {
			t.Errorf("%s: %v", b.name, err)
		}
		if json.Valid(b.text) {
			valid++
			continue
		}
		broken++
		lines = append(lines, b.name+"\t"+describeResult(res))
	}
	t.Logf("corpus: %d blocks, %d valid and untouched, %d repaired or refused", len(blocks), valid, broken)
	compareGolden(t, filepath.Join("testdata", "corpus.golden"), strings.Join(lines, "\n")+"\n")
}

// describeResult summarises a repair: the rules applied, then the digest of
// the repaired value, or the refusal.
func describeResult(res *repair.Result) string {
	if res.Text == nil {
		d := res.Diagnostics[0]
		return "refused " + d.Rule + ": " + d.Message
	}
	var rules []string
	for _, d := range res.Diagnostics {
		if !slices.Contains(rules, d.Rule) {
			rules = append(rules, d.Rule)
		}
	}
	slices.Sort(rules)
	var v any
	if err := json.Unmarshal(res.Text, &v); err != nil {
		return "invalid: " + err.Error()
	}
	canon, _ := json.Marshal(v)
	sum := sha256.Sum256(canon)
	return strings.Join(rules, ",") + "\tvalue sha256:" + hex.EncodeToString(sum[:8])
}

// compareGolden compares got with the golden file, or rewrites it with
// -update.
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
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(want, []byte(got)) {
		t.Errorf("%s differs (run with -update and review the diff):\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines only in want (-) or only in got (+).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var sb strings.Builder
	for _, l := range w {
		if !slices.Contains(g, l) {
			sb.WriteString("- " + l + "\n")
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			sb.WriteString("+ " + l + "\n")
		}
	}
	return sb.String()
}
