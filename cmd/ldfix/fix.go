package main

import (
	"fmt"
	"io"

	"github.com/aymanbagabas/go-udiff"
	"github.com/urfave/cli/v2"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/fixer/rewrite"
)

// fixed is the outcome of fixing one file.
type fixed struct {
	result  report.FileResult // what remains after the fixes
	before  []byte
	after   []byte
	changed bool
	stdin   bool
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
	k, err := newChecker(s)
	if err != nil {
		return err
	}
	k.fixing = true
	inputs := s.inputs(c.Args().Slice())
	keep := s.keeps()
	// stdout carries the fixed bytes or the diff when asked; the report
	// then goes to stderr.
	reportTo := e.stdout
	results := make([]report.FileResult, 0, len(inputs))
	nChanged := 0
	// Each file is written (or printed) as soon as it is fixed, in input
	// order, so only a window of files is in memory at once.
	eachInOrder(s, e.stdin, inputs, k.fixOne, func(path string, err error) fixed {
		return fixed{result: failed(path, err)}
	}, func(o fixed) {
		in := inputs[len(results)]
		if o.changed {
			nChanged++
		}
		switch {
		case o.result.Err != nil:
		case diff:
			reportTo = e.stderr
			if o.changed {
				io.WriteString(e.stdout, udiff.Unified(o.result.Path, o.result.Path, string(o.before), string(o.after)))
			}
		case toStdout || in.stdin:
			reportTo = e.stderr
			e.stdout.Write(o.after)
		case o.changed:
			if err := rewrite.WriteFile(in.path, o.after); err != nil {
				o.result = failed(in.path, fmt.Errorf("writing the fixed file: %w", readError(err)))
			}
		}
		results = append(results, compact(o.result, keep))
	})
	if err := e.render(s, reportTo, results); err != nil {
		return err
	}
	if !s.quiet && !diff && !toStdout {
		fmt.Fprintf(e.stderr, "ldfix: fixed %s\n", plural(nChanged, "file"))
	}
	return exitStatus(s.status(results))
}

// fixOne applies the enabled fixes of one file and checks the result, so
// the report shows what is left after fixing.
func (k *checker) fixOne(path string, data []byte) fixed {
	r, fr := k.analyze(path, data)
	if fr == nil || !fr.Changed {
		return fixed{result: r, before: data, after: data}
	}
	after, _ := k.analyze(path, fr.Output)
	return fixed{result: after, before: data, after: fr.Output, changed: true}
}
