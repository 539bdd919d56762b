package schema

import "github.com/ldfix/ldfix/fixer/diag"

func init() {
	diag.Register(diag.Rule{
		ID: "V010", Name: "unknown-type", Severity: diag.Error, Fixable: diag.FixSometimes,
		Summary: "an @type names no schema.org type",
		Why:     "Consumers ignore nodes of unknown types, so a misspelled type hides all of a node's data. Types from other vocabularies (full IRIs or prefixes such as gs1:) are left alone. Where Google's accepted types (G017) judge the same @type, only this finding is reported: the unknown type is the cause.",
		Bad:     `{"@context": "https://schema.org", "@type": "NewsArticel"}`,
		Good:    `{"@context": "https://schema.org", "@type": "NewsArticle"}`,
		FixSafety: "safe when only the case differs (newsArticle): no two schema.org types differ only in case; " +
			"unsafe for the one nearest type within a small edit distance (NewsArticel); display-only when two types are as near",
	})
}
