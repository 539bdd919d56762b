package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitHooks runs this checkout's .pre-commit-hooks.yaml the way a
// user's repository does: a commit of a page with a broken block fails the
// check hook, the fix hook repairs the page, and the next commit passes.
// It needs git and pre-commit (Debian: apt-get install pre-commit) and
// builds ldfix inside pre-commit's environment, so -short skips it.
func TestPreCommitHooks(t *testing.T) {
	if testing.Short() {
		t.Skip("builds ldfix in a pre-commit environment; skipped with -short")
	}
	for _, tool := range []string{"git", "pre-commit", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found (apt-get install git pre-commit); skipping the pre-commit end-to-end test", tool)
		}
	}
	tmp := t.TempDir()
	env := append(os.Environ(),
		"GIT_AUTHOR_NAME=ldfix test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=ldfix test", "GIT_COMMITTER_EMAIL=test@example.com",
		"GIT_CONFIG_NOSYSTEM=1", "HOME="+tmp,
		"PRE_COMMIT_HOME="+filepath.Join(tmp, "cache"),
		// Reuse the module cache: pre-commit gives Go a fresh GOPATH.
		"GOMODCACHE="+goEnv(t, "GOMODCACHE"), "GOFLAGS=-mod=mod",
	)
	sh := func(dir string, name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(dir string, name string, args ...string) string {
		t.Helper()
		out, err := sh(dir, name, args...)
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return out
	}

	// The hooks repository: a snapshot of this checkout, uncommitted edits
	// included, as one commit.
	hooks := filepath.Join(tmp, "hooks")
	root, _ := filepath.Abs("../..")
	files := strings.Split(strings.TrimSpace(must(root, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")), "\x00")
	for _, f := range files {
		if f == "" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			continue // deleted in the work tree
		}
		p := filepath.Join(hooks, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must(hooks, "git", "init", "-q")
	must(hooks, "git", "add", "-A")
	must(hooks, "git", "commit", "-q", "-m", "snapshot")
	rev := strings.TrimSpace(must(hooks, "git", "rev-parse", "HEAD"))

	// The user's repository.
	work := filepath.Join(tmp, "site")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	must(work, "git", "init", "-q")
	config := "repos:\n  - repo: " + hooks + "\n    rev: " + rev + "\n    hooks:\n      - id: ldfix\n      - id: ldfix-fix\n"
	write(t, filepath.Join(work, ".pre-commit-config.yaml"), config)
	page := "<html><head>\n<script type=\"application/ld+json\">\n{\"@context\": \"https://schema.org\", \"@type\": \"Thing\",\n \"name\": “Widget”,}\n</script>\n</head></html>\n"
	write(t, filepath.Join(work, "index.html"), page)
	must(work, "pre-commit", "install")
	must(work, "git", "add", "-A")

	out, err := sh(work, "git", "commit", "-m", "add page")
	if err == nil {
		t.Fatalf("the commit of a broken page passed:\n%s", out)
	}
	for _, want := range []string{"ldfix check", "ldfix fix", "Failed", "[J004]", "files were modified by this hook"} {
		if !strings.Contains(out, want) {
			t.Errorf("first commit output lacks %q:\n%s", want, out)
		}
	}
	fixed, _ := os.ReadFile(filepath.Join(work, "index.html"))
	start := strings.Index(string(fixed), "\n{")
	end := strings.Index(string(fixed), "\n</script>")
	if start < 0 || end < start || !json.Valid(fixed[start:end]) {
		t.Fatalf("the fix hook left a block that is not strict JSON:\n%s", fixed)
	}

	must(work, "git", "add", "-A")
	if out, err := sh(work, "git", "commit", "-m", "add page"); err != nil {
		t.Fatalf("the commit after the fix hook failed: %v\n%s", err, out)
	}
}

func goEnv(t *testing.T, key string) string {
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
