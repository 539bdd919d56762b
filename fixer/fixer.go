// Package fixer is the entry point of the first two stages: it extracts the
// JSON-LD blocks of a file, repairs each one, and builds the fixed file.
//
// Fix never writes anything itself; it computes Output in memory and checks
// it before handing it over: the edits of the enabled fixes are applied, the
// result is extracted again and every block must parse as strict JSON, with
// the same number of blocks and every byte outside them unchanged. When a
// fix that is needed is not enabled, or the check fails, Output is the
// original file and a diagnostic says why.
//
// Validation is a later stage that fixer does not import; the caller
// passes it in as Options.Check, and the fixes of its findings are written
// with the repairs and checked the same way, then validated again.
package fixer

import (
	"bytes"
	"slices"
	"strings"
	"unicode"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/repair"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/template"
)

// Options tune Fix.
type Options struct {
	// UnsafeFixes lets Fix write fixes that guess between readings.
	UnsafeFixes bool
	// Template treats the file as a template: placeholders are opaque and
	// never changed.
	Template bool
	Repair   repair.Options
	// Keep reports whether the fixes of a rule may be written; nil keeps
	// every rule. It is how rule selection reaches the fixes:
	// `ldfix fix --ignore J020` must not remove trailing commas. A fix
	// that is not kept is not applied; when the file is not strict JSON
	// without it, the file is left unchanged and an X023 finding names the
	// rules that blocked it.
	Keep func(rule string) bool
	// KeepFix is Keep for one finding, for choices that depend on where it
	// stands, such as a suppression comment that covers one block (its
	// Block field says which); nil keeps every finding.
	KeepFix func(d diag.Diagnostic) bool
	// Check validates the repaired blocks (V and G rules). When it is set,
	// its findings join the result and their fixes are written with the
	// repairs, under the same safety rules; the output is then validated
	// again, and the fixes of a block whose findings did not all go away,
	// or that gained one, are left out.
	Check Checker
	// Scan replaces extract.Scan, so that a caller that has already read
	// the page (for its <base href>) hands over what it found instead of
	// reading it again; nil is extract.Scan.
	Scan func(*source.File) extract.Page

	// refused are the blocks whose V and G fixes the re-check turned down.
	refused map[int]bool
	// nested marks a later round of fixing, which starts no rounds itself.
	nested bool
}

func (o Options) scan(f *source.File) extract.Page {
	if o.Scan != nil {
		return o.Scan(f)
	}
	return extract.Scan(f)
}

// keeps reports whether the fix of d may be written as far as rule
// selection goes.
func (o Options) keeps(d diag.Diagnostic) bool {
	return (o.Keep == nil || o.Keep(d.Rule)) && (o.KeepFix == nil || o.KeepFix(d))
}

// Block is one extracted block after repair.
type Block struct {
	extract.Block
	// Repaired is the block's strict JSON text; nil when it cannot be
	// repaired or is empty. In a template it is the masked text, in which
	// placeholders stand as the repairer read them. It may share memory
	// with the file's bytes: treat it as read-only.
	Repaired []byte
	// Map carries offsets in Repaired back to offsets in the file.
	Map *source.OffsetMap
	// Opaque are template holes that stand for values, in file coordinates.
	Opaque []source.Span
	// Diagnostics are this block's X and J findings, in file coordinates.
	Diagnostics []diag.Diagnostic

	empty bool
}

// Empty reports whether the block holds nothing but whitespace (X004); it
// is not repaired and has no Repaired text.
func (b *Block) Empty() bool { return b.empty }

// Item is one microdata or RDFa item of the page. Nothing is ever written
// to it: its JSON-LD text is made, not repaired.
type Item struct {
	extract.Item
	// Opaque are template holes, in file coordinates (in markup any
	// placeholder may stand for a value), and the relative URLs that only
	// the page's address would resolve.
	Opaque []source.Span
}

// Result is the outcome of Fix on one file.
type Result struct {
	File   *source.File
	Blocks []Block
	Items  []Item
	// Diagnostics are all X and J findings, and the V and G findings of
	// Options.Check, sorted.
	Diagnostics []diag.Diagnostic
	// Directives are the comments addressed to ldfix, as extract.Page has
	// them.
	Directives []source.Span
	// Output is the file with every enabled fix applied; it equals File.Data
	// when nothing may be written.
	Output []byte
	// Changed reports whether Output differs from File.Data.
	Changed bool
}

