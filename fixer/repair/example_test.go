package repair_test

import (
	"fmt"

	"github.com/ldfix/ldfix/fixer/repair"
)

// Repair a block whose quotes came out of a word processor and whose URL
// string was never closed: every cause is a diagnostic with its rule and
// how safe it is to write; the curly quotes of both strings are one cause.
func ExampleText() {
	in := []byte("{\u201c@type\u201d: \u201cOrganization\u201d,\n\"url\": \"https://example.com\n}")
	res := repair.Text(in, repair.Options{})
	fmt.Println(string(res.Text))
	for _, d := range res.Diagnostics {
		fmt.Println(d.Rule, d.Fix.Applicability, d.Message)
	}
	// Output:
	// {"@type": "Organization",
	// "url": "https://example.com"
	// }
	// J004 safe 2 strings are delimited by typographic quotes instead of straight double quotes
	// J010 safe string is not closed before the end of its line
}
