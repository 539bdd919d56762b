package shapes

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xeipuuv/gojsonschema"
	"golang.org/x/text/currency"
	"golang.org/x/text/language"
)

// formatChecker adapts a string test to gojsonschema. gojsonschema calls
// it with a string or, for JSON numbers, a float64.
type formatChecker struct {
	str func(string) bool
	num func(float64) bool // nil: a JSON number is not this format
}

func (c formatChecker) IsFormat(v any) bool {
	switch x := v.(type) {
	case string:
		return c.str(x)
	case float64:
		return c.num != nil && c.num(x)
	}
	return true
}

var anyNumber = func(float64) bool { return true }

// Formats lists the value checks users may also name in their own shapes,
// as "format": "ldfix-…".
var Formats = map[string]formatChecker{
	"ldfix-iso8601-datetime":         {str: isDateTime},
	"ldfix-iso8601-date":             {str: isDate},
	"ldfix-iso8601-date-or-datetime": {str: isDateTime},
	"ldfix-iso8601-duration":         {str: isDuration},
	"ldfix-iso8601-interval":         {str: isInterval},
	"ldfix-iso8601-time":             {str: isTime},
	"ldfix-time-hhmmss":              {str: isHHMMSS},
	"ldfix-iso4217-currency":         {str: isCurrency},
	"ldfix-iso3166-alpha2":           {str: func(s string) bool { return isCountry(s, 2) }},
	"ldfix-iso3166-alpha2-or-alpha3": {str: func(s string) bool { return isCountry(s, 2) || isCountry(s, 3) }},
	"ldfix-iso639-1":                 {str: isISO6391},
	"ldfix-bcp47":                    {str: isBCP47},
	"ldfix-url":                      {str: isURL},
	"ldfix-url-template":             {str: isURLTemplate},
	"ldfix-number":                   {str: isNumber, num: anyNumber},
	"ldfix-integer":                  {str: isInteger, num: func(f float64) bool { return f == math.Trunc(f) }},
	"ldfix-boolean":                  {str: isBoolean},
	"ldfix-rating-value":             {str: isRatingValue, num: anyNumber},
	"ldfix-gtin":                     {str: isGTIN, num: func(f float64) bool { return f == math.Trunc(f) && f > 0 && isGTIN(padGTIN(f)) }},
	"ldfix-isbn13":                   {str: isISBN13, num: func(f float64) bool { return isISBN13(strconv.FormatFloat(f, 'f', -1, 64)) }},
	"ldfix-phone-with-country-code":  {str: isPhone},
	"ldfix-ascii-only":               {str: isASCII, num: anyNumber},
}

var registerFormats sync.Once

// addFormats registers the checkers with gojsonschema's global chain,
// once: the chain is shared by every schema in the process.
func addFormats() {
	registerFormats.Do(func() {
		for name, c := range Formats {
			gojsonschema.FormatCheckers.Add(name, c)
		}
		for n := 1; n <= 9; n++ {
			gojsonschema.FormatCheckers.Add(fmt.Sprintf("ldfix-min-decimals-%d", n), minDecimals(n))
		}
	})
}

func minDecimals(n int) formatChecker {
	count := func(s string) bool {
		_, frac, ok := strings.Cut(strings.TrimSpace(s), ".")
		if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
			return false
		}
		return ok && len(frac) >= n
	}
	return formatChecker{str: count, num: func(f float64) bool { return count(strconv.FormatFloat(f, 'f', -1, 64)) }}
}

var (
	dateTimeRE      = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$`)
	basicDateTimeRE = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}(?:\d{2})?)?$`)
	timeRE          = regexp.MustCompile(`^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$`)
	durationRE      = regexp.MustCompile(`^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(?:[.,]\d+)?S)?)?$`)
	ratingRE        = regexp.MustCompile(`^\s*\d+(\.\d*)?\s*(%|/\s*\d+(\.\d+)?)?\s*$`)
	phoneRE         = regexp.MustCompile(`^\+[0-9][0-9 ().\-]{6,}$`)
)

// isDate accepts ISO 8601's reduced precision too, as schema.org's Date
// does: a founding year alone ("1919") or a year and month.
func isDate(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if _, err := time.Parse(layout, s); err == nil && len(s) == len(layout) {
			return true
		}
	}
	return false
}

