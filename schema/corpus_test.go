package schema_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
	"github.com/ldfix/ldfix/schema"
)

// corpusPage is one real page with its blocks that are strict JSON (broken
// blocks are the repair stage's business).
type corpusPage struct {
	file   *source.File
	blocks []schema.Block
}

func loadCorpus(t testing.TB) []corpusPage {
	t.Helper()
	dir := sharedtest.Dir(t, "corpus/realworld")
	var pages []corpusPage
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f := source.New(path, data)
		bs, _ := extract.Blocks(f)
		p := corpusPage{file: f}
		for _, b := range bs {
			text := data[b.Span.Start:b.Span.End]
			if !json.Valid(text) {
				continue
			}
			p.blocks = append(p.blocks, schema.Block{
				Index: b.Index, Text: text, File: f,
				Map: (&source.OffsetMap{}).Shifted(b.Span.Start),
			})
		}
		pages = append(pages, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// TestCorpus validates the valid blocks of the 600 real pages: no panic,
// every finding lies inside its block in the file, and its pointer names a
// node of the block.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	pages := loadCorpus(t)
	v := newValidator(t, schema.Options{})
	blocks, findings := 0, map[string]int{}
	for _, p := range pages {
		blocks += len(p.blocks)
		for _, d := range v.Validate(p.blocks) {
			findings[d.Rule]++
			b := p.blocks[blockPos(p.blocks, d.Block)]
			start := b.Map.Offset(0)
			if d.Span.Start < start || d.Span.End > start+len(b.Text) || d.Span.Start > d.Span.End {
				t.Errorf("%s: %s span %v outside block %v", p.file.Name, d.Rule, d.Span, [2]int{start, start + len(b.Text)})
			}
			doc, err := jsonpos.Parse(b.Text)
			if err != nil {
				continue
			}
			if _, ok := doc.Lookup(d.Pointer); !ok && d.Rule[0] == 'V' {
				t.Errorf("%s: %s pointer %q names no node", p.file.Name, d.Rule, d.Pointer)
			}
		}
	}
	if blocks < 900 {
		t.Errorf("only %d valid blocks found in the corpus", blocks)
	}
	t.Logf("%d pages, %d valid blocks, findings by rule: %v", len(pages), blocks, findings)
}

func blockPos(bs []schema.Block, index int) int {
	for i, b := range bs {
		if b.Index == index {
			return i
		}
	}
	return 0
}
