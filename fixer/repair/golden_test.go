package repair_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/repair"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

// goldenDir holds the repair goldens: NAME.json is the input, NAME.out the
// expected diagnostics (one per line, "line:col: severity message [RULE]
// (fix) at /pointer"; a line /…/ is a regexp), NAME.fixed.json the repaired text when
// the input is repaired.
const goldenDir = "../../testdata/repair"

func goldenInputs(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(goldenDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	names = slices.DeleteFunc(names, func(n string) bool { return strings.HasSuffix(n, ".fixed.json") })
	if len(names) == 0 {
		t.Fatal("no golden inputs")
	}
	return names
}

func TestGolden(t *testing.T) {
	for _, path := range goldenInputs(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res := repair.Text(in, repair.Options{})
			if err := checkRepair(in, res); err != nil {
				t.Fatal(err)
			}
			base := strings.TrimSuffix(path, ".json")
			compareLines(t, base+".out", renderDiagnostics(in, res.Diagnostics))
			fixedPath := base + ".fixed.json"
			if res.Text == nil || !res.Changed {
				if _, err := os.Stat(fixedPath); err == nil {
					if *update {
						os.Remove(fixedPath)
						return
					}
					t.Errorf("%s exists but nothing was repaired", fixedPath)
				}
				return
			}
			if *update {
				if err := os.WriteFile(fixedPath, res.Text, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(fixedPath)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(res.Text, want) {
				t.Errorf("repaired text differs from %s:\ngot:\n%s\nwant:\n%s", fixedPath, res.Text, want)
			}
			// Every span covers text of the input the message is about.
			for _, d := range res.Diagnostics {
				if d.Span.Len() == 0 || !strings.Contains(string(in), string(in[d.Span.Start:d.Span.End])) {
					t.Errorf("%s span %v covers nothing", d.Rule, d.Span)
				}
			}
		})
	}
}

// renderDiagnostics writes diagnostics the way the text report does,
// positions from the input's line index.
func renderDiagnostics(in []byte, ds []diag.Diagnostic) string {
	f := source.New("block", in)
	var sb strings.Builder
	for _, d := range ds {
		p := f.Position(d.Span.Start)
		fix := "no fix"
		if d.Fix != nil {
			fix = d.Fix.Applicability.String() + " fix: " + d.Fix.Title
		}
		at := ""
		if d.Pointer != "" {
			at = " at " + d.Pointer
		}
		fmt.Fprintf(&sb, "%d:%d: %s %s [%s] (%s)%s\n", p.Line, p.Column, d.Severity, d.Message, d.Rule, fix, at)
	}
	return sb.String()
}

// compareLines compares output with the golden file, where a line /…/ is a
// regular expression; -update rewrites the file.
func compareLines(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if msg := sharedtest.DiffLines(string(data), got); msg != "" {
		t.Errorf("%s differs (go test -update rewrites it; review the diff):\n%s", path, msg)
	}
}

// TestEveryRuleHasGolden fails on a J rule that no golden case shows, and
// on rule docs that are incomplete.
func TestEveryRuleHasGolden(t *testing.T) {
	seen := map[string]bool{}
	for _, path := range goldenInputs(t) {
		in, _ := os.ReadFile(path)
		for _, d := range repair.Text(in, repair.Options{}).Diagnostics {
			seen[d.Rule] = true
		}
	}
	msg := regexp.MustCompile(`^[a-z"\\].*[^.]$`)
	for _, r := range diag.Rules() {
		if !strings.HasPrefix(r.ID, "J") {
			continue
		}
		if !seen[r.ID] {
			t.Errorf("rule %s %s has no golden case in %s", r.ID, r.Name, goldenDir)
		}
		if r.Why == "" || r.Bad == "" || r.Good == "" || r.FixSafety == "" || r.Fixable == "" {
			t.Errorf("rule %s lacks docs", r.ID)
		}
		if !msg.MatchString(r.Summary) {
			t.Errorf("rule %s summary %q must start lower-case and have no final period", r.ID, r.Summary)
		}
	}
}

// TestRuleExamples repairs each rule's Bad example: it must report the
// rule, and a fixable rule's repair must give Good's value.
func TestRuleExamples(t *testing.T) {
	for _, r := range diag.Rules() {
		if !strings.HasPrefix(r.ID, "J") || r.Fixable == diag.FixNever {
			continue
		}
		res := repair.Text([]byte(r.Bad), repair.Options{})
		if !slices.ContainsFunc(res.Diagnostics, func(d diag.Diagnostic) bool { return d.Rule == r.ID }) {
			t.Errorf("%s: bad example %q does not report the rule: %+v", r.ID, r.Bad, res.Diagnostics)
			continue
		}
		var got, want any
		if err := json.Unmarshal(res.Text, &got); err != nil {
			t.Errorf("%s: %v", r.ID, err)
			continue
		}
		if err := json.Unmarshal([]byte(r.Good), &want); err != nil {
			t.Errorf("%s: good example %q is not JSON: %v", r.ID, r.Good, err)
			continue
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: bad example repairs to %s, good example is %s", r.ID, res.Text, r.Good)
		}
	}
}

// TestMessages checks every message of every golden against STYLE §4: one
// sentence, lower-case start, no final period.
func TestMessages(t *testing.T) {
	for _, path := range goldenInputs(t) {
		in, _ := os.ReadFile(path)
		for _, d := range repair.Text(in, repair.Options{}).Diagnostics {
			if d.Message == "" || strings.HasSuffix(d.Message, ".") || strings.ToLower(d.Message[:1]) != d.Message[:1] {
				t.Errorf("%s: %s message %q breaks the message style", path, d.Rule, d.Message)
			}
			if d.Fix != nil && d.Fix.Title == "" {
				t.Errorf("%s: %s fix has no title", path, d.Rule)
			}
		}
	}
}
