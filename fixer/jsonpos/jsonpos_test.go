package jsonpos

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

func TestParseMatchesEncodingJSON(t *testing.T) {
	inputs := []string{
		`{"a":1,"b":[true,false,null,"x\u00e9\n\/"],"c":{"d":-1.5e3}}`,
		`[]`, `{}`, `"\ud83d\ude00"`, `  0 `, `{"a":{"b":{"c":[1,[2,[3]]]}}}`,
		`"caf\u00e9 \"q\" é"`,
	}
	for _, in := range inputs {
		doc, err := Parse([]byte(in))
		if err != nil {
			t.Fatalf("Parse(%s): %v", in, err)
		}
		var want any
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(doc.Value, want) {
			t.Errorf("Parse(%s) = %#v, want %#v", in, doc.Value, want)
		}
	}
}

func TestLookupSpans(t *testing.T) {
	in := `{"@type": "NewsArticle", "a/b": {"x~y": [10, "s"]}}`
	doc, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	for ptr, want := range map[string]string{
		"":             in,
		"/@type":       `"NewsArticle"`,
		"/a~1b/x~0y":   `[10, "s"]`,
		"/a~1b/x~0y/1": `"s"`,
	} {
		n, ok := doc.Lookup(ptr)
		if !ok {
			t.Fatalf("Lookup(%q) missing", ptr)
		}
		if got := in[n.Span.Start:n.Span.End]; got != want {
			t.Errorf("Lookup(%q) span = %q, want %q", ptr, got, want)
		}
	}
	n, _ := doc.Lookup("/@type")
	if got := in[n.KeySpan.Start:n.KeySpan.End]; got != `"@type"` {
		t.Errorf("key span = %q", got)
	}
	if _, ok := doc.Lookup("/missing"); ok {
		t.Error("Lookup of a missing member succeeded")
	}
	if got := doc.Nearest("/a~1b/zzz/0"); got.Key != "a/b" {
		t.Errorf("Nearest = %q, want the a/b member", got.Key)
	}
}

func TestDuplicates(t *testing.T) {
	in := "{\"name\": \"a\",\n \"name\": \"b\", \"x\": {\"k\":1,\"k\":2}}"
	doc, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Duplicates) != 2 {
		t.Fatalf("got %d duplicates, want 2: %+v", len(doc.Duplicates), doc.Duplicates)
	}
	d := doc.Duplicates[0]
	if d.Key != "name" || d.Pointer != "" || in[d.First.Start:d.First.End] != `"name"` || d.Second.Start <= d.First.Start {
		t.Errorf("first duplicate = %+v", d)
	}
	if doc.Value.(map[string]any)["name"] != "b" {
		t.Error("the last duplicate must win")
	}
	if doc.Duplicates[1].Pointer != "/x" {
		t.Errorf("nested duplicate pointer = %q", doc.Duplicates[1].Pointer)
	}
}

func TestErrorsArePositioned(t *testing.T) {
	for in, off := range map[string]int{
		`{"a":1,}`:                      7,
		`{"a" 1}`:                       5,
		`[1 2]`:                         3,
		`"abc`:                          0,
		`{"a":"\x"}`:                    7,
		"[\"a\tb\"]":                    3,
		`01`:                            0,
		`{} x`:                          3,
		strings.Repeat("[", MaxDepth+2): MaxDepth + 1,
	} {
		_, err := Parse([]byte(in))
		se, ok := err.(*SyntaxError)
		if !ok {
			t.Errorf("Parse(%.20q) error = %v, want *SyntaxError", in, err)
			continue
		}
		if se.Offset != off {
			t.Errorf("Parse(%.20q) offset = %d, want %d (%s)", in, se.Offset, off, se.Msg)
		}
	}
}

// The parser agrees with encoding/json on every JSONTestSuite file whose
// verdict is fixed (y_ accepted, n_ rejected), and Check with the parser
// on every file.
func TestJSONTestSuite(t *testing.T) {
	dir := sharedtest.Dir(t, "jsontestsuite/test_parsing")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 318 {
		t.Fatalf("found %d JSONTestSuite files in %s, want 318", len(files), dir)
	}
	for _, f := range files {
		base := filepath.Base(f)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, perr := Parse(data)
		if cerr := Check(data); (cerr == nil) != (perr == nil) || cerr != nil && cerr.Error() != perr.Error() {
			t.Errorf("%s: Check says %v, Parse %v", base, cerr, perr)
		}
		switch base[0] {
		case 'y':
			if perr != nil {
				t.Errorf("%s: rejected valid JSON: %v", base, perr)
			}
		case 'n':
			if perr == nil {
				t.Errorf("%s: accepted invalid JSON", base)
			}
		}
	}
}

func TestPointerTokens(t *testing.T) {
	for _, tok := range []string{"", "a", "a/b", "~", "~1", "x~/y"} {
		if got := UnescapeToken(EscapeToken(tok)); got != tok {
			t.Errorf("round trip of %q = %q", tok, got)
		}
	}
	if got := Join("/a", "b/c", "0"); got != "/a/b~1c/0" {
		t.Errorf("Join = %q", got)
	}
	if got := Split("/a/b~1c/~0"); !reflect.DeepEqual(got, []string{"a", "b/c", "~"}) {
		t.Errorf("Split = %q", got)
	}
}
