package shapes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ldfix/ldfix/fixer/diag"
)

const exampleDir = "../../testdata/shapes-example"

// TestHouseRulesExample runs the worked example of the README: house
// shapes in testdata/shapes-example/shapes against page.json.
func TestHouseRulesExample(t *testing.T) {
	s, err := LoadDir(filepath.Join(exampleDir, "shapes"))
	if err != nil {
		t.Fatal(err)
	}
	var house []Finding
	for _, f := range checkFile(t, s, filepath.Join(exampleDir, "page.json")) {
		if f.Rule == ruleHouse {
			house = append(house, f)
		}
	}
	got := render(house)
	outPath := filepath.Join(exampleDir, "page.out")
	if *update {
		if err := os.WriteFile(outPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("house-rule findings differ (-want +got):\n%s", diff)
	}
	for _, f := range house {
		if f.Feature == "" || !strings.Contains(f.Message, f.Feature) {
			t.Errorf("finding does not name its shape: %+v", f)
		}
	}
}

// TestHouseRulesLeaveGoogleAlone checks that LoadDir adds to the built-in
// shapes rather than replacing them.
func TestHouseRulesLeaveGoogleAlone(t *testing.T) {
	s, err := LoadDir(filepath.Join(exampleDir, "shapes"))
	if err != nil {
		t.Fatal(err)
	}
	fs := checkFile(t, s, filepath.Join(exampleDir, "page.json"))
	if !hasFinding(fs, "Article", diag.Info, ruleRecommended) {
		t.Errorf("built-in shapes no longer run next to house rules:\n%s", render(fs))
	}
}

func TestLoadDirErrors(t *testing.T) {
	cases := []struct {
		name, file, want string
	}{
		{"syntax", "{\n  \"x-ldfix-types\": [\"A\"],\n  \"required\": [\"a\",]\n}", `bad.json:3:`},
		{"not an object", `["A"]`, `bad.json:1:1: a shape must be a JSON object`},
		{"no types", `{"required": ["a"]}`, `bad.json:1:1: missing "x-ldfix-types"`},
		{"types not a list", `{"x-ldfix-types": "A"}`, `bad.json:1:19: "x-ldfix-types" must be a non-empty list`},
		{"type not a name", `{"x-ldfix-types": ["A", 3]}`, `bad.json:1:25: "x-ldfix-types" must hold type names`},
		{"severity", `{"x-ldfix-types": ["A"], "x-ldfix-severity": "fatal"}`, `bad.json:1:46: "x-ldfix-severity"`},
		{"remote ref", `{"x-ldfix-types": ["A"], "properties": {"a": {"$ref": "https://example.com/s.json"}}}`, `bad.json:1:55: "$ref" may only point inside the shape`},
		{"bad schema", `{"x-ldfix-types": ["A"], "required": "a"}`, `bad.json: invalid JSON Schema`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "bad.json"), []byte(c.file), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := LoadDir(dir)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got error %v, want it to contain %q", err, c.want)
			}
		})
	}
	if _, err := LoadDir(filepath.Join(t.TempDir(), "absent")); err == nil {
		t.Error("a missing directory loaded without error")
	}
	if _, err := LoadDir(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no *.json") {
		t.Errorf("an empty directory: got %v", err)
	}
}
