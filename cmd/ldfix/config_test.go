package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestParseConfig(t *testing.T) {
	data := []byte(`# house rules
select: [J, V, X9]
ignore: [X901]
severity:
  X902: error
  J: warning
fail-on: warning
profile: google
shapes: house
include: ["**/*.html"]
exclude: ["vendor/**"]
overrides:
  - files: ["legacy/**"]
    ignore: [X]
    severity: {J: "off"}
`)
	cfg, err := parseConfig("/repo/.ldfix.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Profile != "google" || cfg.FailOn != "warning" || len(cfg.Select) != 3 || len(cfg.Overrides) != 1 {
		t.Errorf("config read wrong: %+v", cfg)
	}
	if cfg.Shapes != filepath.Join("/repo", "house") {
		t.Errorf("shapes = %q, want it relative to the config file", cfg.Shapes)
	}
}

// TestConfigErrors checks that every bad config names its file, line and
// column, and says what is wrong.
func TestConfigErrors(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"unknown key", "select: [J]\nselct: [V]\n", `^c\.yaml:2:1: unknown field "selct"`},
		{"unknown nested key", "overrides:\n  - files: [a]\n    ignor: [J]\n", `^c\.yaml:3:5: unknown field "ignor"`},
		{"bad severity", "severity:\n  J: fatal\n", `^c\.yaml:2:6: unknown severity "fatal"`},
		{"bad rule", "ignore: [X901, Q1]\n", `^c\.yaml:1:16: "Q1" is not a rule ID or prefix`},
		{"unregistered rule", "ignore: [X999]\n", `^c\.yaml:1:10: unknown rule "X999"`},
		{"bad fail-on", "fail-on: often\n", `^c\.yaml:1:10: unknown severity "often"`},
		{"bad format", "format: xml\n", `^c\.yaml:1:9: unknown format "xml"`},
		{"bad glob", "exclude: [\"a/[b\"]\n", `^c\.yaml:1:11: invalid glob "a/\[b"`},
		{"override without files", "overrides:\n  - ignore: [J]\n", `^c\.yaml:2:\d+: override has no "files" globs`},
		{"wrong type", "select: J\n", `^c\.yaml:1:9: `},
		{"duplicate key", "profile: all\nprofile: google\n", `^c\.yaml:2:1: mapping key "profile" already defined`},
		{"syntax", "select: [J\n", `^c\.yaml:\d+:\d+: `},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseConfig("c.yaml", []byte(tc.yaml))
			if err == nil {
				t.Fatalf("no error for %q", tc.yaml)
			}
			if !regexp.MustCompile(tc.want).MatchString(err.Error()) {
				t.Errorf("error %q does not match %s", err, tc.want)
			}
		})
	}
}

func TestFindConfig(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, ".ldfix.yaml"), []byte("profile: all\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := findConfig(deep)
	if err != nil || got != filepath.Join(root, ".ldfix.yaml") {
		t.Errorf("findConfig(%s) = %q, %v; want the file in %s", deep, got, err, root)
	}
}

func TestMatchAny(t *testing.T) {
	for _, tc := range []struct {
		glob, path string
		want       bool
	}{
		{"vendor/**", "vendor/a/b.html", true},
		{"vendor", "vendor/a/b.html", true},
		{"*.min.html", "a/b/c.min.html", true},
		{"legacy/*.html", "legacy/x/y.html", false},
		{"**/*.json", "a/b.json", true},
		{"docs/**", "src/docs.html", false},
	} {
		if got := matchAny([]string{tc.glob}, tc.path); got != tc.want {
			t.Errorf("matchAny(%q, %q) = %v, want %v", tc.glob, tc.path, got, tc.want)
		}
	}
}

func TestUseColor(t *testing.T) {
	var buf strings.Builder
	for mode, want := range map[string]bool{"always": true, "never": false, "auto": false} {
		got, err := useColor(mode, &buf)
		if err != nil || got != want {
			t.Errorf("useColor(%q, buffer) = %v, %v; want %v", mode, got, err, want)
		}
	}
	t.Setenv("NO_COLOR", "1")
	if got, _ := useColor("auto", os.Stdout); got {
		t.Error("NO_COLOR must turn auto colour off")
	}
}
