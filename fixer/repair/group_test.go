package repair_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/repair"
)

// TestGroup checks which repairs become one finding per block: the ones
// that make the same change everywhere do, with every place in Related and
// every edit in the fix; those that need a look at each place do not.
func TestGroup(t *testing.T) {
	tests := []struct {
		name, in, rule string
		findings       int // of rule
		places         int // in the first finding's Related (0: none)
		message        string
	}{
		{"curly quotes", "{\u201ca\u201d: \u201cb\u201d, \u201cc\u201d: \u201cd\u201d}", "J004", 1, 4,
			"4 strings are delimited by typographic quotes instead of straight double quotes"},
		{"single quotes", `{'a': 'b', 'c': 1}`, "J005", 1, 3, "3 strings are delimited by single quotes instead of double quotes"},
		{"trailing commas", "{\"a\": [1, 2,],\n\"b\": 1,}", "J020", 1, 2, "2 trailing commas follow the last member or element"},
		{"missing commas", "{\"a\": 1\n\"b\": 2\n\"c\": 3}", "J021", 1, 2, "2 commas are missing between members or elements"},
		{"comments", "{\"a\": 1, // one\n\"b\": 2 /* two */}", "J040", 1, 2, "2 comments in JSON"},
		{"one occurrence keeps its own message", `{'a': 1}`, "J005", 1, 0, `key is delimited by "'" instead of a straight double quote`},
		{"both ends of a wrapper", "//<![CDATA[\n{\"a\": 1}\n//]]>", "J041", 1, 2, `markup wrapper "//<![CDATA[" … "//]]>" around the JSON`},
		{"unclosed strings stay apart", "{\"a\": \"x,\n\"b\": \"y,\n\"c\": 1}", "J010", 2, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := repair.Text([]byte(tt.in), repair.Options{})
			if res.Text == nil {
				t.Fatalf("not repaired: %v", res.Diagnostics)
			}
			var of []diag.Diagnostic
			for _, d := range res.Diagnostics {
				if d.Rule == tt.rule {
					of = append(of, d)
				}
			}
			if len(of) != tt.findings {
				t.Fatalf("%d %s findings, want %d: %v", len(of), tt.rule, tt.findings, res.Diagnostics)
			}
			d := of[0]
			if len(d.Related) != tt.places {
				t.Errorf("Related = %v, want %d places", d.Related, tt.places)
			}
			if tt.message != "" && d.Message != tt.message {
				t.Errorf("message = %q, want %q", d.Message, tt.message)
			}
			if tt.places > 0 {
				if d.Related[0] != d.Span {
					t.Errorf("span %v is not the first place %v", d.Span, d.Related[0])
				}
				// Every place is covered by an edit of the one fix.
				for _, p := range d.Related {
					if !coveredBy(p.Start, p.End, d.Fix.Edits) {
						t.Errorf("place %v has no edit in %v", p, d.Fix.Edits)
					}
				}
			}
			// The fix still writes the same text.
			if got := repair.Apply([]byte(tt.in), repair.Edits(res.Diagnostics)); string(got) != string(res.Text) {
				t.Errorf("edits give %q, repaired text is %q", got, res.Text)
			}
		})
	}
}

// coveredBy reports whether an edit changes [start, end) or inserts right
// after it (an insertion's finding covers the character before it).
func coveredBy(start, end int, edits []diag.Edit) bool {
	for _, e := range edits {
		if (e.Span.Start < end && start < e.Span.End) || (e.Span.Len() == 0 && e.Span.Start == end) {
			return true
		}
	}
	return false
}

// TestGroupedMessagesCount checks that a grouped message's number is the
// number of places it lists, on every golden input.
func TestGroupedMessagesCount(t *testing.T) {
	for _, path := range goldenInputs(t) {
		in, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range repair.Text(in, repair.Options{}).Diagnostics {
			if len(d.Related) == 0 || d.Rule == "J041" {
				continue
			}
			if !strings.HasPrefix(d.Message, fmt.Sprintf("%d ", len(d.Related))) {
				t.Errorf("%s: %s %q lists %d places", path, d.Rule, d.Message, len(d.Related))
			}
		}
	}
}