// isDateTime accepts a date or a date-time: Google tolerates a bare date
// where it asks for a DateTime, and advises (not requires) an offset.
func isDateTime(s string) bool {
	if m := basicDateTimeRE.FindStringSubmatch(s); m != nil {
		// ISO 8601's basic format (20180619T055000+0900) is as valid as
		// the extended one.
		return isDate(m[1]+"-"+m[2]+"-"+m[3]) && clock(m[4], m[5], m[6])
	}
	m := dateTimeRE.FindStringSubmatch(s)
	if m == nil || !isDate(m[1]) {
		return false
	}
	return clock(m[2], m[3], m[4])
}

func clock(h, m, s string) bool {
	if h == "" {
		return true
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	ss, _ := strconv.Atoi(s)
	return hh <= 24 && mm < 60 && ss <= 60
}

func isTime(s string) bool {
	m := timeRE.FindStringSubmatch(s)
	return m != nil && clock(m[1], m[2], m[3])
}

// isHHMMSS accepts hh:mm as well: opening hours are written "09:00" in
// schema.org's own examples, and a Time may leave out the seconds.
func isHHMMSS(s string) bool {
	m := timeRE.FindStringSubmatch(s)
	return m != nil && (len(s) == 8 || len(s) == 5) && clock(m[1], m[2], m[3])
}

func isDuration(s string) bool {
	return durationRE.MatchString(s) && s != "P" && !strings.HasSuffix(s, "T")
}

// isInterval accepts a time point or start/end, where either end may be a
// duration and ".." leaves the end open.
func isInterval(s string) bool {
	parts := strings.Split(s, "/")
	switch len(parts) {
	case 1:
		return isDateTime(s)
	case 2:
		ok := func(p string) bool { return isDateTime(p) || isDuration(p) }
		return (ok(parts[0]) && (parts[1] == ".." || ok(parts[1]))) || (parts[0] == ".." && ok(parts[1]))
	}
	return false
}

func isCurrency(s string) bool {
	if len(s) != 3 || strings.ToUpper(s) != s {
		return false
	}
	_, err := currency.ParseISO(s)
	return err == nil
}

func isLetters(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}

func isCountry(s string, n int) bool {
	if !isLetters(s, n) {
		return false
	}
	r, err := language.ParseRegion(s)
	return err == nil && r.IsCountry()
}

func isISO6391(s string) bool {
	if !isLetters(s, 2) {
		return false
	}
	_, err := language.ParseBase(s)
	return err == nil
}

func isBCP47(s string) bool {
	if s == "" || strings.ContainsAny(s, "_ ") {
		return false
	}
	_, err := language.Parse(s)
	return err == nil
}

func isURL(s string) bool {
	if strings.ContainsAny(s, " \t\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

var placeholderRE = regexp.MustCompile(`\{[^{}]+\}`)

func isURLTemplate(s string) bool {
	return placeholderRE.MatchString(s) && isURL(placeholderRE.ReplaceAllString(s, "x"))
}

// isNumber accepts a numeric string; a currency symbol or a thousands
// separator makes it text Google cannot read as a price.
func isNumber(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil && !strings.ContainsAny(s, "eEnNxX_")
}

func isInteger(s string) bool {
	_, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return err == nil
}

func isBoolean(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "false", "https://schema.org/true", "https://schema.org/false", "http://schema.org/true", "http://schema.org/false":
		return true
	}
	return false
}

func isRatingValue(s string) bool { return ratingRE.MatchString(s) }

func padGTIN(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if len(s) < 14 && len(s) != 8 && len(s) != 12 && len(s) != 13 {
		s = strings.Repeat("0", 14-len(s)) + s
	}
	return s
}

// isGTIN checks length and the GS1 check digit.
func isGTIN(s string) bool {
	switch len(s) {
	case 8, 12, 13, 14:
	default:
		return false
	}
	sum := 0
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if d < 0 || d > 9 {
			return false
		}
		if (len(s)-1-i)%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return sum%10 == 0
}

func isISBN13(s string) bool {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "-", ""), " ", "")
	if len(s) != 13 || !(strings.HasPrefix(s, "978") || strings.HasPrefix(s, "979")) {
		return false
	}
	sum := 0
	for i := 0; i < 13; i++ {
		d := int(s[i] - '0')
		if d < 0 || d > 9 {
			return false
		}
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return sum%10 == 0
}

func isPhone(s string) bool { return phoneRE.MatchString(strings.TrimSpace(s)) }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
