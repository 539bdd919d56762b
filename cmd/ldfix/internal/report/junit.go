package report

import (
	"encoding/xml"
	"fmt"
	"io"
)

// JUnit XML as read by Jenkins, GitLab and GitHub test-report actions: one
// test suite per file, one failing test case per finding, and one passing
// case for a clean file so it shows up as checked.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// JUnit writes a JUnit XML report.
func JUnit(w io.Writer, results []FileResult, opts Options) error {
	return renderAll(w, "junit", results, opts)
}

// junitSuiteOf is the test suite of one file.
func junitSuiteOf(r FileResult) junitSuite {
	s := junitSuite{Name: r.Path}
	switch {
	case r.Err != nil:
		s.Errors = 1
		s.Cases = append(s.Cases, junitCase{Name: "read", ClassName: r.Path, File: r.Path,
			Error: &junitProblem{Message: r.Err.Error(), Type: "io", Text: r.Err.Error()}})
	case len(r.Diagnostics) == 0:
		s.Cases = append(s.Cases, junitCase{Name: "ldfix", ClassName: r.Path, File: r.Path})
	}
	for _, d := range r.Diagnostics {
		p := r.locate(d.Span)
		text := withHelp(fmt.Sprintf("%s:%d:%d: %s %s [%s]", r.Path, p.start.Line, p.start.Column, d.Severity, d.Message, d.Rule), d)
		name := d.Rule
		if n := ruleName(d.Rule); n != "" {
			name += " " + n
		}
		s.Failures++
		s.Cases = append(s.Cases, junitCase{
			Name: fmt.Sprintf("%s at %d:%d", name, p.start.Line, p.start.Column), ClassName: r.Path,
			File: r.Path, Line: p.start.Line,
			Failure: &junitProblem{Message: d.Message, Type: d.Severity.String(), Text: text},
		})
	}
	s.Tests = len(s.Cases)
	return s
}

// writeJUnit writes the whole document: the root element carries the
// totals, so it is written once every suite is known.
func writeJUnit(w io.Writer, out junitSuites) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
