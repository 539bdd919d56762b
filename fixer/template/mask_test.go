package template

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/source"
)

var update = flag.Bool("update", false, "rewrite golden files")

// maskInputs are the inputs of the mask goldens: every file in
// testdata/mask that is not a golden.
func maskInputs(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "mask", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".golden") {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		t.Fatal("no inputs in testdata/mask")
	}
	return out
}

// TestMaskGolden compares the masked text, the holes and the findings of
// each input with its .golden file.
func TestMaskGolden(t *testing.T) {
	for _, in := range maskInputs(t) {
		name := filepath.Base(in)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			r := Scan(data)
			checkMask(t, data, r.Text, r.Holes)
			got := render(data, r)
			golden := strings.TrimSuffix(in, filepath.Ext(in)) + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the golden file; run go test -update and review the diff\n--- got ---\n%s", name, got)
			}
		})
	}
}

// render writes a masked template as text: the masked bytes, the holes and
// the findings with line:column.
func render(data []byte, r *Result) string {
	f := source.New("in", data)
	var b strings.Builder
	b.WriteString("-- masked --\n")
	b.Write(r.Text)
	if len(r.Text) > 0 && r.Text[len(r.Text)-1] != '\n' {
		b.WriteString("\n")
	}
	b.WriteString("-- holes --\n")
	for _, h := range r.Holes {
		from, to := f.Position(h.Span.Start), f.Position(h.Span.End)
		fmt.Fprintf(&b, "%d:%d-%d:%d %s %s", from.Line, from.Column, to.Line, to.Column, kindNames[h.Kind], contextNames[h.Context])
		if h.Value {
			b.WriteString(" value")
		}
		fmt.Fprintf(&b, " %q\n", data[h.Span.Start:h.Span.End])
	}
	b.WriteString("-- diagnostics --\n")
	for _, d := range r.Diagnostics {
		p := f.Position(d.Span.Start)
		fmt.Fprintf(&b, "%d:%d: %s [%s]\n", p.Line, p.Column, d.Message, d.Rule)
	}
	return b.String()
}

var (
	kindNames    = map[Kind]string{Output: "output", Control: "control", Comment: "comment"}
	contextNames = map[Context]string{Outside: "outside", InString: "in-string", InKey: "in-key", AtValue: "at-value", Between: "between"}
)

// checkMask asserts what every caller of Mask relies on: the same length,
// bytes outside holes unchanged, holes sorted, apart and in bounds, and
// each hole masked as its context needs.
func checkMask(t testing.TB, data, masked []byte, holes []Hole) {
	t.Helper()
	if len(masked) != len(data) {
		t.Fatalf("masked length %d, input length %d", len(masked), len(data))
	}
	at := 0
	for _, h := range holes {
		if h.Span.Start < at || h.Span.End <= h.Span.Start || h.Span.End > len(data) {
			t.Fatalf("hole %v is out of order, empty or out of bounds (previous end %d, length %d)", h.Span, at, len(data))
		}
		if !bytes.Equal(masked[at:h.Span.Start], data[at:h.Span.Start]) {
			t.Fatalf("bytes %d..%d outside holes changed", at, h.Span.Start)
		}
		checkHole(t, data, masked, h)
		at = h.Span.End
	}
	if !bytes.Equal(masked[at:], data[at:]) {
		t.Fatalf("bytes after the last hole (from %d) changed", at)
	}
}

func checkHole(t testing.TB, data, masked []byte, h Hole) {
	t.Helper()
	m := masked[h.Span.Start:h.Span.End]
	if h.Value != (h.Context == AtValue || h.Context == InString || h.Context == InKey) {
		t.Fatalf("hole %v in context %s has Value=%v", h.Span, contextNames[h.Context], h.Value)
	}
	switch {
	case h.Context == AtValue || h.Context == InKey && m[0] == '"':
		if len(m) >= 2 && (m[0] != '"' || m[len(m)-1] != '"' || bytes.ContainsAny(m[1:len(m)-1], "\"\\\n\r")) {
			t.Fatalf("value hole %v masked as %q, want a string", h.Span, m)
		}
	case h.Context == InString || h.Context == InKey:
		if bytes.ContainsAny(m, "\\\n\r") || h.Context == InString && bytes.ContainsRune(m, '"') {
			t.Fatalf("string hole %v masked as %q, which ends or escapes the string", h.Span, m)
		}
	default:
		for i, c := range m {
			orig := data[h.Span.Start+i]
			if c != ' ' && !(c == orig && (c == '\n' || c == '\r')) {
				t.Fatalf("structural hole %v masked as %q, want spaces and the original line breaks", h.Span, m)
			}
		}
	}
}

