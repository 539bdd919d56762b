package repair

import (
	"bytes"

	"github.com/ldfix/ldfix/fixer/diag"
)

func init() {
	diag.Register(
		diag.Rule{
			ID: "J020", Name: "trailing-comma", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "a comma follows the last member or element",
			Why:     "JavaScript allows [1, 2,]; JSON does not, and a template that prints \",\" after every item leaves one before the closing bracket.",
			Bad:     `{"keywords": ["a", "b",]}`, Good: `{"keywords": ["a", "b"]}`,
			FixSafety: "safe: the comma is removed" + perBlock,
		},
		diag.Rule{
			ID: "J021", Name: "missing-comma", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary:   "two members or elements follow each other without a comma",
			Why:       "A template that prints items in a loop without separators, or a hand edit that added a line, leaves values side by side.",
			Bad:       "{\"name\": \"Acme\"\n \"url\": \"https://acme.example\"}",
			Good:      "{\"name\": \"Acme\",\n \"url\": \"https://acme.example\"}",
			FixSafety: "safe: a comma is inserted after the first value" + perBlock,
		},
		diag.Rule{
			ID: "J022", Name: "extra-comma", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "a comma (or a second colon) has no member, element or value before it",
			Why:     "A template that prints a separator before every item, or an empty item, leaves [,1] or [1,,2]; JSON has no empty elements.",
			Bad:     `["a",, "b"]`, Good: `["a", "b"]`,
			FixSafety: "safe: the comma (or the second colon) is removed",
		},
		diag.Rule{
			ID: "J023", Name: "missing-colon", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "a key and its value are not separated by ':'",
			Why:     "Without the colon the parser cannot tell keys from values.",
			Bad:     `{"name" "Acme"}`, Good: `{"name": "Acme"}`,
			FixSafety: "safe: a colon is inserted after the key (or replaces '=')",
		},
		diag.Rule{
			ID: "J024", Name: "missing-value", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "a key has no value",
			Why:     "A template variable that printed nothing leaves \"width\": , and the block stops parsing.",
			Bad:     `{"width": , "height": 60}`, Good: `{"width": null, "height": 60}`,
			FixSafety: "unsafe: null is new content; JSON-LD processors drop a null value, which is what an empty template variable meant",
		},
		diag.Rule{
			ID: "J025", Name: "ellipsis-placeholder", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "an ellipsis (...) stands for left-out members or elements",
			Why:     "Examples copied from documentation write [1, 2, ...]; the dots are not JSON.",
			Bad:     `{"sameAs": ["https://a.example", ...]}`, Good: `{"sameAs": ["https://a.example"]}`,
			FixSafety: "unsafe: the ellipsis is dropped, and with it whatever the author meant to fill in",
		},
		diag.Rule{
			ID: "J026", Name: "stray-text", Severity: diag.Error, Fixable: diag.FixAlways,
			Summary: "bare text stands between members of an object",
			Why: "A template marker or a note left in the block ({\"name\": \"Acme\", TODO \"url\": …}) is neither a key nor a value, " +
				"and the block stops parsing.",
			Bad:       `{"name": "Acme", TODO "url": "https://acme.example"}`,
			Good:      `{"name": "Acme", "url": "https://acme.example"}`,
			FixSafety: "unsafe: the text is dropped; it is removed only when a quoted key follows it on the same line",
		},
	)
}

// ellipsis drops "..." where a value or key is expected inside brackets.
func (r *repairer) ellipsis() bool {
	if !bytes.HasPrefix(r.in[r.pos:], []byte("...")) {
		return false
	}
	if r.inObject() && r.state != wantKey {
		return false
	}
	r.fix("J025", diag.Unsafe, r.pos, r.pos+3, "", "remove the ellipsis", "ellipsis stands for left-out content")
	r.pos += 3
	return true
}

// ellipsisAfterValue drops "..." right after a value.
func (r *repairer) ellipsisAfterValue() bool {
	if !bytes.HasPrefix(r.in[r.pos:], []byte("...")) {
		return false
	}
	r.fix("J025", diag.Unsafe, r.pos, r.pos+3, "", "remove the ellipsis", "ellipsis stands for left-out content")
	r.pos += 3
	return true
}

// commaInValue handles a ',' where a value or key is expected.
func (r *repairer) commaInValue() {
	if r.state == wantValue && r.inObject() {
		// "key": , — the value is missing; the comma then separates.
		r.fix("J024", diag.Unsafe, r.contentEnd, r.contentEnd, "null", "insert null", "key has no value")
		r.state = wantComma
		r.lastValueEnd = r.contentEnd
		return
	}
	msg := "comma has no element before it"
	if r.comma >= 0 {
		msg = "comma follows another comma"
	} else if r.inObject() {
		msg = "comma has no member before it"
	}
	r.fix("J022", diag.Safe, r.pos, r.pos+1, "", "remove the comma", "%s", msg)
	r.pos++
}

// missingComma inserts a comma after the last value.
func (r *repairer) missingComma() {
	if f := r.top(); f != nil && f.virtual {
		r.edit(f.diag, r.lastValueEnd, r.lastValueEnd, ",")
		return
	}
	what := "elements"
	if r.inObject() {
		what = "members"
	}
	r.fix("J021", diag.Safe, r.lastValueEnd, r.lastValueEnd, ",", "insert a comma", "missing comma between %s", what)
}

// dropTrailingComma removes the comma recorded before a closer or the end.
func (r *repairer) dropTrailingComma() {
	if r.comma < 0 {
		return
	}
	r.fix("J020", diag.Safe, r.comma, r.comma+1, "", "remove the comma", "trailing comma before %s", describeAt(r.in, r.pos))
	r.comma = -1
}
