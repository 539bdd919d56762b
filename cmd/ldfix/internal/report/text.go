package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiCyan   = "\x1b[36m"
)

// sourceWidth caps the source excerpt: minified pages put a whole block on
// one line, and a 200 KB line helps nobody.
const sourceWidth = 100

// Text writes one line per finding, `path:line:col: severity message [ID]`,
// the form editors and the GitHub problem matcher read; with opts.Source the
// source line and a caret follow, and a suggestion follows as an indented
// `help:` line.
func Text(w io.Writer, results []FileResult, opts Options) error {
	return renderAll(w, "text", results, opts)
}

func writeTextLine(w io.Writer, r FileResult, d diag.Diagnostic, opts Options) {
	p := r.locate(d.Span)
	sev := d.Severity.String()
	loc := fmt.Sprintf("%s:%d:%d:", r.Path, p.start.Line, p.start.Column)
	id := "[" + d.Rule + "]"
	if opts.Color {
		loc = ansiBold + loc + ansiReset
		sev = severityColor(d.Severity) + sev + ansiReset
		id = ansiCyan + id + ansiReset
	}
	fmt.Fprintf(w, "%s %s %s %s\n", loc, sev, oneLine(d.Message), id)
	if opts.Source && r.File != nil {
		caretColor := ""
		if opts.Color {
			caretColor = severityColor(d.Severity)
		}
		writeExcerpt(w, r.File, d.Span, p, caretColor)
	}
	if s := suggestion(d); s != "" {
		// Indented, as rustc and ruff do, so that readers of the finding
		// lines (problem matchers, grep) skip it.
		help := "help:"
		if opts.Color {
			help = ansiBold + ansiCyan + help + ansiReset
		}
		fmt.Fprintf(w, "  %s %s\n", help, oneLine(s))
	}
}

func severityColor(s diag.Severity) string {
	switch s {
	case diag.Error:
		return ansiBold + ansiRed
	case diag.Warning:
		return ansiBold + ansiYellow
	}
	return ansiBold + ansiBlue
}

// oneLine keeps a finding on one line whatever its message quotes, so
// line-based readers (problem matchers, grep) see every finding whole.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", `\n`, "\n", `\n`, "\r", `\r`).Replace(s)
}

// writeExcerpt prints the line holding the start of span with a caret under
// the span's first line.
func writeExcerpt(w io.Writer, f *source.File, span source.Span, p place, color string) {
	lineStart := span.Start - len(lastLinePrefix(f.Data[:clampOff(span.Start, f.Data)]))
	lineEnd := lineStart
	for lineEnd < len(f.Data) && f.Data[lineEnd] != '\n' && f.Data[lineEnd] != '\r' {
		lineEnd++
	}
	line := []rune(string(f.Data[lineStart:lineEnd]))
	col := p.start.Column - 1
	width := 1
	if p.end.Line == p.start.Line && p.end.Column > p.start.Column {
		width = p.end.Column - p.start.Column
	}
	// Window long lines around the column.
	from := 0
	if len(line) > sourceWidth && col > sourceWidth/2 {
		from = min(col-sourceWidth/2, len(line)-sourceWidth)
	}
	to := min(len(line), from+sourceWidth)
	shown := line[from:to]
	caretCol := col - from
	width = max(1, min(width, len(shown)-caretCol))
	gutter := fmt.Sprintf("%5d | ", p.start.Line)
	pad := strings.Repeat(" ", len(gutter)-2) + "| "
	var prefix strings.Builder
	for i := 0; i < caretCol && i < len(shown); i++ {
		if shown[i] == '\t' {
			prefix.WriteByte('\t')
		} else {
			prefix.WriteByte(' ')
		}
	}
	caret := strings.Repeat("^", width)
	if color != "" {
		caret = color + caret + ansiReset
	}
	fmt.Fprintf(w, "%s%s\n%s%s%s\n", gutter, sanitize(string(shown)), pad, prefix.String(), caret)
}

func clampOff(off int, data []byte) int { return min(max(off, 0), len(data)) }

func lastLinePrefix(b []byte) []byte {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == '\n' || b[i] == '\r' {
			return b[i+1:]
		}
	}
	return b
}

// sanitize drops control characters that would move the terminal cursor,
// keeping tabs so the caret lines up.
func sanitize(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || isControl(r) {
			return '?'
		}
		return r
	}, s)
}

func isControl(r rune) bool { return r != '\t' && (r < 0x20 || r == 0x7f) }
