package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/cmd/ldfix/internal/sitereport"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
	"github.com/ldfix/ldfix/schema"
)

// compactPages lists the pages the compaction tests check: every golden
// page of the repository, and the real-world corpus when it is present.
func compactPages(t *testing.T) []string {
	t.Helper()
	var out []string
	collect := func(root string, limit int) {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || len(out) >= limit {
				return nil
			}
			ext := strings.ToLower(filepath.Ext(p))
			if ext == ".txt" || slices.Contains(pageExts, ext) || slices.Contains(templateExts, ext) {
				out = append(out, p)
			}
			return nil
		})
	}
	collect("../../testdata", 1000)
	if !testing.Short() {
		dir := sharedtest.Dir(t, "corpus/realworld")
		collect(dir, len(out)+250)
	}
	return out
}

// TestCompactRendersTheSame: a result cut down to what a format shows
// renders byte for byte like the whole one, in every format that is cut
// down, while holding less of the page.
func TestCompactRendersTheSame(t *testing.T) {
	v, err := schema.New(schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	formats := []struct {
		name   string
		keep   keeps
		render func(*bytes.Buffer, []report.FileResult) error
	}{
		{"text", keeps{}, func(b *bytes.Buffer, rs []report.FileResult) error {
			return report.Render(b, "text", rs, report.Options{})
		}},
		{"text with source", keeps{lines: true}, func(b *bytes.Buffer, rs []report.FileResult) error {
			return report.Render(b, "text", rs, report.Options{Source: true})
		}},
		{"github", keeps{}, func(b *bytes.Buffer, rs []report.FileResult) error {
			return report.Render(b, "github", rs, report.Options{})
		}},
		{"gitlab", keeps{}, func(b *bytes.Buffer, rs []report.FileResult) error {
			return report.Render(b, "gitlab", rs, report.Options{})
		}},
		{"junit", keeps{}, func(b *bytes.Buffer, rs []report.FileResult) error {
			return report.Render(b, "junit", rs, report.Options{})
		}},
		{"html", keeps{blocks: true}, func(b *bytes.Buffer, rs []report.FileResult) error { return sitereport.HTML(b, rs) }},
		{"json", keeps{offsets: true}, func(b *bytes.Buffer, rs []report.FileResult) error {
			return report.Render(b, "json", rs, report.Options{})
		}},
		{"sarif", keeps{offsets: true}, func(b *bytes.Buffer, rs []report.FileResult) error {
			return report.Render(b, "sarif", rs, report.Options{})
		}},
	}
	k := &checker{s: &settings{}, v: v}
	var whole, kept int
	for _, p := range compactPages(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := k.analyze(p, data)
		for _, f := range formats {
			c := compact(r, f.keep)
			var want, got bytes.Buffer
			if err := f.render(&want, []report.FileResult{r}); err != nil {
				t.Fatal(err)
			}
			if err := f.render(&got, []report.FileResult{c}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(want.Bytes(), got.Bytes()) {
				t.Errorf("%s, %s: compacted result renders differently\nwhole:\n%.3000s\ncompacted:\n%.3000s", p, f.name, want.String(), got.String())
			}
			if f.name == "text" {
				whole += len(data)
				kept += len(c.File.Data)
			}
		}
	}
	t.Logf("text format keeps %d of %d bytes", kept, whole)
	if whole > 1<<20 && kept*4 > whole {
		t.Errorf("text format keeps %d of %d bytes; want less than a quarter", kept, whole)
	}
}

// TestSkeletonOrigin: offsets of the cut-down text map back to the
// original, also where two kept spans meet with no line break between them.
func TestSkeletonOrigin(t *testing.T) {
	data := []byte("abcdefghij\nklmnopqrst\n")
	kept := []source.Span{{Start: 2, End: 4}, {Start: 6, End: 8}, {Start: 13, End: 15}}
	sk := skeletonOf(data, kept)
	for _, s := range kept {
		if got := sk.Span(sk.span(s)); got != s {
			t.Errorf("span %v comes back as %v (text %q)", s, got, sk.text)
		}
	}
	if got := sk.Span(sk.span(source.Span{Start: 3, End: 7})); got != (source.Span{Start: 3, End: 7}) {
		t.Errorf("a span across two kept spans comes back as %v", got)
	}
	// A block that ends at the end of the file keeps an empty span there.
	sk = skeletonOf(data, []source.Span{{Start: 0, End: 3}, {Start: 22, End: 22}})
	if got := sk.Span(sk.span(source.Span{Start: 1, End: 22})); got != (source.Span{Start: 1, End: 22}) {
		t.Errorf("a span ending at the file's end comes back as %v (text %q)", got, sk.text)
	}
}

func TestAppendBreaks(t *testing.T) {
	for _, tc := range []struct{ gap, want string }{
		{"abc", ""},
		{"a\nb\r\nc", "\n\r\n"},
		{"a\rbc\n", "\r \n"}, // a lone \r must not join the \n
		{"\r\n", "\r\n"},
	} {
		got := string(appendBreaks(nil, []byte(tc.gap)))
		if got != tc.want {
			t.Errorf("appendBreaks(%q) = %q, want %q", tc.gap, got, tc.want)
		}
		if n, m := len(source.LineStarts([]byte(tc.gap))), len(source.LineStarts([]byte(got))); n != m {
			t.Errorf("appendBreaks(%q) has %d lines, the gap %d", tc.gap, m, n)
		}
	}
}

// TestPoolOrderAndWindow: results come out in submission order however
// the workers finish, and no more than the window is in flight.
func TestPoolOrderAndWindow(t *testing.T) {
	const n, jobs, window = 500, 4, 8
	var inFlight, peak atomic.Int64
	var got []int
	p := newPool(jobs, window, func(i int) {
		inFlight.Add(-1)
		got = append(got, i)
	})
	for i := range n {
		p.Submit(func() int {
			now := inFlight.Add(1)
			for {
				old := peak.Load()
				if now <= old || peak.CompareAndSwap(old, now) {
					break
				}
			}
			// Uneven work so that workers finish out of order.
			for range (n - i) % 7 * 50 {
				runtime.Gosched()
			}
			return i
		})
	}
	p.Wait()
	if len(got) != n {
		t.Fatalf("%d results, want %d", len(got), n)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("result %d is task %d: order lost", i, v)
		}
	}
	if peak.Load() > window {
		t.Errorf("%d tasks in flight at once, window is %d", peak.Load(), window)
	}
}

// TestWalkHoldsAWindowOfBodies: checking a directory holds the bytes of at
// most a window of files at once, not every file until the report.
func TestWalkHoldsAWindowOfBodies(t *testing.T) {
	dir := t.TempDir()
	const n = 300
	for i := range n {
		body := fmt.Sprintf(`<script type="application/ld+json">{"@context":"https://schema.org","@type":"Thing","name":"%d"}</script>`, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%03d.html", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := &settings{jobs: 3}
	var inFlight, peak atomic.Int64
	var order []string
	eachInOrder(s, strings.NewReader(""), newWalker(nil).expand([]string{dir}), func(path string, data []byte) string {
		now := inFlight.Add(1) // data is held until emit drops it
		for {
			old := peak.Load()
			if now <= old || peak.CompareAndSwap(old, now) {
				break
			}
		}
		return path
	}, func(path string, err error) string { t.Errorf("%s: %v", path, err); return path }, func(path string) {
		inFlight.Add(-1)
		order = append(order, filepath.Base(path))
	})
	if len(order) != n {
		t.Fatalf("%d files emitted, want %d", len(order), n)
	}
	for i, name := range order {
		if want := fmt.Sprintf("p%03d.html", i); name != want {
			t.Fatalf("file %d is %s, want %s", i, name, want)
		}
	}
	if peak.Load() > int64(s.window()) {
		t.Errorf("%d file bodies held at once; the window is %d", peak.Load(), s.window())
	}
}

// TestPageKeepsNoBody: a fetched page's result keeps neither the body nor
// memory shared with it, only the lines the report shows.
func TestPageKeepsNoBody(t *testing.T) {
	// The first block needs a repair; the second is valid, and its repaired
	// text is the page's own bytes unless the result copies it.
	block := `<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Thing", "name": "x",}</script>` + "\n" +
		`<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Thing", "name": "y"}</script>`
	page := "<html>\n" + strings.Repeat("<p>filler text of a long page</p>\n", 3000) + block + "\n</html>\n"
	k := &checker{s: &settings{}}
	for _, tc := range []struct {
		format string
		max    int
	}{{"text", len(block) + 3100}, {"html", len(block) + 3100}, {"github", len(block) + 3100}} {
		s := &settings{format: tc.format}
		body := []byte(page)
		r := k.page("https://example.com/", body, nil, s.keeps())
		if n := len(r.File.Data); n > tc.max {
			t.Errorf("--format %s: result holds %d bytes of a %d-byte page", tc.format, n, len(body))
		}
		var repaired []string
		for _, b := range r.Blocks {
			repaired = append(repaired, string(b.Repaired))
		}
		// Overwriting the body must not change what the result holds.
		for i := range body {
			body[i] = 'z'
		}
		for i, b := range r.Blocks {
			if string(b.Repaired) != repaired[i] {
				t.Errorf("--format %s: repaired text shares the page's memory", tc.format)
			}
		}
		if tc.format == "html" && (!strings.Contains(repaired[0], `"name": "x"`) || !strings.Contains(repaired[1], `"name": "y"`)) {
			t.Errorf("--format html: repaired text %q lost", repaired)
		}
		if !strings.Contains(fmt.Sprint(r.Diagnostics), "J020") {
			t.Errorf("--format %s: the trailing comma was not reported: %v", tc.format, r.Diagnostics)
		}
	}
}

// TestPoolPanic: a task that panics does not kill the process from a
// worker goroutine; the other results are emitted and Wait raises the
// panic where run can report it.
func TestPoolPanic(t *testing.T) {
	var got []int
	p := newPool(2, 4, func(i int) { got = append(got, i) })
	for i := range 10 {
		p.Submit(func() int {
			if i == 3 {
				panic("boom")
			}
			return i
		})
	}
	defer func() {
		v := recover()
		if v == nil || !strings.Contains(fmt.Sprint(v), "boom") {
			t.Errorf("Wait raised %v, want the task's panic", v)
		}
		if len(got) != 10 || got[9] != 9 {
			t.Errorf("emitted %v, want all 10 results in order", got)
		}
	}()
	p.Wait()
}
