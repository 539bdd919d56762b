package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xeipuuv/gojsonschema"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/format")

const formatDir = "../../../../testdata/format"

// Rules used only by these tests; real rule packages are not imported here,
// so the IDs cannot clash.
func init() {
	diag.Register(
		diag.Rule{ID: "J999", Name: "test-smart-quote", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "curly quote used as a string delimiter", Why: "JSON strings need straight quotes.",
			Bad: `{"a": “b”}`, Good: `{"a": "b"}`},
		diag.Rule{ID: "J998", Name: "test-trailing-comma", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "comma after the last member"},
		diag.Rule{ID: "V999", Name: "test-unknown-property", Severity: diag.Warning, Fixable: diag.FixSometimes,
			Summary: "property not defined for the type"},
		diag.Rule{ID: "G999", Name: "test-recommended", Severity: diag.Info, Fixable: diag.FixNever,
			Summary: "recommended property missing"},
	)
}

// fixture builds results over testdata/format/page.html with findings whose
// spans are found by the text they cover, plus a file that could not be read.
func fixture(t testing.TB) []FileResult {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(formatDir, "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	f := source.New("testdata/format/page.html", data)
	at := func(s string) source.Span {
		i := bytes.Index(data, []byte(s))
		if i < 0 {
			t.Fatalf("fixture text %q not in page.html", s)
		}
		return source.Span{Start: i, End: i + len(s)}
	}
	open, close := at("“https"), at("”,\n")
	open.End, close.End = open.Start+len("“"), close.Start+len("”")
	comma := at("},\n}")
	comma.Start++
	comma.End = comma.Start + 1
	block := at("{\n  \"@context\"")
	block.End = at("}\n</script>").Start + 2
	ds := []diag.Diagnostic{
		// One finding for both quotes of the string, as repair groups them.
		{Rule: "J999", Severity: diag.Error, Message: `curly quotes used as string delimiters 2 times`, Block: 0, Span: open,
			Related: []source.Span{open, close},
			Fix:     &diag.Fix{Title: `replace with "\""`, Applicability: diag.Safe, Edits: []diag.Edit{{Span: open, Text: `"`}, {Span: close, Text: `"`}}}},
		{Rule: "V999", Severity: diag.Warning, Message: `property "datePublishd" is not defined for type "NewsArticle"`,
			Pointer: "/datePublishd", Block: 0, Span: at(`"datePublishd"`),
			Fix: &diag.Fix{Title: `rename to "datePublished"`, Applicability: diag.DisplayOnly,
				Edits: []diag.Edit{{Span: at(`"datePublishd"`), Text: `"datePublished"`}}}},
		{Rule: "G999", Severity: diag.Info, Message: `recommended property "image" is missing`, Block: 0,
			Span: at(`{"@type": "Person", "name": "A, B: C"}`), Pointer: "/author",
			Feature: "Article", URL: "https://developers.google.com/search/docs/appearance/structured-data/article"},
		{Rule: "J998", Severity: diag.Error, Message: "comma after the last member,\nremoved", Block: 0, Span: comma,
			Fix: &diag.Fix{Title: "remove the comma", Applicability: diag.Unsafe, Edits: []diag.Edit{{Span: comma}}}},
	}
	return []FileResult{
		{Path: "testdata/format/page.html", File: f, Diagnostics: diag.Sort(ds),
			Blocks: []BlockInfo{{Index: 0, Span: block, Types: []string{"NewsArticle"}, Repaired: []byte(`{}`)}}},
		{Path: "testdata/format/clean, with: comma.html", File: source.New("clean.html", []byte("<p>hi</p>\n"))},
		{Path: "testdata/format/missing.html", Err: errors.New("open testdata/format/missing.html: no such file or directory")},
	}
}

func TestGolden(t *testing.T) {
	results := fixture(t)
	for _, tc := range []struct {
		name, format string
		opts         Options
	}{
		{"page.text", "text", Options{}},
		{"page.color.text", "text", Options{Color: true, Source: true}},
		{"page.source.text", "text", Options{Source: true}},
		{"page.json", "json", Options{}},
		{"page.sarif", "sarif", Options{Version: "test"}},
		{"page.github", "github", Options{}},
		{"page.junit.xml", "junit", Options{}},
		{"page.gitlab.json", "gitlab", Options{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, tc.format, results, tc.opts); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join(formatDir, tc.name)
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), buf.String()); diff != "" {
				t.Errorf("%s differs from golden (-want +got):\n%s", tc.name, diff)
			}
		})
	}
}

