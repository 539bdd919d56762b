// Package check is the whole check of one page, as ldfix check and ldfix
// fix run it: extraction and repair (fixer), validation of all the page's
// repaired blocks together (schema), suppression comments, and rule
// selection and severities. The command line, tests and any other program
// get the same findings from the same call, Checker.Page.
package check

import (
	"slices"

	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/decode"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/template"
	"github.com/ldfix/ldfix/schema"
)

// Options tune a Checker. The zero value runs every check with every rule.
type Options struct {
	// Schema chooses the validation checks (profile, house shapes,
	// vocabulary file).
	Schema schema.Options
	// Validator, when set, is used instead of loading the checks Schema
	// names: checkers with other options can share one.
	Validator *schema.Validator
	// BaseURL is the address of the site pages on disk are served from;
	// their relative URLs resolve against it (and their <base href>). A
	// page named by an http or https URL resolves against that URL.
	BaseURL string
	// UnsafeFixes lets the fixes that guess between readings be applied.
	UnsafeFixes bool
	// Template reads every page as a template; otherwise a page is one when
	// its name or content says so (template.IsTemplate).
	Template bool
	// Rules select the findings and set their severities; nil keeps all.
	Rules *Rules
	// RulesFor, when set, gives the rules of one page by its name (a
	// config's per-directory overrides) and replaces Rules.
	RulesFor func(name string) *Rules
	// Fixing checks pages as ldfix fix does: rule selection and
	// suppression comments also decide which fixes are written, and when
	// the page changes the result describes the fixed page.
	Fixing bool
}

// Checker checks pages. It is safe for concurrent use; build one and use
// it for every page, since loading the vocabulary and shapes is most of
// the cost of checking one small page.
type Checker struct {
	opts Options
	v    *schema.Validator
}

// New loads the checks opts choose.
func New(opts Options) (*Checker, error) {
	if opts.Validator != nil {
		return &Checker{opts: opts, v: opts.Validator}, nil
	}
	v, err := schema.New(opts.Schema)
	if err != nil {
		return nil, err
	}
	return &Checker{opts: opts, v: v}, nil
}

// Validator is the loaded validation the checker uses.
func (c *Checker) Validator() *schema.Validator { return c.v }

// Result is the check of one page.
type Result struct {
	// File is the page the findings are in: the page as given or, when
	// fixing changed it, the fixed page.
	File *source.File
	// Fix is the extraction and repair of File: its blocks, their
	// repaired text and offset maps. Nil for plain JSON (PlainJSON).
	Fix *fixer.Result
	// Diagnostics are the findings, sorted, after suppressions and rule
	// selection: what ldfix prints for the page.
	Diagnostics []diag.Diagnostic
	// Items are the page's rich-result items and whether Google would
	// show them.
	Items []schema.Item
	// Original is the page as given.
	Original []byte
	// Output is what ldfix fix writes: Original with every enabled fix
	// applied. It is Original when nothing may be written, and without
	// Options.Fixing.
	Output []byte
	// Changed reports whether Output differs from Original.
	Changed bool
	// Before is, when fixing changed the page, the check of the page as
	// given: the findings whose fixes made Output.
	Before *Result
	// Encoding is the WHATWG name of the page's encoding. A page not in
	// UTF-8 is checked as its UTF-8 text: File holds that text, so the
	// findings' lines and columns are those of the page, and their byte
	// offsets count the UTF-8 text; StoredSpan maps them to the page's
	// bytes. Output is in the page's encoding.
	Encoding string

	page *decode.Page
}

// StoredSpan maps a span of File to the bytes the page is stored in
// (Original, or Output for a fixed page): the identity for UTF-8.
func (r *Result) StoredSpan(s source.Span) source.Span {
	if r.page == nil {
		return s
	}
	return r.page.Span(s)
}

// Decoded reports whether File is the page decoded from another encoding
// than UTF-8.
func (r *Result) Decoded() bool { return r.page != nil && r.page.Decoded() }

// Page checks data as the page called name; the name decides how a .json
// file and a template are read, and which rules apply (RulesFor). data is
// never modified.
func (c *Checker) Page(name string, data []byte) *Result {
	res := c.page(name, data)
	if !c.opts.Fixing || !res.Changed {
		return res
	}
	// What remains is what a check of the written page reports.
	after := c.page(name, res.Output)
	after.Original, after.Output, after.Changed, after.Before = data, res.Output, true, res
	return after
}

func (c *Checker) page(name string, data []byte) *Result {
	page := decode.Bytes(data)
	f := source.New(name, page.Text)
	res := &Result{File: f, Original: data, Output: data, Encoding: page.Encoding, page: page}
	if PlainJSON(name, page.Text) {
		return res
	}
	rules := c.opts.Rules
	if c.opts.RulesFor != nil {
		rules = c.opts.RulesFor(name)
	}
	opts := fixer.Options{
		UnsafeFixes: c.opts.UnsafeFixes,
		Template:    c.opts.Template || template.IsTemplate(name, page.Text),
	}
	if c.opts.Fixing && rules != nil {
		opts.Keep = rules.KeepsFix
	}
	href, scan := readBase(f, opts.Template)
	opts.Scan = scan
	base, root := pageBase(name, href, c.opts.BaseURL)
	pv := &pageValidator{v: c.v, page: f, base: base, baseIsRoot: root}
	if c.opts.Fixing {
		// Validation runs inside Fix, so the fixes of V and G findings
		// are written with the repairs and checked with them.
		opts.Check = pv.check
	}
	fr := fixer.Fix(f, opts)
	if c.opts.Fixing {
		fr = refixSuppressed(f, fr, opts)
	}
	res.Fix = fr
	var ds []diag.Diagnostic
	res.Items = pv.items
	if c.opts.Fixing && fr.Changed {
		var note *diag.Diagnostic
		res.Output, note = encodeFixed(page, data, fr.Output)
		res.Changed = note == nil
		if note != nil {
			ds = append(ds, *note)
		}
	}
	if !c.opts.Fixing {
		// A check writes nothing: the fixed file, as large as the page,
		// is let go.
		fr.Output = nil
		ds, res.Items = pv.validate(f, fr.Blocks, fr.Items)
	}
	// The validator's findings, most of a large block's, are not copied;
	// the order before sorting does not matter, as no rule is both stages'.
	ds = append(ds, fr.Diagnostics...)
	ds = append(ds, encodingNotes(page)...)
	ds = suppress(f, fr, ds)
	if rules != nil {
		ds = c.selected(rules, ds)
	}
	// After selection: a rule turned off speaks for no value.
	ds = schema.Dedupe(ds)
	res.Diagnostics = diag.Sort(ds)
	return res
}

// selected applies the rules. When fixing, X023 (a fix the rules turned
// off is needed, so nothing was written) is reported even when Select does
// not name it, since the selection caused it; only an explicit Ignore
// hides it.
func (c *Checker) selected(rules *Rules, ds []diag.Diagnostic) []diag.Diagnostic {
	out := rules.Apply(ds)
	if !c.opts.Fixing || prefixLen(rules.Ignore, deselectedRule) >= 0 || slices.ContainsFunc(out, isDeselected) {
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
// either. Suppressions name blocks, which only the first run finds, so
// this costs a second run only in that rare case.
func refixSuppressed(f *source.File, fr *fixer.Result, opts fixer.Options) *fixer.Result {
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
