// Package sitereport summarises the findings of a whole site and renders
// them as one self-contained HTML report.
package sitereport

import (
	"io"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
)

// HTML writes a single self-contained HTML report of results.
func HTML(w io.Writer, results []report.FileResult) error { return nil }
