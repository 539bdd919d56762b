package schema

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Literal formats of the schema.org data types. Dates and times are ISO
// 8601 as schema.org asks; partial dates (2024, 2024-05) and a space
// instead of "T" are accepted because Google accepts them and pages use
// them widely.
var (
	// Extended (2024-05-01, 10:30:00) and basic (20240501, 103000) forms.
	dateRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[+-]?\d{4,}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$|^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$`)
	})
	timeRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(([01]\d|2[0-4]):[0-5]\d(:[0-5]\d([.,]\d+)?)?|([01]\d|2[0-4])[0-5]\d([0-5]\d([.,]\d+)?)?)(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)?$`)
	})
	durationRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^-?P(\d+(\.\d+)?W|(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?D)?(T(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?)$`)
	})
)

func isDate(s string) bool { return dateRE().MatchString(s) }

func isTime(s string) bool { return timeRE().MatchString(s) }

func isDateTime(s string) bool {
	d, t, ok := strings.Cut(s, "T")
	if !ok {
		d, t, ok = strings.Cut(s, " ")
	}
	if !ok {
		return isDate(s)
	}
	return isDate(d) && isTime(t)
}

func isDuration(s string) bool {
	return durationRE().MatchString(s) && s != "P" && !strings.HasSuffix(s, "T")
}

// isNumber accepts JSON numbers written as strings too ("4.5"), which
// schema.org's examples and Google accept.
func isNumber(s string) bool {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
}

func isInteger(s string) bool {
	_, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return err == nil
}

// isBoolean accepts true and false in any case, and the schema.org members
// True and False by name or IRI.
func isBoolean(s string) bool {
	switch strings.ToLower(schemaNameOr(strings.TrimPrefix(strings.TrimSpace(s), "schema:"))) {
	case "true", "false":
		return true
	}
	return false
}

// isURL accepts absolute and relative URLs; it rejects text with inner
// white space, which no URL holds.
func isURL(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && !strings.ContainsAny(s, " \t\n\r")
}

// schemaNameOr returns the local name of a schema.org IRI, or s itself.
func schemaNameOr(s string) string {
	if n := schemaName(s); n != "" {
		return n
	}
	return s
}

// literalFits reports whether the string s is a valid literal of the data
// type dt (a schema.org data type name).
func literalFits(dt, s string) bool {
	switch dt {
	case "Text", "CssSelectorType", "XPathType", "PronounceableText", "Quantity", "Distance", "Energy", "Mass":
		return true
	case "URL":
		return isURL(s)
	case "Date":
		return isDate(s) || isDateTime(s)
	case "DateTime":
		return isDateTime(s)
	case "Time":
		return isTime(s)
	case "Duration":
		return isDuration(s)
	case "Number", "Float":
		return isNumber(s)
	case "Integer":
		return isInteger(s)
	case "Boolean":
		return isBoolean(s)
	}
	return true // a data type this release added: do not guess its format
}

// numberFits reports whether a JSON number is a valid literal of dt.
func numberFits(dt string, f float64) bool {
	switch dt {
	case "Number", "Float", "Text", "Quantity", "Distance", "Energy", "Mass":
		return true
	case "Integer":
		return f == math.Trunc(f)
	case "URL", "Date", "DateTime", "Time", "Duration", "Boolean", "CssSelectorType", "XPathType", "PronounceableText":
		return false
	}
	return true
}

// boolFits reports whether a JSON boolean is a valid literal of dt.
func boolFits(dt string) bool {
	switch dt {
	case "Boolean", "Text":
		return true
	case "URL", "Date", "DateTime", "Time", "Duration", "Number", "Float", "Integer", "CssSelectorType", "XPathType", "PronounceableText", "Quantity", "Distance", "Energy", "Mass":
		return false
	}
	return true
}
