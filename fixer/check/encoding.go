package check

import (
	"bytes"
	"errors"
	"unicode/utf8"

	"github.com/ldfix/ldfix/fixer/decode"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

func init() {
	diag.Register(
		diag.Rule{
			ID: "X040", Name: "fix-not-encodable", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "the fixed text cannot be written in the file's encoding, so ldfix fix leaves it unchanged",
			Why: "ldfix writes a fixed file in the encoding it is in (UTF-16 keeps its byte order mark, a " +
				"windows-1252 or Shift_JIS page stays one) and changes no byte outside the repaired blocks. " +
				"When the fixed text holds a character the encoding cannot hold, or the page's bytes do not " +
				"read back the same after encoding, nothing is written.",
			Bad:       "<meta charset=\"iso-8859-1\"> … a fix that would add a character outside Latin-1",
			Good:      "<meta charset=\"utf-8\"> (save the page as UTF-8)",
			FixSafety: "This finding only explains why nothing was written.",
		},
		diag.Rule{
			ID: "X041", Name: "undeclared-encoding", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "the page is not UTF-8 and does not name its encoding where browsers look for it",
			Why: "Browsers and search engines look for <meta charset> in the first 1024 bytes of a page. A " +
				"page that is not valid UTF-8 and names no encoding there is read with a guess (ldfix reads " +
				"it in the encoding a later <meta> names, or else as windows-1252); another guess shows other " +
				"characters in the structured data. Save the page as UTF-8, or name its encoding with " +
				"<meta charset> at the top of <head>.",
			Bad:       "<p>caf\\xe9</p> (a Latin-1 byte, no <meta charset>)",
			Good:      "<meta charset=\"utf-8\"><p>café</p>",
			FixSafety: "no fix: only the author knows the encoding",
		},
	)
}

// encodingNotes are the findings about how the page was decoded.
func encodingNotes(page *decode.Page) []diag.Diagnostic {
	switch {
	case page.Declared:
		return nil
	case page.DeclaredLate:
		return []diag.Diagnostic{diag.New("X041", -1, source.Span{},
			"page is not valid UTF-8 and names its encoding (%s) after the first 1024 bytes, where browsers do not look for it", page.Encoding)}
	}
	return []diag.Diagnostic{diag.New("X041", -1, source.Span{},
		"page is not valid UTF-8 and names no encoding, so it is read as %s", page.Encoding)}
}

// encodeFixed turns the fixed UTF-8 text back into the page's bytes: the
// changed part is encoded in the page's encoding and every other byte is
// kept. When that cannot be done, or the bytes do not read back as the
// fixed text, it returns orig and an X040 finding.
func encodeFixed(page *decode.Page, orig, fixed []byte) ([]byte, *diag.Diagnostic) {
	if !page.Decoded() {
		return fixed, nil
	}
	change := changed(page.Text, fixed)
	out, err := page.Apply(orig, []decode.Change{change})
	if err == nil {
		if again := decode.Bytes(out); again.Encoding != page.Encoding || !bytes.Equal(again.Text, fixed) {
			err = errNotSame
		}
	}
	if err != nil {
		d := diag.New("X040", -1, source.Span{Start: change.Span.Start, End: change.Span.Start},
			"file is in %s and the fix cannot be written in it, so ldfix fix leaves it unchanged: %v", page.Encoding, err)
		return orig, &d
	}
	return out, nil
}

var errNotSame = errors.New("the written bytes do not read back as the fixed text")

// changed is the one span of old that fixed replaces, between their common
// start and common end, widened to whole characters.
func changed(old, fixed []byte) decode.Change {
	p := 0
	for p < len(old) && p < len(fixed) && old[p] == fixed[p] {
		p++
	}
	for p > 0 && p < len(old) && !utf8.RuneStart(old[p]) {
		p--
	}
	s := 0
	for s < len(old)-p && s < len(fixed)-p && old[len(old)-1-s] == fixed[len(fixed)-1-s] {
		s++
	}
	end, fend := len(old)-s, len(fixed)-s
	for end < len(old) && !utf8.RuneStart(old[end]) {
		end++
		fend++
	}
	return decode.Change{Span: source.Span{Start: p, End: end}, Text: fixed[p:fend]}
}
