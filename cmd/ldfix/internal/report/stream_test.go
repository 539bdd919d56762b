package report

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
)

// TestStreamPartsInParallel: parts rendered on many goroutines, in any
// order, and written in file order give the report Render gives.
func TestStreamPartsInParallel(t *testing.T) {
	var results []FileResult
	for i := range 40 {
		for _, r := range fixture(t) {
			r.Path = fmt.Sprintf("%s.%d", r.Path, i)
			results = append(results, r)
		}
	}
	// A file with more findings than a part renders ahead of its turn,
	// between two ordinary ones.
	for _, r := range fixture(t) {
		if len(r.Diagnostics) > 0 && r.Err == nil {
			big := r
			big.Path += ".big"
			big.Diagnostics = nil
			for len(big.Diagnostics) <= renderAhead {
				big.Diagnostics = append(big.Diagnostics, r.Diagnostics...)
			}
			results = slices.Insert(results, len(results)/2, big)
			break
		}
	}
	for _, format := range Formats {
		var want bytes.Buffer
		if err := Render(&want, format, results, Options{Source: true, Version: "1.0.0"}); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		s, err := NewStream(&got, format, Options{Source: true, Version: "1.0.0"})
		if err != nil {
			t.Fatal(err)
		}
		parts := make([]Part, len(results))
		var wg sync.WaitGroup
		for i := len(results) - 1; i >= 0; i-- {
			wg.Go(func() { parts[i] = s.Part(results[i]) })
		}
		wg.Wait()
		for _, p := range parts {
			if err := s.Write(p); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: streamed report differs\ngot:\n%.1500s\nwant:\n%.1500s", format, got.String(), want.String())
		}
	}
}

// TestStreamEmpty: a run without files still writes a whole document.
func TestStreamEmpty(t *testing.T) {
	want := map[string]string{
		"text":   "",
		"github": "",
		"json":   "{\n  \"version\": 1,\n  \"diagnostics\": [],\n  \"files\": []\n}\n",
		"gitlab": "[]\n",
		"junit":  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"ldfix\" tests=\"0\" failures=\"0\" errors=\"0\"></testsuites>\n",
	}
	for format, w := range want {
		var b bytes.Buffer
		if err := Render(&b, format, nil, Options{}); err != nil {
			t.Fatal(err)
		}
		if b.String() != w {
			t.Errorf("%s: %q, want %q", format, b.String(), w)
		}
	}
}

// TestStreamHoldsLittle: what a stream keeps for the end of the report
// does not grow with the files for text and github, and grows by the
// short block list only for json, whatever the size of the pages.
func TestStreamHoldsLittle(t *testing.T) {
	base := fixture(t)
	page := 0
	for _, r := range base {
		if r.File != nil {
			page += len(r.File.Data)
		}
	}
	for _, tc := range []struct {
		format  string
		perFile int
	}{{"text", 0}, {"github", 0}, {"json", 200}, {"gitlab", 400}} {
		s, err := NewStream(&bytes.Buffer{}, tc.format, Options{})
		if err != nil {
			t.Fatal(err)
		}
		const n = 300
		for i := range n {
			if err := s.Add(base[i%len(base)]); err != nil {
				t.Fatal(err)
			}
		}
		if held := s.Held(); held > n*tc.perFile {
			t.Errorf("%s: %d bytes held after %d files, want at most %d a file", tc.format, held, n, tc.perFile)
		}
	}
}

// BenchmarkStreamJSON renders the json report of 3,000 files.
func BenchmarkStreamJSON(b *testing.B) {
	base := fixture(b)
	for b.Loop() {
		s, _ := NewStream(&bytes.Buffer{}, "json", Options{})
		for i := range 3000 {
			s.Add(base[i%len(base)])
		}
		s.Close()
	}
}

// TestJSONSpools: past spoolMemory, the json report's lists of files and
// of errors move to temporary files; the report is the same, what stays in memory stops
// growing, and the file is gone at the end.
func TestJSONSpools(t *testing.T) {
	var results []FileResult
	for i := range 200 {
		for _, r := range fixture(t) {
			r.Path = fmt.Sprintf("%s.%d", r.Path, i)
			results = append(results, r)
		}
	}
	var want bytes.Buffer
	if err := Render(&want, "json", results, Options{}); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	defer func(n int) { spoolMemory = n }(spoolMemory)
	spoolMemory = 2000
	var got bytes.Buffer
	s, err := NewStream(&got, "json", Options{})
	if err != nil {
		t.Fatal(err)
	}
	peak := 0
	for _, r := range results {
		if err := s.Add(r); err != nil {
			t.Fatal(err)
		}
		peak = max(peak, s.Held())
	}
	if left, _ := os.ReadDir(tmp); len(left) != 2 {
		t.Errorf("%d temporary files during the run, want 2 (files, errors)", len(left))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("spooled report differs\ngot:\n%.1500s\nwant:\n%.1500s", got.String(), want.String())
	}
	if peak > 2*spoolMemory {
		t.Errorf("%d bytes held, the two spools keep at most %d each in memory", peak, spoolMemory)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
