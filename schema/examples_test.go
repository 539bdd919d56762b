package schema_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
	"github.com/ldfix/ldfix/schema"
)

// wrongExamples are schema.org examples that are themselves wrong, with
// the reason; each must still produce the error named.
var wrongExamples = map[string]struct{ rule, why string }{
	"eg-0269":               {"V001", "a fragment with no @context"},
	"eg-0348":               {"V001", "a fragment with no @context"},
	"eg-0460":               {"V001", "a fragment with no @context"},
	"eg-0315":               {"V001", "a top-level array whose first item holds only the @context; contexts do not reach sibling items"},
	"eg-0318":               {"V001", "a top-level array whose first item holds only the @context; contexts do not reach sibling items"},
	"eg-0291":               {"V010", `"type" is the schema.org context's alias of @type, so "Best for the Money" is read as a type`},
	"eg-0293":               {"V010", `"type" is the schema.org context's alias of @type, so "Best for the Money" is read as a type`},
	"drug-example-1":        {"V011", `"indication" is not in the 30.0 vocabulary, and "adverseOutcome", "contraindication" and "seriousAdverseOutcome" are no longer defined for Drug`},
	"issue-4870-examples-1": {"V011", "uses Digital Product Passport terms that are not in the 30.0 vocabulary"},
	"issue-4870-examples-2": {"V011", "uses Digital Product Passport terms that are not in the 30.0 vocabulary"},
}

// TestSchemaOrgExamples validates every schema.org example that is valid
// JSON: none may get an error-severity finding, except the documented
// wrongExamples.
func TestSchemaOrgExamples(t *testing.T) {
	dir := sharedtest.Dir(t, "schemaorg/examples")
	v := newValidator(t, schema.Options{Profile: schema.ProfileSchemaOrg})
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonld"))
	checked := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(data) {
			continue
		}
		checked++
		name := strings.TrimSuffix(filepath.Base(path), ".jsonld")
		f, ds := wholeFile(v, name, data)
		var errs []diag.Diagnostic
		for _, d := range ds {
			if d.Severity == diag.Error {
				errs = append(errs, d)
			}
		}
		if w, ok := wrongExamples[name]; ok {
			if !slices.ContainsFunc(errs, func(d diag.Diagnostic) bool { return d.Rule == w.rule }) {
				t.Errorf("%s: documented as wrong (%s) but got:\n%s", name, w.why, render(f, ds))
			}
			continue
		}
		if len(errs) > 0 {
			t.Errorf("%s:\n%s", name, render(f, errs))
		}
	}
	if checked < 480 {
		t.Errorf("checked %d examples, want the 485 valid ones", checked)
	}
}
