package ldctx

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/piprate/json-gold/ld"
)

// BenchmarkProcessTrimmed is the start-up cost of Processed.
func BenchmarkProcessTrimmed(b *testing.B) {
	for b.Loop() {
		var local map[string]any
		if err := json.Unmarshal(trimmedJSON, &local); err != nil {
			b.Fatal(err)
		}
		if _, err := ld.NewContext(nil, Options()).Parse(local); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTrimmedIsFresh(t *testing.T) {
	got, err := Trim(contextJSON)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, trimmedJSON) {
		t.Error("schemaorgcontext.trimmed.json is stale: run go generate ./schema/ldctx")
	}
}

func TestTrimKeepsWhatVocabCannotSay(t *testing.T) {
	var ctx map[string]any
	if err := json.Unmarshal(trimmedJSON, &ctx); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"@vocab", "schema", "id", "type", "url", "datePublished", "HTML"} {
		if _, ok := ctx[k]; !ok {
			t.Errorf("trimmed context lost %q", k)
		}
	}
	if _, ok := ctx["Person"]; ok {
		t.Error("trimmed context kept Person, which @vocab implies")
	}
	if _, err := Trim([]byte(`[]`)); err == nil {
		t.Error("Trim accepted a file that is not a context")
	}
}
