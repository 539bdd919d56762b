package jsonpos

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestDuplicatesInLargeObjects crosses the size at which the parser
// switches from looking back over the members to a map.
func TestDuplicatesInLargeObjects(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"list": [0, {`)
	for i := range 40 {
		if i > 0 {
			b.WriteString(", ")
		}
		key := fmt.Sprintf("k%d", i)
		switch i {
		case 20, 30:
			key = "k3" // repeats a key of the small phase, twice
		case 35:
			key = "k25" // repeats a key of the large phase
		}
		fmt.Fprintf(&b, "%q: %d", key, i)
	}
	b.WriteString(`}]}`)
	in := b.String()
	doc, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	first := func(key string) int { return strings.Index(in, `"`+key+`"`) }
	want := []struct {
		key   string
		first int
	}{{"k3", first("k3")}, {"k3", first("k3")}, {"k25", first("k25")}}
	if len(doc.Duplicates) != len(want) {
		t.Fatalf("got %d duplicates, want %d: %+v", len(doc.Duplicates), len(want), doc.Duplicates)
	}
	for i, w := range want {
		d := doc.Duplicates[i]
		if d.Key != w.key || d.First.Start != w.first || d.Pointer != "/list/1" || d.Second.Start <= d.First.Start {
			t.Errorf("duplicate %d = %+v, want key %q first at %d in /list/1", i, d, w.key, w.first)
		}
	}
}

// FuzzParse: on valid JSON the value is encoding/json's, and the
// duplicates are exactly the repeated keys, each naming the first
// occurrence in its object; on invalid JSON, a positioned error.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"a":1,"a":2}`, `[{"x":"é\u00e9","x":null}]`, `"\ud83d\ude00"`, "\"\xff\xfe\"",
		`{"a":{"b":[1,{"c":2,"c":3}]}}`, `{"~/":1,"~/":2}`, `[1, 2.5e3, -0, true, false, null]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse(data)
		if !json.Valid(data) {
			if err == nil {
				t.Fatalf("Parse accepted invalid JSON %q", data)
			}
			if se, ok := err.(*SyntaxError); !ok || se.Offset < 0 || se.Offset > len(data) {
				t.Fatalf("error %v is not positioned inside the input", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Parse(%q): %v", data, err)
		}
		var want any
		d := json.NewDecoder(bytes.NewReader(data))
		// encoding/json refuses numbers out of float64's range, which the
		// parser keeps as ±Inf; only the values are not compared then.
		if err := d.Decode(&want); err == nil && !reflect.DeepEqual(doc.Value, want) {
			t.Fatalf("Parse(%q) = %#v, want %#v", data, doc.Value, want)
		}
		if got, want := len(doc.Duplicates), countDuplicates(doc.Root); got != want {
			t.Fatalf("%d duplicates reported, %d in the tree", got, want)
		}
		for _, dup := range doc.Duplicates {
			obj, ok := doc.Lookup(dup.Pointer)
			if !ok || obj.Kind != Object {
				t.Fatalf("duplicate pointer %q names no object", dup.Pointer)
			}
			for _, c := range obj.Children {
				if c.Key == dup.Key {
					if c.KeySpan != dup.First {
						t.Fatalf("duplicate %q: first at %v, but the first member is at %v", dup.Key, dup.First, c.KeySpan)
					}
					break
				}
			}
		}
	})
}

// countDuplicates counts members whose key an earlier member of the same
// object has, over the whole tree.
func countDuplicates(n *Node) int {
	count := 0
	seen := map[string]bool{}
	for _, c := range n.Children {
		if n.Kind == Object {
			if seen[c.Key] {
				count++
			}
			seen[c.Key] = true
		}
		count += countDuplicates(c)
	}
	return count
}
