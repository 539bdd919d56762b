package schema

import "github.com/ldfix/ldfix/fixer/diag"

func init() {
	diag.Register(diag.Rule{
		ID: "V015", Name: "invalid-enumeration-value", Severity: diag.Error, Fixable: diag.FixSometimes,
		Summary: "a value is not a member of the enumeration a property expects",
		Why:     "Enumerated properties such as availability take schema.org members (InStock, https://schema.org/InStock); free text such as \"In Stock\" is not understood. Where Google's list of values (G014) judges the same value, only this finding is reported: a value outside the enumeration is wrong for every consumer.",
		Bad:     `{"@context": "https://schema.org", "@type": "Offer", "availability": "In Stock"}`,
		Good:    `{"@context": "https://schema.org", "@type": "Offer", "availability": "https://schema.org/InStock"}`,
		FixSafety: "safe when the value names a member but for case, spaces and punctuation (\"In Stock\", inStock), " +
			"written as the IRI Google documents (https://schema.org/InStock); unsafe for the nearest member by edit " +
			"distance; display-only when two members are as near",
	})
}
