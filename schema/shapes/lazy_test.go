package shapes

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ldfix/ldfix/fixer/jsonpos"
)

// compileAll compiles every shape of fs that is compiled on first use.
func compileAll(fs []*feature) error {
	for _, f := range fs {
		for _, e := range f.entities {
			if _, err := e.schema.compiled(); err != nil {
				return fmt.Errorf("feature %s entity %s: %w", f.ID, e.ID, err)
			}
			for _, g := range e.oneOf {
				if _, err := g.schema.compiled(); err != nil {
					return fmt.Errorf("feature %s entity %s one-of: %w", f.ID, e.ID, err)
				}
			}
		}
	}
	return nil
}

// TestEmbeddedShapesCompile: shapes are compiled when first needed, so a
// generated shape gojsonschema cannot compile must fail here.
func TestEmbeddedShapesCompile(t *testing.T) {
	if err := compileAll(embedded(t).features); err != nil {
		t.Fatal(err)
	}
}

// TestCheckConcurrently: a Set is shared by the workers of a run and
// compiles its shapes on first use; checks from several goroutines at once
// must give what one gives alone (run with -race).
func TestCheckConcurrently(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(googleDir, "*.json"))
	var docs []*jsonpos.Doc
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, parse(t, string(data)))
	}
	fs, err := loadCatalog(googleJSON)
	if err != nil {
		t.Fatal(err)
	}
	fresh := &Set{features: fs, depth: catalogDepth(fs)} // nothing compiled yet
	want := make([]string, len(docs))
	got := make([][]string, 4)
	var wg sync.WaitGroup
	for w := range got {
		got[w] = make([]string, len(docs))
		wg.Go(func() {
			for i, d := range docs {
				got[w][i] = render(fresh.Check(d, nil))
			}
		})
	}
	wg.Wait()
	s := embedded(t)
	for i, d := range docs {
		want[i] = render(s.Check(d, nil))
	}
	for w := range got {
		for i := range docs {
			if got[w][i] != want[i] {
				t.Fatalf("worker %d, %s: concurrent check differs:\n%s\nwant:\n%s", w, files[i], got[w][i], want[i])
			}
		}
	}
}
