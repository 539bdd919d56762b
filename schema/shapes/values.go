package shapes

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
)

// Value rules: a property is present but Google cannot read its value.
const (
	ruleDateTime   = "G010"
	ruleCode       = "G011"
	ruleURL        = "G012"
	ruleNumber     = "G013"
	ruleEnum       = "G014"
	ruleCount      = "G015"
	ruleLength     = "G016"
	ruleNestedType = "G017"
	rulePattern    = "G018"
)

// ratedByGoogle is the severity note of the value rules: a check takes the
// severity Google's page gives the property, mostly a warning on a
// recommended one (see checker.finding).
const ratedByGoogle = "warning where Google only warns"

func init() {
	never := "no fix: ldfix cannot know the intended value"
	diag.Register(
		diag.Rule{
			ID: ruleDateTime, Name: "invalid-date-time", Severity: diag.Error, Fixable: diag.FixSometimes, SeverityNote: ratedByGoogle,
			Summary: "a date, time, duration or interval is not in ISO 8601 form",
			Why:     "Google reads dates, times and durations only in ISO 8601; anything else is ignored and the property counts as missing.",
			Bad:     `{"@type": "Recipe", "cookTime": "1 hour"}`,
			Good:    `{"@type": "Recipe", "cookTime": "PT1H"}`,
			FixSafety: "safe for dates, times and durations in a form with one reading (2026/10/04, 2026-10-04 08:00:00, " +
				"Wed, 28 Oct 2020 22:22:49 GMT, 1h 30m); unsafe when a time zone abbreviation is read (CET as +01:00); " +
				"display-only when day and month may be swapped (04/10/2026)",
		},
		diag.Rule{
			ID: ruleCode, Name: "invalid-code", Severity: diag.Error, Fixable: diag.FixSometimes, SeverityNote: ratedByGoogle,
			Summary: "a currency, country or language code is not a valid ISO 4217, ISO 3166 or BCP 47 code",
			Why:     "Prices, shipping regions and languages are matched by code; a symbol or a name such as \"$\" or \"Germany\" is not understood.",
			Bad:     `{"@type": "Offer", "price": "10.00", "priceCurrency": "$"}`,
			Good:    `{"@type": "Offer", "price": "10.00", "priceCurrency": "USD"}`,
			FixSafety: "safe for a currency symbol or name with one meaning (€, £, euro → EUR, GBP) and for an ISO 3166 alpha-3 " +
				"country code (USA → US); \"$\", \"¥\" and country names have no fix",
		},
		diag.Rule{
			ID: ruleURL, Name: "invalid-url", Severity: diag.Error, Fixable: diag.FixSometimes, SeverityNote: ratedByGoogle,
			Summary: "a URL is not an absolute http or https URL",
			Why:     "Google resolves no relative links in structured data; a path such as /img/a.jpg points nowhere.",
			Bad:     `{"@type": "ListItem", "position": 1, "item": "/books"}`,
			Good:    `{"@type": "ListItem", "position": 1, "item": "https://example.com/books"}`,
			FixSafety: "safe for a relative URL resolved against the page's <base href>, the fetched page's URL or --base-url " +
				"(paths starting with / only); unsafe for https:// added to a URL that starts with a host name " +
				"(www.example.com/) or with // where no base is known",
		},
		diag.Rule{
			ID: ruleNumber, Name: "invalid-number", Severity: diag.Error, Fixable: diag.FixSometimes, SeverityNote: ratedByGoogle,
			Summary: "a number, rating, price or boolean cannot be read, or lies outside its range",
			Why:     "Prices must be plain numbers (no currency symbol, no thousands separator), ratings must lie within worst and best, and flags must be true or false.",
			Bad:     `{"@type": "Offer", "price": "$1,299.00", "priceCurrency": "USD"}`,
			Good:    `{"@type": "Offer", "price": "1299.00", "priceCurrency": "USD"}`,
			FixSafety: "safe for a price written with its currency (\"19,90 €\" → \"19.90\" plus \"priceCurrency\": \"EUR\" when " +
				"the item has none) and a number in a locale form (4,6 → 4.6); display-only when the currency is " +
				"ambiguous ($) or contradicts priceCurrency, or a separator may mean thousands or decimals (1,299)",
		},
		diag.Rule{
			ID: ruleEnum, Name: "value-not-allowed", Severity: diag.Error, Fixable: diag.FixSometimes, SeverityNote: ratedByGoogle,
			Summary: "a value is not one of those Google accepts for the property",
			Why:     "Properties such as availability or eventStatus take a fixed list of schema.org values; free text is ignored.",
			Bad:     `{"@type": "Offer", "availability": "available"}`,
			Good:    `{"@type": "Offer", "availability": "https://schema.org/InStock"}`,
			FixSafety: "safe when the value names an allowed member but for case, spaces and punctuation (inStock → " +
				"https://schema.org/InStock)",
		},
		diag.Rule{
			ID: ruleCount, Name: "wrong-number-of-values", Severity: diag.Error, Fixable: diag.FixNever, SeverityNote: ratedByGoogle,
			Summary:   "a property has fewer or more values than Google allows",
			Why:       "A breadcrumb trail needs at least two items; some shipping and return properties take a single value.",
			Bad:       `{"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Home"}]}`,
			Good:      `{"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Home", "item": "https://example.com/"}, {"@type": "ListItem", "position": 2, "name": "Books"}]}`,
			FixSafety: never,
		},
		diag.Rule{
			ID: ruleLength, Name: "text-length", Severity: diag.Warning, Fixable: diag.FixNever, SeverityNote: "error where Google requires the limit",
			Summary:   "a text is shorter or longer than Google allows",
			Why:       "Google truncates or rejects text over its limits, such as a reviewer's name over 100 characters.",
			Bad:       `{"@type": "Course", "name": "Intro", "description": "A sixty-plus character description that runs far past the limit set"}`,
			Good:      `{"@type": "Course", "name": "Intro", "description": "A short course description"}`,
			FixSafety: never,
		},
		diag.Rule{
			ID: ruleNestedType, Name: "wrong-nested-type", Severity: diag.Error, Fixable: diag.FixNever, SeverityNote: ratedByGoogle,
			Summary:   "a nested item has a @type Google does not accept for the property",
			Why:       "An author must be a Person or an Organization, a reviewed item one of the types that support review snippets.",
			Bad:       `{"@type": "Review", "author": {"@type": "Thing", "name": "Ann"}}`,
			Good:      `{"@type": "Review", "author": {"@type": "Person", "name": "Ann"}}`,
			FixSafety: never,
		},
		diag.Rule{
			ID: rulePattern, Name: "value-pattern", Severity: diag.Error, Fixable: diag.FixNever, SeverityNote: ratedByGoogle,
			Summary:   "a value does not have the form Google requires (GTIN, ISBN, phone number, selector, URL template)",
			Why:       "Identifiers and selectors are read by form: a GTIN with a wrong check digit or a cssSelector that is not a class selector is ignored.",
			Bad:       `{"@type": "Product", "gtin13": "4006381333932"}`,
			Good:      `{"@type": "Product", "gtin13": "4006381333931"}`,
			FixSafety: never,
		},
	)
}

