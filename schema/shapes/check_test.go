package shapes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
)

func parse(t testing.TB, s string) *jsonpos.Doc {
	t.Helper()
	doc, err := jsonpos.Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func messages(fs []Finding) string { return render(fs) }

// TestPointersResolve holds every finding of every golden case to a
// pointer that names a value of the block, so the schema package can place
// it on a line and column.
func TestPointersResolve(t *testing.T) {
	s := embedded(t)
	files, _ := filepath.Glob(filepath.Join(googleDir, "*.json"))
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc := parse(t, string(data))
		for _, f := range s.Check(doc, nil) {
			if _, ok := doc.Lookup(f.Pointer); !ok {
				t.Errorf("%s: pointer %q of %q names nothing", filepath.Base(path), f.Pointer, f.Message)
			}
			if f.Feature == "" || f.URL == "" || !strings.Contains(f.Message, f.Feature) {
				t.Errorf("%s: finding does not name and link its feature: %+v", filepath.Base(path), f)
			}
			if r, ok := diag.Lookup(f.Rule); !ok || !strings.HasPrefix(r.ID, "G") {
				t.Errorf("%s: unregistered rule %s", filepath.Base(path), f.Rule)
			}
		}
	}
}

// TestMessagesFollowStyle: one sentence, lower-case start, no final
// period (STYLE.md §4).
func TestMessagesFollowStyle(t *testing.T) {
	s := embedded(t)
	files, _ := filepath.Glob(filepath.Join(googleDir, "*.json"))
	for _, path := range files {
		for _, f := range checkFile(t, s, path) {
			m := f.Message
			if m == "" || strings.ToLower(m[:1]) != m[:1] || strings.HasSuffix(m, ".") || strings.Contains(m, "\n") {
				t.Errorf("message breaks the style guide: %q", m)
			}
		}
	}
}

func TestTypeSpellings(t *testing.T) {
	s := embedded(t)
	for _, typ := range []string{`"Recipe"`, `"https://schema.org/Recipe"`, `"http://schema.org/Recipe"`, `"schema:Recipe"`, `["Thing", "Recipe"]`} {
		fs := s.Check(parse(t, `{"@type": `+typ+`, "image": "https://example.com/a.jpg"}`), nil)
		if !strings.Contains(messages(fs), `required property "name" is missing on type "Recipe"`) {
			t.Errorf("@type %s was not recognised as Recipe:\n%s", typ, messages(fs))
		}
	}
}

func TestGraphMembersAreTopLevel(t *testing.T) {
	s := embedded(t)
	fs := s.Check(parse(t, `{"@context": "https://schema.org", "@graph": [
		{"@type": "WebPage", "name": "x"},
		{"@type": "Organization", "name": "Example", "url": "ftp://example.com"}
	]}`), nil)
	if !strings.Contains(messages(fs), `#/@graph/1/url: property "url" on type "Organization"`) {
		t.Errorf("an @graph Organization was not checked as a top-level item:\n%s", messages(fs))
	}
}

// TestReferencesResolve: a property given as {"@id": …} counts as present,
// whether the node is in the same block or another block of the page.
func TestReferencesResolve(t *testing.T) {
	s := embedded(t)
	review := `{"@type": "Review", "author": {"@type": "Person", "name": "Ann"}, "datePublished": "2024-01-01",
		"reviewRating": {"@type": "Rating", "ratingValue": 4, "bestRating": 5, "worstRating": 1},
		"itemReviewed": {"@id": "#book"}}`
	sameBlock := `[` + review + `, {"@type": "Book", "@id": "#book", "name": "Dune"}]`
	if fs := s.Check(parse(t, sameBlock), nil); hasFinding(fs, "Review snippet", diag.Error, "") {
		t.Errorf("a reference within the block was not resolved:\n%s", messages(fs))
	}
	resolve := func(id string) map[string]any {
		if id == "#book" {
			return map[string]any{"@type": "Book", "@id": "#book", "name": "Dune"}
		}
		return nil
	}
	if fs := s.Check(parse(t, review), resolve); hasFinding(fs, "Review snippet", diag.Error, "") {
		t.Errorf("a reference to another block was not resolved:\n%s", messages(fs))
	}
	unresolved := s.Check(parse(t, review), nil)
	if !strings.Contains(messages(unresolved), `"itemReviewed.name"`) {
		t.Errorf("an unresolvable reference hid the missing name:\n%s", messages(unresolved))
	}
}

// TestReferenceCyclesEnd: nodes that name each other must not hang.
func TestReferenceCyclesEnd(t *testing.T) {
	s := embedded(t)
	doc := parse(t, `[{"@type": "Review", "@id": "#a", "itemReviewed": {"@id": "#b"}},
		{"@type": "Book", "@id": "#b", "review": {"@id": "#a"}, "name": "x", "author": {"@id": "#a"}}]`)
	resolve := func(id string) map[string]any { return map[string]any{"@id": id, "sameAs": map[string]any{"@id": id}} }
	_ = s.Check(doc, resolve)
}

