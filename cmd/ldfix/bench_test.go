package main

import (
	"os"
	"runtime"
	"testing"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/fixer/check"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

func benchSettings(b *testing.B) (*settings, *checker) {
	s := &settings{cfg: &Config{}, filter: &check.Rules{}, jobs: runtime.GOMAXPROCS(0)}
	k, err := newChecker(s, false)
	if err != nil {
		b.Fatal(err)
	}
	return s, k
}

// BenchmarkCheckSeed measures the whole per-file pipeline of `ldfix check`
// (extract, repair, validate, suppressions, selection) on the seed page.
func BenchmarkCheckSeed(b *testing.B) {
	data, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		b.Fatal(err)
	}
	_, k := benchSettings(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		k.analyze("seed.txt", data)
	}
}

// BenchmarkCheckCorpus checks the shared real-world pages with all cores,
// as `ldfix check DIR` does (files read from disk, results in order).
func BenchmarkCheckCorpus(b *testing.B) {
	dir := sharedtest.Dir(b, "corpus/realworld")
	s, k := benchSettings(b)
	var files []input
	var size int64
	for _, in := range newWalker(&Config{}).expand([]string{dir}) {
		if st, err := os.Stat(in.path); in.err == nil && err == nil {
			size += st.Size()
			files = append(files, in)
		}
	}
	b.SetBytes(size)
	b.ReportMetric(float64(len(files)), "files")
	for b.Loop() {
		each(s, nil, files, func(path string, data []byte) report.FileResult {
			r, _ := k.analyze(path, data)
			return r
		}, failed)
	}
}
