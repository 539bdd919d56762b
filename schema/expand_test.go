package schema_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
	"github.com/ldfix/ldfix/schema"
)

// expansionErrors are blocks on which json-gold's expansion fails while
// the positional walk reports nothing of its own: Validate must run
// expansion on each and report V004.
var expansionErrors = []string{
	`{"@context": "https://schema.org", "@type": "Person", "name": {"@value": "Ada", "@language": 5}}`,
	`{"@context": "https://schema.org", "@type": "Person", "@language": 5, "name": "Ada"}`,
	`{"@context": "https://schema.org", "@type": "Person", "@index": 5, "name": "Ada"}`,
	`{"@context": "https://schema.org", "@type": "Person", "@direction": 5, "name": "Ada"}`,
	`{"@context": "https://schema.org", "@type": "Person", "@id": "#a", "id": "#b"}`,
	`{"@context": "https://schema.org", "@type": "Person", "name": {"@set": ["Ada"], "@id": "#name"}}`,
	`{"@context": "https://schema.org", "@type": "Person", "name": {"@value": "Ada", "@type": "Text", "@language": "en"}}`,
	`{"@context": "https://schema.org", "@type": "Person", "@reverse": {"author": {"@value": "x"}}}`,
	`{"@context": "https://schema.org", "@type": "Book", "author": {"@included": [{"@value": "x"}]}}`,
	`{"@context": "https://schema.org", "@type": "Person", "@nest": "x"}`,
	`{"@context": "https://example.com/ctx", "@type": "Person", "type": 5}`,
	`{"@context": {"@vocab": "https://schema.org/", "n": {"@id": "name", "@container": "@language"}}, "@type": "Person", "n": {"en": 5}}`,
	`{"@context": [null, {"@vocab": "https://schema.org/"}], "@type": "Person", "name": {"@value": "Ada", "@type": "Text", "@direction": "ltr"}}`,
}

// TestExpansionErrorsReported shows that skipping expansion on blocks the
// walk models in full loses none of the errors only expansion finds.
func TestExpansionErrorsReported(t *testing.T) {
	v := newValidator(t, schema.Options{Profile: schema.ProfileSchemaOrg})
	for _, text := range expansionErrors {
		skipped, err := v.ExpansionSkipped([]byte(text))
		if err == nil {
			t.Errorf("%s: expansion raised no error; the case no longer tests anything", text)
		}
		if skipped {
			t.Errorf("%s: expansion is skipped, so its error %q is lost", text, err)
		}
		if !hasRule(v.ValidateDocument([]byte(text)), "V004", "V005") {
			t.Errorf("%s: no V004 or V005 reported", text)
		}
	}
}

// TestExpansionSkippedOnlyWhenModelled runs expansion on every block at
// hand (golden inputs, schema.org's examples, the real-world corpus) and
// fails when Validate would skip expansion on a block where it raises an
// error.
func TestExpansionSkippedOnlyWhenModelled(t *testing.T) {
	v := newValidator(t, schema.Options{Profile: schema.ProfileSchemaOrg})
	check := func(name string, text []byte) bool {
		skipped, err := v.ExpansionSkipped(text)
		if skipped && err != nil {
			t.Errorf("%s: expansion is skipped but raises %q", name, err)
		}
		return skipped
	}
	total, skipped := map[string]int{}, map[string]int{}
	count := func(set, name string, text []byte) {
		total[set]++
		if check(name, text) {
			skipped[set]++
		}
	}
	for _, in := range goldenInputs(t) {
		data, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		if json.Valid(data) {
			count("golden", in, data)
		}
	}
	for _, text := range expansionErrors {
		count("golden", text, []byte(text))
	}
	t.Run("examples", func(t *testing.T) {
		dir := sharedtest.Dir(t, "schemaorg/examples")
		files, _ := filepath.Glob(filepath.Join(dir, "*.jsonld"))
		for _, path := range files {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if json.Valid(data) {
				count("examples", path, data)
			}
		}
	})
	t.Run("corpus", func(t *testing.T) {
		for _, p := range loadCorpus(t) {
			for _, b := range p.blocks {
				count("corpus", p.file.Name, b.Text)
			}
		}
	})
	for _, set := range []string{"golden", "examples", "corpus"} {
		t.Logf("%s: expansion skipped on %d of %d blocks", set, skipped[set], total[set])
	}
}

// FuzzExpansionSkipped: on any JSON text, Validate skips expansion only
// where expansion raises no error.
func FuzzExpansionSkipped(f *testing.F) {
	for _, in := range goldenInputsF(f) {
		if data, err := os.ReadFile(in); err == nil {
			f.Add(data)
		}
	}
	for _, text := range expansionErrors {
		f.Add([]byte(text))
	}
	v, err := schema.New(schema.Options{Profile: schema.ProfileSchemaOrg})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		if skipped, err := v.ExpansionSkipped(text); skipped && err != nil {
			t.Fatalf("expansion is skipped but raises %q", err)
		}
	})
}

func hasRule(ds []diag.Diagnostic, rules ...string) bool {
	for _, d := range ds {
		for _, r := range rules {
			if d.Rule == r {
				return true
			}
		}
	}
	return false
}
