package main

import (
	"fmt"
	"io"
	"slices"

	"github.com/aymanbagabas/go-udiff"
	"github.com/urfave/cli/v2"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/fixer/decode"
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
	n, nWritten := 0, 0
	var unfixed *checker // checks a file that could not be written, made on first use
	// Each file is written (or printed) as soon as it is fixed, in input
	// order, so only a window of files is in memory at once.
	eachInOrder(s, e.stdin, inputs, func(path string, data []byte) fixed {
		f := k.fixOne(path, data)
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
			if f.changed {
				// A page in UTF-16 or a legacy encoding is compared as
				// text, so the diff reads like the page.
				before, after := decode.Bytes(f.before).Text, decode.Bytes(f.after).Text
				io.WriteString(e.stdout, udiff.Unified(f.item.r.Path, f.item.r.Path, string(before), string(after)))
			}
		case toStdout || in.stdin:
			e.stdout.Write(f.after)
			nWritten += count(f.changed)
		case f.changed:
			err := rewrite.WriteFile(in.path, f.after)
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

// fixOne applies the enabled fixes of one file and checks the result, so
// the report shows what is left after fixing.
func (k *checker) fixOne(path string, data []byte) fixed {
	r, cr := k.analyze(path, data)
	if cr == nil {
		return fixed{result: r, before: data, after: data}
	}
	return fixed{result: r, before: data, after: cr.Output, changed: cr.Changed}
}

func count(b bool) int {
	if b {
		return 1
	}
	return 0
}
