package main

import (
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
)

// ruleFilter decides which findings are reported and at what severity.
type ruleFilter struct {
	selectIDs []string
	ignoreIDs []string
	severity  map[string]diag.Severity // prefix → severity; 0 turns the rule off
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

// keep applies select and ignore: the more specific entry wins, so
// `select: [V012]` with `ignore: [V]` keeps V012. No select means all.
func (f *ruleFilter) keep(rule string) bool {
	sel := 0
	if len(f.selectIDs) > 0 {
		sel = prefixLen(f.selectIDs, rule)
	}
	ign := prefixLen(f.ignoreIDs, rule)
	return sel >= 0 && sel > ign
}

// keepsFix reports whether the fixes of rule may be written: the rule is
// selected and not turned off by a severity override.
func (f *ruleFilter) keepsFix(rule string) bool {
	return f.keep(rule) && f.level(diag.Diagnostic{Rule: rule, Severity: diag.Info}) != 0
}

// level returns the severity of a finding after overrides, 0 when off.
func (f *ruleFilter) level(d diag.Diagnostic) diag.Severity {
	best, sev := -1, d.Severity
	for p, s := range f.severity {
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

// apply filters ds and sets their severities, in place: a page of a
// large catalogue has hundreds of thousands of findings, and a copy of
// them would double the memory they take.
func (f *ruleFilter) apply(ds []diag.Diagnostic) []diag.Diagnostic {
	out := ds[:0]
	for _, d := range ds {
		if !f.keep(d.Rule) {
			continue
		}
		sev := f.level(d)
		if sev == 0 {
			continue
		}
		d.Severity = sev
		out = append(out, d)
	}
	return out
}

// with returns a copy of f extended by an override.
func (f *ruleFilter) with(o Override) *ruleFilter {
	out := &ruleFilter{
		selectIDs: append(append([]string{}, f.selectIDs...), o.Select...),
		ignoreIDs: append(append([]string{}, f.ignoreIDs...), o.Ignore...),
		severity:  map[string]diag.Severity{},
	}
	for k, v := range f.severity {
		out.severity[k] = v
	}
	for k, v := range o.Severity {
		out.severity[k], _ = parseLevel(v)
	}
	return out
}
