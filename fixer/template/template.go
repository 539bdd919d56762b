// Package template finds the placeholders and control tags of template
// languages (Liquid, Jinja, Nunjucks, Twig, Handlebars, Mustache, Go
// templates, PHP, ERB) and masks them so the JSON around them can be
// repaired and validated without touching a byte of template code.
package template

import (
	"bytes"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// Kind says what a hole's template code does.
type Kind uint8

const (
	// Output prints a value: {{ x }}, {% render %}, <?= $x ?>, <%= x %>.
	Output Kind = iota + 1
	// Control is logic that prints nothing by itself: {% if %},
	// {{#each}}, <?php endforeach; ?>, <% end %>, or a whole branch or
	// separator comma that the logic decides on.
	Control
	// Comment is a template comment: {# #}, {{!-- --}}, <%# %>.
	Comment
)

// Context says where a hole stands in the JSON around it.
type Context uint8

const (
	// Outside is any place outside a JSON-LD block.
	Outside Context = iota + 1
	// InString is inside a string value: "{{ page.title }} | Site".
	InString
	// InKey is a property name: "{{ key }}": 1, or an unquoted one.
	InKey
	// AtValue is where a whole value stands: "wordCount": {{ words }}.
	AtValue
	// Between is structure: between members or elements, around them.
	Between
)

// Hole is one piece of template code in the file.
type Hole struct {
	Span source.Span
	// Value is set when the hole makes the JSON value or property name
	// around it unknown until the page is rendered: it stands where a value
	// belongs ("wordCount": {{ words }}; its type is unknown) or it is part
	// of a string or a key ("{{ page.date }}"; its text is unknown). The
	// validator checks neither type nor format of such a value. Holes in
	// structure or outside blocks leave it unset. Context tells the cases
	// apart.
	Value   bool
	Kind    Kind
	Context Context
}

// Result is a masked template.
type Result struct {
	// Text has the length of the input; holes are replaced by bytes the
	// JSON extractor and repairer read as intended, everything else is
	// unchanged.
	Text []byte
	// Holes are sorted and do not overlap.
	Holes []Hole
	// Diagnostics are X1xx findings about the template's code, in file
	// coordinates; their Block is -1 because blocks are found later.
	Diagnostics []diag.Diagnostic
}

// extensions are the file types that are always templates.
var extensions = map[string]bool{
	".liquid": true, ".njk": true, ".jinja": true, ".jinja2": true, ".j2": true,
	".twig": true, ".hbs": true, ".handlebars": true, ".mustache": true,
	".tmpl": true, ".gohtml": true, ".php": true, ".erb": true,
}

// IsTemplate reports whether a file is a template: by extension, or for
// .html and .htm by syntax that a served page does not carry. Published
// pages often hold {{ }} for client-side frameworks (Angular, Vue) and
// <% %> for client-side templates, so those alone do not count; a
// {% %} tag, a PHP block, or Go template syntax ({{ .Title }}, {{ end }},
// {{- x -}}) does. A served page whose JSON-LD shows a placeholder its
// server did not fill in stays a page, so that Leaks reports it.
func IsTemplate(name string, data []byte) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if extensions[ext] {
		return true
	}
	if ext != ".html" && ext != ".htm" {
		return false
	}
	// Most served pages hold no tag that could be server syntax, and are
	// decided without scanning their tags.
	return mayHoldServerSyntax(data) && hasServerSyntax(data)
}

// hasServerSyntax reports whether data holds a complete tag of
// server-side syntax outside the scripts of the served page.
func hasServerSyntax(data []byte) bool {
	var scripts []source.Span
	scanned := false
	for _, t := range scanTags(data) {
		if t.unterminated || t.kind == Comment || !serverSyntax(data[t.span.Start:t.span.End]) {
			continue
		}
		if !scanned {
			scripts, scanned = clientScripts(data), true
		}
		// Client-side templates ({%= o.url %}, {{- user }}) live in
		// script elements of the served page.
		if i := sort.Search(len(scripts), func(i int) bool { return scripts[i].End > t.span.Start }); i < len(scripts) && scripts[i].Start <= t.span.Start {
			continue
		}
		return true
	}
	return false
}

// clientScripts returns the bodies of script elements that are not
// JSON-LD, in order.
func clientScripts(data []byte) []source.Span {
	var out []source.Span
	for _, r := range scriptElements(data) {
		if !r.jsonLD {
			out = append(out, r.body)
		}
	}
	return out
}

// containsAny reports whether data holds any of the openers.
func containsAny(data []byte, openers ...string) bool {
	for _, o := range openers {
		if bytes.Contains(data, []byte(o)) {
			return true
		}
	}
	return false
}

// serverSyntax reports whether a tag is written for a server-side engine.
func serverSyntax(tag []byte) bool {
	switch {
	case bytes.HasPrefix(tag, []byte("{%")), bytes.HasPrefix(tag, []byte("<?")):
		return true
	case bytes.HasPrefix(tag, []byte("{{-")), bytes.HasSuffix(tag, []byte("-}}")):
		return true
	case bytes.HasPrefix(tag, []byte("{{")):
		body := trimTag(tag[2 : len(tag)-2])
		if len(body) > 1 && body[0] == '.' && isWordByte(body[1]) {
			return true
		}
		switch firstWord(body) {
		case "range", "end", "define", "template":
			return true
		}
	}
	return false
}

// Mask returns a copy of data of the same length in which every hole is
// replaced by bytes the JSON repairer reads as intended, and the holes.
func Mask(data []byte) ([]byte, []Hole) {
	r := Scan(data)
	return r.Text, r.Holes
}

// Scan masks data like Mask and also reports what is wrong with the
// template code itself (X100–X103).
func Scan(data []byte) *Result {
	m := &masker{data: data, out: bytes.Clone(data)}
	if m.out == nil {
		m.out = []byte{}
	}
	tags := structure(data, scanTags(data))
	for _, t := range tags {
		if t.unterminated {
			m.report(unterminatedTag(data, t))
		}
	}
	m.run(tags)
	return &Result{Text: m.out, Holes: m.sortedHoles(), Diagnostics: diag.Sort(m.diags)}
}

// Opaque returns the spans of the value holes, the file spans a validator
// must not check by type or format (schema.Block.Opaque).
func (r *Result) Opaque() []source.Span {
	var out []source.Span
	for _, h := range r.Holes {
		if h.Value {
			out = append(out, h.Span)
		}
	}
	return out
}

// Leaks reports the template code inside the JSON-LD blocks of a served
// page, one X104 finding per tag: a placeholder that the server did not
// fill in and that search engines read as it stands. Call it on files that
// are not templates.
func Leaks(data []byte) []diag.Diagnostic {
	// Every tag starts with one of these; most served pages hold none.
	if !containsAny(data, "{{", "{%", "{#", "<?", "<%") {
		return nil
	}
	tags := scanTags(data)
	if len(tags) == 0 {
		return nil
	}
	var out []diag.Diagnostic
	for _, r := range jsonRegions(data, tags) {
		for _, t := range tags {
			if t.unterminated || t.span.Start < r.Start || t.span.End > r.End {
				continue
			}
			code := data[t.span.Start:t.span.End]
			if len(code) > 60 {
				code = append(bytes.Clone(code[:57]), "..."...)
			}
			out = append(out, diag.New("X104", -1, t.span, "template code %q was not filled in by the server; the page shows it as it stands", code))
		}
	}
	return out
}
