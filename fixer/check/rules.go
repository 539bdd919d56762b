package check

import (
	"fmt"
	"maps"
	"regexp"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
)

// Rules decide which findings are reported and at what severity. Every
// entry is a rule ID or a prefix of one (J, V01, G002); ALL is every rule.
// The zero value and nil keep every rule at its default severity.
type Rules struct {
	// Select keeps only these rules; empty selects every rule.
	Select []string
	// Ignore drops these rules. The more specific entry wins, so Select
	// V012 with Ignore V keeps V012.
	Ignore []string
	// Severity overrides severities by ID or prefix, the longest match
	// winning; 0 turns the rule off.
	Severity map[string]diag.Severity
}

// prefixLen returns the length of the longest entry of ids that is a prefix
// of rule (ALL counts as the empty prefix), or -1 when none is.
func prefixLen(ids []string, rule string) int {
	best := -1
	for _, id := range ids {
		p := strings.ToUpper(id)
		if p == "ALL" {
			p = ""
		}
		if strings.HasPrefix(rule, p) && len(p) > best {
			best = len(p)
		}
	}
	return best
}

// Keep applies Select and Ignore to rule.
func (r *Rules) Keep(rule string) bool {
	if r == nil {
		return true
	}
	sel := 0
	if len(r.Select) > 0 {
		sel = prefixLen(r.Select, rule)
	}
	ign := prefixLen(r.Ignore, rule)
	return sel >= 0 && sel > ign
}

// KeepsFix reports whether the fixes of rule may be written: the rule is
// kept and not turned off by a severity override.
func (r *Rules) KeepsFix(rule string) bool {
	return r.Keep(rule) && r.Level(diag.Diagnostic{Rule: rule, Severity: diag.Info}) != 0
}

// Level returns the severity of d after the overrides, 0 when it is off.
func (r *Rules) Level(d diag.Diagnostic) diag.Severity {
	if r == nil {
		return d.Severity
	}
	best, sev := -1, d.Severity
	for p, s := range r.Severity {
		key := strings.ToUpper(p)
		if key == "ALL" {
			key = ""
		}
		if strings.HasPrefix(d.Rule, key) && len(key) > best {
			best, sev = len(key), s
		}
	}
	return sev
}

// Apply keeps the findings of ds that r keeps, with their severities set,
// in place: a page of a large catalogue has hundreds of thousands of
// findings, and a copy of them would double the memory they take.
func (r *Rules) Apply(ds []diag.Diagnostic) []diag.Diagnostic {
	out := ds[:0]
	for _, d := range ds {
		if !r.Keep(d.Rule) {
			continue
		}
		sev := r.Level(d)
		if sev == 0 {
			continue
		}
		d.Severity = sev
		out = append(out, d)
	}
	return out
}

// With returns r extended by more rules: their Select and Ignore entries
// are added, their severities win.
func (r *Rules) With(more Rules) *Rules {
	out := &Rules{Severity: map[string]diag.Severity{}}
	if r != nil {
		out.Select = append(out.Select, r.Select...)
		out.Ignore = append(out.Ignore, r.Ignore...)
		maps.Copy(out.Severity, r.Severity)
	}
	out.Select = append(out.Select, more.Select...)
	out.Ignore = append(out.Ignore, more.Ignore...)
	maps.Copy(out.Severity, more.Severity)
	return out
}

var idPattern = regexp.MustCompile(`^(?i:[XJVGM][0-9]{0,3}|ALL)$`)

// ValidRule accepts a rule ID or prefix (X, J0, V012) or ALL; a full ID
// must name a registered rule, so a typo does not silently select nothing.
func ValidRule(id string) error {
	if !idPattern.MatchString(id) {
		return fmt.Errorf("%q is not a rule ID or prefix (such as J, V0 or J004)", id)
	}
	if len(id) == 4 {
		if _, ok := diag.Lookup(id); !ok {
			return fmt.Errorf("unknown rule %q (see ldfix rules)", id)
		}
	}
	return nil
}
