package schema

import (
	"testing"

	"github.com/ldfix/ldfix/schema/vocab"
)

func TestSuggest(t *testing.T) {
	v, err := vocab.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	isClass := func(t *vocab.Term) bool { return t.Kind == vocab.Class }
	isProp := func(t *vocab.Term) bool { return t.Kind == vocab.Property }
	isMember := func(t *vocab.Term) bool { return v.MemberOf(t.Name, "ItemAvailability") }
	tests := []struct {
		name string
		ok   func(*vocab.Term) bool
		want string
	}{
		{"NewsArticel", isClass, "NewsArticle"},
		{"newsArticle", isClass, "NewsArticle"},
		{"Organisation", isClass, "Organization"},
		{"Webpage", isClass, "WebPage"},
		{"datePublised", isProp, "datePublished"},
		{"datemodified", isProp, "dateModified"},
		{"thumbnailURL", isProp, "thumbnailUrl"},
		{"In Stock", isMember, "InStock"},
		{"out_of_stock", isMember, "OutOfStock"},
		{"Xyzzy", isClass, ""},
		{"ab", isProp, ""},
		{"", isProp, ""},
	}
	for _, tt := range tests {
		if got := suggest(v, tt.name, tt.ok); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"abc", "acb", 1}, {"kitten", "sitting", 3}, {"a", "", 1}, {"datepublised", "datepublished", 1},
	} {
		if got := new(distancer).distance([]rune(tt.a), []rune(tt.b), 10); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	if got := new(distancer).distance([]rune("abcdef"), []rune("uvwxyz"), 2); got != 2 {
		t.Errorf("distance with limit 2 = %d, want 2", got)
	}
}

// TestSuggestMatchesPlainScan holds suggest's shortcuts (length and
// character bounds, early exits) to the answer of a plain scan that
// computes every distance in full, on misspellings made from vocabulary
// names by deleting, doubling, swapping or replacing one character.
func TestSuggestMatchesPlainScan(t *testing.T) {
	v, err := vocab.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	isProp := func(t *vocab.Term) bool { return t.Kind == vocab.Property }
	names := v.Names()
	for i := 0; i < len(names); i += 19 {
		n := names[i]
		for _, typo := range typos(n) {
			if got, want := suggest(v, typo, isProp), plainSuggest(v, typo, isProp); got != want {
				t.Errorf("suggest(%q) = %q, a plain scan gives %q", typo, got, want)
			}
		}
	}
}

func typos(s string) []string {
	r := []rune(s)
	if len(r) < 3 {
		return nil
	}
	k := len(r) / 2
	return []string{
		string(r[:k]) + string(r[k+1:]),                                   // deleted
		string(r[:k+1]) + string(r[k:]),                                   // doubled
		string(r[:k-1]) + string(r[k]) + string(r[k-1]) + string(r[k+1:]), // swapped
		string(r[:k]) + "q" + string(r[k+1:]),                             // replaced
		s + "x9",
	}
}

// plainSuggest is suggest without shortcuts: the fold match, then the
// first name with the least distance within the limit.
func plainSuggest(v *vocab.Vocab, name string, ok func(*vocab.Term) bool) string {
	if n := foldMatch(v, name, ok); n != "" {
		return n
	}
	key := squash(name)
	if key == "" {
		return ""
	}
	best, bestDist := "", distanceLimit(key)+1
	var d distancer
	for _, e := range squashedNames(v) {
		if !ok(e.term) {
			continue
		}
		if e.squashed == key {
			return e.name
		}
		if dist := d.distance([]rune(key), e.runes, 100); dist < bestDist {
			best, bestDist = e.name, dist
		}
	}
	return best
}
