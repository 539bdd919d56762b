package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
)

// GitHub writes workflow commands (::error file=…,line=…::message) that
// GitHub Actions turns into annotations on the pull request.
func GitHub(w io.Writer, results []FileResult, opts Options) error {
	return renderAll(w, "github", results, opts)
}

// writeGitHub writes the commands for one file.
func writeGitHub(w io.Writer, r FileResult) {
	if r.Err != nil {
		fmt.Fprintf(w, "::error file=%s,title=ldfix::%s\n", ghProperty(r.Path), ghData(r.Err.Error()))
		return
	}
	for _, d := range r.Diagnostics {
		p := r.locate(d.Span)
		title := "ldfix " + d.Rule
		if n := ruleName(d.Rule); n != "" {
			title += " (" + n + ")"
		}
		fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			ghLevel(d.Severity), ghProperty(r.Path), p.start.Line, p.start.Column,
			p.end.Line, p.end.Column, ghProperty(title), ghData(withHelp(d.Message, d)))
	}
}

func ghLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "notice"
}

// The escapes of the Actions toolkit (toolkit/packages/core/src/command.ts):
// data escapes %, CR and LF; property values also escape ':' and ','.
var (
	ghDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func ghData(s string) string     { return ghDataEscaper.Replace(s) }
func ghProperty(s string) string { return ghPropertyEscaper.Replace(s) }
