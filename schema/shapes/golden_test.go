package shapes

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
)

var update = flag.Bool("update", false, "rewrite the golden .out files")

const googleDir = "../../testdata/google"

// render writes findings one per line, as the .out goldens hold them:
// severity, the pointer as a URI fragment, message and rule.
func render(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s #%s: %s [%s]\n", f.Severity, f.Pointer, f.Message, f.Rule)
	}
	return b.String()
}

func checkFile(t *testing.T, s *Set, path string) []Finding {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonpos.Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s.Check(doc, nil)
}

func embedded(t testing.TB) *Set {
	t.Helper()
	s, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestGolden runs every case in testdata/google and compares the findings
// with the .out file beside it.
func TestGolden(t *testing.T) {
	s := embedded(t)
	files, _ := filepath.Glob(filepath.Join(googleDir, "*.json"))
	if len(files) == 0 {
		t.Fatal("no golden cases in " + googleDir)
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		t.Run(name, func(t *testing.T) {
			got := render(checkFile(t, s, path))
			outPath := strings.TrimSuffix(path, ".json") + ".out"
			if *update {
				if err := os.WriteFile(outPath, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(outPath)
			if err != nil {
				t.Fatalf("missing golden %s (run with -update and review it)", outPath)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s findings differ (-want +got):\n%s", name, diff)
			}
		})
	}
}

// TestEveryFeatureHasCases holds the golden set to the table: each feature
// Google still shows has a clean case and a failing one, each retired
// feature a case that earns its info finding.
func TestEveryFeatureHasCases(t *testing.T) {
	s := embedded(t)
	for _, f := range s.features {
		t.Run(f.ID, func(t *testing.T) {
			if !f.active() {
				fs := checkFile(t, s, filepath.Join(googleDir, f.ID+".retired.json"))
				if !hasFinding(fs, f.Name, diag.Info, ruleRetired) {
					t.Errorf("no retired-feature finding for %s:\n%s", f.ID, render(fs))
				}
				n := 0
				for _, x := range fs {
					if x.Feature != f.Name {
						continue
					}
					n++
					if x.Severity != diag.Info {
						t.Errorf("retired feature reported above info: %s", render([]Finding{x}))
					}
				}
				if n != 1 {
					t.Errorf("want one finding for retired %s, got %d", f.ID, n)
				}
				return
			}
			ok := checkFile(t, s, filepath.Join(googleDir, f.ID+".ok.json"))
			if len(ok) > 0 {
				t.Errorf("the complete example of %s is not clean:\n%s", f.ID, render(ok))
			}
			// Article and Organization have no required property: their
			// failing cases can only warn.
			bad := checkFile(t, s, filepath.Join(googleDir, f.ID+".bad.json"))
			if f.Severity == "info" {
				// A feature ldfix cannot place (the site name) only advises.
				if !hasFinding(bad, f.Name, diag.Info, ruleRequired) {
					t.Errorf("the failing case of %s has no finding of a missing required property:\n%s", f.ID, render(bad))
				}
				return
			}
			if !hasFinding(bad, f.Name, diag.Error, "") && !hasFinding(bad, f.Name, diag.Warning, "") {
				t.Errorf("the failing case of %s has no error or warning for the feature:\n%s", f.ID, render(bad))
			}
		})
	}
}

func hasFinding(fs []Finding, feature string, sev diag.Severity, rule string) bool {
	for _, f := range fs {
		if f.Feature == feature && f.Severity == sev && (rule == "" || f.Rule == rule) {
			return true
		}
	}
	return false
}
