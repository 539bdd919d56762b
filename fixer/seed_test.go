package fixer

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/ldfix/ldfix/fixer/source"
)

// TestSeedValue checks the bundled sample end to end: its one block repairs
// to exactly the object its author meant, with the unclosed URL closed
// where its line ends and "description" a sibling of "publisher", not
// swallowed into it.
func TestSeedValue(t *testing.T) {
	data, err := os.ReadFile("../testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	res := Fix(source.New("seed.txt", data), Options{})
	if len(res.Blocks) != 1 || res.Blocks[0].Repaired == nil {
		t.Fatalf("seed: %d blocks, diagnostics %v", len(res.Blocks), res.Diagnostics)
	}
	var got any
	if err := json.Unmarshal(res.Blocks[0].Repaired, &got); err != nil {
		t.Fatalf("repaired block is not JSON: %v", err)
	}
	want := map[string]any{
		"@context":      "https://schema.org",
		"@type":         "NewsArticle",
		"headline":      "The Looming Shadow of Re-Emergent ISIS: A Global Security Reset?",
		"datePublished": "2025-06-24T09:06:26Z",
		"dateModified":  "2025-06-24T09:06:26Z",
		"author":        map[string]any{"@type": "Person", "name": "Archyworldys Staff"},
		"publisher": map[string]any{
			"@type": "Organization",
			"name":  "Archyworldys",
			"url":   "https://www.archyworldys.com",
		},
		"description": "The recent escape of approximately 1500 ISIS prisoners from Syrian facilities signals a " +
			"dangerous escalation, demanding a reassessment of counter-terrorism strategies and a proactive " +
			"approach to preventing a resurgence.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("seed block repaired to\n%#v\nwant\n%#v", got, want)
	}
	if !res.Changed {
		t.Error("seed: nothing would be written")
	}
}
