package shapes

import (
	"fmt"

	"github.com/ldfix/ldfix/fixer/diag"
)

// Status rules: markup for rich results Google no longer shows.
const ruleRetired = "G020"

func init() {
	diag.Register(diag.Rule{
		ID: ruleRetired, Name: "retired-rich-result", Severity: diag.Info, Fixable: diag.FixNever,
		Summary:   "the markup targets a rich result Google Search no longer shows",
		Why:       "Google retired several rich results (HowTo, FAQ, sitelinks search box, course info and others). The markup does no harm and other consumers may read it, but it will not earn a rich result; the finding is informational.",
		Bad:       `{"@type": "FAQPage", "mainEntity": []}`,
		Good:      "keep the markup if other consumers use it, or remove it",
		FixSafety: "no fix: removing markup is the author's decision",
	})
}

// retired reports each node of a retired feature once. A node that an
// active feature already applies to (a Course is still a course list) is
// left alone unless the retired feature's gate singled it out.
func (c *checker) retired(f *feature) {
	for _, n := range c.roots(f) {
		if c.claimed[n.ptr] && f.gate == nil {
			continue
		}
		since := ""
		if f.StatusDate != "" {
			since = " since " + f.StatusDate
		}
		typ := typeOf(n, &entity{types: f.rootTypes})
		c.add(Finding{
			Rule: ruleRetired, Severity: diag.Info, Pointer: n.ptr, Feature: f.Name, URL: f.DocURL,
			Message: fmt.Sprintf("type %q is marked up for the %q rich result, which Google Search no longer shows%s", typ, f.Name, since),
		})
		c.items = append(c.items, Item{
			Feature: f.Name, FeatureID: f.ID, URL: f.DocURL, Pointer: n.ptr, Type: typ, Status: NotEligible,
			Reasons: []string{"Google Search no longer shows this rich result" + since},
		})
	}
}
