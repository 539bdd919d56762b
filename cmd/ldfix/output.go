package main

import (
	"fmt"
	"io"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/cmd/ldfix/internal/sitereport"
	"github.com/ldfix/ldfix/fixer/diag"
)

// output writes the report of a run as the files' results arrive, in
// input order, and keeps only what the end of the run needs: the counts of
// the summary line, the exit status, the --statistics and site summary
// tallies, and what the format's end needs (report.Stream). A result is
// dropped once written, so memory does not grow with the number of
// files. Only html keeps every result, cut down by compact.
type output struct {
	e      *env
	s      *settings
	w      io.Writer
	stream *report.Stream // nil for html and for text --statistics
	stats  *report.Counter
	site   *sitereport.Summarizer
	html   []report.FileResult
	// deferred: the report goes to stderr (fix --stdout, --diff, or a
	// page from stdin), where the errors of unreadable files come first
	// and must not land inside a json document; the rendered parts wait
	// until the end.
	deferred bool
	parts    []item
	late     []string // deferred: errors of the run beside the files' results

	results, checked, withFindings int
	lastWithFindings               string // path of the last page counted in withFindings
	severities                     [4]int
	failed                         bool
	worst                          diag.Severity
	err                            error // the first error writing the report
}

// item is one file's result, rendered by a worker for the report and cut
// down to what output keeps counting.
type item struct {
	r    report.FileResult
	part report.Part
}

// newOutput starts the report on w. summary asks for the site summary.
func (e *env) newOutput(s *settings, w io.Writer, summary bool) (*output, error) {
	o := &output{e: e, s: s, w: w, deferred: w == e.stderr && w != e.stdout}
	if s.statistics {
		o.stats = &report.Counter{}
	}
	if summary {
		o.site = &sitereport.Summarizer{}
	}
	if s.format == "html" || s.statistics && s.format == "text" {
		return o, nil
	}
	st, err := report.NewStream(w, s.format, report.Options{Color: s.color, Source: s.source, Version: versionString(), Items: s.items})
	if err != nil {
		return nil, err
	}
	o.stream = st
	return o, nil
}

// prepare renders r for the report and drops what the rest of the run
// does not read: the file's bytes above all. Workers call it, so the
// rendering runs on every core.
func (o *output) prepare(r report.FileResult) item {
	switch {
	case o.s.format == "html":
		return item{r: compact(r, true)}
	case o.stream == nil:
	case o.stream.Retains():
		r = compact(r, false)
		return item{r: r, part: o.stream.Part(r)}
	default:
		p := o.stream.Part(r)
		return item{r: slim(r), part: p}
	}
	return item{r: slim(r)}
}

// slim keeps of r what the counts read: path, error, findings and the
// blocks' types.
func slim(r report.FileResult) report.FileResult {
	r.File, r.Places = nil, nil
	blocks := make([]report.BlockInfo, len(r.Blocks))
	for i, b := range r.Blocks {
		if b.Repaired != nil {
			b.Repaired = []byte{} // may share the page's memory
		}
		b.Original = nil
		blocks[i] = b
	}
	r.Blocks = blocks
	return r
}

// prepareAll prepares the results of one page: its source and, with
// --render, its rendered blocks.
func (o *output) prepareAll(rs []report.FileResult) []item {
	out := make([]item, len(rs))
	for i, r := range rs {
		out[i] = o.prepare(r)
	}
	return out
}

// addAll adds the items of one page in order.
func (o *output) addAll(its []item) {
	for _, it := range its {
		o.add(it)
	}
}

