package schema_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
	"github.com/ldfix/ldfix/schema"
)

func TestNewOptions(t *testing.T) {
	if _, err := schema.New(schema.Options{Profile: "bing"}); err == nil {
		t.Error("an unknown profile was accepted")
	}
	if _, err := schema.New(schema.Options{VocabFile: filepath.Join(t.TempDir(), "missing.jsonld")}); err == nil {
		t.Error("a missing vocabulary file was accepted")
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonld")
	if err := os.WriteFile(bad, []byte(`{"@graph": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := schema.New(schema.Options{VocabFile: bad}); err == nil {
		t.Error("a malformed vocabulary file was accepted")
	}
}

// TestVocabFile uses a release file named at run time (--vocab): the
// "current" release has no attic terms, so an attic type becomes unknown.
func TestVocabFile(t *testing.T) {
	file := filepath.Join(sharedtest.Dir(t, "schemaorg"), "schemaorg-current-https.jsonld")
	v := newValidator(t, schema.Options{Profile: schema.ProfileSchemaOrg, VocabFile: file})
	if v.Vocab().Term("StupidType") != nil || v.Vocab().Term("NewsArticle") == nil {
		t.Fatal("vocabulary not read from the file")
	}
	_, ds := wholeFile(v, "a.jsonld", []byte(`{"@context": "https://schema.org", "@type": "StupidType"}`))
	if len(ds) != 1 || ds[0].Rule != "V010" {
		t.Errorf("got %v, want one V010", ds)
	}
}

// TestOpaque: a template placeholder of unknown type is not checked by
// type or format, while the same value elsewhere is.
func TestOpaque(t *testing.T) {
	v := newValidator(t, schema.Options{Profile: schema.ProfileSchemaOrg})
	text := []byte(`{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "__TPL_1__", "dateModified": "__TPL_2__"}`)
	start := strings.Index(string(text), `"__TPL_1__"`)
	// The block sits at byte 100 of its file.
	b := schema.Block{Text: text, Map: (&source.OffsetMap{}).Shifted(100),
		Opaque: []source.Span{{Start: 100 + start, End: 100 + start + len(`"__TPL_1__"`)}}}
	ds := v.Validate([]schema.Block{b})
	if len(ds) != 1 || ds[0].Pointer != "/dateModified" || ds[0].Rule != "V014" {
		t.Fatalf("got %+v, want one V014 at /dateModified", ds)
	}
	if want := 100 + strings.Index(string(text), `"__TPL_2__"`); ds[0].Span.Start != want {
		t.Errorf("span starts at %d, want %d (file coordinates)", ds[0].Span.Start, want)
	}
}

// TestOpaqueGoogle: Google's value checks skip a placeholder too, and a
// node whose @type is a placeholder is not range-checked, while its own
// properties still are.
func TestOpaqueGoogle(t *testing.T) {
	v := newValidator(t, schema.Options{Profile: schema.ProfileAll})
	text := []byte(`{"@context": "https://schema.org", "@type": "WebPage", "breadcrumb": {"@type": "BreadcrumbList", "itemListElement": [` +
		`{"@type": "ListItem", "position": 1, "name": "Home", "item": "__TPL_URL__"},` +
		`{"@type": "ListItem", "position": 2, "name": "News", "item": "https://example.com/news"}]},` +
		`"about": {"@type": "__TPL_TYPE__", "name": "x"}}`)
	hole := func(s string) source.Span {
		i := strings.Index(string(text), s)
		return source.Span{Start: i - 1, End: i + len(s) + 1}
	}
	b := schema.Block{Text: text, Opaque: []source.Span{hole("__TPL_URL__"), hole("__TPL_TYPE__")}}
	for _, d := range v.Validate([]schema.Block{b}) {
		if d.Pointer == "/breadcrumb/itemListElement/0/item" || strings.HasPrefix(d.Pointer, "/about") {
			t.Errorf("finding on a placeholder: %s %s %s", d.Rule, d.Pointer, d.Message)
		}
	}
	b.Opaque = nil
	var onURL, onType bool
	for _, d := range v.Validate([]schema.Block{b}) {
		onURL = onURL || d.Pointer == "/breadcrumb/itemListElement/0/item"
		onType = onType || strings.HasPrefix(d.Pointer, "/about")
	}
	if !onURL || !onType {
		t.Errorf("without placeholders the same values must be reported (url %v, type %v)", onURL, onType)
	}
}

// TestRepairedBlockSpans: findings in a repaired block are mapped back to
// the original file through the block's offset map.
func TestRepairedBlockSpans(t *testing.T) {
	v := newValidator(t, schema.Options{Profile: schema.ProfileSchemaOrg})
	// The original had a curly quote the repair replaced with 3 bytes → 1.
	orig := "xx{\"@context\": \"https://schema.org\", \"@type\": \u201cPersn\"}"
	repaired := []byte(`{"@context": "https://schema.org", "@type": "Persn"}`)
	at := strings.Index(orig, "\u201c")
	m := source.NewOffsetMap([]source.Replacement{{Span: source.Span{Start: at - 2, End: at - 2 + 3}, NewLen: 1}}).Shifted(2)
	ds := v.Validate([]schema.Block{{Text: repaired, Map: m}})
	if len(ds) != 1 || ds[0].Rule != "V010" {
		t.Fatalf("got %+v", ds)
	}
	if got := orig[ds[0].Span.Start:ds[0].Span.End]; got != "\u201cPersn\"" {
		t.Errorf("span covers %q in the file", got)
	}
}

// TestConcurrent validates pages from many goroutines at once (run with
// -race): Validator promises to be safe for concurrent use.
func TestConcurrent(t *testing.T) {
	v := newValidator(t, schema.Options{})
	inputs := goldenInputs(t)
	want := map[string]string{}
	for _, in := range inputs {
		f, ds := validateFile(t, v, in)
		want[in] = render(f, ds)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, in := range inputs {
				f, ds := validateFile(t, v, in)
				if got := render(f, ds); got != want[in] {
					t.Errorf("%s: concurrent result differs", in)
				}
			}
		}()
	}
	wg.Wait()
}

// TestBlocksTogether: the order of blocks does not change the findings,
// and references resolve in either direction.
func TestBlocksTogether(t *testing.T) {
	v := newValidator(t, schema.Options{Profile: schema.ProfileSchemaOrg})
	a := schema.Block{Index: 0, Text: []byte(`{"@context": "https://schema.org", "@type": "Article", "headline": "A", "isPartOf": {"@id": "#p"}}`)}
	b := schema.Block{Index: 1, Text: []byte(`{"@context": "https://schema.org", "@type": "Person", "@id": "#p", "name": "P"}`)}
	ab := v.Validate([]schema.Block{a, b})
	ba := v.Validate([]schema.Block{b, a})
	if len(ab) != 1 || ab[0].Rule != "V013" || len(ba) != 1 || ba[0].Rule != "V013" {
		t.Errorf("got %v and %v, want one V013 each", ab, ba)
	}
	if diag.Max(v.Validate([]schema.Block{a})) != 0 {
		t.Error("an unresolved reference must not be a finding")
	}
}

func TestEmptyAndScalarBlocks(t *testing.T) {
	v := newValidator(t, schema.Options{})
	for _, text := range []string{`false`, `null`, `[]`, `{}`, `"text"`, `[1, 2]`, `{"@context": "https://schema.org"}`} {
		ds := v.Validate([]schema.Block{{Text: []byte(text)}})
		if diag.Max(ds) >= diag.Error {
			t.Errorf("%s: %v", text, ds)
		}
	}
	if ds := v.Validate(nil); len(ds) != 0 {
		t.Errorf("no blocks gave %v", ds)
	}
}
