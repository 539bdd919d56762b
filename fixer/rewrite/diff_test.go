package rewrite

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestDiffPatches feeds each diff to the real patch and checks that the
// result is exactly the fixed file: invalid UTF-8, CR and CRLF line
// endings, NUL bytes and a missing last newline included.
func TestDiffPatches(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("patch is not installed (.ci/run installs it); the diff cannot be applied")
	}
	cases := []struct{ name, before, after string }{
		{"invalid utf-8", "<p>caf\xe9</p>\n<script>{\"a\": 1,}</script>\n\xff\xfe end\n", "<p>caf\xe9</p>\n<script>{\"a\": 1}</script>\n\xff\xfe end\n"},
		{"invalid utf-8 on the changed line", "{\"name\": \"caf\xe9\",}\n", "{\"name\": \"caf\xe9\"}\n"},
		{"lone continuation bytes", "\x80\x80\x80\n{\"a\":1,}\n", "\x80\x80\x80\n{\"a\":1}\n"},
		{"crlf", "a\r\n{\"a\":1,}\r\nb\r\n", "a\r\n{\"a\":1}\r\nb\r\n"},
		{"cr only", "a\r{\"a\":1,}\rb", "a\r{\"a\":1}\rb"},
		{"no last newline", "x\n{\"a\":1,}", "x\n{\"a\":1}"},
		{"newline added at the end", "{\"a\":1}", "{\"a\":1}\n"},
		{"from empty", "", "{}\n"},
		{"nul bytes", "a\x00b\n{\"a\":1,}\n", "a\x00b\n{\"a\":1}\n"},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 40 {
		before := randomBytes(rng, 200)
		after := bytes.Clone(before)
		for range 1 + rng.IntN(4) {
			at := rng.IntN(len(after) + 1)
			after = append(after[:at], append(randomBytes(rng, 5), after[at:]...)...)
		}
		cases = append(cases, struct{ name, before, after string }{"random " + string(rune('a'+i%26)), string(before), string(after)})
	}
	dir := t.TempDir()
	for _, c := range cases {
		if err := patches(patch, dir, c.before, c.after); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// FuzzDiff checks that patch turns before into after with Diff's output,
// for any two byte strings.
func FuzzDiff(f *testing.F) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		f.Skip("patch is not installed (.ci/run installs it)")
	}
	f.Add([]byte("caf\xe9\n{\"a\":1,}\n"), []byte("caf\xe9\n{\"a\":1}\n"))
	f.Add([]byte("a\r\nb"), []byte("a\r\nc\r\n"))
	f.Add([]byte("\x80\x80\n"), []byte("\x80\n\x80"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, before, after []byte) {
		if err := patches(patch, dir, string(before), string(after)); err != nil {
			t.Fatal(err)
		}
	})
}

// patches writes before to a file in dir, applies Diff's output with
// patch and compares the result with after.
func patches(patch, dir, before, after string) error {
	d, err := Diff("page.html", []byte(before), []byte(after))
	if err != nil {
		return err
	}
	p := filepath.Join(dir, "page.html")
	if err := os.WriteFile(p, []byte(before), 0o644); err != nil {
		return err
	}
	cmd := exec.Command(patch, "-s", "-p0", "-u", "--no-backup-if-mismatch", "-r", "-", "page.html")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader([]byte(d))
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("patch failed: %v\n%s\ndiff:\n%q", err, out, d)
	}
	if got, _ := os.ReadFile(p); string(got) != after {
		return fmt.Errorf("patched file = %q, want %q\ndiff:\n%q", got, after, d)
	}
	return nil
}

// randomBytes favours the bytes that break text diffs: newlines, CR,
// invalid and partial UTF-8.
func randomBytes(rng *rand.Rand, n int) []byte {
	alphabet := []byte("ab{}\":,\n\n\r\x80\xc3\xa9\xe9\xff\x00")
	out := make([]byte, 1+rng.IntN(n))
	for i := range out {
		out[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return out
}

func TestDiffUnchanged(t *testing.T) {
	if d, err := Diff("a", []byte("x\xff"), []byte("x\xff")); d != "" || err != nil {
		t.Errorf("Diff of equal texts = %q, %v", d, err)
	}
}