// TestMaskValidIsJSON shows that a valid template masks to strict JSON in
// every block, with no finding: the repairer has nothing to change.
func TestMaskValidIsJSON(t *testing.T) {
	for _, in := range maskInputs(t) {
		name := filepath.Base(in)
		if !strings.HasPrefix(name, "valid_") && !strings.HasPrefix(name, "data.") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			r := Scan(data)
			regions := jsonRegions(data, structure(data, scanTags(data)))
			if len(regions) == 0 {
				t.Fatal("no JSON-LD block found")
			}
			for _, reg := range regions {
				block := r.Text[reg.Start:reg.End]
				var v any
				if err := json.Unmarshal(block, &v); err != nil {
					t.Errorf("block at %d does not mask to JSON: %v\n%s", reg.Start, err, block)
				}
			}
			for _, d := range r.Diagnostics {
				if d.Rule != "X101" {
					t.Errorf("unexpected finding %s: %s", d.Rule, d.Message)
				}
			}
		})
	}
}

func TestIsTemplate(t *testing.T) {
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"post.liquid", "", true},
		{"layout.NJK", "", true},
		{"base.html.twig", "", true},
		{"x.j2", "", true},
		{"x.hbs", "", true},
		{"x.mustache", "", true},
		{"x.tmpl", "", true},
		{"x.gohtml", "", true},
		{"single.php", "", true},
		{"show.html.erb", "", true},
		{"page.html", "<p>{% if x %}y{% endif %}</p>", true},
		{"page.htm", "<?php echo 1; ?>", true},
		{"layouts/partials/schema.html", "<p>{{ .Title }}</p>", true},
		{"layouts/_default/list.html", "{{ range .Pages }}<a>x</a>{{ end }}", true},
		{"page.html", "<p>{{- title -}}</p>", true},
		// Client-side frameworks and templates on a served page.
		{"page.html", "<p>{{ page.title }}</p>", false},
		{"page.html", `<script type="text/template"><%= x %></script>`, false},
		{"page.html", `<script type="text/x-handlebars">{{#each a}}{{/each}}</script>`, false},
		{"page.html", "<p>plain</p><script>var a = {b: {c: 1}};</script>", false},
		{"page.html", "<p>{{ unclosed</p>", false},
		{"page.html", "<p>{# a comment #}</p>", false},
		{"data.json", "{{ x }}", false},
		{"README", "{{ x }}", false},
	}
	for _, tt := range tests {
		if got := IsTemplate(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("IsTemplate(%q, %q) = %v, want %v", tt.name, tt.data, got, tt.want)
		}
	}
}

