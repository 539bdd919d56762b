package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/source"
)

func itemsFixture() FileResult {
	text := []byte("<script type=\"application/ld+json\">\n{\"@type\": \"Recipe\", \"name\": \"Pie\"}\n</script>\n")
	start := bytes.IndexByte(text, '{')
	return FileResult{
		Path: "pie.html", File: source.New("pie.html", text),
		Items: []Item{{
			Block: 0, Span: source.Span{Start: start, End: start + 34}, Type: "Recipe", Feature: "Recipe",
			Status: "not eligible", Reasons: []string{`required property "image" is missing on type "Recipe"`}, Missing: []string{"author", "video"},
		}},
	}
}

// TestItemsText checks that --items adds one line per item, placed at the
// item's node, and that the text report without it shows none.
func TestItemsText(t *testing.T) {
	r := itemsFixture()
	var with, without bytes.Buffer
	if err := Render(&with, "text", []FileResult{r}, Options{Items: true}); err != nil {
		t.Fatal(err)
	}
	want := `pie.html:2:1: item "Recipe" for "Recipe": not eligible: required property "image" is missing on type "Recipe" (recommended, missing: author, video)` + "\n"
	if with.String() != want {
		t.Errorf("text items:\n got %q\nwant %q", with.String(), want)
	}
	if err := Render(&without, "text", []FileResult{r}, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(without.String(), "item ") {
		t.Errorf("items shown without --items: %q", without.String())
	}
}

// TestItemsJSON checks that each file of the json report carries its items.
func TestItemsJSON(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, "json", []FileResult{itemsFixture()}, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Files []struct {
			Items []jsonItem `json:"items"`
		} `json:"files"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Files) != 1 || len(doc.Files[0].Items) != 1 {
		t.Fatalf("want one file with one item, got %s", b.String())
	}
	it := doc.Files[0].Items[0]
	if it.Status != "not eligible" || it.Line != 2 || it.Column != 1 || it.Feature != "Recipe" || len(it.Missing) != 2 {
		t.Errorf("item = %+v", it)
	}
}
