// Package sharedtest finds the large shared test corpora that sit beside
// the repository (../shared) so tests can use them when present and skip
// with a clear message when not.
package sharedtest

import (
	"os"
	"path/filepath"
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
