package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/ldfix/ldfix/fixer/source/benchtime"
	"github.com/ldfix/ldfix/fixer/source/catalogue"
)

// BenchmarkCheckCatalogue runs `ldfix check --format json` on one page
// whose single JSON-LD block is a product catalogue of 1, 10 and 16 MB,
// valid and with a syntax defect in every product, through run with the
// binary's GC settings. Time and memory per MB must stay flat from 1 to
// 16 MB; "peak-MB" is the largest heap the run reached.
func BenchmarkCheckCatalogue(b *testing.B) {
	for _, mb := range []int{1, 10, 16} {
		for _, broken := range []bool{false, true} {
			name := fmt.Sprintf("%dMB/valid", mb)
			if broken {
				name = fmt.Sprintf("%dMB/broken", mb)
			}
			b.Run(name, func(b *testing.B) {
				size := mb << 20
				if mb == 16 {
					size -= 4096 // stay under the 16 MiB input limit
				}
				page := catalogue.Page(size, broken)
				path := filepath.Join(b.TempDir(), "catalogue.html")
				if err := os.WriteFile(path, page, 0o644); err != nil {
					b.Fatal(err)
				}
				defer binaryGC()()
				b.SetBytes(int64(len(page)))
				defer benchtime.Start(b)()
				defer peakHeap(b)()
				var stderr bytes.Buffer
				for b.Loop() {
					stderr.Reset()
					if code := run([]string{"ldfix", "check", "--format", "json", "--exit-zero", path}, bytes.NewReader(nil), io.Discard, &stderr); code != 0 {
						b.Fatalf("exit %d: %s", code, stderr.String())
					}
				}
			})
		}
	}
}

// binaryGC applies the GC settings main gives the binary, so a benchmark
// measures what users run, and returns a function restoring the test's.
func binaryGC() func() {
	gc := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(-1)
	debug.SetGCPercent(gc)
	tuneGC()
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}

// peakHeap samples the heap every millisecond while the benchmark runs
// and reports the largest it saw as "peak-MB": live and not yet collected
// objects, the part of RSS the program controls. runtime/metrics reads it
// without stopping the world.
func peakHeap(b *testing.B) func() {
	runtime.GC()
	stop, done := make(chan struct{}), make(chan uint64)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-stop:
				done <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() {
		close(stop)
		b.ReportMetric(float64(<-done)/(1<<20), "peak-MB")
	}
}
