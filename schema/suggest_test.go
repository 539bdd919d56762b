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
