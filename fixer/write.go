package fixer

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/rewrite"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/template"
)

func init() {
	diag.Register(
		diag.Rule{
			ID: "X020", Name: "unsafe-fix-needed", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "the file needs an unsafe fix, so ldfix fix leaves it unchanged",
			Why: "A file is fixed whole or not at all: applying the safe fixes alone would still leave " +
				"broken JSON. Review the unsafe fixes (ldfix fix --diff --unsafe-fixes) and apply them " +
				"with --unsafe-fixes, or correct the source by hand.",
			Bad:       "\"description\": \"Brand \"502\" shoes\", (an inner quote whose reading is a guess)",
			Good:      "ldfix fix --unsafe-fixes page.html",
			FixSafety: "This finding only explains why nothing was written.",
		},
		diag.Rule{
			ID: "X023", Name: "deselected-fix-needed", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "the file needs a fix of a rule that is not selected, so ldfix fix leaves it unchanged",
			Why: "ldfix fix writes only the fixes of the rules that --select, --ignore, the config and " +
				"suppression comments keep. When the JSON is still broken without the fix of a rule " +
				"that is turned off, writing the other fixes would not make the page valid, so nothing " +
				"is written. Select the rule, or correct the source by hand.",
			Bad:       "ldfix fix --ignore J020 page.html (a trailing comma the page needs removed)",
			Good:      "ldfix fix page.html",
			FixSafety: "This finding only explains why nothing was written.",
		},
		diag.Rule{
			ID: "X030", Name: "file-not-writable", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "the user may not write the file, so ldfix fix leaves it unchanged",
			Why: "A file's own permissions decide whether it may change, as for gofmt -w or an editor: " +
				"a read-only file, or one another user owns, is not replaced even when its folder would " +
				"allow it. The findings that would have been fixed are still reported.",
			Bad:       "chmod 0444 page.html; ldfix fix page.html",
			Good:      "chmod u+w page.html; ldfix fix page.html",
			FixSafety: "This finding only explains why nothing was written.",
		},
		diag.Rule{
			ID: "X031", Name: "link-outside-folder", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "a symbolic link found in a folder leads out of the folders given, so ldfix fix leaves its target unchanged",
			Why: "ldfix fix site writes only files that lie in site: a link inside it that points elsewhere " +
				"(../outside/victim.html) would let the fix change a file nobody named. The target is " +
				"still checked. Name the link on the command line to fix its target.",
			Bad:       "ln -s ../outside/victim.html site/page.html; ldfix fix site",
			Good:      "ldfix fix site/page.html   # a link named on the command line is followed",
			FixSafety: "This finding only explains why nothing was written.",
		},
		diag.Rule{
			ID: "X021", Name: "unrepairable-block", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "a block cannot be repaired, so ldfix fix leaves the file unchanged",
			Why: "Every block of a fixed file must parse as strict JSON. When one block is beyond repair " +
				"(its J finding says where), writing the others would hide that the page is still broken. " +
				"It is reported only when other blocks have fixes it holds back: for a file with nothing " +
				"else to fix, the block's J finding says all there is.",
			Bad:       `<script type="application/ld+json">{"name": "A",}</script> <script type="application/ld+json">Daniel</script>`,
			Good:      `<script type="application/ld+json">{"name": "A",}</script> <script type="application/ld+json">{"@type": "Person", "name": "Daniel"}</script>`,
			FixSafety: "This finding only explains why nothing was written.",
		},
		diag.Rule{
			ID: "X022", Name: "fix-check-failed", Severity: diag.Error, Fixable: diag.FixNever,
			Summary: "the fixed file failed the check made before writing, so ldfix fix leaves it unchanged",
			Why: "Before writing, ldfix applies its fixes in memory, extracts the blocks again and parses " +
				"each one: the same blocks must come back, each strict JSON, with every byte outside " +
				"them unchanged. This finding means a fix did not do what it promised; please report it " +
				"with the file.",
			Bad:       "(a fix whose result does not parse)",
			Good:      "(the file is left as it was)",
			FixSafety: "This finding only explains why nothing was written.",
		},
	)
}

