package ldctx_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/ldfix/ldfix/schema/ldctx"
	"github.com/piprate/json-gold/ld"
)

func TestIsSchemaOrg(t *testing.T) {
	yes := []string{
		"https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/",
		"https://www.schema.org", "http://www.schema.org/", "HTTPS://Schema.org/",
		"https://schema.org/docs/jsonldcontext.json", "https://schema.org/docs/jsonldcontext.jsonld",
		"http://schema.org/docs/jsonldcontext.json.txt", "http://health-lifesci.schema.org/",
		"https://pending.schema.org", " https://schema.org ",
	}
	no := []string{
		"", "schema.org", "https://schema.org/Person", "https://schema.org.evil.com/",
		"https://notschema.org/", "https://schema.org:8080/", "ftp://schema.org/",
		"https://www.w3.org/2018/credentials/v1", "https://schema.org/?q=1", "https://user@schema.org/",
		"https://example.com/context.jsonld", "https://schema.org/docs/other.json",
	}
	for _, u := range yes {
		if !ldctx.IsSchemaOrg(u) {
			t.Errorf("IsSchemaOrg(%q) = false, want true", u)
		}
	}
	for _, u := range no {
		if ldctx.IsSchemaOrg(u) {
			t.Errorf("IsSchemaOrg(%q) = true, want false", u)
		}
	}
}

func TestLoaderServesSchemaOrg(t *testing.T) {
	rd, err := ldctx.Loader{}.LoadDocument("http://schema.org")
	if err != nil {
		t.Fatal(err)
	}
	m, ok := rd.Document.(map[string]any)
	if !ok {
		t.Fatalf("document is %T, want an object", rd.Document)
	}
	ctx, ok := m["@context"].(map[string]any)
	if !ok || ctx["@vocab"] != "http://schema.org/" || ctx["Person"] == nil {
		t.Errorf("served document is not the schema.org context")
	}
}

func TestLoaderRefusesOthers(t *testing.T) {
	for _, u := range []string{"https://example.com/ctx", "http://127.0.0.1:1/", "https://www.w3.org/ns/activitystreams"} {
		_, err := ldctx.Loader{}.LoadDocument(u)
		var refused *ldctx.RefusedError
		if !errors.As(err, &refused) || refused.URL != u {
			t.Errorf("LoadDocument(%q) error = %v, want a RefusedError", u, err)
		}
	}
}

// TestExpandOffline expands a document through json-gold with the offline
// loader for each context spelling; an HTTP fetch would fail in tests.
func TestExpandOffline(t *testing.T) {
	for _, c := range []any{"https://schema.org", "http://www.schema.org/", []any{"https://schema.org/docs/jsonldcontext.json"}} {
		doc := map[string]any{"@context": c, "@type": "Person", "name": "Ada"}
		out, err := ld.NewJsonLdProcessor().Expand(doc, ldctx.Options())
		if err != nil {
			t.Fatalf("context %v: %v", c, err)
		}
		node := out[0].(map[string]any)
		if node["@type"].([]any)[0] != "http://schema.org/Person" || node["http://schema.org/name"] == nil {
			t.Errorf("context %v: expanded to %v", c, node)
		}
	}
	doc := map[string]any{"@context": "https://example.com/ctx", "name": "Ada"}
	if _, err := ld.NewJsonLdProcessor().Expand(doc, ldctx.Options()); err == nil {
		t.Error("a remote context outside schema.org expanded")
	}
}

func TestProcessed(t *testing.T) {
	c, err := ldctx.Processed()
	if err != nil {
		t.Fatal(err)
	}
	iri, err := c.ExpandIri("datePublished", false, true, nil, nil)
	if err != nil || iri != "http://schema.org/datePublished" {
		t.Errorf("ExpandIri(datePublished) = %q, %v", iri, err)
	}
	if typ, _ := c.ExpandIri("type", false, true, nil, nil); typ != "@type" {
		t.Errorf("ExpandIri(type) = %q, want the @type alias", typ)
	}
}

// BenchmarkProcessContext is what every block would pay without the cache.
func BenchmarkProcessContext(b *testing.B) {
	for b.Loop() {
		if _, err := ld.NewContext(nil, ldctx.Options()).Parse(ldctx.URL); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCopyProcessed(b *testing.B) {
	c, err := ldctx.Processed()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ld.CopyContext(c)
	}
}

// TestTrimmedExpandsAlike compares the cached (trimmed) context with the
// full one processed the ordinary way, term by term: the IRI each term
// expands to and its type coercion must agree.
func TestTrimmedExpandsAlike(t *testing.T) {
	full, err := ld.NewContext(nil, ldctx.Options()).Parse(ldctx.URL)
	if err != nil {
		t.Fatal(err)
	}
	trimmed, err := ldctx.Processed()
	if err != nil {
		t.Fatal(err)
	}
	if len(full.TermDefinitions) < 3000 {
		t.Fatalf("full context has only %d terms", len(full.TermDefinitions))
	}
	for term, def := range full.TermDefinitions {
		a, errA := full.ExpandIri(term, false, true, nil, nil)
		b, errB := trimmed.ExpandIri(term, false, true, nil, nil)
		if a != b || (errA == nil) != (errB == nil) {
			t.Errorf("term %q expands to %q with the full context, %q with the trimmed one", term, a, b)
		}
		if def != nil && def.Type != trimmed.GetTypeMapping(term) {
			t.Errorf("term %q has type %q in the full context, %q in the trimmed one", term, def.Type, trimmed.GetTypeMapping(term))
		}
		if def != nil && def.Reverse != trimmed.IsReverseProperty(term) {
			t.Errorf("term %q reverse flag differs", term)
		}
	}
	doc := map[string]any{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2024-05-01", "url": "/a", "author": map[string]any{"@type": "Person", "name": "Ada"}}
	viaFull, err := ld.NewJsonLdProcessor().Expand(doc, ldctx.Options())
	if err != nil {
		t.Fatal(err)
	}
	delete(doc, "@context")
	viaTrimmed, err := ld.NewJsonLdApi().Expand(trimmed, "", doc, ldctx.Options(), false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(viaFull[0], viaTrimmed) {
		t.Errorf("expansions differ:\nfull    %v\ntrimmed %v", viaFull[0], viaTrimmed)
	}
}
