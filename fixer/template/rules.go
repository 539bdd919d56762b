package template

import (
	"bytes"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// Template rules, X100–X119: findings about the template code around a
// JSON-LD block rather than about the JSON.
func init() {
	diag.Register(
		diag.Rule{
			ID: "X100", Name: "unterminated-template-tag", Severity: diag.Error, Fixable: diag.FixNever,
			Summary: "a template tag is opened but never closed",
			Why: "The template engine refuses the file or prints the rest of it as code, so no page made " +
				"from it carries the structured data. ldfix masks the rest of the line and does not rewrite it.",
			Bad:       `"headline": "{{ page.title ",`,
			Good:      `"headline": "{{ page.title }}",`,
			FixSafety: "No fix: only the author knows where the tag ends.",
		},
		diag.Rule{
			ID: "X101", Name: "placeholder-property-name", Severity: diag.Info, Fixable: diag.FixNever,
			Summary: "a property name is a template placeholder, so the property cannot be checked",
			Why: "The name is only known when the page is rendered: ldfix cannot tell whether it is a " +
				"schema.org property or what its value must be. Check a rendered page as well.",
			Bad:       `"{{ field }}": "{{ value }}"`,
			Good:      `"description": "{{ value }}"`,
			FixSafety: "No fix.",
		},
		diag.Rule{
			ID: "X102", Name: "loop-stray-comma", Severity: diag.Error, Fixable: diag.FixNever,
			Summary: "a comma inside a loop body is printed after the last item or before the first",
			Why: "The loop prints the comma on every pass, so the rendered block has a trailing (or " +
				"leading) comma and is not valid JSON. Print it only between items.",
			Bad:       `[{% for a in authors %}{"name": "{{ a }}"},{% endfor %}]`,
			Good:      `[{% for a in authors %}{"name": "{{ a }}"}{% if not loop.last %},{% endif %}{% endfor %}]`,
			FixSafety: "No fix: the repair depends on the template language; deleting the comma would join the items.",
		},
		diag.Rule{
			ID: "X103", Name: "loop-missing-comma", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary:   "a loop prints items with no comma between them",
			Why:       "With two or more items the rendered block has values side by side, which is not valid JSON.",
			Bad:       `[{% for a in authors %}{"name": "{{ a }}"}{% endfor %}]`,
			Good:      `[{% for a in authors %}{"name": "{{ a }}"}{% unless forloop.last %},{% endunless %}{% endfor %}]`,
			FixSafety: "No fix: the separator syntax depends on the template language.",
		},
		diag.Rule{
			ID: "X104", Name: "leaked-template-code", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "a served page shows template code in its JSON-LD that the server did not fill in",
			Why: "Search engines read the placeholder as it stands (a headline of \"{{ page.title }}\"), " +
				"so the rich result shows template code or is dropped. The template or the plugin that " +
				"prints the block did not run on this page.",
			Bad:       `"description": "{{ seomatic.helper.extractTextFromField(entry.teaser) }}"`,
			Good:      `"description": "Airlines expect a record summer"`,
			FixSafety: "No fix: the value is only known to the server.",
		},
	)
}

// unterminatedTag reports an opening delimiter that has no close.
func unterminatedTag(data []byte, t tag) diag.Diagnostic {
	open, close := delimiters(data[t.span.Start:])
	span := source.Span{Start: t.span.Start, End: t.span.Start + len(open)}
	return diag.New("X100", -1, span, "template tag %q is not closed; expected %q", open, close)
}

// delimiters names the opening and closing delimiters of a tag that starts
// at the beginning of b.
func delimiters(b []byte) (string, string) {
	for _, d := range [][2]string{
		{"{{{{", "}}}}"}, {"{{{", "}}}"}, {"{{!--", "--}}"}, {"{{- /*", "*/ -}}"}, {"{{/*", "*/}}"},
		{"{{", "}}"}, {"{%", "%}"}, {"{#", "#}"}, {"<%", "%>"}, {"<?", "?>"},
	} {
		if bytes.HasPrefix(b, []byte(d[0])) {
			return d[0], d[1]
		}
	}
	return string(b[:min(2, len(b))]), ""
}
