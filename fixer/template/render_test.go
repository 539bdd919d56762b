package template_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	gotemplate "text/template"

	"github.com/aymerick/raymond"
	"github.com/nikolalohinski/gonja/v2"
	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/osteele/liquid"

	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/schema"
)

// crumb is one breadcrumb of the test data, rendered by every engine.
type crumb struct {
	Position int
	Title    string
	URL      string
}

// The titles hold no character that JSON must escape: the template check
// cannot know the values, so a title with a quote would break only the
// rendered page.
var crumbs = []crumb{
	{2, "Guides", "https://example.com/guides/"},
	{3, "Templates & Schema", "https://example.com/guides/templates/"},
}

func crumbMaps() []map[string]any {
	var out []map[string]any
	for _, c := range crumbs {
		out = append(out, map[string]any{"title": c.Title, "url": c.URL, "position": c.Position})
	}
	return out
}

// renderGo renders a Go template the way Hugo-style sites do, with
// text/template (html/template would escape inside the script element).
func renderGo(t *testing.T, src []byte) []byte {
	tmpl, err := gotemplate.New("page").Parse(string(src))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	data := map[string]any{"Site": "https://example.com", "Title": "Templates", "Crumbs": crumbs}
	if err := tmpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// renderLiquid renders with a Liquid engine, adding Jekyll's absolute_url
// and jsonify filters.
func renderLiquid(t *testing.T, src []byte) []byte {
	e := liquid.NewEngine()
	e.RegisterFilter("jsonify", func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	})
	e.RegisterFilter("absolute_url", func(s string) string {
		if strings.HasPrefix(s, "http") {
			return s
		}
		return "https://example.com" + s
	})
	site := map[string]any{"url": "https://example.com", "title": "Example", "lang": "en"}
	page := map[string]any{"title": "Templates", "excerpt": "<p>How to</p>", "crumbs": crumbMaps()}
	out, err := e.ParseAndRender(src, map[string]any{"site": site, "page": page, "content": "<p>Body</p>"})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// renderJinja renders with a Jinja2 engine.
func renderJinja(t *testing.T, src []byte) []byte {
	tmpl, err := gonja.FromBytes(src)
	if err != nil {
		t.Fatal(err)
	}
	ctx := exec.NewContext(map[string]any{
		"site":   map[string]any{"url": "https://example.com"},
		"page":   map[string]any{"title": "Templates"},
		"crumbs": crumbMaps(),
	})
	out, err := tmpl.ExecuteToBytes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// renderHandlebars renders Handlebars and Mustache templates with a
// Handlebars engine and an inc helper for 1-based positions.
func renderHandlebars(t *testing.T, src []byte) []byte {
	tmpl, err := raymond.Parse(string(src))
	if err != nil {
		t.Fatal(err)
	}
	tmpl.RegisterHelper("inc", func(i int) int { return i + 2 })
	out, err := tmpl.Exec(map[string]any{
		"site":   map[string]any{"url": "https://example.com"},
		"root":   "https://example.com",
		"page":   map[string]any{"title": "Templates"},
		"crumbs": crumbMaps(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return []byte(out)
}

// checkPage runs a rendered page through the pipeline as a plain page.
func checkPage(t *testing.T, name string, data []byte) []diag.Diagnostic {
	f := source.New(name, data)
	res := fixer.Fix(f, fixer.Options{})
	ds := append([]diag.Diagnostic{}, res.Diagnostics...)
	var blocks []schema.Block
	for _, b := range res.Blocks {
		if b.Repaired != nil {
			blocks = append(blocks, schema.Block{Index: b.Index, Text: b.Repaired, Map: b.Map, File: f})
		}
	}
	return append(ds, newValidator(t).Validate(blocks)...)
}

// index matches the array indices of a JSON Pointer: one element of a loop
// body in the template stands for every element it prints.
var index = regexp.MustCompile(`/[0-9]+(/|$)`)

// findingKeys names findings by rule and pointer, without array indices
// and without the template's own X1xx rules.
func findingKeys(ds []diag.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		if strings.HasPrefix(d.Rule, "X1") {
			continue
		}
		ptr := index.ReplaceAllString(d.Pointer, "/*$1")
		ptr = index.ReplaceAllString(ptr, "/*$1")
		out = append(out, d.Rule+" "+ptr)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestRenderedPageAgrees renders templates with real engines and shows
// that checking the template finds what checking the rendered page finds:
// no finding of the page is missing on the template, and the template has
// none that the page contradicts.
func TestRenderedPageAgrees(t *testing.T) {
	engines := map[string]func(*testing.T, []byte) []byte{
		"gotmpl":     renderGo,
		"liquid":     renderLiquid,
		"jinja":      renderJinja,
		"handlebars": renderHandlebars,
		"mustache":   renderHandlebars,
	}
	for lang, render := range engines {
		files, _ := filepath.Glob(filepath.Join(goldenDir, lang, "*"))
		n := 0
		for _, in := range files {
			base := filepath.Base(in)
			if strings.HasSuffix(base, ".out") || strings.Contains(base, ".fixed.") {
				continue
			}
			n++
			t.Run(lang+"/"+base, func(t *testing.T) {
				src, err := os.ReadFile(in)
				if err != nil {
					t.Fatal(err)
				}
				page := render(t, src)
				onPage := findingKeys(checkPage(t, base+".html", page))
				onTemplate := findingKeys(checkTemplate(t, in, src).diags)
				if !slices.Equal(onPage, onTemplate) {
					t.Errorf("findings differ\non the rendered page: %q\non the template:      %q\nrendered page:\n%s", onPage, onTemplate, page)
				}
			})
		}
		if n == 0 {
			t.Errorf("no %s templates in %s", lang, goldenDir)
		}
	}
}

// TestLoopCommaRulesMatchRenderedPage shows that the loop rules say on the
// template what the repairer says on every page the template prints: a
// comma printed after the last item is a trailing comma (J020), items
// printed without a separator miss a comma (J021).
func TestLoopCommaRulesMatchRenderedPage(t *testing.T) {
	tests := []struct {
		file         string
		render       func(*testing.T, []byte) []byte
		onTemplate   string
		onRenderPage string
	}{
		{"x102-loop-stray-comma.liquid", renderLiquid, "X102", "J020"},
		{"x103-loop-missing-comma.hbs", renderHandlebars, "X103", "J021"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			in := filepath.Join(goldenDir, "rules", tt.file)
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			page := checkPage(t, tt.file+".html", tt.render(t, src))
			tmpl := checkTemplate(t, in, src).diags
			if !hasRule(page, tt.onRenderPage) {
				t.Errorf("rendered page has no %s: %v", tt.onRenderPage, page)
			}
			if !hasRule(tmpl, tt.onTemplate) || hasRule(tmpl, tt.onRenderPage) {
				t.Errorf("template findings %v, want %s and no %s", tmpl, tt.onTemplate, tt.onRenderPage)
			}
		})
	}
}

func hasRule(ds []diag.Diagnostic, id string) bool {
	return slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Rule == id })
}
