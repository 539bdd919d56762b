package report

import (
	"encoding/json"
	"io"
	"strconv"

	"github.com/ldfix/ldfix/fixer/diag"
)

// GitLab Code Quality report: a JSON array of issues in the subset of the
// Code Climate format that GitLab reads (description, check_name,
// fingerprint, severity, location.path and location.positions).

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path      string          `json:"path"`
	Positions gitlabPositions `json:"positions"`
}

type gitlabPositions struct {
	Begin gitlabPosition `json:"begin"`
	End   gitlabPosition `json:"end"`
}

type gitlabPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// GitLab writes a GitLab Code Quality report.
func GitLab(w io.Writer, results []FileResult, _ Options) error {
	issues := []gitlabIssue{}
	seen := map[string]int{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			p := locate(r.File, d.Span)
			fp := fingerprint(r.Path, d)
			// GitLab drops issues with equal fingerprints; number repeats.
			if n := seen[fp]; n > 0 {
				seen[fp]++
				fp = fingerprint(r.Path+"#"+strconv.Itoa(n), d)
			} else {
				seen[fp] = 1
			}
			issues = append(issues, gitlabIssue{
				Description: d.Rule + " " + d.Message,
				CheckName:   d.Rule,
				Fingerprint: fp,
				Severity:    gitlabSeverity(d.Severity),
				Location: gitlabLocation{Path: r.Path, Positions: gitlabPositions{
					Begin: gitlabPosition{p.start.Line, p.start.Column},
					End:   gitlabPosition{p.end.Line, p.end.Column},
				}},
			})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}

func gitlabSeverity(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "major"
	case diag.Warning:
		return "minor"
	}
	return "info"
}
