package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixCountsWrittenOnly: when writing a fixed file fails, the run says
// so, counts only the files written, reports the failed file's findings as
// check does, and exits 2.
func TestFixCountsWrittenOnly(t *testing.T) {
	dir := t.TempDir()
	page := `<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Thing", "name": "x",}</script>`
	for _, n := range []string{"a.html", "b.html"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	saved := writeFixed
	defer func() { writeFixed = saved }()
	writeFixed = func(path string, data []byte) error {
		if filepath.Base(path) == "a.html" {
			return &os.PathError{Op: "write", Path: path, Err: errors.New("no space left on device")}
		}
		return saved(path, data)
	}
	code, out, errs := runCLI(t, "", "fix", dir)
	a := filepath.Join(dir, "a.html")
	for _, want := range []string{"ldfix: " + a + ": writing the fixed file: write: no space left on device\n", "ldfix: fixed 1 file\n"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr %q lacks %q", errs, want)
		}
	}
	if !strings.Contains(out, a+":1:100: error trailing comma") || strings.Contains(out, "b.html") {
		t.Errorf("stdout %q: want the findings of a.html only", out)
	}
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
}
