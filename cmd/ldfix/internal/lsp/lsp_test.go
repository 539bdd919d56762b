package lsp

import (
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

func TestPositions(t *testing.T) {
	// "é" is two bytes and one UTF-16 unit; "𝄞" is four bytes and two.
	text := []byte("ab\né𝄞x\r\nlast")
	l := newLines(text)
	for _, tc := range []struct {
		off       int
		line, col protocol.UInteger
	}{
		{0, 0, 0}, {2, 0, 2}, {3, 1, 0}, {5, 1, 1}, {9, 1, 3}, {10, 1, 4}, {12, 2, 0}, {16, 2, 4},
	} {
		p := l.position(tc.off)
		if p.Line != tc.line || p.Character != tc.col {
			t.Errorf("position(%d) = %d:%d, want %d:%d", tc.off, p.Line, p.Character, tc.line, tc.col)
		}
		if got := l.offset(p); got != tc.off {
			t.Errorf("offset(%d:%d) = %d, want %d", p.Line, p.Character, got, tc.off)
		}
	}
	// Past the end of a line is its end, before the line break.
	if got := l.offset(protocol.Position{Line: 1, Character: 99}); got != 10 {
		t.Errorf("offset past line end = %d, want 10", got)
	}
	if got := l.offset(protocol.Position{Line: 9}); got != len(text) {
		t.Errorf("offset past the last line = %d, want %d", got, len(text))
	}
}

func TestTermAt(t *testing.T) {
	page := `<p>"headline": no</p><script type="application/ld+json">
{"headline": "x", "author": {"name": "A", "@type": "https://schema.org/Person"}, "@type": ["schema:Article"],
 "broken": "open
`
	for _, tc := range []struct {
		at, name string
		isType   bool
		types    string
	}{
		{`headline": "x`, "headline", false, "Article"},
		{`name": "A`, "name", false, "Person"},
		{`schema:Article`, "Article", true, ""},
		{`https://schema.org/Person"`, "Person", true, ""},
		{`broken`, "broken", false, "Article"},
	} {
		off := strings.Index(page, tc.at) + 1
		got, ok := termAt([]byte(page), off)
		if !ok || got.name != tc.name || got.isType != tc.isType || (!tc.isType && strings.Join(got.types, ",") != tc.types) {
			t.Errorf("termAt(%q) = %+v, %v; want %s (type %v) on %s", tc.at, got, ok, tc.name, tc.isType, tc.types)
		}
	}
	for _, at := range []string{`"headline": no`, `"x"`, `<script`} {
		if got, ok := termAt([]byte(page), strings.Index(page, at)+1); ok {
			t.Errorf("termAt(%q) = %+v, want nothing", at, got)
		}
	}
}

func TestWholeFixIsMinimal(t *testing.T) {
	before := []byte("é{\"a\": 1,}\n")
	after := []byte("é{\"a\": 1}\n")
	a := wholeFix("file:///x", "fix", before, after, true)
	edits := a.Edit.Changes["file:///x"]
	if len(edits) != 1 || edits[0].NewText != "" || edits[0].Range.Start.Character != 8 || edits[0].Range.End.Character != 9 {
		t.Errorf("wholeFix edits = %+v, want the comma alone deleted", edits)
	}
}

func TestDescribe(t *testing.T) {
	v, sh := knowledge()
	if v == nil || sh == nil {
		t.Fatal("embedded vocabulary or shapes did not load")
	}
	for _, tc := range []struct {
		t    term
		want []string
	}{
		{term{name: "name", types: []string{"Product"}}, []string{"**name** · schema.org property", "The name of the item.", "**required** on `Product` for the [Product snippet]", "`Text`"}},
		{term{name: "Recipe", isType: true}, []string{"**Recipe** · schema.org type", "Subtype of `HowTo`", "[Recipe](https://developers.google.com/search/docs/appearance/structured-data/recipe)"}},
		{term{name: "review", types: []string{"Product"}}, []string{"one of `review`, `aggregateRating`, `offers`"}},
	} {
		got := describe(v, sh, tc.t)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("describe(%s) lacks %q:\n%s", tc.t.name, w, got)
			}
		}
	}
	if got := describe(v, sh, term{name: "noSuchTerm"}); got != "" {
		t.Errorf("describe of an unknown name = %q, want nothing", got)
	}
}
