//go:build linux

package rewrite

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ldfix/ldfix/fixer/rewrite/rewritetest"
)

// TestWriteFileKeepsHardLinks: after `ln a.html b.html`, writing a.html
// changes b.html too, as one file with two names.
func TestWriteFileKeepsHardLinks(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.html"), filepath.Join(dir, "b.html")
	writeMode(t, a, "old", 0o644)
	if err := os.Link(a, b); err != nil {
		t.Skip("no hard links here:", err)
	}
	if err := WriteFile(a, []byte("new")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{a, b} {
		if got, _ := os.ReadFile(p); string(got) != "new" {
			t.Errorf("%s = %q, want %q", filepath.Base(p), got, "new")
		}
	}
	if sa, sb := stat(t, a), stat(t, b); sa.Ino != sb.Ino || sa.Nlink != 2 {
		t.Errorf("links split: inodes %d and %d, %d links", sa.Ino, sb.Ino, sa.Nlink)
	}
	noTemps(t, dir)
}

// TestWriteFileKeepsOwnerAndModeBits: root rewriting another user's setuid
// file keeps its owner, group, setuid, setgid and sticky bits.
func TestWriteFileKeepsOwnerAndModeBits(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving a file to another owner needs root")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "page.html")
	writeMode(t, p, "old", 0o755|os.ModeSetuid|os.ModeSetgid|os.ModeSticky)
	if err := os.Chown(p, rewritetest.Nobody, rewritetest.Nobody); err != nil {
		t.Fatal(err)
	}
	// Chown clears setuid and setgid; set them again.
	if err := os.Chmod(p, 0o755|os.ModeSetuid|os.ModeSetgid|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	before := stat(t, p)
	if err := WriteFile(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	after := stat(t, p)
	if after.Uid != before.Uid || after.Gid != before.Gid {
		t.Errorf("owner %d:%d, want %d:%d", after.Uid, after.Gid, before.Uid, before.Gid)
	}
	if after.Mode != before.Mode {
		t.Errorf("mode %o, want %o", after.Mode, before.Mode)
	}
	if got, _ := os.ReadFile(p); string(got) != "new" {
		t.Errorf("content = %q", got)
	}
	noTemps(t, dir)
}

// TestWriteFileAsOrdinaryUser runs WriteFile as an unprivileged user in a
// folder anyone may write: the folder would allow replacing every file,
// but each file's own permissions decide.
func TestWriteFileAsOrdinaryUser(t *testing.T) {
	dir := rewritetest.Dir(t)
	cases := []struct {
		name  string
		mode  os.FileMode
		owner int // uid and gid
		want  string
	}{
		{"readonly.html", 0o444, rewritetest.Nobody, "not writable"},
		{"roots.html", 0o644, 0, "not writable"},
		{"shared.html", 0o666, 0, "ok"},
		{"own.html", 0o640, rewritetest.Nobody, "ok"},
	}
	for _, c := range cases {
		p := filepath.Join(dir, c.name)
		writeMode(t, p, "old", c.mode)
		if err := os.Chown(p, c.owner, c.owner); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, c.name)
			before := stat(t, p)
			cmd := rewritetest.Command(t, dir, "rewrite.test", "-test.run=^TestWriteHelper$")
			cmd.Env = append(os.Environ(), "LDFIX_WRITE_HELPER="+p)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("helper: %v\n%s", err, out)
			}
			if got := helperResult(string(out)); got != c.want {
				t.Fatalf("WriteFile as user %d: %s, want %s\n%s", rewritetest.Nobody, got, c.want, out)
			}
			want := "old"
			if c.want == "ok" {
				want = "new"
			}
			if got, _ := os.ReadFile(p); string(got) != want {
				t.Errorf("content = %q, want %q", got, want)
			}
			after := stat(t, p)
			if after.Uid != before.Uid || after.Gid != before.Gid || after.Mode != before.Mode {
				t.Errorf("owner %d:%d mode %o, want %d:%d mode %o", after.Uid, after.Gid, after.Mode, before.Uid, before.Gid, before.Mode)
			}
		})
	}
	noTemps(t, dir)
}

