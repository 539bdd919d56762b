package schema

import "github.com/ldfix/ldfix/fixer/diag"

func init() {
	diag.Register(
		diag.Rule{
			ID: "V011", Name: "unknown-property", Severity: diag.Error, Fixable: diag.FixSometimes,
			Summary: "a property names no schema.org property",
			Why:     "A misspelled property is ignored by every consumer, so its value is lost. Properties from other vocabularies are left alone.",
			Bad:     `{"@context": "https://schema.org", "@type": "NewsArticle", "datePublised": "2024-05-01"}`,
			Good:    `{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2024-05-01"}`,
			FixSafety: "safe when only the case differs (InLanguage); unsafe for the one nearest property within a small " +
				"edit distance (datePublised); a near name that is superseded leads to its replacement. Written only when the " +
				"new key is not in the object already and the property is defined for the node's types, else display-only",
		},
		diag.Rule{
			ID: "V012", Name: "property-outside-domain", Severity: diag.Error, Fixable: diag.FixNever,
			Summary:   "a property is used on a type outside its domainIncludes",
			Why:       "schema.org defines each property for some types (and their subtypes); on other types consumers such as Google ignore it. A node with several types accepts the properties of all of them.",
			Bad:       `{"@context": "https://schema.org", "@type": "Person", "datePublished": "2024-05-01"}`,
			Good:      `{"@context": "https://schema.org", "@type": "Article", "datePublished": "2024-05-01"}`,
			FixSafety: "no fix",
		},
	)
}
