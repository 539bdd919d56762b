package rewrite

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

func edit(start, end int, text string) diag.Edit {
	return diag.Edit{Span: source.Span{Start: start, End: end}, Text: text}
}

func TestApply(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		edits    []diag.Edit
		want     string
	}{
		{"none", `{"a":1}`, nil, `{"a":1}`},
		{"replace", `{“a”:1}`, []diag.Edit{edit(1, 4, `"`), edit(5, 8, `"`)}, `{"a":1}`},
		{"delete", `[1,]`, []diag.Edit{edit(2, 3, "")}, `[1]`},
		{"insert at end", `{"a":1`, []diag.Edit{edit(6, 6, "}")}, `{"a":1}`},
		{"insertions at one offset keep their order", `{"a":1`, []diag.Edit{edit(6, 6, "}"), edit(6, 6, "</script>")}, `{"a":1}</script>`},
		{"replace then insert at its end", `[1;x`, []diag.Edit{edit(2, 3, ""), edit(3, 3, "]")}, `[1]x`},
		{"newline in LF file", "{\n\"a\":1", []diag.Edit{edit(7, 7, "\n}")}, "{\n\"a\":1\n}"},
		{"newline in CRLF file", "{\r\n\"a\":1\r\n", []diag.Edit{edit(8, 8, "\n}")}, "{\r\n\"a\":1\r\n}\r\n"},
		{"CRLF text in CRLF file", "{\r\n\"a\":1\r\n", []diag.Edit{edit(8, 8, "\r\n}")}, "{\r\n\"a\":1\r\n}\r\n"},
		{"escaped newline is not a newline", "{\r\n\"a\":\"x\r\ny\"}", []diag.Edit{edit(9, 11, `\n`)}, "{\r\n\"a\":\"x\\ny\"}"},
	} {
		in := []byte(tc.in)
		orig := bytes.Clone(in)
		got, err := Apply(in, tc.edits)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if string(got) != tc.want {
			t.Errorf("%s: Apply = %q, want %q", tc.name, got, tc.want)
		}
		if !bytes.Equal(in, orig) {
			t.Errorf("%s: Apply changed its input", tc.name)
		}
	}
}

func TestApplyRejects(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits []diag.Edit
		index int
	}{
		{"past the end", []diag.Edit{edit(3, 9, "")}, 0},
		{"negative", []diag.Edit{edit(-1, 1, "")}, 0},
		{"reversed", []diag.Edit{edit(3, 2, "")}, 0},
		{"overlapping", []diag.Edit{edit(0, 3, ""), edit(2, 4, "")}, 1},
		{"unsorted", []diag.Edit{edit(4, 5, ""), edit(1, 2, "")}, 1},
		{"insertion inside a replacement", []diag.Edit{edit(1, 4, "x"), edit(2, 2, "y")}, 1},
	} {
		_, err := Apply([]byte("0123456"), tc.edits)
		var ee *EditError
		if !errors.As(err, &ee) || ee.Index != tc.index {
			t.Errorf("%s: err = %v, want an EditError for edit %d", tc.name, err, tc.index)
		}
	}
}

func TestEOL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "\n"}, {"one line", "\n"}, {"a\nb\n", "\n"}, {"a\r\nb\r\n", "\r\n"},
		{"a\r\nb\r\nc\n", "\r\n"}, {"a\nb\nc\r\n", "\n"}, {"a\rb\r", "\r"},
	} {
		if got := EOL([]byte(tc.in)); got != tc.want {
			t.Errorf("EOL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWriteFileKeepsMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "page.html")
	if err := os.WriteFile(p, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != "new" {
		t.Errorf("content = %q", got)
	}
	if st.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want 0640", st.Mode().Perm())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*ldfix*")); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// TestWriteFileUnchanged checks that a file whose content would not change
// is not rewritten: its modification time stays.
func TestWriteFileUnchanged(t *testing.T) {
	p := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(p, []byte("same"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("same")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if !st.ModTime().Equal(old) {
		t.Errorf("mtime changed to %v: the file was rewritten", st.ModTime())
	}
}

func TestWriteFileFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.html")
	link := filepath.Join(dir, "link.html")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("target.html", link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := WriteFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link is no longer a symbolic link (%v)", err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("target content = %q", got)
	}
}

func TestWriteFileCreates(t *testing.T) {
	p := filepath.Join(t.TempDir(), "new.jsonld")
	if err := WriteFile(p, []byte("{}")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != "{}" {
		t.Errorf("content = %q", got)
	}
}

func TestWriteFileRefusesDirectory(t *testing.T) {
	if err := WriteFile(t.TempDir(), []byte("x")); err == nil {
		t.Error("writing over a directory succeeded")
	}
}
