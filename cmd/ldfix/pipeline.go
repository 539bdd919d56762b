package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/check"
	"github.com/ldfix/ldfix/fixer/source"
)

// checker runs the library's check of one page (check.Checker) and turns
// its result into what the report shows.
type checker struct {
	s *settings
	c *check.Checker
}

// newChecker loads the checks of s; fixing checks pages as ldfix fix does.
func newChecker(s *settings, fixing bool) (*checker, error) {
	opts := check.Options{
		Schema:      s.schema,
		UnsafeFixes: s.unsafe,
		Template:    s.template,
		Fixing:      fixing,
	}
	if s.filter != nil {
		opts.RulesFor = s.filterFor
	}
	c, err := check.New(opts)
	if err != nil {
		return nil, usageError{err}
	}
	return &checker{s: s, c: c}, nil
}

// analyze checks data and returns the report and the library's result. A
// panic in a stage becomes an internal error for this file only.
func (k *checker) analyze(path string, data []byte) (r report.FileResult, cr *check.Result) {
	defer func() {
		if p := recover(); p != nil {
			r = report.FileResult{Path: path, Err: internalError(p)}
			cr = nil
		}
	}()
	cr = k.c.Page(path, data)
	return report.FileResult{Path: path, File: cr.File, Blocks: blockInfos(cr.Fix), Diagnostics: cr.Diagnostics}, cr
}

// internalError words a panic of a stage; LDFIX_TRACE=1 adds the stack.
func internalError(p any) error {
	if os.Getenv("LDFIX_TRACE") != "" {
		return fmt.Errorf("internal error (please report it): %v\n%s", p, debug.Stack())
	}
	return fmt.Errorf("internal error (please report it): %v", p)
}

func blockInfos(fr *fixer.Result) []report.BlockInfo {
	if fr == nil {
		return []report.BlockInfo{}
	}
	out := make([]report.BlockInfo, 0, len(fr.Blocks))
	for _, b := range fr.Blocks {
		out = append(out, report.BlockInfo{Index: b.Index, Span: b.Span, Types: types(b.Repaired), Repaired: b.Repaired})
	}
	return out
}

// each reads the inputs and calls fn on them with s.jobs workers; results
// come back in input order whatever order the workers finish in.
func each[T any](s *settings, stdin io.Reader, inputs []input, fn func(path string, data []byte) T, fail func(path string, err error) T) []T {
	out := make([]T, 0, len(inputs))
	eachInOrder(s, stdin, inputs, fn, fail, func(v T) { out = append(out, v) })
	return out
}

// eachInOrder is each with the results handed to emit, in input order, as
// soon as they are ready. A file is read by the worker that analyses it, and
// only a window of files is in flight at once, so the bytes held at any
// time are bounded whatever the number of files: what fn returns is all
// that stays.
func eachInOrder[T any](s *settings, stdin io.Reader, inputs []input, fn func(path string, data []byte) T, fail func(path string, err error) T, emit func(T)) {
	p := newPool(s.jobs, s.window(), emit)
	var stdinData []byte
	var stdinErr error
	read := false
	for _, in := range inputs {
		switch {
		case in.stdin:
			if !read {
				// Standard input is read once, however often "-" is named.
				stdinData, stdinErr = source.ReadAll(stdin, source.DefaultMaxSize)
				read = true
			}
			data, err := stdinData, stdinErr
			p.Submit(func() T {
				if err != nil {
					return fail(s.stdinName, err)
				}
				return fn(s.stdinName, data)
			})
		case in.err != nil:
			p.Submit(func() T { return fail(in.path, readError(in.err)) })
		default:
			p.Submit(func() T {
				data, err := source.ReadFile(in.path, source.DefaultMaxSize)
				if err != nil {
					return fail(in.path, readError(err))
				}
				return fn(in.path, data)
			})
		}
	}
	p.Wait()
}

// inputs expands the arguments (default: the working directory) and keeps
// this shard's files.
func (s *settings) inputs(args []string) []input {
	if len(args) == 0 {
		args = []string{"."}
	}
	all := newWalker(s.cfg).expand(args)
	if s.shard.N <= 1 {
		return all
	}
	var out []input
	for _, in := range all {
		if in.stdin || in.err != nil || s.shard.Keep(in.path) {
			out = append(out, in)
		}
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 || word == "info" {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
