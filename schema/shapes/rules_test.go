package shapes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
)

var ownRules = []string{
	ruleRequired, ruleRecommended, ruleOneOf,
	ruleDateTime, ruleCode, ruleURL, ruleNumber, ruleEnum, ruleCount, ruleLength, ruleNestedType, rulePattern,
	ruleRetired, ruleHouse,
}

// TestRulesAreDocumentedAndExercised: each G rule has its docs and shows up
// in at least one golden output.
func TestRulesAreDocumentedAndExercised(t *testing.T) {
	var outs strings.Builder
	for _, pattern := range []string{filepath.Join(googleDir, "*.out"), filepath.Join(exampleDir, "*.out")} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			outs.Write(b)
		}
	}
	for _, id := range ownRules {
		r, ok := diag.Lookup(id)
		switch {
		case !ok:
			t.Errorf("%s is not registered", id)
		case r.Why == "" || r.Bad == "" || r.Good == "" || r.FixSafety == "":
			t.Errorf("%s lacks docs: %+v", id, r)
		case strings.HasSuffix(r.Summary, ".") || strings.ToLower(r.Summary[:1]) != r.Summary[:1]:
			t.Errorf("%s summary breaks the style guide: %q", id, r.Summary)
		case !strings.Contains(outs.String(), "["+id+"]"):
			t.Errorf("%s has no golden case", id)
		}
	}
}
