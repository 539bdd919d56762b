package repair

import "github.com/ldfix/ldfix/fixer/diag"

func init() {
	diag.Register(
		diag.Rule{
			ID: "J001", Name: "empty-block", Severity: diag.Error, Fixable: diag.FixNever,
			Summary: "the block holds no JSON value",
			Why: "An empty application/ld+json script (a template whose data was missing) gives Google nothing and " +
				"is reported by the Rich Results Test as a parse error.",
			Bad: "<script type=\"application/ld+json\">\n</script>", Good: "<script type=\"application/ld+json\">{\"@type\": \"WebSite\"}</script>",
			FixSafety: "no fix: there is nothing to repair; fill the template or remove the script element",
		},
		diag.Rule{
			ID: "J002", Name: "unrepairable-json", Severity: diag.Error, Fixable: diag.FixNever,
			Summary: "the block cannot be read as JSON, even broken JSON",
			Why: "Some blocks hold prose, JavaScript or markup rather than data. Guessing a value would publish " +
				"something the author never wrote, so ldfix stops at the first character it cannot place.",
			Bad: `var data = {"@type": "WebSite"}`, Good: `{"@type": "WebSite"}`,
			FixSafety: "no fix: the message says where reading stopped and what was expected there",
		},
		diag.Rule{
			ID: "J003", Name: "nesting-too-deep", Severity: diag.Error, Fixable: diag.FixNever,
			Summary: "objects and arrays nest deeper than the limit",
			Why:     "No real JSON-LD nests hundreds of levels deep; such input is hostile or broken, and reading it could exhaust memory.",
			Bad:     "[[[[[[[[ … 600 levels … ]]]]]]]]", Good: `[["a"]]`,
			FixSafety: "no fix",
		},
	)
}
