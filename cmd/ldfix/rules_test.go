package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
)

const ruleDocsPath = "../../docs/rules.md"

// TestRuleDocs fails when docs/rules.md is not what the registry
// generates. Fix it with: go generate ./cmd/ldfix
func TestRuleDocs(t *testing.T) {
	data, err := os.ReadFile(ruleDocsPath)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != ruleDocs(diag.Rules()) {
		t.Errorf("docs/rules.md is stale; run: go generate ./cmd/ldfix")
	}
}

// TestWriteRuleDocs checks that the generated reference has a table row
// and a section for every rule: the anchors help links point to.
func TestWriteRuleDocs(t *testing.T) {
	p := filepath.Join(t.TempDir(), "rules.md")
	code, _, errs := runCLI(t, "", "rules", "--write-docs", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, _ := os.ReadFile(p)
	for _, r := range diag.Rules() {
		if !strings.Contains(string(data), "| ["+r.ID+"](#"+strings.ToLower(r.ID)+") | "+r.Name+" |") {
			t.Errorf("rules.md has no table row for %s", r.ID)
		}
		if !strings.Contains(string(data), "\n## "+r.ID+"\n") {
			t.Errorf("rules.md has no section for %s (the anchor help links point to)", r.ID)
		}
	}
}

// TestRulesCommand checks that ldfix rules lists every registered rule and
// explain documents each one with its examples.
func TestRulesCommand(t *testing.T) {
	code, out, _ := runCLI(t, "", "rules")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, r := range diag.Rules() {
		if !regexp.MustCompile(`(?m)^` + r.ID + ` +` + r.Name + ` +` + regexp.QuoteMeta(r.SeverityText()) + ` +` + string(r.Fixable) + ` `).MatchString(out) {
			t.Errorf("ldfix rules has no row for %s:\n%s", r.ID, out)
		}
		code, ex, _ := runCLI(t, "", "explain", strings.ToLower(r.ID))
		if code != 0 || !strings.HasPrefix(ex, r.ID+" "+r.Name+"\n") {
			t.Errorf("explain %s: exit %d, output %q", r.ID, code, ex)
		}
		// The listing and explain say the same about severity.
		if !strings.Contains(ex, "Severity: "+r.SeverityText()+". ") {
			t.Errorf("explain %s does not give the severity %q", r.ID, r.SeverityText())
		}
		if r.Bad != "" && !strings.Contains(ex, "Bad:\n") {
			t.Errorf("explain %s shows no bad example", r.ID)
		}
	}
	code, out, _ = runCLI(t, "", "rules", "--format", "json")
	var docs []ruleDoc
	if code != 0 || json.Unmarshal([]byte(out), &docs) != nil || len(docs) != len(diag.Rules()) {
		t.Errorf("rules --format json: exit %d, %d rules, output %.200q", code, len(docs), out)
	}
}

// TestProblemMatcher checks the GitHub problem matcher against every
// expected-diagnostics golden in testdata and the text format golden.
func TestProblemMatcher(t *testing.T) {
	var m struct {
		ProblemMatcher []struct {
			DefaultSeverity string
			Pattern         []struct {
				Regexp                                      string
				File, Line, Column, Severity, Message, Code int
			}
		}
	}
	data, err := os.ReadFile("../../.github/ldfix-matcher.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if m.ProblemMatcher[0].DefaultSeverity != "notice" {
		t.Errorf("defaultSeverity = %q, want notice (for info findings)", m.ProblemMatcher[0].DefaultSeverity)
	}
	p := m.ProblemMatcher[0].Pattern[0]
	re := regexp.MustCompile(p.Regexp)
	files, _ := filepath.Glob("../../testdata/*/*.out")
	files = append(files, "../../testdata/format/page.text")
	// Goldens of the text format start each line with path:line:col: ;
	// other stages keep goldens in their own form (pointer-based), which
	// the matcher never sees.
	textLine := regexp.MustCompile(`^[^ ]+:\d+:\d+: `)
	checked := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		if !textLine.MatchString(lines[0]) {
			continue
		}
		for _, line := range lines {
			if line == "" || (strings.HasPrefix(line, "/") && strings.HasSuffix(line, "/")) {
				continue
			}
			if strings.HasPrefix(line, "  help: ") {
				// A suggestion belongs to the finding above it; it must
				// not become an annotation of its own.
				if re.MatchString(line) {
					t.Errorf("%s: matcher reads the help line %q as a finding", f, line)
				}
				continue
			}
			g := re.FindStringSubmatch(line)
			if g == nil {
				t.Errorf("%s: matcher misses %q", f, line)
				continue
			}
			checked++
			// info has no annotation level of its own: the matcher leaves
			// the group empty and defaultSeverity (notice) applies.
			sev := g[p.Severity]
			if sev == "" {
				sev = "info"
			}
			if !strings.Contains(line, ":"+g[p.Line]+":"+g[p.Column]+": "+sev+" ") || !strings.HasSuffix(line, "["+g[p.Code]+"]") || g[p.Message] == "" {
				t.Errorf("%s: matcher splits %q wrongly: %q", f, line, g)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no golden lines found to check the matcher against")
	}
}
