package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/check"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/schema"
)

// checker runs the library's check of one page (check.Checker) and turns
// its result into what the report shows.
type checker struct {
	s *settings
	c *check.Checker
}

// newChecker loads the checks of s; fixing checks pages as ldfix fix does.
func newChecker(s *settings, fixing bool) (*checker, error) {
	c, err := check.New(checkOptions(s, fixing))
	if err != nil {
		return nil, usageError{err}
	}
	return &checker{s: s, c: c}, nil
}

// checkOptions are the library's options for s.
func checkOptions(s *settings, fixing bool) check.Options {
	opts := check.Options{
		Schema:      s.schema,
		UnsafeFixes: s.unsafe,
		Template:    s.template,
		Fixing:      fixing,
		BaseURL:     s.baseURL,
	}
	if s.filter != nil {
		opts.RulesFor = s.filterFor
	}
	return opts
}

// with is a checker for other settings that shares k's loaded checks: the
// settings must choose the same ones (profile, shapes, vocabulary).
func (k *checker) with(s *settings, fixing bool) *checker {
	opts := checkOptions(s, fixing)
	opts.Validator = k.c.Validator()
	c, _ := check.New(opts)
	return &checker{s: s, c: c}
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
	r = report.FileResult{Path: path, File: cr.File, Blocks: blockInfos(cr.Fix), Diagnostics: cr.Diagnostics}
	if cr.Decoded() {
		r.StoredSpan = cr.StoredSpan
	}
	r.Items = reportItems(cr.Items)
	return r, cr
}

// reportItems hands the page's rich-result items to the reports.
func reportItems(items []schema.Item) []report.Item {
	var out []report.Item
	for _, it := range items {
		out = append(out, report.Item{
			Block: it.Block, Span: it.Span, Pointer: it.Pointer, Type: it.Type, Feature: it.Feature,
			URL: it.URL, Status: string(it.Status), Reasons: it.Reasons, Missing: it.Missing,
		})
	}
	return out
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

// inputs expands the arguments and keeps this shard's files. With no
// argument it reads standard input when that is a pipe or a file
// (`cat page.html | ldfix check`), and otherwise walks the working
// directory. Arguments that match no file at all are an error unless
// --allow-empty is given: a check of nothing must not pass in CI.
func (e *env) inputs(s *settings, args []string) ([]input, error) {
	if len(args) == 0 {
		args = []string{"."}
		if e.stdinPiped() {
			args = []string{"-"}
		}
	}
	all := newWalker(s.cfg).expand(args)
	if len(all) == 0 && !s.allowEmpty {
		return nil, fmt.Errorf("no files to check in %s (directories are walked for %s and template files); pass --allow-empty to accept that",
			strings.Join(args, " "), strings.Join(pageExts, " "))
	}
	if s.shard.N <= 1 {
		return all, nil
	}
	var out []input
	for _, in := range all {
		if in.stdin || in.err != nil || s.shard.Keep(in.path) {
			out = append(out, in)
		}
	}
	return out, nil
}

// stdinPiped reports whether standard input holds a page to read: a pipe
// or a redirected file that is not empty. A terminal, a device such as
// /dev/null and an empty pipe (what CI runners often give) do not.
func (e *env) stdinPiped() bool {
	if f, ok := e.stdin.(*os.File); ok {
		st, err := f.Stat()
		if err != nil || st.Mode()&os.ModeNamedPipe == 0 && !st.Mode().IsRegular() {
			return false
		}
	}
	if e.stdin == nil {
		return false
	}
	br := bufio.NewReader(e.stdin)
	e.stdin = br
	_, err := br.Peek(1)
	return err == nil
}

func plural(n int, word string) string {
	if n == 1 || word == "info" {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
