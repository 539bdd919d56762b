package template

import (
	"bytes"
	"testing"
)

// TestHasServerOpener agrees with looking for each opener in turn.
func TestHasServerOpener(t *testing.T) {
	for _, s := range []string{"", "{", "?", "<", "{{", "{%", "<?", "x{ {x", "{}{%", "a<b?c", "?<?", "<<??", "{\n{", "%{", "?<"} {
		want := bytes.Contains([]byte(s), []byte("{{")) || bytes.Contains([]byte(s), []byte("{%")) || bytes.Contains([]byte(s), []byte("<?"))
		if got := hasServerOpener([]byte(s)); got != want {
			t.Errorf("hasServerOpener(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzHasServerOpener(f *testing.F) {
	f.Add([]byte("<p>{x}</p><?php"))
	f.Fuzz(func(t *testing.T, data []byte) {
		want := bytes.Contains(data, []byte("{{")) || bytes.Contains(data, []byte("{%")) || bytes.Contains(data, []byte("<?"))
		if got := hasServerOpener(data); got != want {
			t.Fatalf("hasServerOpener(%q) = %v, want %v", data, got, want)
		}
	})
}
