package shapes

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ldfix/ldfix/fixer/jsonpos"
)

// gateCase is one gate of the catalog with the schema gojsonschema
// compiles from the same source.
type gateCase struct {
	name string
	raw  []byte
	pred *predicate
	ref  *gate
}

func catalogGates(t testing.TB) []gateCase {
	var c catalog
	if err := json.Unmarshal(googleJSON, &c); err != nil {
		t.Fatal(err)
	}
	var out []gateCase
	add := func(name string, raw []byte) {
		if len(raw) == 0 {
			return
		}
		s, err := compile(raw)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, gateCase{name: name, raw: raw, pred: compileGate(raw), ref: &gate{schema: s}})
	}
	for _, f := range c.Features {
		add(f.ID, f.Gate)
		for _, e := range f.Entities {
			add(f.ID+"/"+e.ID, e.Gate)
		}
	}
	return out
}

// TestGatesCompileToPredicates: every generated gate is evaluated without
// gojsonschema; a generator change that emits a new keyword makes this
// fail rather than silently slow the check down.
func TestGatesCompileToPredicates(t *testing.T) {
	for _, g := range catalogGates(t) {
		if g.pred == nil {
			t.Errorf("gate %s uses a keyword the predicate does not model: %s", g.name, g.raw)
		}
	}
}

// TestGatePredicatesAgree runs every gate both ways over every node of the
// golden cases and of the real-world corpus (when present): the answers
// must be the same.
func TestGatePredicatesAgree(t *testing.T) {
	gates := catalogGates(t)
	var docs []*jsonpos.Doc
	files, _ := filepath.Glob(filepath.Join(googleDir, "*.json"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, parse(t, string(data)))
	}
	for _, s := range gateEdgeCases {
		docs = append(docs, parse(t, s))
	}
	if !testing.Short() {
		docs = append(docs, corpusBlocksIfPresent(t)...)
	}
	s := embedded(t)
	checked := 0
	for _, d := range docs {
		c := s.newChecker(d, nil)
		for _, n := range c.w.nodes {
			doc := c.prepare(n, c.depth, true)
			for _, g := range gates {
				if g.pred == nil {
					continue
				}
				r, err := g.ref.schema.Validate(doc)
				want := err == nil && r.Valid()
				if got := g.pred.match(doc.v); got != want {
					t.Errorf("gate %s on node %q: predicate says %v, gojsonschema %v", g.name, n.ptr, got, want)
				}
				checked++
			}
		}
	}
	t.Logf("%d gate evaluations agree", checked)
}

// gateEdgeCases are shapes of value that the golden cases may not hold:
// scalars and objects where arrays are expected, empty lists, invalid
// UTF-8, numbers, nulls, references.
var gateEdgeCases = []string{
	`{"@type": "ItemList", "itemListElement": 5}`,
	`{"@type": "ItemList", "itemListElement": []}`,
	`{"@type": "ItemList", "itemListElement": [{"item": "x"}, {"item": {"@type": ["Thing", "Movie"]}}]}`,
	`{"@type": "ItemList", "itemListElement": [{"item": {"@type": 7}}, null]}`,
	`{"@type": "ItemList", "itemListElement": {"@type": "ListItem", "item": {"@id": "#m"}}, "x": {"@id": "#m", "@type": "Course", "name": "c"}}`,
	`{"@type": "Quiz", "hasPart": [{"eduQuestionType": "Multiple choice"}]}`,
	`{"@type": "Quiz", "hasPart": [{"eduQuestionType": ["Checkbox", 1]}]}`,
	`{"@type": "Quiz", "hasPart": {"eduQuestionType": "Flashcard"}}`,
	`{"@type": "Quiz", "hasPart": [{"eduQuestionType": "\u00ff\ufffd"}]}`,
	"{\"@type\": \"Quiz\", \"hasPart\": [{\"eduQuestionType\": \"Checkbox\xff\"}]}",
	`{"@type": "Article", "isAccessibleForFree": false}`,
	`{"@type": "WebPage", "isAccessibleForFree": null}`,
	`{"@type": "WebPage", "hasPart": [{"isAccessibleForFree": "False"}]}`,
	`{"@type": ["WebPage", "WPHeader"], "isAccessibleForFree": false}`,
	`{"@type": "ImageObject", "license": null}`,
	`{"@type": "ImageObject", "creditText": {"@value": "x"}}`,
	`{"@type": "Event", "@graph": []}`,
	`{"@type": ["Event", "BroadcastEvent"], "name": "e"}`,
	`{"@type": "Organization", "name": 3.50}`,
	`{"@type": "Product", "review": {"@id": "#elsewhere"}, "offers": [{"@id": "#o"}, {"@type": "Offer", "@id": "#o", "price": {"@value": 5}}]}`,
	`{"@graph": [{"@type": "Recipe", "author": {"@id": "#p"}, "video": [[{"@type": "VideoObject"}]]}, {"@id": "#p", "@type": "Person", "knows": {"@id": "#p"}}]}`,
}

// corpusBlocksIfPresent returns the strict JSON blocks of the shared corpus,
// or none when it is absent (corpusBlocks skips the test instead).
func corpusBlocksIfPresent(t *testing.T) []*jsonpos.Doc {
	var docs []*jsonpos.Doc
	t.Run("corpus", func(t *testing.T) { docs = corpusBlocks(t) })
	return docs
}