// ruleFor groups the table's check kinds into rules.
func ruleFor(kind string) string {
	switch kind {
	case "iso8601_datetime", "iso8601_date", "iso8601_date_or_datetime", "iso8601_duration",
		"iso8601_interval", "iso8601_time", "time_hhmmss":
		return ruleDateTime
	case "iso4217_currency", "iso3166_alpha2", "iso3166_alpha2_or_alpha3", "iso639_1", "bcp47":
		return ruleCode
	case "url", "url_template":
		return ruleURL
	case "number", "integer", "boolean", "rating_value", "range", "min_decimals":
		return ruleNumber
	case "enum":
		return ruleEnum
	case "min_items", "max_items":
		return ruleCount
	case "min_length", "max_length":
		return ruleLength
	case "type_in":
		return ruleNestedType
	}
	return rulePattern
}

var expectedText = map[string]string{
	"iso8601_datetime":         "an ISO 8601 date-time such as 2024-05-01T08:00:00+02:00",
	"iso8601_date":             "an ISO 8601 date such as 2024-05-01",
	"iso8601_date_or_datetime": "an ISO 8601 date or date-time",
	"iso8601_duration":         "an ISO 8601 duration such as PT1H30M",
	"iso8601_interval":         "an ISO 8601 time or interval",
	"iso8601_time":             "an ISO 8601 time such as 14:30:00+08:00",
	"time_hhmmss":              "a time as hh:mm or hh:mm:ss",
	"iso4217_currency":         "a three-letter ISO 4217 currency code such as USD",
	"iso3166_alpha2":           "a two-letter ISO 3166-1 country code such as US",
	"iso3166_alpha2_or_alpha3": "an ISO 3166-1 alpha-2 or alpha-3 country code",
	"iso639_1":                 "a two-letter ISO 639-1 language code",
	"bcp47":                    "a BCP 47 language tag such as en-US",
	"url":                      "an absolute http or https URL",
	"url_template":             "an absolute URL template with a {placeholder}",
	"number":                   "a number without currency symbols or thousands separators",
	"integer":                  "a whole number",
	"boolean":                  "true or false",
	"rating_value":             "a rating such as 4.5, 6 / 10 or 60%",
	"gtin":                     "a GTIN of 8, 12, 13 or 14 digits with a valid check digit",
	"isbn13":                   "an ISBN-13 with a valid check digit",
	"phone_with_country_code":  "a phone number with its country code, such as +1-555-0100",
	"ascii_only":               "ASCII characters only",
}

