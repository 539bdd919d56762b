package report

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestSARIFMultitool validates the sarif output with Microsoft's SARIF
// validator (npm @microsoft/sarif-multitool, `validate`), which checks the
// schema and the spec's rules beyond it. It runs when the tool is found:
// $LDFIX_SARIF_MULTITOOL, or sarif-multitool on PATH.
func TestSARIFMultitool(t *testing.T) {
	tool := os.Getenv("LDFIX_SARIF_MULTITOOL")
	if tool == "" {
		p, err := exec.LookPath("sarif-multitool")
		if err != nil {
			t.Skip("sarif-multitool not found (npm install -g @microsoft/sarif-multitool, or set LDFIX_SARIF_MULTITOOL); skipping")
		}
		tool = p
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "ldfix.sarif"), filepath.Join(dir, "validation.sarif")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := SARIF(f, fixture(t), Options{Version: "1.0.0"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	cmd := exec.Command(tool, "validate", in, "--output", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sarif-multitool validate: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// The validator writes its findings as a SARIF log; an absent level
	// means warning.
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Level   string `json:"level"`
				Message struct {
					ID        string   `json:"id"`
					Arguments []string `json:"arguments"`
				} `json:"message"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	for _, run := range log.Runs {
		for _, r := range run.Results {
			if r.Level == "" || r.Level == "error" || r.Level == "warning" {
				t.Errorf("%s (%s): %s %v", r.RuleID, r.Level, r.Message.ID, r.Message.Arguments)
			}
		}
	}
}