func TestConditions(t *testing.T) {
	s := embedded(t)
	// A Review nested in its item needs no itemReviewed; a top-level one does.
	nested := `{"@type": "Product", "name": "Kettle", "review": {"@type": "Review", "author": {"@type": "Person", "name": "Ann"},
		"datePublished": "2024-01-01", "reviewRating": {"@type": "Rating", "ratingValue": 4, "bestRating": 5, "worstRating": 1}}}`
	if strings.Contains(messages(s.Check(parse(t, nested), nil)), `"itemReviewed"`) {
		t.Error("a nested Review was asked for itemReviewed")
	}
	top := `{"@type": "Review", "author": {"@type": "Person", "name": "Ann"}, "datePublished": "2024-01-01",
		"reviewRating": {"@type": "Rating", "ratingValue": 4, "bestRating": 5, "worstRating": 1}}`
	if !strings.Contains(messages(s.Check(parse(t, top), nil)), `required property "itemReviewed" is missing`) {
		t.Error("a top-level Review without itemReviewed passed")
	}
	// Only the last breadcrumb may omit item.
	crumbs := `{"@type": "BreadcrumbList", "itemListElement": [
		{"@type": "ListItem", "position": 1, "name": "A"},
		{"@type": "ListItem", "position": 2, "name": "B"}]}`
	fs := s.Check(parse(t, crumbs), nil)
	if got := messages(fs); !strings.Contains(got, `#/itemListElement/0: required property "item"`) || strings.Contains(got, `#/itemListElement/1: required property "item"`) {
		t.Errorf("breadcrumb item rule:\n%s", got)
	}
}

// TestRetiredIsInfoOnly: a page of retired markup earns information, not
// errors, from the retired feature.
func TestRetiredIsInfoOnly(t *testing.T) {
	s := embedded(t)
	fs := s.Check(parse(t, `{"@type": "FAQPage", "mainEntity": {"@type": "Question"}}`), nil)
	if len(fs) != 1 || fs[0].Severity != diag.Info || !strings.Contains(fs[0].Message, "no longer shows since 2026-05-07") {
		t.Errorf("FAQ page:\n%s", messages(fs))
	}
}

func TestBadInputDoesNotPanic(t *testing.T) {
	s := embedded(t)
	for _, in := range []string{`null`, `3`, `"x"`, `[]`, `{}`, `[[{"@type": "Recipe"}]]`, `{"@type": 3}`, `{"@type": ["Recipe", null, {}]}`,
		`{"@type": "Recipe", "image": {"@value": "https://example.com/a.jpg"}, "name": {"@value": "x", "@language": "en"}}`} {
		_ = s.Check(parse(t, in), nil)
	}
	if fs := (*Set)(nil).Check(parse(t, `{}`), nil); fs != nil {
		t.Error("a nil set reported findings")
	}
}

func TestRatingWithinBestAndWorst(t *testing.T) {
	s := embedded(t)
	cases := []struct {
		rating string
		want   string
	}{
		{`"ratingValue": 4`, ""},
		{`"ratingValue": 6`, `is 6, expected a rating from 1 to 5`},
		{`"ratingValue": "88", "bestRating": 100, "worstRating": 1`, ""},
		{`"ratingValue": 0, "bestRating": 10, "worstRating": 1`, `is 0, expected a rating from 1 to 10`},
		{`"ratingValue": "60%"`, ""},
	}
	for _, c := range cases {
		doc := parse(t, `{"@type": "Review", "itemReviewed": {"@type": "Book", "name": "Dune"}, "author": {"@type": "Person", "name": "Ann"},
			"reviewRating": {"@type": "Rating", `+c.rating+`}}`)
		got := messages(s.Check(doc, nil))
		if c.want == "" && strings.Contains(got, "expected a rating from") || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s: want %q in:\n%s", c.rating, c.want, got)
		}
	}
}

// TestConcurrentChecks: a Set is shared by the validator's workers.
func TestConcurrentChecks(t *testing.T) {
	s := embedded(t)
	files, _ := filepath.Glob(filepath.Join(googleDir, "*.json"))
	want := map[string]string{}
	for _, p := range files {
		want[p] = render(checkFile(t, s, p))
	}
	done := make(chan struct{})
	for i := 0; i < 4; i++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for _, p := range files {
				data, _ := os.ReadFile(p)
				doc, _ := jsonpos.Parse(data)
				if got := render(s.Check(doc, nil)); got != want[p] {
					t.Errorf("%s: concurrent check differs", p)
				}
			}
		}()
	}
	for i := 0; i < 4; i++ {
		<-done
	}
}
