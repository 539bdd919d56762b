package shapes

import "github.com/ldfix/ldfix/fixer/diag"

// Presence rules: what a rich result needs, and what makes it better.
const (
	ruleRequired    = "G001"
	ruleRecommended = "G002"
	ruleOneOf       = "G003"
)

func init() {
	diag.Register(
		diag.Rule{
			ID: ruleRequired, Name: "missing-required-property", Severity: diag.Error, Fixable: diag.FixNever,
			Summary:   "a property Google requires for a rich result is missing",
			Why:       "Google does not show a rich result for an item that lacks a required property; the page stays an ordinary blue link.",
			Bad:       `{"@type": "Recipe", "image": "https://example.com/pie.jpg"}`,
			Good:      `{"@type": "Recipe", "name": "Apple pie", "image": "https://example.com/pie.jpg"}`,
			FixSafety: "no fix: the missing value is content only the author knows",
		},
		diag.Rule{
			ID: ruleRecommended, Name: "missing-recommended-property", Severity: diag.Info, Fixable: diag.FixNever,
			Summary:   "a property Google recommends for a rich result is missing",
			Why:       "Recommended properties are optional, but Google uses them to show a richer result and the Rich Results Test lists them as warnings.",
			Bad:       `{"@type": "NewsArticle", "headline": "Rain in Spain"}`,
			Good:      `{"@type": "NewsArticle", "headline": "Rain in Spain", "datePublished": "2024-05-01T08:00:00+02:00"}`,
			FixSafety: "no fix: the missing value is content only the author knows",
		},
		diag.Rule{
			ID: ruleOneOf, Name: "missing-one-of-properties", Severity: diag.Error, Fixable: diag.FixNever, SeverityNote: "warning when Google only recommends one of them",
			Summary:   "none of the properties Google accepts as alternatives is present",
			Why:       "Some rich results accept one of several properties (a Product needs offers, review or aggregateRating); with none of them the item is not eligible.",
			Bad:       `{"@type": "Product", "name": "Kettle"}`,
			Good:      `{"@type": "Product", "name": "Kettle", "offers": {"@type": "Offer", "price": "19.99", "priceCurrency": "EUR"}}`,
			FixSafety: "no fix: the missing value is content only the author knows",
		},
	)
}
