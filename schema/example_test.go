package schema_test

import (
	"fmt"

	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/schema"
)

func ExampleValidator_Validate() {
	v, err := schema.New(schema.Options{Profile: schema.ProfileSchemaOrg})
	if err != nil {
		panic(err)
	}
	page := []byte(`{"@context": "https://schema.org", "@type": "NewsArticel", "datePublised": "2024-05-01"}`)
	f := source.New("page.jsonld", page)
	for _, d := range v.Validate([]schema.Block{{Index: 0, Text: page}}) {
		p := f.Position(d.Span.Start)
		fmt.Printf("%d:%d %s %s [%s]\n", p.Line, p.Column, d.Severity, d.Message, d.Rule)
		if d.Fix != nil {
			fmt.Printf("  %s (%s)\n", d.Fix.Title, d.Fix.Applicability)
		}
	}
	// Output:
	// 1:45 error type "NewsArticel" is not a schema.org type [V010]
	//   change "NewsArticel" to "NewsArticle" (unsafe)
	// 1:60 error property "datePublised" is not a schema.org property [V011]
	//   rename to "datePublished" (unsafe)
}

func ExampleValidator_ValidateDocument() {
	v, err := schema.New(schema.Options{Profile: schema.ProfileSchemaOrg})
	if err != nil {
		panic(err)
	}
	doc := []byte(`{
  "@context": "https://schema.org",
  "@type": "Offer",
  "price": 10,
  "availability": "In Stock"
}`)
	for _, d := range v.ValidateDocument(doc) {
		fmt.Printf("%s %s at %s: %s\n", d.Rule, d.Severity, d.Pointer, d.Message)
		fmt.Printf("  %s\n", d.Fix.Title)
	}
	// Output:
	// V015 error at /availability: property "availability" of type "Offer" expects a member of "ItemAvailability", found "In Stock"
	//   change "In Stock" to "https://schema.org/InStock"
}
