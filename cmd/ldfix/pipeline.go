package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/template"
	"github.com/ldfix/ldfix/schema"
)

// checker runs the pipeline on one file: extract and repair (fixer), then
// validate all repaired blocks of the page together (schema), then
// suppressions, rule selection and severities.
type checker struct {
	s *settings
	v *schema.Validator
}

func newChecker(s *settings) (*checker, error) {
	v, err := schema.New(s.schema)
	if err != nil {
		return nil, usageError{err}
	}
	return &checker{s: s, v: v}, nil
}

// analyze checks data and returns the report and the fixer's result. A
// panic in a stage becomes an internal error for this file only.
func (k *checker) analyze(path string, data []byte) (r report.FileResult, fr *fixer.Result) {
	defer func() {
		if p := recover(); p != nil {
			r = report.FileResult{Path: path, Err: internalError(p)}
			fr = nil
		}
	}()
	f := source.New(path, data)
	if plainJSON(path, data) {
		return report.FileResult{Path: path, File: f}, &fixer.Result{File: f, Output: data}
	}
	fr = fixer.Fix(f, fixer.Options{
		UnsafeFixes: k.s.unsafe,
		Template:    k.s.template || template.IsTemplate(path, data),
	})
	ds := append([]diag.Diagnostic{}, fr.Diagnostics...)
	var blocks []schema.Block
	for _, b := range fr.Blocks {
		if b.Repaired != nil {
			blocks = append(blocks, schema.Block{Index: b.Index, Text: b.Repaired, Map: b.Map, Opaque: b.Opaque})
		}
	}
	if len(blocks) > 0 && k.v != nil {
		ds = append(ds, k.v.Validate(blocks)...)
	}
	ds = suppress(f, fr.Blocks, ds)
	if k.s.filter != nil {
		ds = k.s.filterFor(path).apply(ds)
	}
	return report.FileResult{Path: path, File: f, Blocks: blockInfos(fr), Diagnostics: diag.Sort(ds)}, fr
}

// plainJSON reports whether a .json file is ordinary JSON (package.json,
// tsconfig.json) rather than JSON-LD: it names no JSON-LD keyword at all.
// Walking a project, or a pre-commit hook given every staged .json file,
// would otherwise flag each config file as a JSON-LD node without a
// context. .jsonld files and pages are always checked.
func plainJSON(path string, data []byte) bool {
	if !strings.EqualFold(filepath.Ext(path), ".json") {
		return false
	}
	for _, kw := range jsonLDKeywords {
		if bytes.Contains(data, kw) {
			return false
		}
	}
	return true
}

var jsonLDKeywords = [][]byte{[]byte("@context"), []byte("@type"), []byte("@graph"), []byte("@id")}

// internalError words a panic of a stage; LDFIX_TRACE=1 adds the stack.
func internalError(p any) error {
	if os.Getenv("LDFIX_TRACE") != "" {
		return fmt.Errorf("internal error (please report it): %v\n%s", p, debug.Stack())
	}
	return fmt.Errorf("internal error (please report it): %v", p)
}

func blockInfos(fr *fixer.Result) []report.BlockInfo {
	out := make([]report.BlockInfo, 0, len(fr.Blocks))
	for _, b := range fr.Blocks {
		out = append(out, report.BlockInfo{Index: b.Index, Span: b.Span, Types: types(b.Repaired), Repaired: b.Repaired})
	}
	return out
}

// types lists the @type values of a block's top-level nodes: the value
// itself, the items of an array, or the nodes of an @graph.
func types(repaired []byte) []string {
	if repaired == nil {
		return nil
	}
	var v any
	if json.Unmarshal(repaired, &v) != nil {
		return nil
	}
	var out []string
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		switch x := v.(type) {
		case []any:
			if depth < 2 {
				for _, e := range x {
					visit(e, depth+1)
				}
			}
		case map[string]any:
			switch t := x["@type"].(type) {
			case string:
				out = append(out, t)
			case []any:
				for _, e := range t {
					if s, ok := e.(string); ok {
						out = append(out, s)
					}
				}
			}
			if g, ok := x["@graph"]; ok && depth < 2 {
				visit(g, depth+1)
			}
		}
	}
	visit(v, 0)
	return out
}

