package extract

import (
	"strings"
	"testing"
)

// TestLowerName: a tag name in any case is its lower-case name, and a
// known one keeps the rules of the tree builder.
func TestLowerName(t *testing.T) {
	for i, n := range knownNames[1:] {
		for _, spelled := range []string{n, strings.ToUpper(n), strings.ToUpper(n[:1]) + n[1:]} {
			got, known := lowerName([]byte(spelled))
			if got != n || knownNames[known] != n || known != knownIndex[n] {
				t.Errorf("lowerName(%q) = %q, %d; want %q, %d", spelled, got, known, n, i+1)
			}
		}
	}
	for _, c := range []struct{ name, want string }{
		{"my-widget", "my-widget"}, {"X-Card", "x-card"}, {"FOREIGNOBJECTS", "foreignobjects"},
		{"divx", "divx"}, {"averyveryverylongname", "averyveryverylongname"},
		{"LIN\u212A", "link"}, // the Kelvin sign lowers to "k"
	} {
		got, known := lowerName([]byte(c.name))
		if got != c.want || knownNames[known] != c.want && known != 0 || known == 0 && knownIndex[c.want] != 0 {
			t.Errorf("lowerName(%q) = %q, %d; want %q", c.name, got, known, c.want)
		}
	}
	if _, known := lowerName([]byte("br")); nameFlags[known]&void == 0 {
		t.Error("br is not void")
	}
	if _, known := lowerName([]byte("DIV")); nameFlags[known]&closesP == 0 {
		t.Error("div does not close p")
	}
}

// TestCollapse: text is trimmed and its runs of spaces become one, as
// strings.Fields reads them.
func TestCollapse(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "\n  Coat\n  ", "a\vb", "x \r\n y\f",
		"Caf\u00e9  au lait", "a\u00a0 b", "\u2003a\u0085", "one two three",
	} {
		if got, want := collapse(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzCollapse(f *testing.F) {
	f.Add(" a  b\t")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapse(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("collapse(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestAbsoluteAttr: an attribute value is an absolute URL once decoded and
// trimmed of HTML spaces.
func TestAbsoluteAttr(t *testing.T) {
	for _, v := range []string{
		"", "/a", "https://x/", " https://x/ ", "http:", "http: ", " mailto:a", "a:b", "1a:b", "x+y:z",
		"https&#58;//x/", "&#32;https://x/", "\fhttp://x\n", ":x", "ht tp://x",
	} {
		want := absoluteURL(strings.Trim(decode([]byte(v)), " \t\n\r\f"))
		if got := absoluteAttr([]byte(v)); got != want {
			t.Errorf("absoluteAttr(%q) = %v, want %v", v, got, want)
		}
	}
}
