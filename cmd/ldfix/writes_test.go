//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/rewrite/rewritetest"
)

// TestFixLeavesFilesTheUserMayNotWrite runs ldfix fix as an ordinary user
// in a folder anyone may write: a read-only file and a file of another
// owner stay as they were, each with X030, and their findings are still
// reported; a file the user may write is fixed.
func TestFixLeavesFilesTheUserMayNotWrite(t *testing.T) {
	dir := rewritetest.Dir(t)
	broken := `<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Thing", "name": "a",}</script>` + "\n"
	files := []struct {
		name  string
		mode  os.FileMode
		owner int
	}{
		{"readonly.html", 0o444, rewritetest.Nobody},
		{"roots.html", 0o644, 0},
		{"mine.html", 0o644, rewritetest.Nobody},
	}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, []byte(broken), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, f.mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(p, f.owner, f.owner); err != nil {
			t.Fatal(err)
		}
	}
	cmd := rewritetest.Command(t, dir, "ldfix", "fix", "readonly.html", "roots.html", "mine.html")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v, want 1\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	for _, name := range []string{"readonly.html", "roots.html"} {
		for _, want := range []string{
			name + ":1:1: warning file is not writable by this user (permission denied), so ldfix fix leaves it unchanged [X030]",
			name + `:1:100: error trailing comma before "}" [J020]`,
		} {
			if !strings.Contains(stdout.String(), want+"\n") {
				t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
			}
		}
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != broken {
			t.Errorf("%s changed to %q", name, got)
		}
	}
	if strings.Contains(stdout.String(), "mine.html") {
		t.Errorf("mine.html still has findings:\n%s", stdout.String())
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "mine.html")); strings.Contains(string(got), ",}") {
		t.Errorf("mine.html was not fixed: %q", got)
	}
	if !strings.Contains(stderr.String(), "ldfix: fixed 1 file\n") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
}
