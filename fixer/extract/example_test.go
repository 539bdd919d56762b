package extract_test

import (
	"fmt"

	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/source"
)

func ExampleBlocks() {
	page := `<html><head>
<script type="application/ld+json">{"@type": "Organization", "name": "Example"}</script>
<!-- <script type="application/ld+json">{"@type": "Thing"}</script> -->
</head></html>`
	f := source.New("page.html", []byte(page))
	blocks, diags := extract.Blocks(f)
	for _, b := range blocks {
		p := f.Position(b.Span.Start)
		fmt.Printf("block %d at %d:%d: %s\n", b.Index, p.Line, p.Column, f.Text(b.Span))
	}
	for _, d := range diags {
		p := f.Position(d.Span.Start)
		fmt.Printf("%d:%d: %s [%s]\n", p.Line, p.Column, d.Message, d.Rule)
	}
	// Output:
	// block 0 at 2:36: {"@type": "Organization", "name": "Example"}
	// 3:6: JSON-LD script inside an HTML comment is not markup and was skipped [X005]
}