// TestWriteFileRestoresOnFailure makes the in-place rewrite of a
// hard-linked file fail half way (a file size limit the new content
// exceeds): the old content is put back and no backup is left.
func TestWriteFileRestoresOnFailure(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.html"), filepath.Join(dir, "b.html")
	writeMode(t, a, "old content", 0o644)
	if err := os.Link(a, b); err != nil {
		t.Skip("no hard links here:", err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteHelper$")
	cmd.Env = append(os.Environ(), "LDFIX_WRITE_HELPER="+a, "LDFIX_WRITE_FSIZE=16",
		"LDFIX_WRITE_DATA=new content that is longer than the limit")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	if got := helperResult(string(out)); !strings.Contains(got, "file too large") {
		t.Errorf("WriteFile over the size limit: %s, want the write's error\n%s", got, out)
	}
	for _, p := range []string{a, b} {
		if got, _ := os.ReadFile(p); string(got) != "old content" {
			t.Errorf("%s = %q after a failed rewrite, want the old content", filepath.Base(p), got)
		}
	}
	noTemps(t, dir)
}

// TestWriteHelper is the helper process of the tests above: it writes
// LDFIX_WRITE_DATA (default "new") to LDFIX_WRITE_HELPER, under a file
// size limit of LDFIX_WRITE_FSIZE bytes when set.
func TestWriteHelper(t *testing.T) {
	p := os.Getenv("LDFIX_WRITE_HELPER")
	if p == "" {
		t.Skip("helper process: runs only inside the tests that start it")
	}
	data := cmp.Or(os.Getenv("LDFIX_WRITE_DATA"), "new")
	if n, err := strconv.Atoi(os.Getenv("LDFIX_WRITE_FSIZE")); err == nil {
		// Past the limit a write fails with EFBIG instead of killing
		// the process.
		signal.Ignore(syscall.SIGXFSZ)
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: uint64(n), Max: uint64(n)}); err != nil {
			t.Fatal(err)
		}
	}
	err := WriteFile(p, []byte(data))
	switch {
	case err == nil:
		fmt.Println("result: ok")
	case errors.Is(err, ErrNotWritable):
		fmt.Println("result: not writable")
	default:
		fmt.Println("result:", err)
	}
}

func helperResult(out string) string {
	for _, line := range strings.Split(out, "\n") {
		if r, ok := strings.CutPrefix(line, "result: "); ok {
			return r
		}
	}
	return "no result"
}

// TestWriteFileRemovesStaleTemps: the new content of a run killed before
// its rename is removed by the next write beside the same page, once old
// enough; nothing else is.
func TestWriteFileRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "page.html")
	writeMode(t, p, "old", 0o644)
	old := time.Now().Add(-2 * StaleAfter)
	files := map[string]bool{ // name → still there after the write
		".page.html.123" + TempSuffix:      false,
		".page.html.ldfix-456":             false, // older releases' name
		".page.html.789" + TempSuffix:      true,  // fresh: another run may be writing it
		".page.html.1" + BackupSuffix:      true,  // differs from the page: may be its only whole copy
		".page.html.2" + BackupSuffix:      false, // the page as it is: nothing to keep
		".other.html.123" + TempSuffix:     true,  // not beside a file being written
		".page.html.x.123" + TempSuffix:    true,  // not ldfix's pattern
		"page.html.123" + TempSuffix:       true,
		".page.html.bak":                   true,
		".page.htm.123" + TempSuffix + "x": true,
	}
	for name, keep := range files {
		f := filepath.Join(dir, name)
		content := "tmp"
		if strings.Contains(name, ".2.") {
			content = "old"
		}
		writeMode(t, f, content, 0o600)
		if !(keep && strings.Contains(name, "789")) {
			if err := os.Chtimes(f, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := WriteFile(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	for name, keep := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if there := err == nil; there != keep {
			t.Errorf("%s: there = %v, want %v", name, there, keep)
		}
	}
}

func TestIsTemp(t *testing.T) {
	for name, want := range map[string]bool{
		".page.html.123.ldfix-tmp":  true,
		".page.html.123.ldfix-orig": true,
		".page.html.ldfix-123":      true,
		"page.html":                 false,
		".page.html.ldfix-tmp":      false,
		".page.html.12a.ldfix-tmp":  false,
		"page.html.123.ldfix-tmp":   false,
		".ldfix-123":                false,
	} {
		if got := IsTemp(name); got != want {
			t.Errorf("IsTemp(%q) = %v, want %v", name, got, want)
		}
	}
}

func writeMode(t *testing.T, p, content string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
}

func stat(t *testing.T, p string) *syscall.Stat_t {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st.Sys().(*syscall.Stat_t)
}

func noTemps(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if IsTemp(e.Name()) {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}