// build applies the enabled fixes to the original bytes and checks the
// result. It returns the output (f.Data when nothing may be written), the
// findings that say why nothing was, and the V and G findings whose fixes
// went into the output, with the spans of the output their edits wrote.
//
// The X and J fixes are all or nothing: without one of them the JSON
// stays broken. A V or G fix stands alone, so one that is not enabled is
// simply not written, and when the output with them fails the check the
// repairs alone are tried.
func build(f, read *source.File, blocks []Block, ds []diag.Diagnostic, opts Options) ([]byte, []diag.Diagnostic, []diag.Diagnostic, []source.Span) {
	var notes []diag.Diagnostic
	for _, b := range blocks {
		if b.Repaired == nil && !b.empty {
			notes = append(notes, diag.New("X021", b.Index, b.Span,
				"block %d cannot be repaired, so ldfix fix leaves this file unchanged", b.Index))
		}
	}
	syntax, checked := splitChecked(ds)
	edits, blocked, skipped := enabledEdits(syntax, opts)
	if len(notes) > 0 {
		// The block's own J finding (J001–J003) already says it cannot be
		// read and where; X021 adds something only when it holds back
		// the fixes of other blocks.
		if len(edits)+len(blocked)+len(skipped) == 0 {
			return f.Data, nil, nil, nil
		}
		return f.Data, notes, nil, nil
	}
	if len(blocked) > 0 {
		return f.Data, []diag.Diagnostic{heldBack("X020", "an unsafe fix", "unsafe fixes", "that only --unsafe-fixes applies", blocked)}, nil, nil
	}
	extra, applied := checkedEdits(checked, edits, opts)
	if len(edits) == 0 && len(extra) == 0 && len(skipped) == 0 {
		return f.Data, nil, nil, nil
	}
	all := mergeEdits(edits, extra)
	out, err := apply(f, read, blocks, all, opts)
	if err != nil && len(extra) > 0 {
		extra, applied, all = nil, nil, edits
		out, err = apply(f, read, blocks, edits, opts)
	}
	if err != nil && len(skipped) > 0 {
		// Without the fixes that are turned off the file stays broken;
		// that is the reason, not a fault of the fixes.
		return f.Data, []diag.Diagnostic{heldBack("X023", "a fix", "fixes", "whose rule is turned off", skipped)}, nil, nil
	}
	if err != nil {
		return f.Data, []diag.Diagnostic{diag.New("X022", -1, source.Span{},
			"fixed file failed the check before writing, so ldfix fix leaves it unchanged: %v", err)}, nil, nil
	}
	return out, nil, applied, written(all, extra)
}

// apply writes edits on the file's bytes in memory and checks the result.
func apply(f, read *source.File, blocks []Block, edits []diag.Edit, opts Options) ([]byte, error) {
	out, err := rewrite.Apply(f.Data, edits)
	if err == nil {
		err = verify(f.Data, out, blocks, opts.Template && read != f)
	}
	return out, err
}

// enabledEdits collects the edits of the fixes that may be written, in the
// order rewrite.Apply needs, the findings whose fix is needed but not
// enabled (unsafe), and those whose rule is not kept. Display-only fixes
// are never written.
func enabledEdits(ds []diag.Diagnostic, opts Options) (edits []diag.Edit, blocked, skipped []diag.Diagnostic) {
	type ranked struct {
		diag.Edit
		extraction bool
	}
	var all []ranked
	for _, d := range ds {
		if d.Fix == nil || d.Fix.Applicability == diag.DisplayOnly {
			continue
		}
		if !opts.keeps(d) {
			skipped = append(skipped, d)
			continue
		}
		switch d.Fix.Applicability {
		case diag.Safe:
		case diag.Unsafe:
			if !opts.UnsafeFixes {
				blocked = append(blocked, d)
				continue
			}
		default:
			continue
		}
		for _, e := range d.Fix.Edits {
			all = append(all, ranked{e, d.Rule[0] == 'X'})
		}
	}
	// At one offset an insertion goes before a replacement that starts
	// there, and a repair's insertion (a closing bracket at the end of a
	// block) before extraction's (the </script> after the block).
	slices.SortStableFunc(all, func(a, b ranked) int {
		return cmp.Or(
			cmp.Compare(a.Span.Start, b.Span.Start),
			cmp.Compare(rank(a.Span.Len() > 0), rank(b.Span.Len() > 0)),
			cmp.Compare(rank(a.extraction), rank(b.extraction)),
		)
	})
	edits = make([]diag.Edit, len(all))
	for i, e := range all {
		edits[i] = e.Edit
	}
	return edits, blocked, skipped
}

