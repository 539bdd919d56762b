package repair_test

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/repair"
	"github.com/ldfix/ldfix/fixer/source"
)

// TestSeedPage is the first acceptance case: the seed page's
// block repairs, with safe fixes only, to exactly the author's object:
// "description" a sibling of "publisher", every text unchanged.
func TestSeedPage(t *testing.T) {
	data, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	f := source.New("seed.txt", data)
	blocks, _ := extract.Blocks(f)
	if len(blocks) != 1 {
		t.Fatalf("seed page has %d blocks, want 1", len(blocks))
	}
	in := f.Text(blocks[0].Span)
	res := repair.Text(in, repair.Options{})
	if err := checkRepair(in, res); err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if d.Fix.Applicability != diag.Safe || d.Severity != diag.Error {
			t.Errorf("%s %q: want a safe fix of an error", d.Rule, d.Message)
		}
	}
	var got any
	if err := json.Unmarshal(res.Text, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"@context":      "https://schema.org",
		"@type":         "NewsArticle",
		"headline":      "The Looming Shadow of Re-Emergent ISIS: A Global Security Reset?",
		"datePublished": "2025-06-24T09:06:26Z",
		"dateModified":  "2025-06-24T09:06:26Z",
		"author":        map[string]any{"@type": "Person", "name": "Archyworldys Staff"},
		"publisher": map[string]any{
			"@type": "Organization", "name": "Archyworldys", "url": "https://www.archyworldys.com",
		},
		"description": "The recent escape of approximately 1500 ISIS prisoners from Syrian facilities signals a dangerous escalation, " +
			"demanding a reassessment of counter-terrorism strategies and a proactive approach to preventing a resurgence.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("seed block repairs to\n%s\nwant the author's object", res.Text)
	}
	// The unclosed URL is reported on its own line, after the URL.
	for _, d := range res.Diagnostics {
		if d.Rule == "J010" {
			p := f.Position(blocks[0].Span.Start + d.Fix.Edits[0].Span.Start)
			if p.Line != 90 {
				t.Errorf("J010 closes the string on line %d, want line 90", p.Line)
			}
		}
	}
}
