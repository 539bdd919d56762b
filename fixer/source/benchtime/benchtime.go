// Package benchtime adds the CPU time per operation to a benchmark's
// report. Benchmarks of ldfix often run on shared machines, where the wall
// time per operation measures the neighbours as much as the code; the user
// and system time of the process (GC workers included) does not.
package benchtime

import (
	"runtime"
	"testing"
)

// Start begins measuring; call the function it returns after the
// benchmark loop, usually with defer:
//
//	defer benchtime.Start(b)()
//
// It reports "cpu-ns/op" where the platform tells a process its CPU time.
func Start(b *testing.B) func() {
	start, ok := cpuTime()
	return func() {
		end, ok2 := cpuTime()
		if ok && ok2 && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
		}
	}
}

// Per begins measuring like Start and also reports time, allocations and
// bytes per item, for benchmarks whose operation handles many items (a
// corpus of pages or blocks): "ns/block", "allocs/block", "B/block".
//
//	defer benchtime.Per(b, "block", len(blocks))()
func Per(b *testing.B, unit string, items int) func() {
	cpu := Start(b)
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	return func() {
		cpu()
		if b.N == 0 || items == 0 {
			return
		}
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		n := float64(b.N) * float64(items)
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/"+unit)
		b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/"+unit)
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/n, "B/"+unit)
	}
}
