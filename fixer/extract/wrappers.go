package extract

import (
	"bytes"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

func init() {
	diag.Register(
		diag.Rule{
			ID: "X005", Name: "block-in-comment", Severity: diag.Info, Fixable: diag.FixNever,
			Summary: "a JSON-LD script inside an HTML comment is skipped",
			Why: "Text inside <!-- --> is not markup: browsers and search engines never see the script, " +
				"so its data is not published. Remove the comment if the block should count.",
			Bad:       "<!-- <script type=\"application/ld+json\">{\"@type\": \"Thing\"}</script> -->",
			Good:      "<script type=\"application/ld+json\">{\"@type\": \"Thing\"}</script>",
			FixSafety: "No fix: a block may be commented out on purpose.",
		},
		diag.Rule{
			ID: "X006", Name: "block-in-template", Severity: diag.Info, Fixable: diag.FixNever,
			Summary: "a JSON-LD script inside a <template> element is skipped",
			Why: "The content of a <template> element is inert: it is not part of the document until a " +
				"script clones it, so search engines that read the page as served do not see it.",
			Bad:       "<template><script type=\"application/ld+json\">{\"@type\": \"Thing\"}</script></template>",
			Good:      "<script type=\"application/ld+json\">{\"@type\": \"Thing\"}</script>",
			FixSafety: "No fix: the element may be cloned on purpose.",
		},
		diag.Rule{
			ID: "X007", Name: "block-in-noscript", Severity: diag.Info, Fixable: diag.FixNever,
			Summary: "a JSON-LD script inside a <noscript> element is skipped",
			Why: "Browsers and Google's renderer run with scripting on, and then the content of " +
				"<noscript> is plain text, not markup: the script inside is never an element.",
			Bad:       "<noscript><script type=\"application/ld+json\">{\"@type\": \"Thing\"}</script></noscript>",
			Good:      "<script type=\"application/ld+json\">{\"@type\": \"Thing\"}</script>",
			FixSafety: "No fix: move the script out of <noscript> by hand.",
		},
	)
}

// checkComment reports the JSON-LD scripts written inside the comment
// covering span, and notes a comment addressed to ldfix.
func (s *scanner) checkComment(span source.Span) {
	s.checkHidden(span, "X005")
	s.noteDirective(span)
}

// checkHidden reports, under rule id, each JSON-LD script start tag in the
// text covering span: text that looks like markup but is not (a comment,
// the content of noscript).
func (s *scanner) checkHidden(span source.Span, id string) {
	text := s.data[:span.End]
	for i := span.Start; i < span.End; {
		k := bytes.IndexByte(text[i:], '<')
		if k < 0 {
			return
		}
		i += k
		if !startsScriptName(text, i+1) {
			i++
			continue
		}
		t, ok := readTag(text, i, i+1, make([]attr, 0, 4))
		if !ok {
			return
		}
		if isLDScript(&t) {
			s.report(diag.New(id, -1, t.span, "%s", hiddenMessage[id]))
		}
		i = t.span.End
	}
}

var hiddenMessage = map[string]string{
	"X005": "JSON-LD script inside an HTML comment is not markup and was skipped",
	"X007": "JSON-LD script inside a noscript element is plain text and was skipped",
}