// loaded is an input with its bytes.
type loaded struct {
	in   input
	data []byte
}

// each reads the inputs and calls fn on them with s.jobs workers; results
// come back in input order whatever order the workers finish in.
func each[T any](s *settings, stdin io.Reader, inputs []input, fn func(path string, data []byte) T, fail func(path string, err error) T) []T {
	var stdinData []byte
	var stdinErr error
	read := false
	out := make([]T, len(inputs))
	work := make(chan int)
	var wg sync.WaitGroup
	for range max(1, s.jobs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				in := inputs[i]
				if in.stdin {
					if stdinErr != nil {
						out[i] = fail(s.stdinName, stdinErr)
					} else {
						out[i] = fn(s.stdinName, stdinData)
					}
					continue
				}
				if in.err != nil {
					out[i] = fail(in.path, readError(in.err))
					continue
				}
				data, err := os.ReadFile(in.path)
				if err != nil {
					out[i] = fail(in.path, readError(err))
					continue
				}
				out[i] = fn(in.path, data)
			}
		}()
	}
	for i, in := range inputs {
		if in.stdin && !read {
			// Standard input is read once, before any worker needs it.
			stdinData, stdinErr = io.ReadAll(stdin)
			read = true
		}
		work <- i
	}
	close(work)
	wg.Wait()
	return out
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

// status is the exit code for results: 2 for any error, 1 for findings at
// or above --fail-on (unless --exit-zero), else 0.
func (s *settings) status(results []report.FileResult) int {
	code := exitOK
	for _, r := range results {
		if r.Err != nil {
			return exitError
		}
		if !s.exitZero && diag.Max(r.Diagnostics) >= s.failOn {
			code = exitFindings
		}
	}
	return code
}

// render writes the report to w, the statistics when asked, errors and the
// summary to stderr.
func (e *env) render(s *settings, w io.Writer, results []report.FileResult) error {
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(e.stderr, "ldfix: %s: %v\n", r.Path, r.Err)
		}
	}
	opts := report.Options{Color: s.color, Source: s.source, Version: versionString()}
	switch {
	case s.statistics && s.format == "text":
		if err := report.WriteStatistics(w, results); err != nil {
			return err
		}
	case s.format == "html":
		if err := htmlReport(w, results); err != nil {
			return err
		}
	default:
		if err := report.Render(w, s.format, results, opts); err != nil {
			return err
		}
		if s.statistics {
			if err := report.WriteStatistics(e.stderr, results); err != nil {
				return err
			}
		}
	}
	if !s.quiet {
		e.summary(results)
	}
	return nil
}

// summary prints "N errors, M warnings in F files" on stderr.
func (e *env) summary(results []report.FileResult) {
	var n [4]int
	files, checked := 0, 0
	for _, r := range results {
		if r.Err == nil {
			checked++
		}
		if len(r.Diagnostics) > 0 {
			files++
		}
		for _, d := range r.Diagnostics {
			if d.Severity >= diag.Info && d.Severity <= diag.Error {
				n[d.Severity]++
			}
		}
	}
	switch {
	case len(results) == 0:
		fmt.Fprintln(e.stderr, "ldfix: no files to check")
		return
	case checked == 0:
		return
	case files == 0:
		fmt.Fprintf(e.stderr, "ldfix: no problems in %s\n", plural(checked, "file"))
		return
	}
	fmt.Fprintf(e.stderr, "ldfix: %s, %s, %s in %s of %d checked\n",
		plural(n[diag.Error], "error"), plural(n[diag.Warning], "warning"), plural(n[diag.Info], "info"),
		plural(files, "file"), checked)
}

func plural(n int, word string) string {
	if n == 1 || word == "info" {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
