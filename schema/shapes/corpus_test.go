package shapes

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/source/benchtime"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

// ldScript finds JSON-LD blocks well enough for a robustness sweep; the
// product's extraction lives in fixer/extract.
var ldScript = regexp.MustCompile(`(?is)<script[^>]+application/ld\+json[^>]*>(.*?)</script>`)

// corpusBlocks returns the blocks of the real-world pages that are strict
// JSON (repair is another package's job).
func corpusBlocks(t testing.TB) []*jsonpos.Doc {
	dir := sharedtest.Dir(t, "corpus/realworld")
	var docs []*jsonpos.Doc
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range ldScript.FindAllSubmatch(data, -1) {
			if doc, err := jsonpos.Parse(m[1]); err == nil {
				docs = append(docs, doc)
			}
		}
		return nil
	})
	return docs
}

// TestRealWorldPages runs the shapes over every strict JSON-LD block of the
// shared corpus: no panic, every finding points into its block, and no
// finding is reported twice.
func TestRealWorldPages(t *testing.T) {
	s := embedded(t)
	docs := corpusBlocks(t)
	if len(docs) == 0 {
		t.Fatal("no JSON-LD blocks found in the corpus")
	}
	findings := 0
	for _, doc := range docs {
		seen := map[[3]string]bool{}
		for _, f := range s.Check(doc, nil) {
			key := [3]string{f.Pointer, f.Rule, f.Message}
			if seen[key] {
				t.Errorf("finding made twice: %s %s %s", f.Pointer, f.Rule, f.Message)
			}
			seen[key] = true
			findings++
			if _, ok := doc.Lookup(f.Pointer); !ok {
				t.Errorf("pointer %q of %q names nothing", f.Pointer, f.Message)
			}
		}
	}
	t.Logf("%d blocks, %d findings", len(docs), findings)
}

// BenchmarkRealWorldBlock measures a check per real-world block.
func BenchmarkRealWorldBlock(b *testing.B) {
	s := embedded(b)
	docs := corpusBlocks(b)
	defer benchtime.Per(b, "block", len(docs))()
	nodes := 0
	for _, d := range docs {
		nodes += len(newWalker(d, nil).nodes)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			s.Check(d, nil)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*nodes), "ns/node")
}
