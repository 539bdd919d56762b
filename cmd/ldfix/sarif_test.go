package main

import (
	"path/filepath"
	"testing"

	"github.com/xeipuuv/gojsonschema"
)

// TestSARIFOfSeed validates a real run's sarif output (repairs with fixes,
// vocabulary and Google findings) against the SARIF 2.1.0 schema.
func TestSARIFOfSeed(t *testing.T) {
	code, out, errs := runCLI(t, "", "check", "--format", "sarif", "../../testdata/seed.txt")
	if code != exitFindings {
		t.Fatalf("exit %d, want 1: %s", code, errs)
	}
	abs, err := filepath.Abs("../../testdata/format/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	schema, err := gojsonschema.NewSchema(gojsonschema.NewReferenceLoader("file://" + filepath.ToSlash(abs)))
	if err != nil {
		t.Fatal(err)
	}
	res, err := schema.Validate(gojsonschema.NewStringLoader(out))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors() {
		t.Error(e)
	}
}
