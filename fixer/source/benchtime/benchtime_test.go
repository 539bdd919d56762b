package benchtime

import "testing"

func TestReportsCPUTime(t *testing.T) {
	if _, ok := cpuTime(); !ok {
		t.Skip("this platform does not tell a process its CPU time")
	}
	sink := 0
	r := testing.Benchmark(func(b *testing.B) {
		defer Start(b)()
		for b.Loop() {
			for i := range 100000 {
				sink += i * i
			}
		}
	})
	if got := r.Extra["cpu-ns/op"]; got <= 0 {
		t.Fatalf("cpu-ns/op = %v after a busy loop, want > 0 (%d)", got, sink)
	}
}

func TestReportsPerItem(t *testing.T) {
	var sink [][]byte
	r := testing.Benchmark(func(b *testing.B) {
		defer Per(b, "item", 10)()
		for b.Loop() {
			for range 10 {
				sink = append(sink[:0], make([]byte, 64))
			}
		}
	})
	if got := r.Extra["allocs/item"]; got < 0.9 || got > 2 {
		t.Errorf("allocs/item = %v for one 64-byte allocation per item", got)
	}
	if got := r.Extra["B/item"]; got < 64 {
		t.Errorf("B/item = %v, want at least 64", got)
	}
	if r.Extra["ns/item"] <= 0 {
		t.Errorf("ns/item missing: %v", r.Extra)
	}
}
