package schema

import "github.com/ldfix/ldfix/fixer/diag"

// JSON-LD rules: what json-gold expansion and the positional walk find
// before any vocabulary is consulted.
func init() {
	diag.Register(
		diag.Rule{
			ID: "V001", Name: "missing-context", Severity: diag.Error, Fixable: diag.FixNever,
			Summary:   "a node has no @context in scope, so its terms map to nothing",
			Why:       "Without @context a JSON-LD processor drops every property: Google and other consumers read nothing from the block. ldfix still checks the terms as if the schema.org context were given.",
			Bad:       `{"@type": "Person", "name": "Ada"}`,
			Good:      `{"@context": "https://schema.org", "@type": "Person", "name": "Ada"}`,
			FixSafety: "no fix: the intended context cannot be known for sure",
		},
		diag.Rule{
			ID: "V002", Name: "invalid-context", Severity: diag.Error, Fixable: diag.FixNever,
			Summary:   "an @context value cannot be processed",
			Why:       "JSON-LD processors reject the whole block when a context is malformed, so none of its data is read.",
			Bad:       `{"@context": 42, "@type": "Person"}`,
			Good:      `{"@context": "https://schema.org", "@type": "Person"}`,
			FixSafety: "no fix",
		},
		diag.Rule{
			ID: "V003", Name: "remote-context", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary:   "a remote context other than schema.org's is named and is not fetched",
			Why:       "ldfix never uses the network, and consumers such as Google do not fetch arbitrary contexts either. Terms defined only by that context are left unchecked; the rest of the block is checked.",
			Bad:       `{"@context": ["https://example.com/ctx.jsonld", "https://schema.org"], "@type": "Person"}`,
			Good:      `{"@context": "https://schema.org", "@type": "Person"}`,
			FixSafety: "no fix",
		},
		diag.Rule{
			ID: "V004", Name: "invalid-keyword-value", Severity: diag.Error, Fixable: diag.FixNever,
			Summary:   "a JSON-LD keyword is used with a value it does not allow",
			Why:       "JSON-LD expansion fails on keyword misuse such as a number as @id or a value object with extra members, and the block is then unreadable.",
			Bad:       `{"@context": "https://schema.org", "@type": "Person", "@id": 7}`,
			Good:      `{"@context": "https://schema.org", "@type": "Person", "@id": "#ada"}`,
			FixSafety: "no fix",
		},
		diag.Rule{
			ID: "V005", Name: "non-string-type", Severity: diag.Error, Fixable: diag.FixNever,
			Summary:   "an @type value is not a string",
			Why:       "@type takes a type name or an array of them; anything else makes JSON-LD expansion fail.",
			Bad:       `{"@context": "https://schema.org", "@type": {"name": "Person"}}`,
			Good:      `{"@context": "https://schema.org", "@type": "Person"}`,
			FixSafety: "no fix",
		},
		diag.Rule{
			ID: "V006", Name: "unmapped-term", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary:   "a property or type is not mapped to an IRI by the context",
			Why:       "A key the context does not map, such as a plain name under a prefix-only context, is silently dropped by JSON-LD processors.",
			Bad:       `{"@context": {"schema": "https://schema.org/"}, "@type": "schema:Person", "name": "Ada"}`,
			Good:      `{"@context": {"schema": "https://schema.org/"}, "@type": "schema:Person", "schema:name": "Ada"}`,
			FixSafety: "no fix",
		},
		diag.Rule{
			ID: "V007", Name: "duplicate-key", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary:   "a key appears twice in one object",
			Why:       "JSON parsers keep one of the values (most keep the last) and silently lose the other, so data the author wrote is not read.",
			Bad:       `{"@type": "Person", "name": "Ada", "name": "Ada Lovelace"}`,
			Good:      `{"@type": "Person", "name": "Ada Lovelace"}`,
			FixSafety: "no fix: which value was meant is a guess",
		},
		diag.Rule{
			ID: "V008", Name: "invalid-json", Severity: diag.Error, Fixable: diag.FixNever,
			Summary:   "a block handed to validation is not strict JSON",
			Why:       "Validation needs a parsed value; the repair stage normally reports the cause with a J rule first.",
			Bad:       `{"@type": "Person",}`,
			Good:      `{"@type": "Person"}`,
			FixSafety: "no fix here: the J rules of the repair stage fix JSON",
		},
	)
}
