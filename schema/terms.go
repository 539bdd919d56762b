package schema

import "github.com/ldfix/ldfix/fixer/diag"

func init() {
	diag.Register(
		diag.Rule{
			ID: "V016", Name: "superseded-term", Severity: diag.Warning, Fixable: diag.FixSometimes,
			Summary: "a type, property or member is superseded by another term",
			Why:     "Superseded terms are kept for old data but consumers follow the replacement; new markup should use it.",
			Bad:     `{"@context": "https://schema.org", "@type": "TVSeries", "episodes": []}`,
			Good:    `{"@context": "https://schema.org", "@type": "TVSeries", "episode": []}`,
			FixSafety: "safe when only the name changes: the replacement is defined for the node's types and every value " +
				"fits its range (ingredients → recipeIngredient, serviceArea → areaServed); otherwise display-only",
		},
		diag.Rule{
			ID: "V017", Name: "pending-term", Severity: diag.Info, Fixable: diag.FixNever,
			Summary:   "a term is in schema.org's pending area and may still change",
			Why:       "Pending terms are proposals under review; consumers may not support them yet.",
			Bad:       `{"@context": "https://schema.org", "@type": "3DModel"}`,
			Good:      `{"@context": "https://schema.org", "@type": "MediaObject"}`,
			FixSafety: "no fix",
		},
		diag.Rule{
			ID: "V018", Name: "attic-term", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary:   "a term is retired to schema.org's attic",
			Why:       "Attic terms were removed from the vocabulary; consumers no longer read them.",
			Bad:       `{"@context": "https://schema.org", "@type": "StupidType"}`,
			Good:      `{"@context": "https://schema.org", "@type": "Thing"}`,
			FixSafety: "no fix",
		},
	)
}
