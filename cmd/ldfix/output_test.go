package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckHoldsLittle: what a check keeps for the end of its report stays
// the same per file however many files there are, and holds nothing of the
// pages: nothing at all for text and github, the short block list per
// file for json (as it will be written, indented: about 350 bytes for a
// one-block file under a temporary directory), block text for html.
// Results are dropped once written.
func TestCheckHoldsLittle(t *testing.T) {
	dir := t.TempDir()
	filler := strings.Repeat("<p>text of a long page that no report shows</p>\n", 400)
	const files = 400
	for i := range files {
		page := fmt.Sprintf("<html>\n%s<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"Thing\", \"name\": \"%d\",}</script>\n</html>\n", filler, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%03d.html", i)), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inputs := newWalker(nil).expand([]string{dir})
	for _, tc := range []struct {
		format  string
		perFile int // bytes held per file, at most
	}{{"text", 0}, {"github", 0}, {"json", 400}, {"junit", 600}, {"gitlab", 100}, {"sarif", 600}, {"html", 300}} {
		s := &settings{format: tc.format, source: true, jobs: 2}
		k, err := newChecker(s, false)
		if err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		e := &env{stdout: &stdout, stderr: &stderr}
		o, err := e.newOutput(s, &stdout, true)
		if err != nil {
			t.Fatal(err)
		}
		// held after each file, at 10% and at 100% of the files.
		var at10, peak, n int
		eachInOrder(s, nil, inputs, func(path string, data []byte) item {
			r, _ := k.analyze(path, data)
			return o.prepare(r)
		}, func(path string, err error) item { t.Fatal(err); return item{} }, func(it item) {
			if it.r.File != nil {
				t.Fatalf("--format %s: a result keeps its page until the end", tc.format)
			}
			o.add(it)
			n++
			peak = max(peak, o.held())
			if n == files/10 {
				at10 = o.held()
			}
		})
		if err := o.finish(); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(stdout.String(), "p399.html") {
			t.Errorf("--format %s: the last file is missing from the report", tc.format)
		}
		if peak > files*tc.perFile {
			t.Errorf("--format %s: %d bytes held for %d files of %d bytes, want at most %d a file", tc.format, peak, files, len(filler), tc.perFile)
		}
		// Linear in the files at most: ten times the files, ten times the
		// bytes, give or take the longer names of later files.
		if peak > 11*at10 {
			t.Errorf("--format %s: %d bytes held after %d files, %d after %d", tc.format, at10, files/10, peak, files)
		}
	}
}
