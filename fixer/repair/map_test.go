package repair_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/repair"
)

// TestMapPutsValuesBack checks that the offset map carries every key and
// value of the repaired seed block back onto the same text in the input, so
// later findings land on the right line and column.
func TestMapPutsValuesBack(t *testing.T) {
	in, err := os.ReadFile("../../testdata/repair/mixed-seed.json")
	if err != nil {
		t.Fatal(err)
	}
	res := repair.Text(in, repair.Options{})
	doc, err := jsonpos.Parse(res.Text)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *jsonpos.Node)
	walk = func(n *jsonpos.Node) {
		for _, c := range n.Children {
			if c.Key != "" {
				// The key's first letter sits after its opening quote in
				// both texts.
				src := res.Map.Offset(c.KeySpan.Start + 1)
				if !bytes.HasPrefix(in[src:], []byte(c.Key)) {
					t.Errorf("key %q maps to %q", c.Key, clipped(in[src:min(len(in), src+20)]))
				}
			}
			if c.Kind == jsonpos.String {
				s := c.Value.(string)
				src := res.Map.Offset(c.Span.Start + 1)
				if s != "" && !bytes.HasPrefix(in[src:], []byte(s[:1])) {
					t.Errorf("value %q maps to %q", s, clipped(in[src:min(len(in), src+20)]))
				}
			}
			walk(c)
		}
	}
	walk(doc.Root)
}
