package main

import (
	"fmt"
	"io"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/rewrite"
)

// fixed is the outcome of fixing one file.
type fixed struct {
	result  report.FileResult // what remains after the fixes
	item    item              // result, prepared for the report
	before  []byte
	after   []byte
	changed bool
}

// fix is `ldfix fix [--unsafe-fixes] [--diff|--stdout] [PATH|DIR|-]...`:
// it writes every enabled fix, then reports what remains.
func (e *env) fix(c *cli.Context) error {
	s, err := e.loadSettings(c)
	if err != nil {
		return err
	}
	diff, toStdout := c.Bool("diff"), c.Bool("stdout")
	if diff && toStdout {
		return usageError{fmt.Errorf("--diff and --stdout cannot be used together")}
	}
	k, err := newChecker(s, true)
	if err != nil {
		return err
	}
	inputs, err := e.inputs(s, c.Args().Slice())
	if err != nil {
		return err
	}
	// stdout carries the fixed bytes or the diff when asked, or when a
	// page comes from stdin; the report then goes to stderr.
	reportTo := e.stdout
	if diff || toStdout || slices.ContainsFunc(inputs, func(in input) bool { return in.stdin }) {
		reportTo = e.stderr
	}
	o, err := e.newOutput(s, reportTo, false)
	if err != nil {
		return usageError{err}
	}
	var guard func(string) *diag.Diagnostic
	if !diff && !toStdout {
		guard = writeGuard(inputs)
	}
	n, nWritten := 0, 0
	var unfixed *checker // checks a file that could not be written, made on first use
	// Each file is written (or printed) as soon as it is fixed, in input
	// order, so only a window of files is in memory at once.
	eachInOrder(s, e.stdin, inputs, func(path string, data []byte) fixed {
		f := k.fixOne(path, data, guard)
		f.item = o.prepare(f.result)
		f.result = report.FileResult{} // the item holds what is left of it
		return f
	}, func(path string, err error) fixed {
		return fixed{item: o.prepare(failed(path, err))}
	}, func(f fixed) {
		in := inputs[n]
		n++
		switch {
		case f.item.r.Err != nil:
		case diff:
			if d, err := rewrite.Diff(f.item.r.Path, f.before, f.after); err != nil {
				f.item = o.prepare(failed(in.path, err))
			} else {
				io.WriteString(e.stdout, d)
			}
		case toStdout || in.stdin:
			e.stdout.Write(f.after)
			nWritten += count(f.changed)
		case f.changed:
			err := writeFixed(in.path, f.after)
			if err == nil {
				nWritten++
				break
			}
			// The file keeps its findings: report them as check does,
			// beside the reason nothing was written.
			o.fail(in.path, fmt.Errorf("writing the fixed file: %w", readError(err)))
			if unfixed == nil {
				unfixed = k.with(s, false)
			}
			r, _ := unfixed.analyze(in.path, f.before)
			f.item = o.prepare(r)
		}
		o.add(f.item)
	})
	if err := o.finish(); err != nil {
		return err
	}
	if !s.quiet && !diff && !toStdout {
		fmt.Fprintf(e.stderr, "ldfix: fixed %s\n", plural(nWritten, "file"))
	}
	return exitStatus(o.status())
}

// writeFixed writes a fixed file; tests replace it to make writing fail
// the way a full disk does.
var writeFixed = rewrite.WriteFile

// fixOne applies the enabled fixes of one file and checks the result, so
// the report shows what is left after fixing. When guard (if any) gives a
// reason not to write the file, it stays as it is: its findings are those
// check reports, with that finding.
func (k *checker) fixOne(path string, data []byte, guard func(string) *diag.Diagnostic) fixed {
	r, cr := k.analyze(path, data)
	if cr == nil || !cr.Changed {
		return fixed{result: r, before: data, after: data}
	}
	if d := guardOf(guard, path); d != nil {
		r, _ = k.with(k.s, false).analyze(path, data)
		ds := append(r.Diagnostics, *d)
		if k.s.filter != nil {
			ds = k.s.filterFor(path).Apply(ds)
		}
		r.Diagnostics = diag.Sort(ds)
		return fixed{result: r, before: data, after: data}
	}
	return fixed{result: r, before: data, after: cr.Output, changed: true}
}

func count(b bool) int {
	if b {
		return 1
	}
	return 0
}
