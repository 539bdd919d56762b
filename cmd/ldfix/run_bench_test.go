package main

import (
	"bytes"
	"io"
	"testing"

	"github.com/ldfix/ldfix/fixer/source/benchtime"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

// BenchmarkRunCheckCorpus runs the whole command, `ldfix check --format
// json --exit-zero` over the shared corpus, through run with the binary's
// GC settings: flag parsing, walking, reading, checking and rendering, as
// .ci/bench times the binary. Run it with -cpuprofile or -memprofile to
// profile the product without a profiling flag in it.
func BenchmarkRunCheckCorpus(b *testing.B) {
	defer binaryGC()()
	defer benchtime.Start(b)()
	dir := sharedtest.Dir(b, "corpus/realworld")
	pages := len(sharedtest.Pages(b))
	var stderr bytes.Buffer
	for b.Loop() {
		stderr.Reset()
		if code := run([]string{"ldfix", "check", "--format", "json", "--exit-zero", dir}, bytes.NewReader(nil), io.Discard, &stderr); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}
