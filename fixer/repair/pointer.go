package repair

import (
	"sort"
	"strconv"

	"github.com/ldfix/ldfix/fixer/jsonpos"
)

// pointers fills the JSON Pointer of every finding: the deepest value or
// key of the repaired text that holds the finding's first edit. A report
// can then say which property a repair touched. It parses the repaired text
// once; a text that does not parse (it always should) leaves pointers empty.
func (r *repairer) pointers(text []byte, firstEdit []int) []string {
	out := make([]string, len(firstEdit))
	doc, err := jsonpos.Parse(text)
	if err != nil {
		return out
	}
	for i, at := range firstEdit {
		if at >= 0 {
			out[i] = pointerAt(doc.Root, at)
		}
	}
	return out
}

// pointerAt descends from n to the deepest member or element whose key or
// value spans offset off.
func pointerAt(n *jsonpos.Node, off int) string {
	ptr := ""
	for n != nil && (n.Kind == jsonpos.Object || n.Kind == jsonpos.Array) {
		kids := n.Children
		// The last child starting at or before off.
		i := sort.Search(len(kids), func(i int) bool { return childStart(kids[i]) > off }) - 1
		if i < 0 || off >= kids[i].Span.End {
			break
		}
		if n.Kind == jsonpos.Object {
			ptr = jsonpos.Join(ptr, kids[i].Key)
		} else {
			ptr += "/" + strconv.Itoa(i)
		}
		n = kids[i]
	}
	return ptr
}

func childStart(n *jsonpos.Node) int {
	if n.KeySpan.End > 0 {
		return n.KeySpan.Start
	}
	return n.Span.Start
}
