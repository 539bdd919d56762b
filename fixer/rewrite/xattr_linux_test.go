package rewrite

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteFileKeepsXattrs: a file with extended attributes (here a user
// attribute; ACLs and SELinux labels are stored the same way) keeps them.
func TestWriteFileKeepsXattrs(t *testing.T) {
	p := filepath.Join(t.TempDir(), "page.html")
	writeMode(t, p, "old", 0o644)
	if err := syscall.Setxattr(p, "user.ldfix", []byte("kept"), 0); err != nil {
		t.Skip("no extended attributes here:", err)
	}
	if err := WriteFile(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 16)
	n, err := syscall.Getxattr(p, "user.ldfix", buf)
	if err != nil || string(buf[:n]) != "kept" {
		t.Errorf("attribute after the write: %q, %v", buf[:max(n, 0)], err)
	}
	if got, _ := os.ReadFile(p); string(got) != "new" {
		t.Errorf("content = %q", got)
	}
}
