package check_test

import (
	"fmt"

	"github.com/ldfix/ldfix/fixer/check"
)

// A page is checked as ldfix check checks it: the trailing comma is
// reported (and would be fixed), the unknown property is reported against
// the repaired block, and the selection drops the recommended-property
// warnings.
func ExampleChecker_Page() {
	c, err := check.New(check.Options{Rules: &check.Rules{Ignore: []string{"G002"}}})
	if err != nil {
		panic(err)
	}
	page := []byte(`<p>Hello</p>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "Person", "name": "Ann", "jobTitel": "editor",}
</script>`)
	res := c.Page("page.html", page)
	for _, d := range res.Diagnostics {
		p := res.File.Position(d.Span.Start)
		fmt.Printf("page.html:%d:%d: %s %s [%s]\n", p.Line, p.Column, d.Severity, d.Message, d.Rule)
	}
	// Output:
	// page.html:3:70: error property "jobTitel" of type "Person" is not a schema.org property [V011]
	// page.html:3:90: error trailing comma before "}" [J020]
}

// With Fixing, the result is the fixed page: Output is what ldfix fix
// writes, and the findings are those left after the fix.
func ExampleChecker_Page_fixing() {
	c, err := check.New(check.Options{Fixing: true})
	if err != nil {
		panic(err)
	}
	res := c.Page("page.json", []byte(`{"@context": "https://schema.org", "@type": "Thing", "name": "x",}`))
	fmt.Printf("%s\n%d findings left\n", res.Output, len(res.Diagnostics))
	// Output:
	// {"@context": "https://schema.org", "@type": "Thing", "name": "x"}
	// 0 findings left
}
