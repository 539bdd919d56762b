package shapes

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/source"
)

// examplesDir holds the JSON-LD examples of Google Search Central's
// feature pages, one file per example, named after the page
// (<page>.<n>.html), as the page prints them.
const examplesDir = googleDir + "/examples"

// exampleBlocks reads an example page and returns its blocks, repaired
// the way ldfix repairs a page: some of Google's examples carry comments
// ("// Other Organization-level properties") and line breaks inside
// strings.
func exampleBlocks(t *testing.T, path string) []*jsonpos.Doc {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res := fixer.Fix(source.New(path, data), fixer.Options{})
	var docs []*jsonpos.Doc
	for _, b := range res.Blocks {
		if b.Repaired == nil {
			t.Fatalf("%s: block %d cannot be repaired", path, b.Index)
		}
		d, err := jsonpos.Parse(b.Repaired)
		if err != nil {
			t.Fatalf("%s: block %d: %v", path, b.Index, err)
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		t.Fatalf("%s holds no JSON-LD block", path)
	}
	return docs
}

// TestGoogleExamplesPass checks every example of Google's feature pages:
// markup Google publishes as valid must earn no error, and each must be
// a rich-result item of the feature its page documents.
func TestGoogleExamplesPass(t *testing.T) {
	s := embedded(t)
	files, _ := filepath.Glob(filepath.Join(examplesDir, "*.html"))
	if len(files) < 40 {
		t.Errorf("only %d Google examples in %s", len(files), examplesDir)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			items := 0
			for _, d := range exampleBlocks(t, path) {
				fs, its := s.CheckItems(d, nil)
				items += len(its)
				for _, x := range fs {
					if x.Severity == diag.Error {
						t.Errorf("error on Google's own example: %s", render([]Finding{x}))
					}
				}
			}
			if items == 0 {
				t.Errorf("no rich-result item found in Google's example")
			}
		})
	}
}

// TestGoogleExamplesRequireProperties removes each required property
// from each example, one at a time, and expects the error that names it.
func TestGoogleExamplesRequireProperties(t *testing.T) {
	s := embedded(t)
	files, _ := filepath.Glob(filepath.Join(examplesDir, "*.html"))
	walked := 0
	for _, path := range files {
		base := strings.TrimSuffix(filepath.Base(path), ".html")
		for i, d := range exampleBlocks(t, path) {
			for _, f := range s.features {
				if f.active() {
					walked += enforceRequired(t, s, f, d, fmt.Sprintf("%s/block%d/%s", base, i, f.ID))
				}
			}
		}
	}
	if walked < 100 {
		t.Errorf("only %d required properties were walked over the examples", walked)
	}
}