// expected says what the check wanted, in words.
func expected(c *checkDef) string {
	if s, ok := expectedText[c.Kind]; ok {
		return s
	}
	num := func(p *float64) string { return strconv.FormatFloat(*p, 'f', -1, 64) }
	switch c.Kind {
	case "min_decimals":
		return fmt.Sprintf("a number with at least %s decimal places", num(c.Min))
	case "range":
		switch {
		case c.Min != nil && c.Max != nil:
			return fmt.Sprintf("a number from %s to %s", num(c.Min), num(c.Max))
		case c.Min != nil:
			return "a number of at least " + num(c.Min)
		case c.Max != nil:
			return "a number of at most " + num(c.Max)
		}
	case "min_items":
		return "at least " + plural(num(c.Min), "value")
	case "max_items":
		return "at most " + plural(num(c.Max), "value")
	case "min_length":
		return "at least " + plural(num(c.Min), "character")
	case "max_length":
		return "at most " + plural(num(c.Max), "character")
	case "enum", "type_in":
		vs := c.Values
		more := ""
		if len(vs) > 6 {
			vs, more = vs[:6], fmt.Sprintf(" or %d more", len(c.Values)-6)
		}
		q := make([]string, len(vs))
		for i, v := range vs {
			q[i] = fmt.Sprintf("%q", v)
		}
		if c.Kind == "type_in" {
			return "type " + strings.Join(q, ", ") + more
		}
		return "one of " + strings.Join(q, ", ") + more
	case "pattern":
		if len(c.Values) > 0 {
			return fmt.Sprintf("text matching %q", c.Values[0])
		}
	}
	return "a valid value"
}

func plural(n, word string) string {
	if n == "1" {
		return n + " " + word
	}
	return n + " " + word + "s"
}

// ratingRange applies the table's rating rule, which JSON Schema cannot
// express because it compares properties: a numeric ratingValue lies
// within worstRating..bestRating, 1..5 when they are absent (review
// snippet, employer rating).
func (c *checker) ratingRange(f *feature, e *entity, n *node) []Finding {
	var out []Finding
	for _, p := range e.Props {
		if !hasCheck(p, "rating_value") {
			continue
		}
		objs, leaf := []*node{n}, p.Name
		if i := strings.LastIndex(p.Name, "."); i >= 0 {
			objs, leaf = c.w.follow(objs, strings.Split(p.Name[:i], ".")), p.Name[i+1:]
		}
		for _, o := range objs {
			v, ok := ratingNumber(o.obj[leaf])
			if !ok {
				continue
			}
			lo, hi := 1.0, 5.0
			if x, ok := ratingNumber(o.obj["worstRating"]); ok {
				lo = x
			}
			if x, ok := ratingNumber(o.obj["bestRating"]); ok {
				hi = x
			}
			if v >= lo && v <= hi {
				continue
			}
			ptr := o.ptr
			if _, inBlock := c.w.byPtr[o.ptr]; inBlock {
				ptr = jsonpos.Join(o.ptr, leaf)
			}
			num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
			out = append(out, Finding{
				Rule: ruleNumber, Severity: diag.Error, Pointer: ptr, Feature: f.Name, URL: f.DocURL,
				Message: fmt.Sprintf("property %q on type %q is %s, expected a rating from %s to %s (worstRating to bestRating) %s",
					p.Name, typeOf(n, e), num(v), num(lo), num(hi), f.suffix()),
			})
		}
	}
	return out
}

func hasCheck(p propDef, kind string) bool {
	for _, c := range p.Checks {
		if c.Kind == kind {
			return true
		}
	}
	return false
}

// ratingNumber reads a plain number; fractions and percentages carry
// their own scale and are left alone.
func ratingNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}