func rank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// heldBack is the finding on the first of the fixes that were not
// applied, naming their rules: X020 for fixes that need --unsafe-fixes,
// X023 for fixes whose rule is turned off. one and many name the fixes
// ("an unsafe fix", "unsafe fixes"); why says what held them back.
func heldBack(id, one, many, why string, held []diag.Diagnostic) diag.Diagnostic {
	rules, first := rulesOf(held)
	noun := one
	if len(held) > 1 {
		noun = fmt.Sprintf("%d %s", len(held), many)
	}
	return diag.New(id, first.Block, first.Span,
		"file needs %s (%s) %s, so ldfix fix leaves it unchanged", noun, strings.Join(rules, ", "), why)
}

// rulesOf returns the sorted rule IDs of ds and its first finding in the
// file.
func rulesOf(ds []diag.Diagnostic) ([]string, diag.Diagnostic) {
	var rules []string
	first := ds[0]
	for _, d := range ds {
		if !slices.Contains(rules, d.Rule) {
			rules = append(rules, d.Rule)
		}
		if d.Span.Start < first.Span.Start {
			first = d
		}
	}
	slices.Sort(rules)
	return rules, first
}

// verify extracts out again and checks what writing promises: the same
// number of blocks, none left unclosed, each non-empty one strict JSON, and
// every byte outside them as it was, apart from the end tags inserted after
// unclosed scripts. In a template the blocks are read with placeholders
// masked, as they were found.
func verify(orig, out []byte, old []Block, masked bool) error {
	read := out
	if masked {
		if m, _ := template.Mask(out); len(m) == len(out) {
			read = m
		}
	}
	now, _ := extract.Blocks(source.New("", read))
	if len(now) != len(old) {
		return fmt.Errorf("the file has %d blocks after fixing, %d before", len(now), len(old))
	}
	prevOld, prevNow := 0, 0
	for i, o := range old {
		n := now[i]
		if err := sameGap(orig[prevOld:o.Span.Start], out[prevNow:n.Span.Start], i > 0 && old[i-1].Unclosed); err != nil {
			return fmt.Errorf("before block %d: %w", i, err)
		}
		if n.Unclosed {
			return fmt.Errorf("block %d is still not closed", i)
		}
		if !o.empty {
			if err := jsonpos.Check(read[n.Span.Start:n.Span.End]); err != nil {
				return fmt.Errorf("block %d is not strict JSON: %w", i, err)
			}
		}
		prevOld, prevNow = o.Span.End, n.Span.End
	}
	last := len(old) > 0 && old[len(old)-1].Unclosed
	if err := sameGap(orig[prevOld:], out[prevNow:], last); err != nil {
		return fmt.Errorf("after the last block: %w", err)
	}
	return nil
}

// sameGap checks that the bytes between two blocks did not change; after an
// unclosed script they gain the end tag the fix inserted.
func sameGap(before, after []byte, closed bool) error {
	if closed {
		if !bytes.HasPrefix(after, []byte(extract.EndTag)) {
			return fmt.Errorf("the inserted %s is missing", extract.EndTag)
		}
		after = after[len(extract.EndTag):]
	}
	if !bytes.Equal(before, after) {
		return fmt.Errorf("bytes outside the blocks changed")
	}
	return nil
}
