package schema

import "github.com/ldfix/ldfix/fixer/diag"

func init() {
	diag.Register(
		diag.Rule{
			ID: "V013", Name: "wrong-value-type", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary:   "a property's value is a node of a type outside its rangeIncludes",
			Why:       "Consumers expect the types schema.org lists for a property; an author given as a Product is not read as an author. A plain string where a thing is expected is accepted, as schema.org allows.",
			Bad:       `{"@context": "https://schema.org", "@type": "Book", "author": {"@type": "Product", "name": "Ada"}}`,
			Good:      `{"@context": "https://schema.org", "@type": "Book", "author": {"@type": "Person", "name": "Ada"}}`,
			FixSafety: "no fix",
		},
		diag.Rule{
			ID: "V014", Name: "invalid-value-format", Severity: diag.Error, Fixable: diag.FixSometimes,
			Summary: "a literal does not match the data types in a property's rangeIncludes",
			Why:     "Dates, times and durations must be ISO 8601, numbers must be numbers and booleans booleans; consumers drop values they cannot parse. Where a Google check (G010, G012, G013) reads the same value, only that finding is reported: it states the exact form Google needs and Google's verdict.",
			Bad:     `{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "yesterday"}`,
			Good:    `{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2024-05-01"}`,
			FixSafety: "safe for forms with one reading: 2026/10/04, 2026-10-04 08:00:00, Wed, 28 Oct 2020 22:22:49 GMT, " +
				"November 19, 2019, 1h 30m, 4,6, 1.299,00 become ISO 8601 or JSON numbers; unsafe when a time zone " +
				"abbreviation is read (CET as +01:00); display-only when day and month may be swapped (04/10/2026) or a " +
				"separator may mean thousands or decimals (1,299). The new value must fit the property's data types",
		},
	)
}
