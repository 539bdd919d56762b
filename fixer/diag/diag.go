// Package diag owns what ldfix says about a file: the Diagnostic, its
// Severity, the Fix with its Edits and Applicability, and the registry of
// rules that every finding names.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ldfix/ldfix/fixer/source"
)

// Severity orders findings: Info < Warning < Error.
type Severity int

const (
	Info Severity = iota + 1
	Warning
	Error
)

var severityNames = map[Severity]string{Info: "info", Warning: "warning", Error: "error"}

func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	for k, v := range severityNames {
		if v == strings.ToLower(strings.TrimSpace(s)) {
			return k, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// Applicability says when a fix may be written without asking.
type Applicability int

const (
	// Safe fixes restore what the text plainly meant; `ldfix fix` applies them.
	Safe Applicability = iota + 1
	// Unsafe fixes choose between readings or add content; they need
	// --unsafe-fixes.
	Unsafe
	// DisplayOnly fixes are suggestions that are shown and never written.
	DisplayOnly
)

var applicabilityNames = map[Applicability]string{Safe: "safe", Unsafe: "unsafe", DisplayOnly: "display-only"}

func (a Applicability) String() string {
	if n, ok := applicabilityNames[a]; ok {
		return n
	}
	return fmt.Sprintf("applicability(%d)", int(a))
}

func (a Applicability) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

func (a *Applicability) UnmarshalText(b []byte) error {
	for k, v := range applicabilityNames {
		if v == string(b) {
			*a = k
			return nil
		}
	}
	return fmt.Errorf("unknown applicability %q", b)
}

// Edit replaces the bytes of Span in the original file with Text. Empty Text
// deletes; an empty Span inserts.
type Edit struct {
	Span source.Span `json:"span"`
	Text string      `json:"text"`
}

// Fix is a remedy: a title that says what it does, and its edits, sorted by
// start and not overlapping.
type Fix struct {
	Title         string        `json:"title"`
	Applicability Applicability `json:"applicability"`
	Edits         []Edit        `json:"edits"`
}

// Diagnostic is one finding.
type Diagnostic struct {
	// Rule is the rule ID, such as "J004".
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	// Message states the problem in one lower-case sentence.
	Message string `json:"message"`
	// Pointer is the RFC 6901 JSON Pointer of the offending key or value in
	// the block's repaired value; empty when the block itself is at fault.
	Pointer string `json:"pointer"`
	// Block is the 0-based index of the block in its file, or -1 for a
	// finding about the file.
	Block int `json:"block"`
	// Span is where the finding lies in the original file.
	Span source.Span `json:"span"`
	// Fix is the remedy, when there is one.
	Fix *Fix `json:"fix,omitempty"`
	// Feature names the Google rich-result feature of a G finding.
	Feature string `json:"feature,omitempty"`
	// URL links documentation specific to this finding (a Google feature
	// page); rule docs are found through the registry.
	URL string `json:"url,omitempty"`
	// Properties are the properties a finding names when it names several
	// (the missing recommended properties of one node), for reports that
	// carry them as data.
	Properties []string `json:"properties,omitempty"`
	// Related are the other places of a finding that stands for several
	// occurrences of one cause (every curly-quoted string of a block); Span
	// is the first of them.
	Related []source.Span `json:"related,omitempty"`
}

// Sort orders diagnostics by offset, then rule ID, then message, and drops
// exact duplicates. File order is the caller's: diagnostics carry no file.
func Sort(ds []Diagnostic) []Diagnostic {
	slices.SortStableFunc(ds, Compare)
	return slices.CompactFunc(ds, func(a, b Diagnostic) bool {
		return Compare(a, b) == 0 && a.Pointer == b.Pointer && a.Block == b.Block
	})
}

// Compare is the order of Sort.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Span.Start, b.Span.Start),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Span.End, b.Span.End),
		strings.Compare(a.Message, b.Message),
	)
}

// Max returns the highest severity among ds, or 0 when ds is empty.
func Max(ds []Diagnostic) Severity {
	var m Severity
	for _, d := range ds {
		m = max(m, d.Severity)
	}
	return m
}
