package main

import (
	"bytes"
	"debug/elf"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// actionFile is the part of action.yml a runner reads to run a composite
// action.
type actionFile struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	ID    string            `yaml:"id"`
	Name  string            `yaml:"name"`
	If    string            `yaml:"if"`
	Uses  string            `yaml:"uses"`
	With  map[string]string `yaml:"with"`
	Shell string            `yaml:"shell"`
	Env   map[string]string `yaml:"env"`
	Run   string            `yaml:"run"`
}

// actionRun is one run of the action as the runner does it: each run:
// step is a bash script with the step's env, the GITHUB_* files and the
// expressions filled in; uses: steps are checked, not run.
type actionRun struct {
	t        *testing.T
	root     string // the action's checkout, GITHUB_ACTION_PATH
	work     string // GITHUB_WORKSPACE, where the job runs
	temp     string // RUNNER_TEMP
	inputs   map[string]string
	strategy map[string]string
	outputs  map[string]map[string]string // step id → outputs
	path     []string                     // added to PATH by GITHUB_PATH
	log      bytes.Buffer
	failed   int // exit status of the step that failed the job, or 0
	uploaded string
}

var expr = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// value evaluates the expressions the action uses: context lookups.
func (r *actionRun) value(e string) string {
	parts := strings.Split(e, ".")
	switch {
	case parts[0] == "inputs" && len(parts) == 2:
		return r.inputs[parts[1]]
	case e == "github.action_path":
		return r.root
	case e == "github.action_ref":
		return "v9.9.9"
	case parts[0] == "strategy" && len(parts) == 2:
		return r.strategy[parts[1]]
	case parts[0] == "steps" && len(parts) == 4 && parts[2] == "outputs":
		return r.outputs[parts[1]][parts[3]]
	}
	r.t.Fatalf("action.yml uses an expression the test runner does not know: %s", e)
	return ""
}

func (r *actionRun) fill(s string) string {
	return expr.ReplaceAllStringFunc(s, func(m string) string { return r.value(expr.FindStringSubmatch(m)[1]) })
}

// cond evaluates an if: of the form "context == 'literal'" or "!=".
func (r *actionRun) cond(s string) bool {
	if s == "" {
		return r.failed == 0
	}
	m := regexp.MustCompile(`^(\S+)\s*(==|!=)\s*'([^']*)'$`).FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		r.t.Fatalf("action.yml has a condition the test runner does not know: %s", s)
	}
	eq := r.value(m[1]) == m[3]
	return r.failed == 0 && eq == (m[2] == "==")
}

func runAction(t *testing.T, work string, inputs, strategy map[string]string) *actionRun {
	t.Helper()
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q, want composite", a.Runs.Using)
	}
	root, _ := filepath.Abs("../..")
	r := &actionRun{t: t, root: root, work: work, temp: t.TempDir(), inputs: map[string]string{}, strategy: strategy, outputs: map[string]map[string]string{}}
	for k, v := range a.Inputs {
		r.inputs[k] = v.Default
	}
	for k, v := range inputs {
		if _, ok := a.Inputs[k]; !ok {
			t.Fatalf("action.yml has no input %q", k)
		}
		r.inputs[k] = v
	}
	for i, st := range a.Runs.Steps {
		if !r.cond(st.If) {
			continue
		}
		switch {
		case strings.HasPrefix(st.Uses, "actions/setup-go@"):
			if !strings.HasSuffix(r.fill(st.With["go-version-file"]), "/go.mod") {
				t.Errorf("setup-go reads %q, want the action's go.mod", st.With["go-version-file"])
			}
		case strings.HasPrefix(st.Uses, "github/codeql-action/upload-sarif@"):
			r.uploaded = filepath.Join(work, r.fill(st.With["sarif_file"]))
		case st.Uses != "":
			t.Fatalf("step %d uses %s, which the test runner does not know", i, st.Uses)
		default:
			r.step(i, st)
		}
	}
	return r
}

func (r *actionRun) step(i int, st actionStep) {
	r.t.Helper()
	if st.Shell != "bash" {
		r.t.Fatalf("step %d: shell %q; composite steps need shell: bash", i, st.Shell)
	}
	dir := filepath.Join(r.temp, fmt.Sprintf("step%d", i))
	os.MkdirAll(dir, 0o755)
	files := map[string]string{}
	for _, f := range []string{"GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_ENV", "GITHUB_STEP_SUMMARY"} {
		files[f] = filepath.Join(dir, f)
		os.WriteFile(files[f], nil, 0o644)
	}
	script := filepath.Join(dir, "script.sh")
	os.WriteFile(script, []byte(st.Run), 0o644)
	// The runner's command for shell: bash.
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
	cmd.Dir = r.work
	env := []string{"CI=true", "GITHUB_ACTIONS=true", "GITHUB_WORKSPACE=" + r.work, "GITHUB_ACTION_PATH=" + r.root, "RUNNER_TEMP=" + r.temp,
		"PATH=" + strings.Join(append(append([]string{}, r.path...), os.Getenv("PATH")), string(filepath.ListSeparator))}
	for k, v := range files {
		env = append(env, k+"="+v)
	}
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); !strings.HasPrefix(k, "GITHUB_") && !strings.HasPrefix(k, "LDFIX_") && k != "PATH" && k != "CI" {
			env = append(env, kv)
		}
	}
	for k, v := range st.Env {
		env = append(env, k+"="+r.fill(v))
	}
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = &r.log, &r.log
	if err := cmd.Run(); err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			r.t.Fatalf("step %d: %v", i, err)
		}
		r.failed = ee.ExitCode()
	}
	if p, _ := os.ReadFile(files["GITHUB_PATH"]); len(p) > 0 {
		r.path = append(strings.Fields(string(p)), r.path...)
	}
	if st.ID != "" {
		out := map[string]string{}
		o, _ := os.ReadFile(files["GITHUB_OUTPUT"])
		for _, line := range strings.Split(string(o), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok {
				out[k] = v
			}
		}
		r.outputs[st.ID] = out
	}
}

