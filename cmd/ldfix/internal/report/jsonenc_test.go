package report

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// reflected is what encoding/json writes for v, indented as an array item
// at prefix: the bytes the json format has always had.
func reflected(t testing.TB, v any, prefix string) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return appendIndented(nil, bytes.TrimSuffix(b.Bytes(), []byte("\n")), prefix)
}

// oddText has every kind of character the string escaper treats apart.
const oddText = "a \"q\" \\ / <b>&amp; \b\f\n\r\t\x00\x1f\x7f é “x” \u2028\u2029 \U0001F600 \xff\xe2\x80 end"

// TestJSONEncodingMatchesEncodingJSON: the hand-written findings, file
// and error entries are byte for byte those of encoding/json, with every
// optional field both set and left out.
func TestJSONEncodingMatchesEncodingJSON(t *testing.T) {
	data := []byte("<script>\n{\"a\": \"“b”\"}\r\n</script>\n" + oddText)
	f := source.New("p.html", data)
	full := diag.Diagnostic{Rule: "J999", Severity: diag.Error, Message: oddText, Pointer: "/a~1b", Block: 2,
		Span: source.Span{Start: 9, End: 20}, Feature: "Article", URL: "https://example.com/?a=1&b=<2>",
		Properties: []string{"image", oddText}, Related: []source.Span{{Start: 9, End: 12}, {Start: 15, End: 20}},
		Fix: &diag.Fix{Title: oddText, Applicability: diag.Unsafe, Edits: []diag.Edit{{Span: source.Span{Start: 9, End: 10}, Text: oddText}, {Span: source.Span{Start: 11, End: 11}}}}}
	noEdits := diag.Diagnostic{Rule: "X000", Severity: diag.Severity(7), Message: "m", Fix: &diag.Fix{Title: "t", Applicability: diag.Applicability(9)}}
	bare := diag.Diagnostic{Rule: "V001", Severity: diag.Info, Span: source.Span{Start: len(data), End: len(data) + 5}}
	results := append(fixture(t), FileResult{Path: oddText, File: f, Rendered: true,
		Diagnostics: []diag.Diagnostic{full, noEdits, bare},
		Blocks:      []BlockInfo{{Index: 0, Span: source.Span{Start: 9, End: 25}, Types: []string{"A", oddText}}, {Index: 1, Repaired: []byte{}}},
		Items: []Item{{Block: 0, Span: source.Span{Start: 9, End: 25}, Pointer: "/x", Type: oddText, Feature: "F", URL: "u", Status: "s",
			Reasons: []string{"r1", oddText}}, {Type: "T", Missing: []string{"m"}}},
	}, itemsFixture())
	for _, r := range results {
		for _, d := range r.Diagnostics {
			jd := jsonDiagnostic(r, d)
			o := jsonOut{prefix: "    "}
			o.diag(&jd)
			if want := reflected(t, jd, "    "); !bytes.Equal(o.b, want) {
				t.Errorf("finding %s of %q:\ngot:\n%s\nwant:\n%s", d.Rule, r.Path, o.b, want)
			}
		}
		o := jsonOut{prefix: "    "}
		if r.Err != nil {
			e := jsonError{File: r.Path, Message: r.Err.Error()}
			o.error(&e)
			if want := reflected(t, e, "    "); !bytes.Equal(o.b, want) {
				t.Errorf("error of %q:\ngot:\n%s\nwant:\n%s", r.Path, o.b, want)
			}
			continue
		}
		o.file(r)
		entry := jsonFile{File: r.Path, Blocks: []jsonBlock{}, Items: []jsonItem{}}
		for _, b := range r.Blocks {
			entry.Blocks = append(entry.Blocks, jsonBlockOf(r, b))
		}
		for _, it := range r.Items {
			entry.Items = append(entry.Items, jsonItemOf(r, it))
		}
		if want := reflected(t, entry, "    "); !bytes.Equal(o.b, want) {
			t.Errorf("file entry of %q:\ngot:\n%s\nwant:\n%s", r.Path, o.b, want)
		}
	}
}

// FuzzJSONString: any string, valid UTF-8 or not, is quoted as
// encoding/json quotes it.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", oddText, "\u2028", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\"\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
		if !utf8.Valid(want) {
			t.Fatalf("encoding/json wrote invalid UTF-8 for %q", s)
		}
	})
}
