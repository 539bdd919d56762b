package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestMergeJSONKeepsFieldsAndOrders(t *testing.T) {
	a := `{"version":1,"diagnostics":[{"file":"b.html","rule":"J020","extra":1}],"files":[{"file":"b.html","blocks":[]}]}`
	b := `{"version":1,"diagnostics":[{"file":"a.html","rule":"V011"}],"files":[{"file":"a.html","blocks":[]}],"errors":[{"file":"c.html","message":"gone"}]}`
	var out bytes.Buffer
	if err := MergeJSON(&out, []MergePart{{"1", []byte(a)}, {"2", []byte(b)}}); err != nil {
		t.Fatal(err)
	}
	var d struct {
		Version     int
		Diagnostics []map[string]any
		Files       []map[string]any
		Errors      []map[string]any
	}
	if err := json.Unmarshal(out.Bytes(), &d); err != nil {
		t.Fatal(err)
	}
	if d.Version != 1 || len(d.Diagnostics) != 2 || d.Diagnostics[0]["file"] != "a.html" || d.Diagnostics[1]["extra"] != 1.0 {
		t.Errorf("merged = %s", out.String())
	}
	if len(d.Errors) != 1 || len(d.Files) != 2 || d.Files[0]["file"] != "a.html" {
		t.Errorf("files or errors lost: %s", out.String())
	}
	if err := MergeJSON(&out, []MergePart{{"new.json", []byte(`{"version":2,"diagnostics":[]}`)}}); err == nil || !strings.Contains(err.Error(), "new.json: json report version 2") {
		t.Errorf("a report of another version: err = %v", err)
	}
}

func TestMergeSARIFRenumbersRules(t *testing.T) {
	part := func(rules []string, results ...string) []byte {
		var l sarifLog
		l.Version = "2.1.0"
		run := sarifRun{Tool: sarifTool{Driver: sarifDriver{Name: "ldfix", Version: "1"}}, Invocations: []sarifInvocation{{ExecutionSuccessful: true}}}
		for _, r := range rules {
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{ID: r})
		}
		for _, r := range results {
			id, file, _ := strings.Cut(r, "@")
			i := 0
			for j, x := range rules {
				if x == id {
					i = j
				}
			}
			run.Results = append(run.Results, sarifResult{RuleID: id, RuleIndex: i, Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: file}}}}})
		}
		l.Runs = []sarifRun{run}
		b, _ := json.Marshal(l)
		return b
	}
	var out bytes.Buffer
	err := MergeSARIF(&out, []MergePart{
		{"1", part([]string{"V011", "J020"}, "J020@b.html", "V011@b.html")},
		{"2", part([]string{"G002"}, "G002@a.html")},
	})
	if err != nil {
		t.Fatal(err)
	}
	var l sarifLog
	if err := json.Unmarshal(out.Bytes(), &l); err != nil {
		t.Fatal(err)
	}
	run := l.Runs[0]
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
	}
	if strings.Join(ids, " ") != "G002 J020 V011" {
		t.Errorf("rules = %v, want each once in ID order", ids)
	}
	for _, r := range run.Results {
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result of %s points at rule %d (%s)", r.RuleID, r.RuleIndex, run.Tool.Driver.Rules[r.RuleIndex].ID)
		}
	}
	if resultFile(run.Results[0]) != "a.html" || len(run.Results) != 3 || len(run.Invocations) != 1 {
		t.Errorf("results = %+v", run.Results)
	}
	other := part(nil)
	other = bytes.Replace(other, []byte(`"version":"1"`), []byte(`"version":"2"`), 1)
	if err := MergeSARIF(&out, []MergePart{{"1", part(nil)}, {"2", other}}); err == nil {
		t.Error("parts of two ldfix versions merged")
	}
}
