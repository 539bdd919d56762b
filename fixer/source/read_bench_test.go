package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/ldfix/ldfix/fixer/source/benchtime"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

func corpusFiles(b *testing.B) []string {
	dir := sharedtest.Dir(b, "corpus/realworld")
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return files
}

// BenchmarkReadFile reads every page of the corpus with the size limit,
// to compare with BenchmarkOSReadFile.
func BenchmarkReadFile(b *testing.B) {
	files := corpusFiles(b)
	defer benchtime.Per(b, "page", len(files))()
	for b.Loop() {
		for _, p := range files {
			if _, err := ReadFile(p, DefaultMaxSize); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkOSReadFile is os.ReadFile over the same pages.
func BenchmarkOSReadFile(b *testing.B) {
	files := corpusFiles(b)
	defer benchtime.Per(b, "page", len(files))()
	for b.Loop() {
		for _, p := range files {
			if _, err := os.ReadFile(p); err != nil {
				b.Fatal(err)
			}
		}
	}
}
