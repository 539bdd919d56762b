package shapes

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
)

// examplesDir holds one example per JSON-LD example of Google Search
// Central's feature pages, named after the page (<page>.<n>.html): the
// page's markup with our own values.
const examplesDir = googleDir + "/examples"

// exampleBlocks reads an example page and returns its JSON-LD blocks.
// Like Google's, some examples are not strict JSON: they carry whole-line
// comments ("// further Organization properties") and line breaks inside
// strings. ldfix's repair stage fixes both, but this package sits
// below it, so the test undoes just those two liberties itself.
func exampleBlocks(t *testing.T, path string) []*jsonpos.Doc {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var docs []*jsonpos.Doc
	rest := string(data)
	for {
		i := strings.Index(rest, `<script type="application/ld+json">`)
		if i < 0 {
			break
		}
		rest = rest[i+len(`<script type="application/ld+json">`):]
		j := strings.Index(rest, "</script>")
		if j < 0 {
			t.Fatalf("%s: a script is never closed", path)
		}
		d, err := jsonpos.Parse([]byte(strictJSON(rest[:j])))
		if err != nil {
			t.Fatalf("%s: block %d: %v", path, len(docs), err)
		}
		docs = append(docs, d)
		rest = rest[j:]
	}
	if len(docs) == 0 {
		t.Fatalf("%s holds no JSON-LD block", path)
	}
	return docs
}

// strictJSON drops whole-line // comments and turns line breaks inside
// strings into spaces.
func strictJSON(s string) string {
	var b strings.Builder
	inString := false
	for _, line := range strings.SplitAfter(s, "\n") {
		if !inString && strings.HasPrefix(strings.TrimSpace(line), "//") {
			continue
		}
		for i := 0; i < len(line); i++ {
			switch c := line[i]; {
			case c == '\\' && inString:
				b.WriteByte(c)
				i++
				if i < len(line) {
					b.WriteByte(line[i])
				}
				continue
			case c == '"':
				inString = !inString
			case c == '\n' && inString:
				b.WriteByte(' ')
				continue
			}
			b.WriteByte(line[i])
		}
	}
	return b.String()
}

// TestGoogleExamplesPass checks every example modelled on Google's feature
// pages: markup Google publishes as valid, in our values, must earn no
// error, and each must be a rich-result item of the feature its page
// documents.
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
						t.Errorf("error on an example modelled on Google's: %s", render([]Finding{x}))
					}
				}
			}
			if items == 0 {
				t.Errorf("no rich-result item found in an example modelled on Google's")
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
