package shapes

import "testing"

func TestFormats(t *testing.T) {
	cases := []struct {
		format string
		value  any
		want   bool
	}{
		{"ldfix-iso8601-datetime", "2024-01-05T08:00:00+08:00", true},
		{"ldfix-iso8601-datetime", "2024-01-05T08:00", true},
		{"ldfix-iso8601-datetime", "2024-01-05T08:00:00.123Z", true},
		{"ldfix-iso8601-datetime", "2024-01-05", true},
		{"ldfix-iso8601-datetime", "20180619T055000+0900", true},
		{"ldfix-iso8601-datetime", "20181319T055000+0900", false},
		{"ldfix-iso8601-datetime", "Wed, 28 Oct 2020 22:22:49 GMT", false},
		{"ldfix-iso8601-datetime", "2024-13-05", false},
		{"ldfix-iso8601-datetime", "2024-01-05 08:00", false},
		{"ldfix-iso8601-datetime", "January 5, 2024", false},
		{"ldfix-iso8601-datetime", "2024-01-05T25:00", false},
		{"ldfix-iso8601-date", "2024-02-29", true},
		{"ldfix-iso8601-date", "2023-02-29", false},
		{"ldfix-iso8601-date", "2024-01-05T08:00", false},
		{"ldfix-iso8601-duration", "PT1H30M", true},
		{"ldfix-iso8601-duration", "P1Y2M10DT2H30M", true},
		{"ldfix-iso8601-duration", "PT1.5S", true},
		{"ldfix-iso8601-duration", "P", false},
		{"ldfix-iso8601-duration", "PT", false},
		{"ldfix-iso8601-duration", "1 hour", false},
		{"ldfix-iso8601-interval", "1950-01-01/2013-12-18", true},
		{"ldfix-iso8601-interval", "2013-01-01/..", true},
		{"ldfix-iso8601-interval", "2013-01-01/P1Y", true},
		{"ldfix-iso8601-interval", "../..", false},
		{"ldfix-iso8601-time", "14:30:00+08:00", true},
		{"ldfix-iso8601-time", "2pm", false},
		{"ldfix-time-hhmmss", "11:30:00", true},
		{"ldfix-time-hhmmss", "11:30", true},
		{"ldfix-time-hhmmss", "11:3", false},
		{"ldfix-iso4217-currency", "USD", true},
		{"ldfix-iso4217-currency", "usd", false},
		{"ldfix-iso4217-currency", "$", false},
		{"ldfix-iso4217-currency", "XYZ", false},
		{"ldfix-iso3166-alpha2", "US", true},
		{"ldfix-iso3166-alpha2", "USA", false},
		{"ldfix-iso3166-alpha2", "ZZ", false},
		{"ldfix-iso3166-alpha2-or-alpha3", "USA", true},
		{"ldfix-iso639-1", "en", true},
		{"ldfix-iso639-1", "English", false},
		{"ldfix-bcp47", "en-US", true},
		{"ldfix-bcp47", "en_US", false},
		{"ldfix-bcp47", "English", false},
		{"ldfix-url", "https://example.com/a?b=c", true},
		{"ldfix-url", "/a/b", false},
		{"ldfix-url", "www.example.com", false},
		{"ldfix-url", "https://exa mple.com", false},
		{"ldfix-url", 3.0, false},
		{"ldfix-url-template", "https://example.com/s?q={search_term_string}", true},
		{"ldfix-url-template", "https://example.com/s", false},
		{"ldfix-number", "39.99", true},
		{"ldfix-number", 39.99, true},
		{"ldfix-number", "$39.99", false},
		{"ldfix-number", "1,299.00", false},
		{"ldfix-number", "NaN", false},
		{"ldfix-integer", "3", true},
		{"ldfix-integer", 3.5, false},
		{"ldfix-boolean", "true", true},
		{"ldfix-boolean", "https://schema.org/False", true},
		{"ldfix-boolean", "no", false},
		{"ldfix-boolean", 1.0, false},
		{"ldfix-rating-value", "4.5", true},
		{"ldfix-rating-value", "4.", true}, // a trailing point, read as 4 by JavaScript and Google
		{"ldfix-rating-value", "6 / 10", true},
		{"ldfix-rating-value", "60%", true},
		{"ldfix-rating-value", "4,5", false},
		{"ldfix-gtin", "4006381333931", true},
		{"ldfix-gtin", "4006381333932", false},
		{"ldfix-gtin", "https://id.gs1.org/01/04006381333931", false},
		{"ldfix-gtin", 4006381333931.0, true},
		{"ldfix-isbn13", "978-0-316-76948-8", true},
		{"ldfix-isbn13", "0316769487", false},
		{"ldfix-phone-with-country-code", "+1-212-245-9600", true},
		{"ldfix-phone-with-country-code", "212 245 9600", false},
		{"ldfix-ascii-only", "abc-123", true},
		{"ldfix-ascii-only", "café", false},
		{"ldfix-min-decimals-5", 40.761293, true},
		{"ldfix-min-decimals-5", 40.76, false},
		{"ldfix-min-decimals-5", "40.761293", true},
		{"ldfix-url", true, true}, // gojsonschema only asks about strings and numbers
	}
	addFormats()
	for _, c := range cases {
		f, ok := Formats[c.format]
		if !ok {
			f = minDecimals(5)
		}
		if got := f.IsFormat(c.value); got != c.want {
			t.Errorf("%s(%#v) = %v, want %v", c.format, c.value, got, c.want)
		}
	}
}
