package check

import (
	"regexp"
	"strings"

	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/source"
)

// Suppressions are HTML comments that silence findings with a reason:
//
//	<!-- ldfix-ignore V012 the CMS adds this property -->   the next script block
//	<!-- ldfix-ignore-file G reason -->                       the whole file
//
// IDs may be prefixes and may be joined with commas. A suppression without a
// reason, naming no rule, or placed where it covers no block is reported and
// not honoured; one that silences nothing is reported as unused.

func init() {
	diag.Register(
		diag.Rule{
			ID: "X901", Name: "unused-suppression", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "an ldfix-ignore comment silences no finding",
			Why: "A suppression left behind after the markup was fixed hides the next real problem of the same " +
				"rule; remove it so the block is checked again.",
			Bad:       "<!-- ldfix-ignore V012 legacy template -->\n<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"Thing\"}</script>",
			Good:      "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"Thing\"}</script>",
			FixSafety: "no fix: deleting the comment is left to the author",
		},
		diag.Rule{
			ID: "X902", Name: "invalid-suppression", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "an ldfix-ignore comment has no reason, names no rule, or precedes no script block",
			Why: "A suppression must say which rules it silences and why, so a reviewer can judge it later; " +
				"one that is malformed is not honoured.",
			Bad:       "<!-- ldfix-ignore V012 -->\n<script type=\"application/ld+json\">…</script>",
			Good:      "<!-- ldfix-ignore V012 the theme adds this property; fixed upstream in v3 -->\n<script type=\"application/ld+json\">…</script>",
			FixSafety: "no fix: only the author knows the reason",
		},
	)
}

var suppressPattern = regexp.MustCompile(`<!--[ \t\r\n]*ldfix-ignore(-file)?\b([^>]*?)-->`)

type suppression struct {
	span   source.Span
	ids    []string
	reason string
	file   bool
	block  int // index of the block it covers; -1 for none
	used   bool
}

// findSuppressions collects the suppression comments of f, which the
// extraction found (directives), and the block each one covers.
func findSuppressions(f *source.File, directives []source.Span, blocks []fixer.Block) []*suppression {
	var out []*suppression
	for _, d := range directives {
		m := suppressPattern.FindSubmatchIndex(f.Data[d.Start:d.End])
		if m == nil {
			continue
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += d.Start
			}
		}
		s := &suppression{span: source.Span{Start: m[0], End: m[1]}, file: m[2] >= 0, block: -1}
		fields := strings.Fields(string(f.Data[m[4]:m[5]]))
		if len(fields) > 0 {
			for _, id := range strings.Split(fields[0], ",") {
				if id != "" {
					s.ids = append(s.ids, id)
				}
			}
			s.reason = strings.Join(fields[1:], " ")
		}
		out = append(out, s)
	}
	for _, s := range out {
		if !s.file {
			s.block = nextBlock(f.Data, s.span.End, blocks, out)
		}
	}
	return out
}

// nextBlock returns the script block that starts right after off, with only
// white space and other suppressions between, or -1.
func nextBlock(data []byte, off int, blocks []fixer.Block, sups []*suppression) int {
	for _, b := range blocks {
		if b.Kind != extract.Script || b.Tag.Start < off {
			continue
		}
		gap := data[off:b.Tag.Start]
		for _, s := range sups {
			if s.span.Start >= off && s.span.End <= b.Tag.Start {
				gap = []byte(strings.Replace(string(gap), string(data[s.span.Start:s.span.End]), "", 1))
			}
		}
		if len(strings.TrimSpace(string(gap))) == 0 {
			return b.Index
		}
		return -1
	}
	return -1
}

// problem says why a suppression is not honoured, or "" when it is valid.
func (s *suppression) problem() string {
	switch {
	case len(s.ids) == 0:
		return "suppression names no rule; write ldfix-ignore ID reason"
	case s.reason == "":
		return "suppression of " + quoteList(s.ids) + " has no reason; write the reason after the rule IDs"
	case !s.file && s.block < 0:
		return "suppression of " + quoteList(s.ids) + " is not directly before a script block; use ldfix-ignore-file for the whole file"
	}
	for _, id := range s.ids {
		if err := ValidRule(id); err != nil {
			return "suppression names " + err.Error()
		}
	}
	return ""
}

func quoteList(ids []string) string { return `"` + strings.Join(ids, ",") + `"` }

// suppress drops the findings covered by valid suppressions and adds X901
// and X902 findings for the suppressions themselves.
func suppress(f *source.File, fr *fixer.Result, ds []diag.Diagnostic) []diag.Diagnostic {
	sups := findSuppressions(f, fr.Directives, fr.Blocks)
	if len(sups) == 0 {
		return ds
	}
	var valid []*suppression
	var extra []diag.Diagnostic
	for _, s := range sups {
		if p := s.problem(); p != "" {
			extra = append(extra, diag.New("X902", s.block, s.span, "%s", p))
			continue
		}
		valid = append(valid, s)
	}
	out := ds[:0:0]
	for _, d := range ds {
		if !silenced(valid, d) {
			out = append(out, d)
		}
	}
	for _, s := range valid {
		if !s.used {
			extra = append(extra, diag.New("X901", s.block, s.span, "suppression of %s silences no finding", quoteList(s.ids)))
		}
	}
	return append(out, extra...)
}

// validSuppressions keeps the suppressions that are honoured.
func validSuppressions(sups []*suppression) []*suppression {
	var out []*suppression
	for _, s := range sups {
		if s.problem() == "" {
			out = append(out, s)
		}
	}
	return out
}

// covers reports whether a suppression among sups silences d, without
// marking it used.
func covers(sups []*suppression, d diag.Diagnostic) bool {
	for _, s := range sups {
		if (s.file || s.block == d.Block) && prefixLen(s.ids, d.Rule) >= 0 {
			return true
		}
	}
	return false
}

func silenced(sups []*suppression, d diag.Diagnostic) bool {
	hit := false
	for _, s := range sups {
		if (s.file || s.block == d.Block) && prefixLen(s.ids, d.Rule) >= 0 {
			s.used = true
			hit = true
		}
	}
	return hit
}