// Fix extracts and repairs the blocks of f. f.Data is never modified. A
// template (Options.Template) is read with its placeholders masked, and the
// faults of its template code are reported (X100–X103); in a page, template
// code left inside a block is reported instead (X104).
func Fix(f *source.File, opts Options) *Result {
	res := &Result{File: f, Output: f.Data}
	read, holes, tds := readable(f, opts)
	page := opts.scan(read)
	blocks, xds := page.Blocks, dropHoleEdits(page.Diagnostics, holes)
	res.Directives = page.Directives
	res.Items, xds = items(page.Items, xds, holes)
	tds = inBlocks(tds, blocks)
	for _, b := range blocks {
		res.Blocks = append(res.Blocks, repairBlock(read, b, opts, holes))
	}
	if !opts.Template && anyOpener(f.Data, blocks) {
		// A page is not a template, so template code in its JSON-LD is
		// code its server did not run.
		tds = inBlocks(template.Leaks(f.Data), blocks)
	}
	xds = append(xds, tds...)
	all := slices.Clone(xds)
	for _, b := range res.Blocks {
		all = append(all, b.Diagnostics...)
	}
	var checked []diag.Diagnostic
	if opts.Check != nil {
		checked = withoutHoleFixes(opts.Check(f, res.Blocks, res.Items), holes)
		all = append(all, checked...)
	}
	out, notes := writeChecked(f, read, res.Blocks, all, checked, opts)
	res.Output, res.Changed = out, !bytes.Equal(out, f.Data)
	res.Diagnostics = diag.Sort(append(all, notes...))
	attach(res, slices.Concat(xds, notes))
	return res
}

// items pairs the page's items with the template holes, and drops the
// microdata and RDFa findings on markup that template code writes: an
// itemtype or itemref made by a placeholder is not known here.
func items(its []extract.Item, ds []diag.Diagnostic, holes []template.Hole) ([]Item, []diag.Diagnostic) {
	var opaque []source.Span
	for _, h := range holes {
		opaque = append(opaque, h.Span)
	}
	out := make([]Item, 0, len(its))
	for _, it := range its {
		out = append(out, Item{Item: it, Opaque: slices.Concat(opaque, it.Relative)})
	}
	if len(holes) == 0 {
		return out, ds
	}
	kept := ds[:0:0]
	for _, d := range ds {
		if !strings.HasPrefix(d.Rule, "M") || !slices.ContainsFunc(opaque, func(o source.Span) bool {
			return d.Span.Start < o.End && o.Start < d.Span.End || o.Contains(d.Span.Start)
		}) {
			kept = append(kept, d)
		}
	}
	return out, kept
}

// writeChecked builds the output with the V and G fixes and checks them
// by validating it again: the fixes of a block that did not hold are left
// out and the output built again, and when fixes still do not hold, only
// the repairs are written. A fix can bring findings to light (a corrected
// @type makes Google check its node), so the output is fixed again, a few
// rounds at most, until nothing changes.
func writeChecked(f, read *source.File, blocks []Block, all, checked []diag.Diagnostic, opts Options) ([]byte, []diag.Diagnostic) {
	out, notes, applied, wrote := build(f, read, blocks, all, opts)
	if len(applied) == 0 {
		return out, notes
	}
	for round := 0; len(applied) > 0; round++ {
		bad := recheck(f, out, checked, applied, wrote, opts)
		if len(bad) == 0 {
			break
		}
		if round > 0 {
			for _, b := range blocks {
				bad[b.Index] = true
			}
		}
		opts.refused = mergeRefused(opts.refused, bad)
		out, notes, applied, wrote = build(f, read, blocks, all, opts)
	}
	if opts.nested || len(applied) == 0 {
		return out, notes
	}
	opts.nested, opts.refused = true, nil
	for range maxRounds {
		next := Fix(source.New(f.Name, out), opts)
		if !next.Changed {
			break
		}
		out = next.Output
	}
	return out, notes
}

// maxRounds bounds the rounds of fixing that findings brought to light by
// fixes may need; each fix removes a finding, so few are ever used.
const maxRounds = 3

func mergeRefused(into, more map[int]bool) map[int]bool {
	if into == nil {
		into = map[int]bool{}
	}
	for b := range more {
		into[b] = true
	}
	return into
}

// attach adds the file-wide findings that name a block to that block's
// list.
func attach(res *Result, ds []diag.Diagnostic) {
	touched := map[int]bool{}
	for _, d := range ds {
		if d.Block >= 0 && d.Block < len(res.Blocks) {
			b := &res.Blocks[d.Block]
			b.Diagnostics = append(b.Diagnostics, d)
			touched[d.Block] = true
		}
	}
	for i := range touched {
		res.Blocks[i].Diagnostics = diag.Sort(res.Blocks[i].Diagnostics)
	}
}