func actionWorkspace(t *testing.T, pages map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range pages {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const (
	brokenPage = `<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Thing", "name": "a",}</script>` + "\n"
	cleanPage  = `<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Thing", "name": "b"}</script>` + "\n"
)

// TestAction runs the action's shell steps as the runner would, against
// pages in a workspace: it builds ldfix from this checkout, annotates the
// findings, fails the job on them, writes SARIF for upload and shards a
// matrix job.
func TestAction(t *testing.T) {
	if os.Getenv("LDFIX_ACTION_TEST") == "" {
		t.Skip("builds ldfix several times: .ci/run runs it with LDFIX_ACTION_TEST=1")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not on PATH")
	}
	t.Run("findings fail the job", func(t *testing.T) {
		pages := map[string]string{"site/a.html": brokenPage, "site/b.html": cleanPage, "more/c.html": brokenPage, "skipped/d.html": brokenPage}
		r := runAction(t, actionWorkspace(t, pages), map[string]string{"paths": "site\nmore/c.html\n"}, map[string]string{"job-index": "0", "job-total": "1"})
		log := r.log.String()
		if !strings.Contains(log, "ldfix v9.9.9") {
			t.Errorf("the build step should print the action's version:\n%s", log)
		}
		if !regexp.MustCompile(`::error file=site/a.html,line=1,.*J020`).MatchString(log) {
			t.Errorf("no annotation for the trailing comma:\n%s", log)
		}
		if !strings.Contains(log, "::error file=more/c.html") || strings.Contains(log, "skipped/d.html") {
			t.Errorf("paths on several lines should check site/ and more/c.html only:\n%s", log)
		}
		if r.outputs["check"]["exit-code"] != "1" || r.failed != 1 {
			t.Errorf("exit-code %q, job failed with %d; want 1 and 1\n%s", r.outputs["check"]["exit-code"], r.failed, log)
		}
		if r.uploaded != "" {
			t.Error("SARIF uploaded though upload-sarif is false")
		}
		if runtime.GOOS == "linux" {
			staticBinary(t, filepath.Join(r.temp, "ldfix-bin", "ldfix"))
		}
	})
	t.Run("sarif upload and fail-on", func(t *testing.T) {
		work := actionWorkspace(t, map[string]string{"a.html": brokenPage})
		r := runAction(t, work, map[string]string{"upload-sarif": "true", "fail-on": "warning", "format": "text", "args": "--ignore J020"}, map[string]string{"job-index": "0", "job-total": "1"})
		if r.failed != 0 || r.outputs["check"]["exit-code"] != "0" {
			t.Errorf("with J020 ignored the job failed (%d):\n%s", r.failed, r.log.String())
		}
		data, err := os.ReadFile(r.uploaded)
		if err != nil {
			t.Fatalf("the upload step's sarif_file: %v", err)
		}
		var log struct {
			Version string `json:"version"`
			Runs    []struct {
				Results []struct {
					RuleID string `json:"ruleId"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(data, &log); err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 {
			t.Fatalf("uploaded file is not the SARIF log: %v\n%s", err, data)
		}
		for _, res := range log.Runs[0].Results {
			if res.RuleID == "J020" {
				t.Error("the SARIF run ignores args: J020 is reported")
			}
		}
	})
	t.Run("shard auto in a matrix", func(t *testing.T) {
		pages := map[string]string{}
		for i := range 8 {
			pages[fmt.Sprintf("p%d.html", i)] = brokenPage
		}
		work := actionWorkspace(t, pages)
		seen := map[string]int{}
		for i := range 2 {
			r := runAction(t, work, map[string]string{"shard": "auto", "format": "json", "fail-on": "info"}, map[string]string{"job-index": fmt.Sprint(i), "job-total": "2"})
			log := r.log.String()
			if !strings.Contains(log, fmt.Sprintf("shard %d/2 from LDFIX_SHARD_INDEX", i+1)) {
				t.Errorf("job %d: no shard notice:\n%s", i, log)
			}
			for _, m := range regexp.MustCompile(`"file": "(p\d\.html)"`).FindAllStringSubmatch(log, -1) {
				seen[m[1]]++
			}
		}
		for p := range pages {
			if seen[p] == 0 {
				t.Errorf("%s checked by no job of the matrix", p)
			}
		}
	})
}

// staticBinary fails unless the ELF file at path is statically linked: a
// workflow's many short runs then skip the dynamic loader.
func staticBinary(t *testing.T, path string) {
	t.Helper()
	bin, err := elf.Open(path)
	if err != nil {
		t.Fatalf("the built binary: %v", err)
	}
	defer bin.Close()
	for _, p := range bin.Progs {
		if p.Type == elf.PT_INTERP {
			t.Errorf("%s is dynamically linked", path)
		}
	}
}