// add takes the next item in input order.
func (o *output) add(it item) {
	r := it.r
	// A rendered block is part of its page, not a file of its own.
	if !r.Rendered {
		o.results++
	}
	if r.Err != nil {
		o.failed = true
		if !o.deferred {
			fmt.Fprintf(o.e.stderr, "ldfix: %s: %v\n", r.Path, r.Err)
		}
	} else if !r.Rendered {
		o.checked++
	}
	// A page and its rendered blocks count as one file with findings.
	if len(r.Diagnostics) > 0 && (!r.Rendered || o.lastWithFindings != r.Page) {
		o.withFindings++
		o.lastWithFindings = r.Path
		if r.Rendered {
			o.lastWithFindings = r.Page
		}
	}
	for _, d := range r.Diagnostics {
		if d.Severity >= diag.Info && d.Severity <= diag.Error {
			o.severities[d.Severity]++
		}
	}
	o.worst = max(o.worst, diag.Max(r.Diagnostics))
	if o.stats != nil {
		o.stats.Add(r)
	}
	if o.site != nil {
		o.site.Add(r)
	}
	switch {
	case o.s.format == "html":
		o.html = append(o.html, r)
	case o.deferred:
		o.parts = append(o.parts, it)
	case o.stream != nil:
		o.write(it.part)
	}
}

// fail reports an error about a file whose result is reported too, such
// as a fixed file that could not be written: the run exits 2.
func (o *output) fail(path string, err error) {
	o.failed = true
	msg := fmt.Sprintf("ldfix: %s: %v\n", path, err)
	if o.deferred {
		o.late = append(o.late, msg)
		return
	}
	io.WriteString(o.e.stderr, msg)
}

func (o *output) write(p report.Part) {
	if err := o.stream.Write(p); err != nil && o.err == nil {
		o.err = err
	}
}

// finish writes the end of the report, the statistics, and the summary
// line on stderr.
func (o *output) finish() error {
	if o.deferred {
		for _, it := range o.parts {
			if it.r.Err != nil {
				fmt.Fprintf(o.e.stderr, "ldfix: %s: %v\n", it.r.Path, it.r.Err)
			}
		}
		for _, msg := range o.late {
			io.WriteString(o.e.stderr, msg)
		}
		if o.stream != nil {
			for _, it := range o.parts {
				o.write(it.part)
			}
		}
		o.parts = nil
	}
	if o.err != nil {
		return o.err
	}
	switch {
	case o.s.format == "html":
		if err := htmlReport(o.w, o.html); err != nil {
			return err
		}
	case o.stream == nil:
		if err := report.WriteStats(o.w, o.stats.Stats()); err != nil {
			return err
		}
	default:
		if err := o.stream.Close(); err != nil {
			return err
		}
		if o.stats != nil {
			if err := report.WriteStats(o.e.stderr, o.stats.Stats()); err != nil {
				return err
			}
		}
	}
	if !o.s.quiet {
		o.summary()
	}
	return nil
}

// summary prints "N errors, M warnings in F files" on stderr.
func (o *output) summary() {
	n := o.severities
	switch {
	case o.results == 0:
		fmt.Fprintln(o.e.stderr, "ldfix: no files to check")
		return
	case o.checked == 0:
		return
	case o.withFindings == 0:
		fmt.Fprintf(o.e.stderr, "ldfix: no problems in %s\n", plural(o.checked, "file"))
		return
	}
	fmt.Fprintf(o.e.stderr, "ldfix: %s, %s, %s in %s of %d checked\n",
		plural(n[diag.Error], "error"), plural(n[diag.Warning], "warning"), plural(n[diag.Info], "info"),
		plural(o.withFindings, "file"), o.checked)
}

// status is the exit code: 2 for any error, 1 for findings at or above
// --fail-on (unless --exit-zero), else 0.
func (o *output) status() int {
	switch {
	case o.failed:
		return exitError
	case !o.s.exitZero && o.results > 0 && o.worst >= o.s.failOn:
		return exitFindings
	}
	return exitOK
}

// held is the number of bytes output keeps for the end of the run, beside
// its fixed-size counts: what must not grow with the size of the pages.
func (o *output) held() int {
	n := 0
	if o.stream != nil {
		n += o.stream.Held()
	}
	for _, r := range o.html {
		for _, b := range r.Blocks {
			n += len(b.Original) + len(b.Repaired)
		}
	}
	return n
}
