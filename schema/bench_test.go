package schema_test

import (
	"testing"

	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/source/benchtime"
	"github.com/ldfix/ldfix/schema"
	"github.com/ldfix/ldfix/schema/vocab"
)

// BenchmarkNew is the start-up cost of a Validator after the first (the
// vocabulary, processed context and shapes are loaded once per process).
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := schema.New(schema.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVocabularyLoad decodes the embedded vocabulary index, the cost
// paid once at start-up, which must stay well under 5 ms.
func BenchmarkVocabularyLoad(b *testing.B) {
	v, err := vocab.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	data := v.Encode()
	b.ResetTimer()
	for b.Loop() {
		if _, err := vocab.Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// benchmarkCorpus validates every valid block of the real-world corpus page
// by page, reporting time and allocations per block.
func benchmarkCorpus(b *testing.B, profile schema.Profile) {
	pages := loadCorpus(b)
	v := newValidator(b, schema.Options{Profile: profile})
	blocks := 0
	for _, p := range pages {
		blocks += len(p.blocks)
	}
	b.ResetTimer()
	defer benchtime.Per(b, "block", blocks)()
	for b.Loop() {
		for _, p := range pages {
			v.Validate(p.blocks)
		}
	}
}

// BenchmarkValidateCorpusSchemaOrg is parsing with positions, expansion and
// the vocabulary checks (V rules).
func BenchmarkValidateCorpusSchemaOrg(b *testing.B) { benchmarkCorpus(b, schema.ProfileSchemaOrg) }

// BenchmarkValidateCorpusAll adds Google's shapes (G rules).
func BenchmarkValidateCorpusAll(b *testing.B) { benchmarkCorpus(b, schema.ProfileAll) }

// BenchmarkExpandCorpus is the json-gold expansion step alone over the same
// blocks, parsed beforehand, to compare with BenchmarkValidateCorpusSchemaOrg.
func BenchmarkExpandCorpus(b *testing.B) {
	pages := loadCorpus(b)
	var values []any
	for _, p := range pages {
		for _, blk := range p.blocks {
			doc, err := jsonpos.Parse(blk.Text)
			if err != nil {
				b.Fatal(err)
			}
			values = append(values, doc.Value)
		}
	}
	b.ResetTimer()
	defer benchtime.Per(b, "block", len(values))()
	for b.Loop() {
		for _, v := range values {
			_ = schema.ExpandValue(v)
		}
	}
}
