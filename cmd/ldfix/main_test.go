package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/render"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"ldfix": func() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end CLI scripts in testdata/script. Each
// script starts with the bundled sample page as seed.txt in its work dir.
func TestScripts(t *testing.T) {
	seed, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "../../testdata/script",
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("NO_COLOR", "")
			return os.WriteFile(filepath.Join(e.WorkDir, "seed.txt"), seed, 0o644)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"encode": encodeCmd},
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			if cond == "chromium" {
				_, err := render.FindChrome("")
				return err == nil && !testing.Short(), nil
			}
			return false, nil
		},
	})
}

// encodeCmd is the script command "encode ENCODING IN OUT": it writes the
// UTF-8 file IN in ENCODING (a WHATWG name; utf-16le and utf-16be get a
// byte order mark). A \xNN in IN becomes that byte after encoding, for
// pages that hold bytes their encoding does not define.
func encodeCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: encode ENCODING IN OUT")
	}
	enc, err := htmlindex.Get(args[0])
	ts.Check(err)
	out, err := enc.NewEncoder().Bytes([]byte(ts.ReadFile(args[1])))
	ts.Check(err)
	switch args[0] {
	case "utf-16le":
		out = append([]byte{0xff, 0xfe}, out...)
	case "utf-16be":
		out = append([]byte{0xfe, 0xff}, out...)
	}
	out = regexp.MustCompile(`\\x[0-9a-fA-F]{2}`).ReplaceAllFunc(out, func(m []byte) []byte {
		b, _ := strconv.ParseUint(string(m[2:]), 16, 8)
		return []byte{byte(b)}
	})
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), out, 0o644))
}

// runCLI runs ldfix in-process and returns its exit code, stdout and stderr.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"ldfix"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// TestUsageErrors checks that every bad command line exits 2 with one
// clear line on stderr and nothing on stdout (no help dump).
func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"bogus"}, `unknown command "bogus"`},
		{[]string{"check", "--format", "xml", "x.html"}, `unknown format "xml"`},
		{[]string{"check", "--fail-on", "sometimes", "x.html"}, `--fail-on: unknown severity "sometimes"`},
		{[]string{"check", "--color", "rainbow", "x.html"}, `unknown --color "rainbow"`},
		{[]string{"check", "--select", "Q12", "x.html"}, `"Q12" is not a rule ID or prefix`},
		{[]string{"check", "--ignore", "J9999", "x.html"}, `"J9999" is not a rule ID or prefix`},
		{[]string{"check", "--shard", "3/2", "x.html"}, `invalid shard "3/2"`},
		{[]string{"check", "--profile", "bing", "x.html"}, `unknown profile "bing"`},
		{[]string{"check", "--config", "/nonexistent/.ldfix.yaml", "x.html"}, "no such file or directory"},
		{[]string{"fix", "--diff", "--stdout", "x.html"}, "--diff and --stdout cannot be used together"},
		{[]string{"fix", "--format", "html", "x.html"}, `unknown format "html"`},
		{[]string{"explain"}, "explain takes one rule ID"},
		{[]string{"explain", "Z999"}, `unknown rule "Z999"`},
		{[]string{"rules", "--format", "yaml"}, `unknown format "yaml"`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errs := runCLI(t, "", tc.args...)
			if code != exitError {
				t.Errorf("exit %d, want %d", code, exitError)
			}
			if out != "" {
				t.Errorf("stdout must be empty, got %q", out)
			}
			if !strings.Contains(errs, tc.want) || !strings.HasPrefix(errs, "ldfix: ") {
				t.Errorf("stderr %q does not start with ldfix: and contain %q", errs, tc.want)
			}
		})
	}
}

func TestNoArguments(t *testing.T) {
	code, out, errs := runCLI(t, "")
	if code != exitError || out != "" || !strings.Contains(errs, "COMMANDS:") {
		t.Errorf("bare ldfix: exit %d, stdout %q, stderr %q; want 2, nothing, help", code, out, errs)
	}
}

func TestHelpAndVersion(t *testing.T) {
	code, out, _ := runCLI(t, "", "--help")
	if code != 0 || !strings.Contains(out, "check") {
		t.Errorf("--help: exit %d, stdout %q", code, out)
	}
	code, out, _ = runCLI(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "ldfix ") {
		t.Errorf("version: exit %d, stdout %q", code, out)
	}
	// A bare "version" is answered before the command line is parsed; with
	// "--" it goes through the parser, and must say the same.
	if code2, out2, _ := runCLI(t, "", "version", "--"); code2 != code || out2 != out {
		t.Errorf("version --: exit %d, stdout %q; want %d, %q as for version", code2, out2, code, out)
	}
}

// TestBadConfigFile checks that a config with an unknown key stops the run
// with the file, line and column of the key.
func TestBadConfigFile(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".ldfix.yaml")
	if err := os.WriteFile(cfg, []byte("profile: all\nfail_on: warning\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", "check", "--config", cfg, dir)
	want := "ldfix: " + cfg + `:2:1: unknown field "fail_on"`
	if code != exitError || out != "" || !strings.HasPrefix(errs, want) {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", code, out, errs, want)
	}
}

// TestTooLargeInput: an input over the size limit is refused from its size
// alone with exit 2, and the other inputs are still checked.
func TestTooLargeInput(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.html")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil { // sparse: no disk is used
		t.Fatal(err)
	}
	f.Close()
	small := filepath.Join(dir, "small.jsonld")
	if err := os.WriteFile(small, []byte(`{"@context": "https://schema.org", "@type": "Persn"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "check", big, small)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(errOut, "big.html: input is 1.0 GiB, larger than the size limit of 16.0 MiB") {
		t.Errorf("stderr = %q", errOut)
	}
	if !strings.Contains(out, "V010") {
		t.Errorf("the other input was not checked: stdout = %q", out)
	}
}