// TestExcerptWindow checks the source excerpt of a finding deep in a long
// minified line: the line is cut to a window that holds the caret, and a
// tab before the column keeps the caret aligned.
func TestExcerptWindow(t *testing.T) {
	line := "\t" + strings.Repeat("x", 500) + "BAD" + strings.Repeat("y", 500)
	f := source.New("m.html", []byte(line+"\n"))
	start := strings.Index(line, "BAD")
	r := FileResult{Path: "m.html", File: f, Diagnostics: []diag.Diagnostic{
		{Rule: "J999", Severity: diag.Error, Message: "m", Span: source.Span{Start: start, End: start + 3}},
	}}
	var buf bytes.Buffer
	if err := Text(&buf, []FileResult{r}, Options{Source: true}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	if len(lines) < 3 {
		t.Fatalf("no excerpt:\n%s", buf.String())
	}
	src, caret := lines[1], lines[2]
	if len([]rune(src)) > sourceWidth+10 {
		t.Errorf("excerpt line is %d characters, want at most about %d", len([]rune(src)), sourceWidth)
	}
	i, j := strings.Index(src, "BAD"), strings.Index(caret, "^^^")
	if i < 0 || i != j || strings.Count(caret, "^") != 3 {
		t.Errorf("caret not under the span:\n%s\n%s", src, caret)
	}
}

func TestUnknownFormat(t *testing.T) {
	err := Render(&bytes.Buffer{}, "yaml", nil, Options{})
	if err == nil || !strings.Contains(err.Error(), `"yaml"`) {
		t.Fatalf("Render(yaml) error = %v, want one naming the format", err)
	}
}

// TestSARIFSchema checks the sarif output, and an empty run, against the
// published SARIF 2.1.0 JSON Schema (testdata/format/sarif-schema-2.1.0.json,
// from the sarif-multitool npm package).
func TestSARIFSchema(t *testing.T) {
	schema := gojsonschema.NewReferenceLoader("file://" + absPath(t, filepath.Join(formatDir, "sarif-schema-2.1.0.json")))
	compiled, err := gojsonschema.NewSchema(schema)
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	for name, results := range map[string][]FileResult{"fixture": fixture(t), "empty": nil} {
		var buf bytes.Buffer
		if err := SARIF(&buf, results, Options{Version: "test"}); err != nil {
			t.Fatal(err)
		}
		res, err := compiled.Validate(gojsonschema.NewBytesLoader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Errors() {
			t.Errorf("%s: %s", name, e)
		}
	}
}

func absPath(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(a)
}

// TestSpansCoverText checks every position the JSON format reports against
// the file: offsets in bounds and line/column pointing at the same byte.
func TestSpansCoverText(t *testing.T) {
	results := fixture(t)
	var buf bytes.Buffer
	if err := JSON(&buf, results, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version     int
		Diagnostics []jsonDiag
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != JSONVersion {
		t.Errorf("version = %d, want %d", doc.Version, JSONVersion)
	}
	data := results[0].File.Data
	lines := source.LineStarts(data)
	for _, d := range doc.Diagnostics {
		if d.Offset < 0 || d.EndOffset > len(data) || d.Offset > d.EndOffset {
			t.Errorf("%s: span [%d,%d) outside the file", d.Rule, d.Offset, d.EndOffset)
			continue
		}
		lineStart := lines[d.Line-1]
		col := len([]rune(string(data[lineStart:d.Offset]))) + 1
		if col != d.Column {
			t.Errorf("%s: column %d, but offset %d is column %d", d.Rule, d.Column, d.Offset, col)
		}
	}
	if got := len(doc.Diagnostics); got != len(results[0].Diagnostics) {
		t.Errorf("json has %d diagnostics, want %d", got, len(results[0].Diagnostics))
	}
}

// TestGitHubEscapes checks that a message or path holding the command
// syntax's own characters cannot end an annotation early or forge another.
func TestGitHubEscapes(t *testing.T) {
	results := fixture(t)
	var buf bytes.Buffer
	if err := GitHub(&buf, results, Options{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if want := len(results[0].Diagnostics) + 1; len(lines) != want {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), want, buf.String())
	}
	for _, l := range lines {
		props, _, ok := strings.Cut(strings.TrimPrefix(l, "::"), "::")
		if !ok || !strings.HasPrefix(l, "::") {
			t.Errorf("not a workflow command: %q", l)
		}
		for _, kv := range strings.Split(props[strings.Index(props, " ")+1:], ",") {
			if !strings.Contains(kv, "=") || strings.Contains(kv, ":") {
				t.Errorf("property %q of %q is not escaped", kv, l)
			}
		}
	}
}

func TestJUnitCounts(t *testing.T) {
	var buf bytes.Buffer
	if err := JUnit(&buf, fixture(t), Options{}); err != nil {
		t.Fatal(err)
	}
	var got junitSuites
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("junit output is not XML: %v", err)
	}
	if got.Tests != 6 || got.Failures != 4 || got.Errors != 1 || len(got.Suites) != 3 {
		t.Errorf("tests/failures/errors/suites = %d/%d/%d/%d, want 6/4/1/3", got.Tests, got.Failures, got.Errors, len(got.Suites))
	}
}

func TestGitLabFingerprintsUnique(t *testing.T) {
	r := fixture(t)[0]
	r.Diagnostics = append(r.Diagnostics, r.Diagnostics...) // same findings twice
	var buf bytes.Buffer
	if err := GitLab(&buf, []FileResult{r}, Options{}); err != nil {
		t.Fatal(err)
	}
	var issues []gitlabIssue
	if err := json.Unmarshal(buf.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, i := range issues {
		if seen[i.Fingerprint] {
			t.Errorf("fingerprint %s repeats", i.Fingerprint)
		}
		seen[i.Fingerprint] = true
	}
}

func TestStatistics(t *testing.T) {
	results := fixture(t)
	// A second page with the J999 finding alone makes it the most frequent.
	again := results[0]
	again.Diagnostics = again.Diagnostics[:1]
	got := Statistics(append(results, again))
	want := []Stat{
		{Rule: "J999", Name: "test-smart-quote", Severity: diag.Error, Count: 2},
		{Rule: "G999", Name: "test-recommended", Severity: diag.Info, Count: 1},
		{Rule: "J998", Name: "test-trailing-comma", Severity: diag.Error, Count: 1},
		{Rule: "V999", Name: "test-unknown-property", Severity: diag.Warning, Count: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Statistics (-want +got):\n%s", diff)
	}
}

func TestArtifactURI(t *testing.T) {
	for in, want := range map[string]string{
		"a/b.html":                "a/b.html",
		"a b/c#d.html":            "a%20b/c%23d.html",
		"/abs/p.html":             "file:///abs/p.html",
		"https://example.com/x?y": "https://example.com/x?y",
		"c:x.html":                "./c:x.html",
	} {
		if got := artifactURI(in); got != want {
			t.Errorf("artifactURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestGroupedFingerprintStable checks that fixing one place of a grouped
// finding leaves code scanning and GitLab tracking the same finding.
func TestGroupedFingerprintStable(t *testing.T) {
	span := func(s int) source.Span { return source.Span{Start: s, End: s + 1} }
	before := diag.Diagnostic{Rule: "J999", Block: 1, Pointer: "/a", Span: span(3), Related: []source.Span{span(3), span(9), span(20)},
		Message: "curly quotes used as string delimiters 3 times"}
	after := diag.Diagnostic{Rule: "J999", Block: 1, Pointer: "/b", Span: span(9), Related: []source.Span{span(9), span(20)},
		Message: "curly quotes used as string delimiters 2 times"}
	if fingerprint("p.html", before) != fingerprint("p.html", after) {
		t.Error("fingerprint changed when one place was fixed")
	}
	other := after
	other.Block = 2
	if fingerprint("p.html", other) == fingerprint("p.html", after) {
		t.Error("grouped findings of two blocks share a fingerprint")
	}
}
