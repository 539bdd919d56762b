package shapes

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/source/benchtime"
)

// BenchmarkStart measures what Embedded does once per process: decoding
// the embedded catalog and compiling the gates. Entity shapes are compiled
// on first use.
func BenchmarkStart(b *testing.B) {
	defer benchtime.Start(b)()
	addFormats()
	for b.Loop() {
		if _, err := loadCatalog(googleJSON); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompile measures decoding the catalog and compiling every
// feature's shapes, the most a run can spend on them.
func BenchmarkCompile(b *testing.B) {
	defer benchtime.Start(b)()
	addFormats()
	for b.Loop() {
		fs, err := loadCatalog(googleJSON)
		if err != nil {
			b.Fatal(err)
		}
		if err := compileAll(fs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckNode measures validation per node over the golden cases;
// the reported ns/node is the figure to watch.
func BenchmarkCheckNode(b *testing.B) {
	defer benchtime.Start(b)()
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
