package check

import (
	"testing"
)

func TestChanged(t *testing.T) {
	for _, tc := range []struct{ old, fixed, span, text string }{
		{`{"a": 1,}`, `{"a": 1}`, `,`, ``},
		{`“a”`, `"a"`, `“a”`, `"a"`},
		{`x“é”`, `x"é"`, `“é”`, `"é"`},                   // widened to whole characters at both ends
		{`é,é`, `éé`, `,`, ``},                           // a common multi-byte start and end stay outside
		{`ab`, `ab`, ``, ``},                             // no change
		{`{"a":1}`, `{"a":1}</script>`, ``, `</script>`}, // an insertion at the end
	} {
		c := changed([]byte(tc.old), []byte(tc.fixed))
		if got := tc.old[c.Span.Start:c.Span.End]; got != tc.span || string(c.Text) != tc.text {
			t.Errorf("changed(%q, %q) replaces %q by %q, want %q by %q", tc.old, tc.fixed, got, c.Text, tc.span, tc.text)
		}
	}
}
