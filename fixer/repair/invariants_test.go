package repair_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/repair"
)

// checkRepair verifies the properties every repair must have and returns
// the first one broken, or nil:
//   - valid JSON comes out byte-identical, with no diagnostic;
//   - a repaired text is strict JSON, and so is every refused text not;
//   - the edits of all diagnostics, applied to the input, give the text;
//   - the safe edits alone give the text, or input a fixer will refuse;
//   - repairing the text again changes nothing;
//   - every span and edit lies inside the input, edits sorted and disjoint;
//   - the offset map sends every output offset into the input;
//   - every finding's pointer resolves in the repaired value.
func checkRepair(in []byte, res *repair.Result) error {
	if json.Valid(in) && depthOK(in) {
		if !bytes.Equal(res.Text, in) || len(res.Diagnostics) > 0 || res.Changed {
			return fmt.Errorf("valid JSON was changed or reported: %d diagnostics", len(res.Diagnostics))
		}
		return nil
	}
	for _, d := range res.Diagnostics {
		if d.Span.Start < 0 || d.Span.End > len(in) || d.Span.Start > d.Span.End {
			return fmt.Errorf("%s span %v outside the input (%d bytes)", d.Rule, d.Span, len(in))
		}
		if d.Span.Len() == 0 && len(in) > 0 {
			return fmt.Errorf("%s has an empty span %v", d.Rule, d.Span)
		}
		if _, ok := diag.Lookup(d.Rule); !ok {
			return fmt.Errorf("%s is not registered", d.Rule)
		}
	}
	if res.Text == nil {
		if len(res.Diagnostics) != 1 || res.Diagnostics[0].Fix != nil || res.Diagnostics[0].Severity != diag.Error {
			return fmt.Errorf("a refusal must be exactly one error without a fix, got %+v", res.Diagnostics)
		}
		return nil
	}
	if !json.Valid(res.Text) {
		return fmt.Errorf("output is not strict JSON: %q", clipped(res.Text))
	}
	// With a repeated key a pointer may name the other occurrence; RFC 6901
	// cannot tell them apart.
	if doc, err := jsonpos.Parse(res.Text); err == nil && len(doc.Duplicates) == 0 {
		for _, d := range res.Diagnostics {
			if _, ok := doc.Lookup(d.Pointer); !ok {
				return fmt.Errorf("%s pointer %q does not resolve in the repaired value", d.Rule, d.Pointer)
			}
		}
	}
	if utf8.Valid(in) && !utf8.Valid(res.Text) {
		return fmt.Errorf("output lost UTF-8 validity")
	}
	if len(res.Diagnostics) == 0 || !res.Changed {
		return fmt.Errorf("invalid input repaired without a diagnostic")
	}
	last := 0
	for i, e := range repair.Edits(res.Diagnostics) {
		if strings.ContainsAny(e.Text, "\r\n") {
			// The file writer rewrites line breaks in edits to the
			// file's own line ending; a repair must not depend on that.
			return fmt.Errorf("edit %d text %q holds a raw line break", i, e.Text)
		}
		if e.Span.Start < last || e.Span.End < e.Span.Start || e.Span.End > len(in) {
			return fmt.Errorf("edit %d %v overlaps the one before or leaves the input", i, e.Span)
		}
		last = e.Span.End
	}
	for _, d := range res.Diagnostics {
		if d.Fix == nil || len(d.Fix.Edits) == 0 {
			return fmt.Errorf("%s repair has no edits", d.Rule)
		}
	}
	if got := repair.Apply(in, repair.Edits(res.Diagnostics)); !bytes.Equal(got, res.Text) {
		return fmt.Errorf("edits give %q, text is %q", clipped(got), clipped(res.Text))
	}
	safe := repair.Apply(in, repair.Edits(res.Diagnostics, diag.Safe))
	hasUnsafe := len(repair.Edits(res.Diagnostics, diag.Unsafe)) > 0
	if !hasUnsafe && !bytes.Equal(safe, res.Text) {
		return fmt.Errorf("safe edits alone differ from the text although no edit is unsafe")
	}
	if hasUnsafe && !bytes.Equal(safe, res.Text) && json.Valid(safe) {
		return fmt.Errorf("safe edits alone give different valid JSON %q; a fixer would write it", clipped(safe))
	}
	again := repair.Text(res.Text, repair.Options{})
	if !bytes.Equal(again.Text, res.Text) || len(again.Diagnostics) > 0 {
		return fmt.Errorf("repairing twice changes the text")
	}
	for off := 0; off <= len(res.Text); off++ {
		if o := res.Map.Offset(off); o < 0 || o > len(in) {
			return fmt.Errorf("map sends %d to %d, outside the input", off, o)
		}
	}
	return nil
}

// depthOK mirrors the repairer's nesting limit for valid input.
func depthOK(in []byte) bool {
	d, maxd, str := 0, 0, false
	for i := 0; i < len(in); i++ {
		switch c := in[i]; {
		case str && c == '\\':
			i++
		case c == '"':
			str = !str
		case !str && (c == '{' || c == '['):
			d++
			maxd = max(maxd, d)
		case !str && (c == '}' || c == ']'):
			d--
		}
	}
	return maxd <= repair.DefaultMaxDepth
}

func clipped(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "…"
	}
	return string(b)
}
