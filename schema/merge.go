package schema

import (
	"reflect"
	"slices"
	"strings"

	"github.com/ldfix/ldfix/fixer/jsonpos"
)

// Google reads the JSON-LD, microdata and RDFa of a page as one graph:
// nodes with the same @id (itemid, resource) are one node, whichever
// syntax or block describes them ("Structured data general guidelines",
// and the Rich Results Test shows them merged). A required property given
// in another block for the same node is therefore not missing.
//
// merge makes that graph for the Google checks, which run after it on the
// blocks' decoded values: the first node of each @id that has a type
// takes the members the others add, and the others become references to
// it. A member taken from another block keeps its place there, so a
// finding on it points at the block (and syntax) that holds the value.

// redirect says that pointers under from, in the block that took a
// member, name the value at to in block blk.
type redirect struct {
	from string
	blk  *blockState
	to   string
}

// merge merges the nodes of each @id described in more than one block.
func (pg *page) merge() {
	for id, nodes := range pg.ids {
		group := slices.DeleteFunc(slices.Clone(nodes), func(n *node) bool {
			_, ok := n.obj.Value.(map[string]any)
			return !ok || n.blk.doc == nil || len(n.props) == 0 && len(n.types) == 0
		})
		if len(group) < 2 || !manyBlocks(group) {
			continue
		}
		slices.SortStableFunc(group, func(a, b *node) int { return a.blk.b.Index - b.blk.b.Index })
		primary := group[0]
		for _, n := range group {
			if len(n.types) > 0 {
				primary = n
				break
			}
		}
		into := primary.obj.Value.(map[string]any)
		for _, n := range group {
			if n == primary {
				continue
			}
			from := n.obj.Value.(map[string]any)
			for k, v := range from {
				if k == "@context" || k == "@id" {
					continue
				}
				if _, ok := into[k]; !ok && !reaches(v, into, 0) {
					into[k] = v
					pg.redirects[primary.blk] = append(pg.redirects[primary.blk], redirect{
						from: jsonpos.Join(primary.ptr, k), blk: n.blk, to: jsonpos.Join(n.ptr, k),
					})
				}
				if k != "@type" {
					delete(from, k)
				}
			}
		}
		if pg.merged == nil {
			pg.merged = map[string]map[string]any{}
		}
		pg.merged[id] = into
	}
}

// reaches reports whether v holds m: moving v into m would make a cycle,
// as when a node's own page refers back to it.
func reaches(v any, m map[string]any, depth int) bool {
	if depth > 64 {
		return true
	}
	switch x := v.(type) {
	case map[string]any:
		if sameMap(x, m) {
			return true
		}
		for _, e := range x {
			if reaches(e, m, depth+1) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if reaches(e, m, depth+1) {
				return true
			}
		}
	}
	return false
}

func sameMap(a, b map[string]any) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

func manyBlocks(nodes []*node) bool {
	for _, n := range nodes[1:] {
		if n.blk != nodes[0].blk {
			return true
		}
	}
	return false
}

// locate returns the block and span a Google finding's pointer names in
// the block bs checked: a member that merge took from another block is
// found there.
func (pg *page) locate(bs *blockState, ptr string) (*blockState, *jsonpos.Node, string) {
	for _, r := range pg.redirects[bs] {
		if ptr == r.from || strings.HasPrefix(ptr, r.from+"/") {
			to := r.to + ptr[len(r.from):]
			return r.blk, r.blk.doc.Nearest(to), to
		}
	}
	return bs, bs.doc.Nearest(ptr), ptr
}