// TestMaskTags pins the masking of single tags in each context.
func TestMaskTags(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		// Placeholders inside strings become text.
		{`{"a": "{{ x }}"}`, `{"a": "xxxxxxx"}`},
		{`{"a": "x {{ "}}" }} y"}`, `{"a": "x xxxxxxxxxx y"}`},
		{`{"a": "<?= $x ?>"}`, `{"a": "xxxxxxxxx"}`},
		{`{"a": "<%= @x %>"}`, `{"a": "xxxxxxxxx"}`},
		// Placeholders in value position become a string of the same length.
		{`{"a": {{ x }}}`, `{"a": "xxxxx"}`},
		{`{"a": {{{ x }}}}`, `{"a": "xxxxxxx"}`},
		{`{"a": {{- x -}}}`, `{"a": "xxxxxxx"}`},
		{`{"a": <?php echo $n; ?>}`, `{"a": "xxxxxxxxxxxxxxx"}`},
		{`{"a": <%= n %>}`, `{"a": "xxxxxx"}`},
		{`[{{x}}, {{y}}]`, `["xxx", "xxx"]`},
		// Control tags and comments become spaces.
		{`{"a": 1{% if b %}, "b": 2{% endif %}}`, `{"a": 1          , "b": 2           }`},
		{`{"a": 1 {# c #}}`, `{"a": 1        }`},
		{`{"a": 1 {{!-- }} --}}}`, `{"a": 1              }`},
		{`{"a": 1 {{/* c */}}}`, `{"a": 1            }`},
		{`{"a": 1 <%# c %>}`, `{"a": 1         }`},
		// Only the first branch is read.
		{`{"a": {% if b %}1{% else %}2{% endif %}}`, `{"a":           1                      }`},
		{`{"a": {{#if b}}1{{else}}2{{/if}}}`, `{"a":          1                }`},
		// A comma printed only between items joins the tags around it.
		{`[{% for x in xs %}{{ x }}{% if not loop.last %},{% endif %}{% endfor %}]`,
			`[                 "xxxxx"                                              ]`},
		{`[{% for x in xs %}{{ x }}{{ "," if not loop.last }}{% endfor %}]`,
			`[                 "xxxxx"                                      ]`},
		{`[{{range $i, $x := .}}{{if $i}},{{end}}{{$x}}{{end}}]`,
			`[                                      "xxxx"       ]`},
		// Raw blocks are text.
		{`{"a": "{% raw %}{{ x }}{% endraw %}"}`, `{"a": "xxxxxxxxx{{ x }}xxxxxxxxxxxx"}`},
		// Not template code.
		{`{"a": "50<%% off"}`, `{"a": "50<%% off"}`},
		{`{"a": "<?xml"}`, `{"a": "<?xml"}`},
	}
	for _, tt := range tests {
		masked, holes := Mask([]byte(tt.in))
		checkMask(t, []byte(tt.in), masked, holes)
		if string(masked) != tt.want {
			t.Errorf("Mask(%s)\n got %s\nwant %s", tt.in, masked, tt.want)
		}
	}
}

// TestUnterminatedNeverHangs feeds every opening delimiter with no close.
func TestUnterminated(t *testing.T) {
	for _, open := range []string{"{{", "{{{", "{{{{", "{{!--", "{{!", "{{/*", "{{- /*", "{%", "<%", "<%=", "{% raw %}x", "{{#each x}}"} {
		in := "{\"a\": \"" + open + " x\",\n\"b\": 1}"
		r := Scan([]byte(in))
		checkMask(t, []byte(in), r.Text, r.Holes)
		if !strings.Contains(open, "raw") && !strings.Contains(open, "each") && !hasRule(r, "X100") {
			t.Errorf("%q: no X100 finding; got %v", open, r.Diagnostics)
		}
	}
}

func hasRule(r *Result, id string) bool {
	for _, d := range r.Diagnostics {
		if d.Rule == id {
			return true
		}
	}
	return false
}

// TestLeaks reports template code left in the JSON-LD of served pages,
// and nothing outside JSON-LD or on clean pages.
func TestLeaks(t *testing.T) {
	tests := []struct {
		in   string
		want []string // the code of each finding
	}{
		{`<script type="application/ld+json">{"description": "{{ seomatic.helper.text(entry) }}"}</script>`,
			[]string{"{{ seomatic.helper.text(entry) }}"}},
		{`<script type="application/ld+json">{"image": "<?= https://x.test/a.jpg ?>", "name": "{% if a %}b{% endif %}"}</script>`,
			[]string{"<?= https://x.test/a.jpg ?>", "{% if a %}", "{% endif %}"}},
		{`<p>{{ angular }}</p><script type="application/ld+json">{"name": "50% {off}"}</script>`, nil},
		{`<script>var t = "<%= x %>";</script><script type="application/ld+json">{"name": "a"}</script>`, nil},
	}
	for _, tt := range tests {
		ds := Leaks([]byte(tt.in))
		var got []string
		for _, d := range ds {
			if d.Rule != "X104" {
				t.Errorf("rule %s, want X104", d.Rule)
			}
			got = append(got, tt.in[d.Span.Start:d.Span.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Leaks(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
