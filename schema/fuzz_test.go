package schema_test

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/schema"
)

// FuzzValidate: any JSON text validates without panic or hang, findings
// lie inside the block, and pointers of V findings name a node.
func FuzzValidate(f *testing.F) {
	for _, in := range goldenInputsF(f) {
		data, err := os.ReadFile(in)
		if err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"@context": {"@vocab": "https://schema.org/", "a": {"@id": "@type"}}, "a": "Person"}`))
	f.Add([]byte(`{"@context": [null, {"@import": "https://example.com/x"}], "@type": "Person"}`))
	v, err := schema.New(schema.Options{Profile: schema.ProfileSchemaOrg})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		orig := bytes.Clone(text)
		ds := v.Validate([]schema.Block{{Text: text}})
		if !bytes.Equal(orig, text) {
			t.Fatal("Validate changed the block text")
		}
		if again := v.Validate([]schema.Block{{Text: text}}); !reflect.DeepEqual(ds, again) {
			t.Fatalf("two runs differ:\n%v\n%v", ds, again)
		}
		doc, perr := jsonpos.Parse(text)
		for _, d := range ds {
			if d.Span.Start < 0 || d.Span.End > len(text) || d.Span.Start > d.Span.End {
				t.Fatalf("%s: span %v outside %d bytes", d.Rule, d.Span, len(text))
			}
			if perr == nil && d.Rule[0] == 'V' {
				if _, ok := doc.Lookup(d.Pointer); !ok {
					t.Fatalf("%s: pointer %q names no node", d.Rule, d.Pointer)
				}
			}
		}
	})
}

func goldenInputsF(f *testing.F) []string {
	var out []string
	for _, dir := range []string{goldenDir, goldenDir + "/ok"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if !e.IsDir() {
				out = append(out, dir+"/"+e.Name())
			}
		}
	}
	return out
}
