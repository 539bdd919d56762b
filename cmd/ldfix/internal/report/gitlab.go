package report

import (
	"io"

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
func GitLab(w io.Writer, results []FileResult, opts Options) error {
	return renderAll(w, "gitlab", results, opts)
}

// gitlabIssueOf is the issue for d, with its fingerprint as if no equal
// one came before (Stream numbers repeats).
func gitlabIssueOf(r FileResult, d diag.Diagnostic) gitlabIssue {
	p := r.locate(d.Span)
	return gitlabIssue{
		Description: d.Rule + " " + inlineHelp(d.Message, d),
		CheckName:   d.Rule,
		Fingerprint: fingerprint(r.Path, d),
		Severity:    gitlabSeverity(d.Severity),
		Location: gitlabLocation{Path: r.Path, Positions: gitlabPositions{
			Begin: gitlabPosition{p.start.Line, p.start.Column},
			End:   gitlabPosition{p.end.Line, p.end.Column},
		}},
	}
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
