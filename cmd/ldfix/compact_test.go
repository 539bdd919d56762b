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
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
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

// TestCompactRendersTheSame: a result cut down to positions (and block
// text) renders byte for byte like the whole one in every format but text
// with source lines, which is streamed and never cut down, while holding
// less of the page.
func TestCompactRendersTheSame(t *testing.T) {
	k, err := newChecker(&settings{}, false)
	if err != nil {
		t.Fatal(err)
	}
	formats := []struct {
		name   string
		blocks bool
		render func(*bytes.Buffer, []report.FileResult) error
	}{
		{"text", false, func(b *bytes.Buffer, rs []report.FileResult) error {
			return report.Render(b, "text", rs, report.Options{})
		}},
		{"github", false, func(b *bytes.Buffer, rs []report.FileResult) error {
			return report.Render(b, "github", rs, report.Options{})
		}},
		{"gitlab", false, func(b *bytes.Buffer, rs []report.FileResult) error {
			return report.Render(b, "gitlab", rs, report.Options{})
		}},
		{"junit", false, func(b *bytes.Buffer, rs []report.FileResult) error {
			return report.Render(b, "junit", rs, report.Options{})
		}},
		{"html", true, func(b *bytes.Buffer, rs []report.FileResult) error { return sitereport.HTML(b, rs) }},
		{"json", false, func(b *bytes.Buffer, rs []report.FileResult) error {
			return report.Render(b, "json", rs, report.Options{})
		}},
		{"sarif", false, func(b *bytes.Buffer, rs []report.FileResult) error {
			return report.Render(b, "sarif", rs, report.Options{})
		}},
	}
	var whole, kept int
	for _, p := range compactPages(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := k.analyze(p, data)
		for _, f := range formats {
			c := compact(r, f.blocks)
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
			if f.name == "html" {
				whole += len(data)
				for _, b := range c.Blocks {
					kept += len(b.Original)
				}
			}
		}
	}
	t.Logf("html keeps %d of %d bytes", kept, whole)
	if whole > 1<<20 && kept*4 > whole {
		t.Errorf("html keeps %d of %d bytes; want less than a quarter", kept, whole)
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

// TestPageKeepsNoBody: once a fetched page is prepared for the report,
// nothing kept shares memory with its body or holds the page: the body can
// be overwritten and the report is still right.
func TestPageKeepsNoBody(t *testing.T) {
	// The first block needs a repair; the second is valid, and its repaired
	// text is the page's own bytes unless the result copies it.
	block := `<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Thing", "name": "x",}</script>` + "\n" +
		`<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Thing", "name": "y"}</script>`
	page := "<html>\n" + strings.Repeat("<p>filler text of a long page</p>\n", 3000) + block + "\n</html>\n"
	k, err := newChecker(&settings{}, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "html", "github", "json", "sarif", "junit", "gitlab"} {
		s := &settings{format: format, source: true}
		var out, errs bytes.Buffer
		e := &env{stdout: &out, stderr: &errs}
		o, err := e.newOutput(s, &out, true)
		if err != nil {
			t.Fatal(err)
		}
		body := []byte(page)
		it := o.prepare(k.page("https://example.com/", body, nil))
		if it.r.File != nil {
			t.Errorf("--format %s: the result keeps the page's %d bytes", format, len(it.r.File.Data))
		}
		var repaired []string
		for _, b := range it.r.Blocks {
			repaired = append(repaired, string(b.Repaired))
		}
		// Overwriting the body must change nothing that is kept.
		for i := range body {
			body[i] = 'z'
		}
		for i, b := range it.r.Blocks {
			if string(b.Repaired) != repaired[i] {
				t.Errorf("--format %s: repaired text shares the page's memory", format)
			}
		}
		if format == "html" && (!strings.Contains(repaired[0], `"name": "x"`) || !strings.Contains(repaired[1], `"name": "y"`)) {
			t.Errorf("--format html: repaired text %q lost", repaired)
		}
		o.add(it)
		if err := o.finish(); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "J020") || strings.Contains(out.String(), "zzz") {
			t.Errorf("--format %s: the report lost the trailing comma or read the overwritten body:\n%.2000s", format, out.String())
		}
		if o.held() > len(page)/50 {
			t.Errorf("--format %s: %d bytes held for the end of the report", format, o.held())
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