// readable returns the file that extraction and repair read: f itself, or
// in a template f with every placeholder masked, and the findings about the
// template code (X100–X103). The mask keeps the length,
// so offsets in it are offsets in f. A mask of another length is not used.
func readable(f *source.File, opts Options) (*source.File, []template.Hole, []diag.Diagnostic) {
	if !opts.Template {
		return f, nil, nil
	}
	r := template.Scan(f.Data)
	if len(r.Text) != len(f.Data) {
		return f, nil, r.Diagnostics
	}
	return source.New(f.Name, r.Text), r.Holes, r.Diagnostics
}

// templateOpeners start every tag template.Leaks reports.
var templateOpeners = [][]byte{[]byte("{{"), []byte("{%"), []byte("{#"), []byte("<%"), []byte("<?")}

// anyOpener reports whether a block holds the start of a template tag.
// Leaks scans the whole page, which costs more than extraction and repair
// together; nearly every page has no tag in its blocks and skips it.
func anyOpener(data []byte, blocks []extract.Block) bool {
	for _, b := range blocks {
		content := data[b.Span.Start:b.Span.End]
		for _, o := range templateOpeners {
			if bytes.Contains(content, o) {
				return true
			}
		}
	}
	return false
}

// inBlocks sets the Block of each finding to the block whose content holds
// it; findings outside every block keep -1.
func inBlocks(ds []diag.Diagnostic, blocks []extract.Block) []diag.Diagnostic {
	for i, d := range ds {
		for _, b := range blocks {
			if d.Span.Start >= b.Span.Start && d.Span.End <= b.Span.End {
				ds[i].Block = b.Index
				break
			}
		}
	}
	return ds
}

// repairBlock repairs one block and puts its findings in file coordinates.
func repairBlock(read *source.File, b extract.Block, opts Options, holes []template.Hole) Block {
	base := b.Span.Start
	out := Block{Block: b, Map: (&source.OffsetMap{}).Shifted(base)}
	for _, h := range holes {
		if h.Value && h.Span.Start >= b.Span.Start && h.Span.End <= b.Span.End {
			out.Opaque = append(out.Opaque, h.Span)
		}
	}
	content := read.Data[b.Span.Start:b.Span.End]
	if isBlank(content) {
		// X004 already says the block is empty; there is nothing to repair.
		out.empty = true
		return out
	}
	r := repair.Text(content, opts.Repair)
	out.Repaired = r.Text
	if r.Map != nil {
		out.Map = r.Map.Shifted(base)
	}
	ds := make([]diag.Diagnostic, 0, len(r.Diagnostics))
	for _, d := range r.Diagnostics {
		ds = append(ds, shift(d, b.Index, base))
	}
	out.Diagnostics = diag.Sort(dropHoleEdits(ds, holes))
	return out
}

// shift moves a diagnostic from block coordinates to file coordinates.
func shift(d diag.Diagnostic, block, base int) diag.Diagnostic {
	d.Block = block
	d.Span = d.Span.Shift(base)
	if d.Related != nil {
		rel := make([]source.Span, len(d.Related))
		for i, s := range d.Related {
			rel[i] = s.Shift(base)
		}
		d.Related = rel
	}
	if d.Fix != nil {
		fix := *d.Fix
		fix.Edits = make([]diag.Edit, len(d.Fix.Edits))
		for i, e := range d.Fix.Edits {
			fix.Edits[i] = diag.Edit{Span: e.Span.Shift(base), Text: e.Text}
		}
		d.Fix = &fix
	}
	return d
}

// dropHoleEdits drops every diagnostic with an edit that would change
// template code: placeholders are never touched.
func dropHoleEdits(ds []diag.Diagnostic, holes []template.Hole) []diag.Diagnostic {
	if len(holes) == 0 {
		return ds
	}
	out := ds[:0:0]
	for _, d := range ds {
		if d.Fix == nil || !touchesHole(d.Fix.Edits, holes) {
			out = append(out, d)
		}
	}
	return out
}

func touchesHole(edits []diag.Edit, holes []template.Hole) bool {
	for _, e := range edits {
		for _, h := range holes {
			inside := e.Span.Start > h.Span.Start && e.Span.Start < h.Span.End
			overlaps := e.Span.Start < h.Span.End && h.Span.Start < e.Span.End
			if inside || overlaps {
				return true
			}
		}
	}
	return false
}

func isBlank(b []byte) bool { return len(bytes.TrimFunc(b, unicode.IsSpace)) == 0 }
