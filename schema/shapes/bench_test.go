package shapes

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ldfix/ldfix/fixer/jsonpos"
)

// BenchmarkCompile measures start-up: decoding the embedded shapes and
// compiling every feature's schemas (Embedded does this once per process).
func BenchmarkCompile(b *testing.B) {
	addFormats()
	for b.Loop() {
		if _, err := loadCatalog(googleJSON); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckNode measures validation per node over the golden cases;
// the reported ns/node is the figure to watch.
func BenchmarkCheckNode(b *testing.B) {
	s := embedded(b)
	files, _ := filepath.Glob(filepath.Join(googleDir, "*.ok.json"))
	var docs []*jsonpos.Doc
	nodes := 0
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		d := parse(b, string(data))
		docs = append(docs, d)
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
