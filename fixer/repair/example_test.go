package repair_test

import (
	"fmt"

	"github.com/ldfix/ldfix/fixer/repair"
)

// Repair a block whose quotes came out of a word processor and whose URL
// string was never closed: every change is a diagnostic with its rule and
// how safe it is to write.
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
	// J004 safe key is delimited by "“" instead of a straight double quote
	// J004 safe string is delimited by "“" instead of a straight double quote
	// J010 safe string is not closed before the end of its line
}
