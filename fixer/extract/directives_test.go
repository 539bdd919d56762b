package extract

import (
	"testing"

	"github.com/ldfix/ldfix/fixer/source"
)

// TestScanDirectives: the pass that finds the blocks also finds the
// comments addressed to ldfix, and only real comments: the same text in a
// script or in a JSON document is not one.
func TestScanDirectives(t *testing.T) {
	for _, tc := range []struct {
		page string
		want []string
	}{
		{"<p>x</p>", nil},
		{"<!-- ldfix-ignore V011 why -->\n<script type=application/ld+json>{}</script><!--ldfix-ignore-file G x--><!-- other -->",
			[]string{"<!-- ldfix-ignore V011 why -->", "<!--ldfix-ignore-file G x-->"}},
		{"<script>document.write('<!-- ldfix-ignore V011 why -->')</script>", nil},
		{"<!--\n\tldfix-ignore J reason --><!-- not ldfix-ignore -->", []string{"<!--\n\tldfix-ignore J reason -->"}},
		{`{"a": "<!-- ldfix-ignore J reason -->"}`, nil},
	} {
		p := Scan(source.New("page.html", []byte(tc.page)))
		var got []string
		for _, d := range p.Directives {
			got = append(got, tc.page[d.Start:d.End])
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q: directives %q, want %q", tc.page, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: directives %q, want %q", tc.page, got, tc.want)
			}
		}
	}
}
