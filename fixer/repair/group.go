package repair

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// A block written in a word processor has every string in curly quotes;
// one finding per string buries the page's other findings under dozens of
// lines that all say the same thing and share one remedy. The rules below
// make the same mechanical change wherever they fire, so all their
// occurrences in one block become one finding: its message counts them,
// its span is the first one, Related holds every one, and its fix keeps
// every edit, so what `ldfix fix` writes does not change.
//
// Rules whose every occurrence is a judgement of its own keep one finding
// per place, because the user has to look at each: where an unclosed
// string ends (J010), which inner quote is text (J007), what a bare word
// means (J012), what an escape stood for (J013), and every structural
// repair (J024–J035).
var grouped = map[string]struct {
	message string // with %d for the count
	title   string
}{
	"J004": {"%d strings are delimited by typographic quotes instead of straight double quotes", "replace the delimiters with straight double quotes"},
	"J005": {"%d strings are delimited by single quotes instead of double quotes", "replace the delimiters with straight double quotes"},
	"J006": {"%d keys are not quoted", "put the keys in quotes"},
	"J008": {"%d strings are delimited by HTML entities instead of double quotes", "replace the delimiters with straight double quotes"},
	"J011": {"%d strings hold raw line breaks, tabs or other control characters", "escape the control characters"},
	"J020": {"%d trailing commas follow the last member or element", "remove the commas"},
	"J021": {"%d commas are missing between members or elements", "insert the commas"},
	"J040": {"%d comments in JSON", "remove the comments"},
	"J050": {"%d values are Python or JavaScript literals that JSON does not define", "replace them with JSON literals"},
	"J060": {"%d characters that JSON does not allow stand between tokens", "remove or replace the characters"},
	// Both ends of one wrapper (<![CDATA[ … ]]>) are one cause: the
	// message names the markers instead of counting them.
	"J041": {"", "remove the markers"},
}

// perBlock ends the fix-safety note of every grouped rule.
const perBlock = "; all occurrences in one block are one finding, whose fix holds every edit"

// group folds the findings of each grouped rule into one, per
// applicability: a safe and an unsafe repair of one rule stay apart, since
// `ldfix fix` writes one without the other. ds are one block's findings.
func group(ds []diag.Diagnostic, in []byte) []diag.Diagnostic {
	if len(ds) < 2 {
		return ds
	}
	type key struct {
		rule string
		app  diag.Applicability
	}
	count := map[key]int{}
	for _, d := range ds {
		if _, ok := grouped[d.Rule]; ok && d.Fix != nil {
			count[key{d.Rule, d.Fix.Applicability}]++
		}
	}
	if !slices.ContainsFunc(ds, func(d diag.Diagnostic) bool {
		return d.Fix != nil && count[key{d.Rule, d.Fix.Applicability}] > 1
	}) {
		return ds
	}
	slices.SortStableFunc(ds, diag.Compare)
	out := ds[:0]
	first := map[key]int{} // index in out of each group's finding
	for _, d := range ds {
		k := key{d.Rule, 0}
		if d.Fix != nil {
			k.app = d.Fix.Applicability
		}
		if count[k] < 2 {
			out = append(out, d)
			continue
		}
		i, ok := first[k]
		if !ok {
			d.Related = []source.Span{d.Span}
			d.Fix = &diag.Fix{Title: grouped[k.rule].title, Applicability: k.app, Edits: slices.Clone(d.Fix.Edits)}
			first[k] = len(out)
			out = append(out, d)
			continue
		}
		g := &out[i]
		g.Related = append(g.Related, d.Span)
		g.Fix.Edits = append(g.Fix.Edits, d.Fix.Edits...)
	}
	for k, i := range first {
		g := &out[i]
		slices.SortStableFunc(g.Fix.Edits, func(a, b diag.Edit) int { return a.Span.Start - b.Span.Start })
		if k.rule == "J041" {
			g.Message = fmt.Sprintf("markup wrapper %s around the JSON", markers(g.Fix.Edits, in))
		} else {
			g.Message = fmt.Sprintf(grouped[k.rule].message, len(g.Related))
		}
	}
	return out
}

// markers quotes the text each edit removes, "//<![CDATA[" … "//]]>".
func markers(edits []diag.Edit, in []byte) string {
	parts := make([]string, 0, len(edits))
	for _, e := range edits {
		parts = append(parts, clip(bytes.TrimSpace(in[e.Span.Start:e.Span.End])))
	}
	return strings.Join(parts, " … ")
}
