// Package report renders diagnostics for people and machines: text, json,
// sarif, github, junit and gitlab.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// BlockInfo describes one block of a checked file.
type BlockInfo struct {
	Index    int
	Span     source.Span
	Types    []string // @type values of its top-level nodes
	Repaired []byte   // strict JSON after repair; nil when unrepairable
}

// FileResult is what was found in one file or page.
type FileResult struct {
	Path        string // as given on the command line, or the URL
	File        *source.File
	Blocks      []BlockInfo
	Diagnostics []diag.Diagnostic
	// Err is an I/O or fetch error for the whole file.
	Err error
	// Origin is set when File is a cut-down copy of the file as read, one
	// that keeps every line and column the report shows but not the byte
	// offsets: it maps spans of File back to the file. Nil means File is
	// the whole file.
	Origin interface{ Span(source.Span) source.Span }
}

// original maps a span of r.File to the file as read, for the formats
// that print byte offsets.
func (r FileResult) original(s source.Span) source.Span {
	if r.Origin == nil {
		return s
	}
	return r.Origin.Span(s)
}

// Formats are the names accepted by Render, in the order the help lists them.
var Formats = []string{"text", "json", "sarif", "github", "junit", "gitlab"}

// Options tune the renderers.
type Options struct {
	// Color adds ANSI colour to the text format.
	Color bool
	// Source adds the offending source line and a caret under each text
	// finding.
	Source bool
	// Version is the ldfix version written into SARIF.
	Version string
	// HelpBase is the address of the rule documentation; a rule's anchor is
	// appended. Empty means DefaultHelpBase.
	HelpBase string
}

// DefaultHelpBase is where the README's rule table lives.
const DefaultHelpBase = "https://github.com/ldfix/ldfix/blob/main/README.md"

// Render writes results in format.
func Render(w io.Writer, format string, results []FileResult, opts Options) error {
	switch format {
	case "text", "":
		return Text(w, results, opts)
	case "json":
		return JSON(w, results, opts)
	case "sarif":
		return SARIF(w, results, opts)
	case "github":
		return GitHub(w, results, opts)
	case "junit":
		return JUnit(w, results, opts)
	case "gitlab":
		return GitLab(w, results, opts)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// HelpURI is the documentation address of rule id.
func HelpURI(base, id string) string {
	if base == "" {
		base = DefaultHelpBase
	}
	return base + "#" + Anchor(id)
}

// Anchor is the README anchor of rule id.
func Anchor(id string) string { return strings.ToLower(id) }

// ruleName returns the kebab-case name of id, or "" for an unknown rule.
func ruleName(id string) string {
	if r, ok := diag.Lookup(id); ok {
		return r.Name
	}
	return ""
}

// place is a finding's position in both units the formats need.
type place struct {
	start, end source.Position
}

func locate(f *source.File, s source.Span) place {
	if f == nil {
		return place{source.Position{Line: 1, Column: 1}, source.Position{Line: 1, Column: 1}}
	}
	return place{f.Position(s.Start), f.Position(s.End)}
}

// Stat counts the findings of one rule.
type Stat struct {
	Rule     string        `json:"rule"`
	Name     string        `json:"name"`
	Severity diag.Severity `json:"severity"`
	Count    int           `json:"count"`
}

// Statistics counts findings per rule, most frequent first, then by ID.
func Statistics(results []FileResult) []Stat {
	by := map[string]*Stat{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			s := by[d.Rule]
			if s == nil {
				s = &Stat{Rule: d.Rule, Name: ruleName(d.Rule), Severity: d.Severity}
				by[d.Rule] = s
			}
			s.Count++
			s.Severity = max(s.Severity, d.Severity)
		}
	}
	out := make([]Stat, 0, len(by))
	for _, s := range by {
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b Stat) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Rule, b.Rule)
	})
	return out
}

// WriteStatistics prints the per-rule counts as an aligned table.
func WriteStatistics(w io.Writer, results []FileResult) error {
	for _, s := range Statistics(results) {
		if _, err := fmt.Fprintf(w, "%5d  %s  %-7s  %s\n", s.Count, s.Rule, s.Severity, s.Name); err != nil {
			return err
		}
	}
	return nil
}

// usedRules lists the IDs that occur in results, sorted.
func usedRules(results []FileResult) []string {
	var ids []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			ids = append(ids, d.Rule)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
