package main

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/extract"
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
	// fixing: rule selection and suppressions also decide which fixes
	// are written (ldfix fix), not only what is reported.
	fixing bool
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
	var filter *ruleFilter
	if k.s.filter != nil {
		filter = k.s.filterFor(path)
	}
	opts := fixer.Options{
		UnsafeFixes: k.s.unsafe,
		Template:    k.s.template || template.IsTemplate(path, data),
	}
	if k.fixing && filter != nil {
		opts.Keep = filter.keepsFix
	}
	v := k.validator(f, data)
	if k.fixing && k.v != nil {
		// Validation runs inside Fix, so the fixes of V and G findings
		// are written with the repairs and checked with them.
		opts.Check = v.check
	}
	fr = fixer.Fix(f, opts)
	if k.fixing {
		fr = k.refixSuppressed(f, fr, opts)
	} else {
		fr.Output = nil // a check writes nothing: the fixed file, as large as the page, is let go
	}
	var ds []diag.Diagnostic
	items := v.items
	if !k.fixing {
		ds, items = v.validate(f, fr.Blocks, fr.Items)
	}
	// The validator's findings, most of a large block's, are not copied;
	// the order before sorting does not matter, as no rule is both stages'.
	ds = append(ds, fr.Diagnostics...)
	ds = suppress(f, fr, ds)
	if filter != nil {
		ds = k.filtered(filter, ds)
	}
	// After selection: a rule turned off speaks for no value.
	ds = schema.Dedupe(ds)
	return report.FileResult{Path: path, File: f, Blocks: blockInfos(fr), Diagnostics: diag.Sort(ds), Items: items}, fr
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

// pageValidator validates the repaired blocks of one page together
// (schema), with the base its relative URLs resolve against.
type pageValidator struct {
	k          *checker
	page       *source.File
	base       string
	baseIsRoot bool
	// items are the rich-result items of the page as it was read; fixing
	// validates the fixed file too, whose items are not kept here.
	items []report.Item
}

func (k *checker) validator(f *source.File, data []byte) *pageValidator {
	base, root := k.s.pageBase(f.Name, data)
	return &pageValidator{k: k, page: f, base: base, baseIsRoot: root}
}

// validate returns the findings and the items of the blocks of f.
func (v *pageValidator) validate(f *source.File, fbs []fixer.Block, its []fixer.Item) ([]diag.Diagnostic, []report.Item) {
	var blocks []schema.Block
	for _, b := range fbs {
		if b.Repaired != nil {
			blocks = append(blocks, schema.Block{Index: b.Index, Text: b.Repaired, Map: b.Map, Opaque: b.Opaque, File: f, Base: v.base, BaseIsRoot: v.baseIsRoot})
		}
	}
	blocks = append(blocks, itemBlocks(f, fbs, its)...)
	if len(blocks) == 0 || v.k.v == nil {
		return nil, nil
	}
	ds, items := v.k.v.ValidateItems(blocks)
	return ds, reportItems(items)
}

// check is validate as fixer.Options.Check wants it.
func (v *pageValidator) check(f *source.File, fbs []fixer.Block, its []fixer.Item) []diag.Diagnostic {
	ds, items := v.validate(f, fbs, its)
	if f == v.page {
		v.items = items
	}
	return ds
}

// pageBase is the URL a page's relative URLs resolve against: its <base
// href>, resolved against the page's own URL when the page was fetched or
// --base-url names it. root reports a base that is only --base-url, a
// site's root rather than this page's URL.
func (s *settings) pageBase(path string, data []byte) (base string, root bool) {
	page, root := s.baseURL, true
	if isURL(path) {
		page, root = path, false
	}
	href := extract.BaseHref(data)
	if href == "" {
		return page, root
	}
	h, err := url.Parse(href)
	if err != nil {
		return page, root
	}
	if h.IsAbs() {
		return h.String(), false
	}
	if p, err := url.Parse(page); err == nil && page != "" {
		return p.ResolveReference(h).String(), root && !strings.HasPrefix(href, "/")
	}
	return "", false
}

// filtered applies the rule filter. When fixing, X023 (a fix the filter
// turned off is needed, so nothing was written) is reported even when
// --select does not name it, since the selection caused it; only an
// explicit --ignore hides it.
func (k *checker) filtered(filter *ruleFilter, ds []diag.Diagnostic) []diag.Diagnostic {
	out := filter.apply(ds)
	if !k.fixing || prefixLen(filter.ignoreIDs, deselectedRule) >= 0 || slices.ContainsFunc(out, isDeselected) {
		return out
	}
	for _, d := range ds {
		if isDeselected(d) {
			out = append(out, d)
		}
	}
	return out
}

const deselectedRule = "X023"

func isDeselected(d diag.Diagnostic) bool { return d.Rule == deselectedRule }

// refixSuppressed runs Fix again when a suppression comment silences a
// finding whose fix would be written: a silenced rule's fix is not written
// either (issue 6). Suppressions name blocks, which only the first run
// finds, so this costs a second run only in that rare case.
func (k *checker) refixSuppressed(f *source.File, fr *fixer.Result, opts fixer.Options) *fixer.Result {
	sups := validSuppressions(findSuppressions(f, fr.Directives, fr.Blocks))
	if len(sups) == 0 {
		return fr
	}
	covered := func(d diag.Diagnostic) bool { return d.Fix != nil && covers(sups, d) }
	if !slices.ContainsFunc(fr.Diagnostics, covered) {
		return fr
	}
	opts.KeepFix = func(d diag.Diagnostic) bool { return !covers(sups, d) }
	return fixer.Fix(f, opts)
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
