//go:build unix

// Package rewritetest runs a test binary as another user, so tests that run
// as root can see what an ordinary user's write does: root may write any
// file, an ordinary user may not.
package rewritetest

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// Nobody is the user id of the unprivileged user the tests act as.
const Nobody = 65534

// Dir makes a folder every user may enter and write, removed after the
// test. t.TempDir is private to its owner, so another user could not
// reach files there.
func Dir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "ldfix-user-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Command returns a command that runs the running test binary, copied into
// dir under name, as user Nobody, with its working directory dir. A binary
// built by testscript.Main runs its command of that name; any other runs
// its tests with args. The test is skipped when it does not run as root,
// the only user that may start a process as another.
func Command(t testing.TB, dir, name string, args ...string) *exec.Cmd {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("acting as another user needs root; run the tests as root to check what an ordinary user's write does")
	}
	bin := filepath.Join(dir, name)
	if _, err := os.Stat(bin); err != nil {
		copyFile(t, os.Args[0], bin)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: Nobody, Gid: Nobody}}
	return cmd
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
