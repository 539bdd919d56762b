package repair

import (
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

func init() {
	diag.Register(
		diag.Rule{
			ID: "J050", Name: "non-json-literal", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary:   "a Python or JavaScript literal (True, None, undefined, NaN) stands where JSON needs true, false or null",
			Why:       "Blocks printed by Python or JavaScript code without a JSON encoder carry that language's literals, which JSON does not know.",
			Bad:       `{"isAccessibleForFree": True, "image": undefined}`,
			Good:      `{"isAccessibleForFree": true, "image": null}`,
			FixSafety: "safe: True/False become true/false; None, undefined, NaN and Infinity become null" + perBlock,
		},
		diag.Rule{
			ID: "J051", Name: "invalid-number", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "a number is written in a form JSON does not allow",
			Why:     "JSON numbers have no leading '+', no leading zeros, no bare '.' and no digit separators: +1, 007, .5, 5. and 1_000 all stop the parse.",
			Bad:     `{"ratingValue": .5, "postalCode": 02134}`,
			Good:    `{"ratingValue": 0.5, "postalCode": "02134"}`,
			FixSafety: "safe: '+' and '_' between digits are dropped, a 0 completes .5 or 5., and a number with leading zeros becomes a string so no digit is lost; " +
				"unsafe: an exponent or sign cut off by the end of the value is completed with 0",
		},
	)
}

// literals maps foreign literals to JSON.
var literals = map[string]string{
	"True": "true", "TRUE": "true", "False": "false", "FALSE": "false",
	"None": "null", "NULL": "null", "Null": "null", "undefined": "null", "NaN": "null", "Infinity": "null",
}

// word reads a bare word where a value is expected.
func (r *repairer) word() {
	b := r.in
	start := r.pos
	end := start
	for end < len(b) && (isWordStart(b, end) || isDigit(b[end])) {
		end += max(runeLen(b, end), 1)
	}
	w := string(b[start:end])
	if boundary(b, end) {
		switch w {
		case "true", "false", "null":
			r.pos = end
			return
		}
		if lit, ok := literals[w]; ok {
			r.fix("J050", diag.Safe, start, end, lit, "replace with "+lit, "%q is not a JSON literal", w)
			r.pos = end
			return
		}
	}
	if len(r.stack) == 0 {
		r.failf("J002", start, end, "block holds text, not JSON: found %s", clip(b[start:min(len(b), start+40)]))
		return
	}
	r.unquoted()
}

// boundary reports whether a word ending at i is complete.
func boundary(b []byte, i int) bool {
	if i >= len(b) {
		return true
	}
	c := b[i]
	return isSpace(c) || c == ',' || c == '}' || c == ']' || c == ':' || c == '/' || c == ';'
}

// unquotedKey quotes a bare key.
func (r *repairer) unquotedKey() {
	b := r.in
	start := r.pos
	end := start
	for end < len(b) {
		c := b[end]
		if c <= ' ' || c == ':' || c == ',' || c == '{' || c == '}' || c == '[' || c == ']' || c == '\'' || c == '"' || c == 0x7F {
			break
		}
		if q, _ := quoteAt(b, end); q != qNone {
			break
		}
		end += max(runeLen(b, end), 1)
	}
	missingOpen := end < len(b) && b[end] == '"'
	var d int
	if missingOpen {
		// a": lacks only its opening quote.
		d = r.newDiag("J010", diag.Safe, source.Span{Start: start, End: end + 1}, "insert the opening quote",
			"key %s has no opening quote", clip(b[start:end]))
	} else {
		d = r.newDiag("J006", diag.Safe, source.Span{Start: start, End: end}, "put the key in quotes", "key %s is not quoted", clip(b[start:end]))
	}
	r.edit(d, start, start, `"`)
	for j := start; j < end; j++ {
		if b[j] == '\\' {
			r.edit(d, j, j, `\`)
		}
	}
	if missingOpen {
		r.pos = end + 1
		return
	}
	r.edit(d, end, end, `"`)
	r.pos = end
}

// number reads a token that starts like a number and repairs it, or turns
// it into a string when it is no number at all (a date, a version).
func (r *repairer) number() {
	b := r.in
	start := r.pos
	end := start
	for end < len(b) {
		c := b[end]
		if isSpace(c) || c == ',' || c == '}' || c == ']' || c == '"' || c == ';' || c == '{' || c == '[' ||
			(c == ')' && (len(r.calls) > 0 || !r.inObject())) || (c == '/' && end+1 < len(b) && (b[end+1] == '/' || b[end+1] == '*')) {
			break
		}
		end++
	}
	tok := b[start:end]
	for _, inf := range []string{"-Infinity", "+Infinity", "-NaN"} {
		if string(tok) == inf {
			r.fix("J050", diag.Safe, start, end, "null", "replace with null", "%q is not a JSON literal", inf)
			r.pos = end
			return
		}
	}
	if fixes, app, ok := numberFixes(tok); ok {
		if len(fixes) > 0 {
			d := r.newDiag("J051", app, source.Span{Start: start, End: end}, "rewrite the number", "number %s is not valid JSON", clip(tok))
			for _, f := range fixes {
				r.edit(d, start+f.at, start+f.at+f.del, f.text)
			}
		}
		r.pos = end
		if r.strayQuoteAfter(end) {
			r.fix("J051", diag.Safe, end, end+1, "", "remove the quote", "number %s is followed by a stray quote", clip(tok))
			r.pos = end + 1
		}
		return
	}
	if len(r.stack) == 0 {
		r.failf("J002", start, end, "block holds text, not JSON: found %s", clip(tok))
		return
	}
	if leadingZeros(tok) {
		d := r.newDiag("J051", diag.Safe, source.Span{Start: start, End: end}, "make it a string", "number %s has leading zeros", clip(tok))
		r.edit(d, start, start, `"`)
		r.edit(d, end, end, `"`)
		r.pos = end
		return
	}
	r.unquoted()
}

// strayQuoteAfter reports whether a lone '"' at i follows a number inside
// an object or array: {"count": 12345", …} quotes the number on one side only.
func (r *repairer) strayQuoteAfter(i int) bool {
	b := r.in
	if i >= len(b) || b[i] != '"' || r.top() == nil {
		return false
	}
	k := skipSpaceTab(b, i+1)
	return k >= len(b) || b[k] == ',' || b[k] == '}' || b[k] == ']' || b[k] == '\n' || b[k] == '\r'
}

type numFix struct {
	at, del int
	text    string
}

// numberFixes parses tok as a lenient number and returns the edits that
// make it strict JSON; ok is false when tok is not a number.
func numberFixes(tok []byte) (fixes []numFix, app diag.Applicability, ok bool) {
	app = diag.Safe
	i := 0
	if i < len(tok) && tok[i] == '+' {
		fixes = append(fixes, numFix{at: 0, del: 1})
		i++
	} else if i < len(tok) && tok[i] == '-' {
		i++
	}
	intStart := i
	i = digits(tok, i, &fixes)
	switch {
	case i == intStart && i == len(tok):
		fixes = append(fixes, numFix{at: i, text: "0"})
		return fixes, diag.Unsafe, true
	case i == intStart && tok[i] == '.':
		fixes = append(fixes, numFix{at: i, text: "0"})
	case i == intStart:
		return nil, 0, false
	case i-intStart > 1 && tok[intStart] == '0':
		return nil, 0, false
	}
	if i < len(tok) && tok[i] == '.' {
		i++
		fs := i
		i = digits(tok, i, &fixes)
		if i == fs {
			if intStart == i-1 {
				return nil, 0, false // a lone "."
			}
			fixes = append(fixes, numFix{at: i, text: "0"})
		}
	}
	if i < len(tok) && (tok[i] == 'e' || tok[i] == 'E') {
		i++
		if i < len(tok) && (tok[i] == '+' || tok[i] == '-') {
			i++
		}
		es := i
		for i < len(tok) && isDigit(tok[i]) {
			i++
		}
		if i == es {
			fixes = append(fixes, numFix{at: i, text: "0"})
			app = diag.Unsafe
		}
	}
	if i != len(tok) {
		return nil, 0, false
	}
	return fixes, app, true
}

// digits passes a run of digits from i. Python and JavaScript allow '_'
// between digits (1_000); each such '_' gets a fix that removes it, which
// leaves the value as written.
func digits(tok []byte, i int, fixes *[]numFix) int {
	start := i
	for i < len(tok) {
		switch {
		case isDigit(tok[i]):
			i++
		case tok[i] == '_' && i > start && i+1 < len(tok) && isDigit(tok[i+1]):
			*fixes = append(*fixes, numFix{at: i, del: 1})
			i++
		default:
			return i
		}
	}
	return i
}

func leadingZeros(tok []byte) bool {
	i := 0
	if i < len(tok) && (tok[i] == '-' || tok[i] == '+') {
		i++
	}
	if i+1 >= len(tok) || tok[i] != '0' || !isDigit(tok[i+1]) {
		return false
	}
	for _, c := range tok[i:] {
		if !(isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
			return false
		}
	}
	return true
}
