package vocab

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

func TestShortDescription(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Date of first publication or broadcast.", "Date of first publication or broadcast."},
		{"The author of this content. Please note that author is special.", "The author of this content."},
		{"A [[Thing]] that is a [link](https://example.com/x). More.", "A Thing that is a link."},
		{"Use e.g. Foo or i.e. Bar here. Second.", "Use e.g. Foo or i.e. Bar here."},
		{"Line one<br/>\n\n  still one.", "Line one still one."},
		{"Version 1.5 of it", "Version 1.5 of it"},
	} {
		if got := shortDescription(tc.in); got != tc.want {
			t.Errorf("shortDescription(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	long := shortDescription(string(bytes.Repeat([]byte("word "), 100)))
	if n := len([]rune(long)); n > maxDescription {
		t.Errorf("description of %d characters, want at most %d", n, maxDescription)
	}
}

func TestEmbeddedDescriptions(t *testing.T) {
	v, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"datePublished": "Date of first publication or broadcast.",
		"Thing":         "The most generic type of item.",
	} {
		if got := v.Description(name); got != want {
			t.Errorf("Description(%q) = %q, want %q", name, got, want)
		}
	}
	if got := v.Description("NoSuchTerm"); got != "" {
		t.Errorf("Description of an unknown term = %q", got)
	}
}

// TestDescriptionsFresh rebuilds descriptions.txt from the shared release
// file, as CI's `go generate` check does.
func TestDescriptionsFresh(t *testing.T) {
	dir := sharedtest.Dir(t, "schemaorg")
	data, err := os.ReadFile(filepath.Join(dir, "schemaorg-all-https.jsonld"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := FromJSONLD(data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(v.EncodeDescriptions(), embeddedDescriptions) {
		t.Error("descriptions.txt is stale: run go generate ./schema/vocab")
	}
	if got := v.Description("headline"); got != "Headline of the article." {
		t.Errorf("a release file's own description = %q", got)
	}
}
