package jsonpos_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/benchtime"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

// corpusBlocks returns the JSON-LD blocks of the shared real-world pages
// that are strict JSON, as the validator receives them.
func corpusBlocks(b testing.TB) [][]byte {
	dir := sharedtest.Dir(b, "corpus/realworld")
	var out [][]byte
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		blocks, _ := extract.Blocks(source.New(p, data))
		for _, bl := range blocks {
			if text := data[bl.Span.Start:bl.Span.End]; json.Valid(text) {
				out = append(out, text)
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(out) == 0 {
		b.Fatal("no strict JSON blocks in the corpus")
	}
	return out
}

// BenchmarkParseCorpus is the positional parse of every strict block of
// the corpus, with time and allocations per block.
func BenchmarkParseCorpus(b *testing.B) {
	blocks := corpusBlocks(b)
	defer benchtime.Per(b, "block", len(blocks))()
	size := 0
	for _, bl := range blocks {
		size += len(bl)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, bl := range blocks {
			if _, err := jsonpos.Parse(bl); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkUnmarshalCorpus is encoding/json on the same blocks, the
// yardstick for the positional parser.
func BenchmarkUnmarshalCorpus(b *testing.B) {
	blocks := corpusBlocks(b)
	defer benchtime.Per(b, "block", len(blocks))()
	size := 0
	for _, bl := range blocks {
		size += len(bl)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, bl := range blocks {
			var v any
			if err := json.Unmarshal(bl, &v); err != nil {
				b.Fatal(err)
			}
		}
	}
}
