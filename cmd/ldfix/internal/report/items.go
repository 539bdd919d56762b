package report

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ldfix/ldfix/fixer/source"
)

// Item is one rich-result item found on a page, with Google's verdict on
// it, as the Rich Results Test lists it.
type Item struct {
	Block   int
	Span    source.Span // the item's node in the file
	Pointer string
	Type    string
	Feature string
	URL     string // the feature's Google documentation page
	// Status is "eligible", "eligible with warnings" or "not eligible".
	Status string
	// Reasons are the errors that make the item not eligible, or its
	// warnings.
	Reasons []string
	// Missing lists the recommended properties the item lacks.
	Missing []string
}

type jsonItem struct {
	Block   int      `json:"block"`
	Pointer string   `json:"pointer"`
	Line    int      `json:"line"`
	Column  int      `json:"column"`
	Type    string   `json:"type"`
	Feature string   `json:"feature"`
	URL     string   `json:"url,omitempty"`
	Status  string   `json:"status"`
	Reasons []string `json:"reasons"`
	Missing []string `json:"missing"`
}

func jsonItemOf(r FileResult, it Item) jsonItem {
	p := r.locate(it.Span)
	return jsonItem{
		Block: it.Block, Pointer: it.Pointer, Line: p.start.Line, Column: p.start.Column,
		Type: it.Type, Feature: it.Feature, URL: it.URL, Status: it.Status,
		Reasons: nonNil(it.Reasons), Missing: nonNil(it.Missing),
	}
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// writeTextItems writes one line per item:
//
//	page.html:3:5: item "Product" for "Merchant listing": not eligible: required property "image" is missing …
func writeTextItems(b *bytes.Buffer, r FileResult) {
	for _, it := range r.Items {
		p := r.locate(it.Span)
		fmt.Fprintf(b, "%s:%d:%d: item %q for %q: %s", r.Path, p.start.Line, p.start.Column, it.Type, it.Feature, it.Status)
		if len(it.Reasons) > 0 {
			b.WriteString(": " + strings.Join(it.Reasons, "; "))
		}
		if len(it.Missing) > 0 {
			b.WriteString(" (recommended, missing: " + strings.Join(it.Missing, ", ") + ")")
		}
		b.WriteByte('\n')
	}
}
