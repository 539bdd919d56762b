package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

func inputs(t *testing.T) (req, vocab []byte) {
	t.Helper()
	var err error
	req, err = os.ReadFile(filepath.Join(sharedtest.Dir(t, "google-rich-results"), "requirements.json"))
	if err != nil {
		t.Fatal(err)
	}
	vocab, err = os.ReadFile(filepath.Join(sharedtest.Dir(t, "schemaorg"), "schemaorg-current-https.jsonld"))
	if err != nil {
		t.Fatal(err)
	}
	return req, vocab
}

// TestCommittedShapesAreCurrent regenerates the shapes and compares them
// with the committed file, byte for byte: editing the table or the
// generator without `go generate ./schema/shapes` fails here.
func TestCommittedShapesAreCurrent(t *testing.T) {
	req, vocab := inputs(t)
	got, err := Generate(req, vocab)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../../shapes/google.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("schema/shapes/google.json is stale: run go generate ./schema/shapes and commit the result")
	}
	again, _ := Generate(req, vocab)
	if !bytes.Equal(got, again) {
		t.Error("two runs of the generator disagree: the output depends on map order")
	}
}

// TestEveryFeatureIsKept checks the generator drops only merged features
// and keeps each feature's documentation link.
func TestEveryFeatureIsKept(t *testing.T) {
	req, vocab := inputs(t)
	got, err := Generate(req, vocab)
	if err != nil {
		t.Fatal(err)
	}
	var in table
	if err := json.Unmarshal(req, &in); err != nil {
		t.Fatal(err)
	}
	var out output
	if err := json.Unmarshal(got, &out); err != nil {
		t.Fatal(err)
	}
	kept := map[string]ofeature{}
	for _, f := range out.Features {
		kept[f.ID] = f
	}
	for _, f := range in.Features {
		o, ok := kept[f.ID]
		switch {
		case f.Status == "merged" && ok:
			t.Errorf("merged feature %s was kept", f.ID)
		case f.Status != "merged" && !ok:
			t.Errorf("feature %s was dropped", f.ID)
		case ok && o.DocURL != f.DocURL:
			t.Errorf("feature %s lost its doc URL", f.ID)
		}
	}
}

func TestGenerateRejectsOtherFormats(t *testing.T) {
	_, vocab := inputs(t)
	if _, err := Generate([]byte(`{"format": "something-else", "format_version": 1}`), vocab); err == nil {
		t.Error("an unknown table format was accepted")
	}
	if _, err := Generate([]byte(`{"format": "google-rich-results-requirements", "format_version": 1, "surprise": true}`), vocab); err == nil {
		t.Error("an unknown field was accepted; a changed table must fail loudly")
	}
}
