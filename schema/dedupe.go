package schema

import (
	"slices"

	"github.com/ldfix/ldfix/fixer/diag"
)

// Some values are judged by a vocabulary rule and a Google rule at once: a
// date written "19 Nov 2019" breaks schema.org's Date range (V014) and
// Google's ISO 8601 check (G010). Two findings for one mistake, sometimes
// at two severities, make a report twice as long and no clearer, so one of
// them speaks for the value. It is the more specific one:
//
//   - G010, G012 and G013 over V014: V014 knows only the data type of the
//     range; the Google rule states the exact form Google reads (an ISO
//     8601 date-time with an example, an absolute http or https URL, a
//     plain number or true/false) and carries Google's verdict on the
//     property (an error when it is required, a warning when recommended).
//   - V010 over G017: a @type that is no schema.org type at all is the
//     cause; that it is not one of the types Google accepts follows from
//     it. V010 names the misspelling and may suggest the type meant.
//   - V015 over G014: a value that is no member of the enumeration at all
//     is wrong for every consumer, not only for Google; V015 names the
//     enumeration and may suggest the member meant. G014 still reports
//     the members schema.org defines that Google does not accept.
//
// The other rule still reports wherever it is alone, and when rule
// selection turns the winner off the other one is reported: Dedupe runs
// after selection, suppressions and severity overrides.
var outranked = map[string][]string{
	"V014": {"G010", "G012", "G013"},
	"G017": {"V010"},
	"G014": {"V015"},
}

// Dedupe drops a finding when a more specific rule reports the same value:
// the same block, JSON Pointer and span. ds are one file's findings; their
// order is kept, and ds's array is reused.
func Dedupe(ds []diag.Diagnostic) []diag.Diagnostic {
	type place struct {
		block, start, end int
		ptr               string
	}
	at := func(d diag.Diagnostic) place { return place{d.Block, d.Span.Start, d.Span.End, d.Pointer} }
	var rules map[place][]string
	for _, d := range ds {
		if isWinner(d.Rule) {
			if rules == nil {
				rules = map[place][]string{}
			}
			rules[at(d)] = append(rules[at(d)], d.Rule)
		}
	}
	if rules == nil {
		return ds
	}
	return slices.DeleteFunc(ds, func(d diag.Diagnostic) bool {
		winners, ok := outranked[d.Rule]
		if !ok {
			return false
		}
		there := rules[at(d)]
		return slices.ContainsFunc(winners, func(w string) bool { return slices.Contains(there, w) })
	})
}

func isWinner(rule string) bool {
	for _, ws := range outranked {
		if slices.Contains(ws, rule) {
			return true
		}
	}
	return false
}
