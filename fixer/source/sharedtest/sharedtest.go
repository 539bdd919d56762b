// Package sharedtest holds what the tests of every stage share: finding
// the large shared corpora that sit beside the repository (../shared), so
// tests use them when present and skip with a clear message when not, and
// comparing output with golden files.
package sharedtest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Env names a directory that overrides the default location of ../shared.
const Env = "LDFIX_SHARED"

// Dir returns the path of rel inside the shared corpora, or skips the test
// when it is absent.
func Dir(t testing.TB, rel string) string {
	t.Helper()
	root, ok := Root()
	if !ok {
		t.Skipf("shared corpora not found (looked for ../shared beside the repository, or $%s); skipping", Env)
	}
	p := filepath.Join(root, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared corpus %s not found; skipping", p)
	}
	return p
}

// Root returns the shared directory: $LDFIX_SHARED, or "shared" beside the
// repository root (the directory holding go.mod).
func Root() (string, bool) {
	if d := os.Getenv(Env); d != "" {
		return d, isDir(d)
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(filepath.Dir(dir), "shared")
			return d, isDir(d)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// Pages returns the sorted paths of the pages of the real-world corpus
// (corpus/realworld/**/*.html), or skips the test when it is absent.
func Pages(tb testing.TB) []string {
	tb.Helper()
	dir := Dir(tb, "corpus/realworld")
	var pages []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	slices.Sort(pages)
	return pages
}

// LineMatches reports whether one line of output matches its golden line.
// A golden line written /…/ is a regular expression for the whole line
// (STYLE.md §6), so messages may be pinned by their parts; any other line
// must be equal.
func LineMatches(want, got string) bool {
	if len(want) >= 2 && strings.HasPrefix(want, "/") && strings.HasSuffix(want, "/") {
		re, err := regexp.Compile("^(?:" + want[1:len(want)-1] + ")$")
		return err == nil && re.MatchString(got)
	}
	return want == got
}

// DiffLines compares golden text with output line by line and describes
// each line that differs; it returns "" when they match. A final newline
// is not a line.
func DiffLines(want, got string) string {
	wl, gl := Lines(want), Lines(got)
	var b strings.Builder
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !LineMatches(w, g) || (i >= len(wl)) != (i >= len(gl)) {
			fmt.Fprintf(&b, "line %d:\n  want %s\n   got %s\n", i+1, w, g)
		}
	}
	return b.String()
}

// Lines splits golden text into its lines; a final newline is not a line.
func Lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// Page is one page of the real-world corpus and its bytes.
type Page struct {
	Path string
	Data []byte
}

// ReadPages reads every page of the real-world corpus into memory, for
// benchmarks that must not time the reading, and returns them with their
// total size; it skips the benchmark when the corpus is absent.
func ReadPages(tb testing.TB) ([]Page, int64) {
	tb.Helper()
	var pages []Page
	var size int64
	for _, p := range Pages(tb) {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, Page{Path: p, Data: data})
		size += int64(len(data))
	}
	return pages, size
}
