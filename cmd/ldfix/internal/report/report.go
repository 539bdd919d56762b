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
	// Original is the block's text as found, for a result whose File was
	// dropped (see FileResult.Places); nil means File holds it.
	Original []byte
}

// FileResult is what was found in one file or page.
type FileResult struct {
	Path        string // as given on the command line, or the URL
	File        *source.File
	Blocks      []BlockInfo
	Diagnostics []diag.Diagnostic
	// Items are the page's rich-result items, in document order.
	Items []Item
	// Err is an I/O or fetch error for the whole file.
	Err error
	// Rendered marks the result of a block that exists, or has this text,
	// only after the page's JavaScript ran (--render): its positions are
	// inside the block's rendered text, not in the file.
	Rendered bool
	// Page is the path of the page a rendered result belongs to.
	Page string
	// StoredSpan maps a span of File to the bytes of the file as stored,
	// for a page decoded from UTF-16 or a legacy encoding; nil when File
	// holds the stored bytes. json and sarif give byte offsets through it.
	StoredSpan func(source.Span) source.Span
	// Places, when set, holds the position of every offset the report
	// shows, so that File can be dropped once the file is checked: a crawl
	// of 50,000 pages would otherwise hold every page until the report is
	// written. Spans stay those of the file as read.
	Places Places
}

// Places are positions computed ahead, sorted by offset.
type Places []Place

// Place is the position of one offset.
type Place struct {
	Offset int
	source.Position
}

// Position returns the position of off, if it is one of ps.
func (ps Places) Position(off int) (source.Position, bool) {
	i, ok := slices.BinarySearchFunc(ps, off, func(p Place, off int) int { return p.Offset - off })
	if !ok {
		return source.Position{}, false
	}
	return ps[i].Position, true
}

// Position is the line and column of off in r: from its Places when set,
// else from its File.
func (r FileResult) Position(off int) source.Position {
	if r.Places != nil {
		if p, ok := r.Places.Position(off); ok {
			return p
		}
	}
	if r.File == nil {
		return source.Position{Line: 1, Column: 1}
	}
	return r.File.Position(off)
}

// stored maps s to the stored bytes of r's file.
func (r FileResult) stored(s source.Span) source.Span {
	if r.StoredSpan == nil {
		return s
	}
	return r.StoredSpan(s)
}

// BlockText is the original text of block b of r.
func (r FileResult) BlockText(b BlockInfo) []byte {
	if b.Original != nil || r.File == nil {
		return b.Original
	}
	return r.File.Text(b.Span)
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
	// Items adds each page's rich-result items and their verdicts to the
	// text format.
	Items bool
}

// DefaultHelpBase is where the rule reference lives.
const DefaultHelpBase = "https://github.com/ldfix/ldfix/blob/main/docs/rules.md"

// Render writes results in format.
func Render(w io.Writer, format string, results []FileResult, opts Options) error {
	return renderAll(w, format, results, opts)
}

// renderAll writes results through a Stream, so the whole and the
// streamed report are one code path.
func renderAll(w io.Writer, format string, results []FileResult, opts Options) error {
	s, err := NewStream(w, format, opts)
	if err != nil {
		return err
	}
	for _, r := range results {
		if err := s.Add(r); err != nil {
			return err
		}
	}
	return s.Close()
}

// HelpURI is the documentation address of rule id.
func HelpURI(base, id string) string {
	if base == "" {
		base = DefaultHelpBase
	}
	return base + "#" + Anchor(id)
}

// Anchor is the anchor of rule id in the rule reference.
func Anchor(id string) string { return strings.ToLower(id) }

// ruleName returns the kebab-case name of id, or "" for an unknown rule.
func ruleName(id string) string {
	if r, ok := diag.Lookup(id); ok {
		return r.Name
	}
	return ""
}

// suggestion is the remedy of a finding that `ldfix fix` never writes: a
// "did you mean" fix (datePublised → datePublished). Every format shows
// it, or the user would never see it; the fixes that ldfix fix writes need
// no such line.
func suggestion(d diag.Diagnostic) string {
	if d.Fix == nil || d.Fix.Applicability != diag.DisplayOnly {
		return ""
	}
	return d.Fix.Title
}

// withHelp is msg followed by a help line for d's suggestion, if any.
func withHelp(msg string, d diag.Diagnostic) string {
	if s := suggestion(d); s != "" {
		return msg + "\nhelp: " + s
	}
	return msg
}

// inlineHelp is withHelp for formats that show one line per finding.
func inlineHelp(msg string, d diag.Diagnostic) string {
	if s := suggestion(d); s != "" {
		return msg + " (help: " + s + ")"
	}
	return msg
}

// place is a finding's position in both units the formats need.
type place struct {
	start, end source.Position
}

func (r FileResult) locate(s source.Span) place {
	return place{r.Position(s.Start), r.Position(s.End)}
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
	var c Counter
	for _, r := range results {
		c.Add(r)
	}
	return c.Stats()
}

// Counter counts findings per rule as results arrive.
type Counter struct {
	by map[string]*Stat
}

// Add counts the findings of r.
func (c *Counter) Add(r FileResult) {
	if c.by == nil {
		c.by = map[string]*Stat{}
	}
	for _, d := range r.Diagnostics {
		s := c.by[d.Rule]
		if s == nil {
			s = &Stat{Rule: d.Rule, Name: ruleName(d.Rule), Severity: d.Severity}
			c.by[d.Rule] = s
		}
		s.Count++
		s.Severity = max(s.Severity, d.Severity)
	}
}

// Stats are the counts so far, most frequent first, then by ID.
func (c *Counter) Stats() []Stat {
	out := make([]Stat, 0, len(c.by))
	for _, s := range c.by {
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
	return WriteStats(w, Statistics(results))
}

// WriteStats prints counts as an aligned table.
func WriteStats(w io.Writer, stats []Stat) error {
	for _, s := range stats {
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
