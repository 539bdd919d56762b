package fixer_test

import (
	"bytes"
	"fmt"

	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/source"
)

func ExampleFix() {
	page := `<p>Intro</p>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "Organization", "name": "Example",}
</script>`
	f := source.New("page.html", []byte(page))
	res := fixer.Fix(f, fixer.Options{})
	for _, d := range res.Diagnostics {
		p := f.Position(d.Span.Start)
		fmt.Printf("%s:%d:%d: %s [%s]\n", f.Name, p.Line, p.Column, d.Message, d.Rule)
	}
	fmt.Printf("block 0: %s\n", bytes.TrimSpace(res.Blocks[0].Repaired))
	fmt.Printf("changed: %v\n%s\n", res.Changed, res.Output)
	// Output:
	// page.html:3:78: trailing comma before "}" [J020]
	// block 0: {"@context": "https://schema.org", "@type": "Organization", "name": "Example"}
	// changed: true
	// <p>Intro</p>
	// <script type="application/ld+json">
	// {"@context": "https://schema.org", "@type": "Organization", "name": "Example"}
	// </script>
}
