package jsonpos_test

import (
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/jsonpos"
)

// pointerAt is what PointersAt must give: Parse, then a descent to the
// deepest member or element whose key or value spans off.
func pointerAt(n *jsonpos.Node, off int) string {
	ptr := ""
	for n != nil && (n.Kind == jsonpos.Object || n.Kind == jsonpos.Array) {
		kids := n.Children
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

// TestPointersAtMatchesTree: on every offset of hand-made documents and on
// random offsets of the corpus blocks, the one-pass answer is the tree's.
func TestPointersAtMatchesTree(t *testing.T) {
	docs := []string{
		`{}`, `[]`, `"x"`, ` 1 `, `{"a":1}`, ` { "a" : [ 1 , {"b" : null} ] , "a" : true } `,
		`{"a/b~c":{"é\u00e9\"":[[],[{}],"s\\"]}}`, `[{"@graph":[{"@id":"#x","n":-1.5e3},{"@type":["A","B"]}]}]`,
	}
	for _, d := range docs {
		offs := make([]int, len(d)+2)
		for i := range offs {
			offs[i] = i - 1
		}
		check(t, []byte(d), offs)
	}
	if testing.Short() {
		return
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, b := range corpusBlocks(t) {
		offs := make([]int, 50)
		for i := range offs {
			offs[i] = rng.IntN(len(b) + 1)
		}
		check(t, b, offs)
	}
}

func check(t *testing.T, data []byte, offs []int) {
	t.Helper()
	doc, err := jsonpos.Parse(data)
	if err != nil {
		t.Fatalf("%.80s: %v", data, err)
	}
	got := jsonpos.PointersAt(data, offs)
	for i, off := range offs {
		want := ""
		if off >= 0 {
			want = pointerAt(doc.Root, off)
		}
		if got[i] != want {
			t.Errorf("%.80s at %d: %q, want %q", data, off, got[i], want)
		}
	}
}

// TestPointersAtInvalid: text that is not strict JSON gives empty pointers
// and no panic.
func TestPointersAtInvalid(t *testing.T) {
	for _, d := range []string{``, `{`, `{"a":}`, `[1,]`, `"`, `{"a":1}x`} {
		for _, p := range jsonpos.PointersAt([]byte(d), []int{0, 1, 2}) {
			if p != "" {
				t.Errorf("%q: pointer %q", d, p)
			}
		}
	}
}

// TestCheckDepth: Check refuses what Parse refuses at the nesting limit,
// scalars and empty containers included.
func TestCheckDepth(t *testing.T) {
	for _, n := range []int{jsonpos.MaxDepth - 1, jsonpos.MaxDepth, jsonpos.MaxDepth + 1} {
		for _, inner := range []string{"", "1", "[]", `{"a":1}`, `{}`} {
			d := []byte(strings.Repeat("[", n) + inner + strings.Repeat("]", n))
			_, perr := jsonpos.Parse(d)
			if cerr := jsonpos.Check(d); (cerr == nil) != (perr == nil) {
				t.Errorf("depth %d around %q: Check %v, Parse %v", n, inner, cerr, perr)
			}
		}
	}
}
