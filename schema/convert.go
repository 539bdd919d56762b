package schema

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ldfix/ldfix/fixer/diag"
)

// The conversions below turn the common non-ISO forms that pages publish
// into the ISO 8601, JSON number and ISO 4217 forms schema.org and Google
// read. Each returns the new text and how safe it is: Safe when the form
// has one reading, Unsafe when it rests on a convention (a time zone
// abbreviation), DisplayOnly when the readings differ (04/10/2026). A
// caller checks the result with the same test that found the value, so a
// conversion never proposes text that is still rejected.

// conversion is the outcome of converting one literal.
type conversion struct {
	text string
	app  diag.Applicability
	// note words the choice when the conversion is display-only.
	note string
}

var months = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
	"sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
	"dec": 12, "december": 12,
}

// zoneOffsets are the time zone abbreviations with one meaning in
// practice. Reading one is a convention, so a fix that uses it is unsafe;
// IST, CST, BST and AST name several zones and are not read at all.
var zoneOffsets = map[string]string{
	"CET": "+01:00", "CEST": "+02:00", "EET": "+02:00", "EEST": "+03:00", "WET": "+00:00", "WEST": "+01:00",
	"PST": "-08:00", "PDT": "-07:00", "MST": "-07:00", "MDT": "-06:00", "CDT": "-05:00", "EST": "-05:00",
	"EDT": "-04:00", "AEST": "+10:00", "AEDT": "+11:00", "JST": "+09:00", "KST": "+09:00", "HKT": "+08:00",
	"SGT": "+08:00", "MSK": "+03:00",
}

const (
	monthRE = `(?i:(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?`
	dayRE   = `(?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?`
	clockRE = `(\d{1,2}):(\d{2})(?::(\d{2})([.,]\d+)?)?\s*(?i:([ap])\.?m\.?)?`
	zoneRE  = `\s*(Z|(?i:UTC|GMT|UT)(?:([+-]\d{2}):?(\d{2}))?|([+-]\d{2}):?(\d{2})?|[A-Z]{3,4})?`
)

var (
	// 2026-10-04 08:00:00, 2026/10/04, 2022-5-3T4:10:00 UTC, 20200414T00:38:07Z
	ymdRE = regexp.MustCompile(`^(\d{4})([-/.]?)(\d{1,2})([-/.]?)(\d{1,2})(?:(?:[T ]+|\s*,\s*)` + clockRE + zoneRE + `)?$`)
	// Wed, 28 Oct 2020 22:22:49 GMT; 19 Nov 2019 07:09 GMT; 4 May 2021
	dmyNameRE = regexp.MustCompile(`^` + dayRE + `(\d{1,2})(?i:st|nd|rd|th)?\.?\s+` + monthRE + `,?\s+(\d{4})(?:,?\s+(?i:at\s+)?` + clockRE + zoneRE + `)?$`)
	// November 19, 2019; Tue Nov 19 2019 03:05:46 GMT+0000; June 16, 2020 at 4:41pm
	mdyNameRE = regexp.MustCompile(`^` + dayRE + monthRE + `\s+(\d{1,2})(?i:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?i:at\s+)?` + clockRE + zoneRE + `)?(?:\s*\([^()]*\))?$`)
	// Tue Jan 28 15:28:56 CET 2020 (the C and Java form)
	unixRE = regexp.MustCompile(`^` + dayRE + monthRE + `\s+(\d{1,2})\s+` + clockRE + zoneRE + `\s+(\d{4})$`)
	// 04/10/2026, 11.11.2021 08:00
	numericRE = regexp.MustCompile(`^(\d{1,2})([./-])(\d{1,2})([./-])(\d{4})(?:(?:[T ]+|\s*,\s*)` + clockRE + zoneRE + `)?$`)
)

// stamp is a date and an optional time read from text.
type stamp struct {
	y, m, d      int
	hasClock     bool
	hh, mm, ss   int
	hasSec       bool
	frac         string
	zone         string // "", "Z" or ±hh:mm
	app          diag.Applicability
	weekday      string // as written, checked against the date
	zoneWritten  string
	clockInvalid bool
}

// isoDateTime converts a date or date-time to ISO 8601.
func isoDateTime(s string) (conversion, bool) {
	s = strings.TrimSpace(strings.NewReplacer("&#x2B;", "+", "&#43;", "+", "&plus;", "+").Replace(s))
	st, ok := readStamp(s)
	if !ok {
		return conversion{}, false
	}
	return st.iso()
}

func readStamp(s string) (*stamp, bool) {
	if m := ymdRE.FindStringSubmatch(s); m != nil {
		if m[2] != m[4] || (m[2] == "" && (len(m[3]) != 2 || len(m[5]) != 2)) {
			return nil, false
		}
		st := &stamp{y: atoi(m[1]), m: atoi(m[3]), d: atoi(m[5]), app: diag.Safe}
		return st, st.clock(m[6:16])
	}
	if m := dmyNameRE.FindStringSubmatch(s); m != nil {
		st := &stamp{y: atoi(m[3]), m: months[strings.ToLower(m[2])], d: atoi(m[1]), app: diag.Safe, weekday: weekdayOf(s)}
		return st, st.clock(m[4:14])
	}
	if m := mdyNameRE.FindStringSubmatch(s); m != nil {
		st := &stamp{y: atoi(m[3]), m: months[strings.ToLower(m[1])], d: atoi(m[2]), app: diag.Safe, weekday: weekdayOf(s)}
		return st, st.clock(m[4:14])
	}
	if m := unixRE.FindStringSubmatch(s); m != nil {
		st := &stamp{y: atoi(m[13]), m: months[strings.ToLower(m[1])], d: atoi(m[2]), app: diag.Safe, weekday: weekdayOf(s)}
		return st, st.clock(m[3:13])
	}
	if m := numericRE.FindStringSubmatch(s); m != nil && m[2] == m[4] {
		a, b := atoi(m[1]), atoi(m[3])
		st := &stamp{y: atoi(m[5]), app: diag.Safe}
		switch {
		case a == b:
			st.m, st.d = a, a
		case a > 12 && b <= 12:
			st.d, st.m = a, b
		case b > 12 && a <= 12:
			st.m, st.d = a, b
		case m[2] == ".":
			// Day first is the convention wherever dots separate a date
			// (11.05.2021 in German, Russian, Polish…), but it is a
			// convention.
			st.d, st.m, st.app = a, b, diag.Unsafe
		default:
			st.d, st.m, st.app = a, b, diag.DisplayOnly
		}
		return st, st.clock(m[6:16])
	}
	return nil, false
}

// weekdayOf returns the weekday a text starts with, if any.
func weekdayOf(s string) string {
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		if strings.HasPrefix(strings.ToLower(s), d) {
			return d
		}
	}
	return ""
}

// clock reads the time fields of a match: hour, minute, second,
// fraction, am/pm, then the zone groups.
func (st *stamp) clock(g []string) bool {
	if g[0] == "" {
		return g[5] == ""
	}
	st.hasClock = true
	st.hh, st.mm = atoi(g[0]), atoi(g[1])
	if g[2] != "" {
		st.ss, st.hasSec = atoi(g[2]), true
	}
	st.frac = strings.Replace(g[3], ",", ".", 1)
	switch strings.ToLower(g[4]) {
	case "a":
		if st.hh < 1 || st.hh > 12 {
			return false
		}
		if st.hh == 12 {
			st.hh = 0
		}
	case "p":
		if st.hh < 1 || st.hh > 12 {
			return false
		}
		if st.hh != 12 {
			st.hh += 12
		}
	}
	return st.readZone(g[5], g[6], g[7], g[8], g[9])
}

// readZone reads the zone: Z, UTC, GMT and numeric offsets are exact; an
// abbreviation is read through zoneOffsets.
func (st *stamp) readZone(all, gmtH, gmtM, offH, offM string) bool {
	switch {
	case all == "":
	case gmtH != "":
		st.zone = gmtH + ":" + gmtM
	case offH != "":
		if offM == "" {
			offM = "00"
		}
		st.zone = offH + ":" + offM
	case strings.EqualFold(all, "Z") || strings.EqualFold(all, "UTC") || strings.EqualFold(all, "GMT") || strings.EqualFold(all, "UT"):
		st.zone = "Z"
	default:
		off, ok := zoneOffsets[all]
		if !ok {
			return false
		}
		st.zone, st.zoneWritten = off, all
		st.app = max(st.app, diag.Unsafe)
	}
	if st.zone == "+00:00" || st.zone == "-00:00" {
		st.zone = "Z"
	}
	return true
}

// iso writes the stamp in ISO 8601, after checking that the date exists
// and the weekday written, if any, is its weekday.
func (st *stamp) iso() (conversion, bool) {
	t := time.Date(st.y, time.Month(st.m), st.d, 0, 0, 0, 0, time.UTC)
	if st.m < 1 || st.m > 12 || t.Day() != st.d || t.Month() != time.Month(st.m) {
		return conversion{}, false
	}
	if st.weekday != "" && !strings.EqualFold(t.Weekday().String()[:3], st.weekday) {
		return conversion{}, false
	}
	if st.hasClock && (st.hh > 23 || st.mm > 59 || st.ss > 59) {
		return conversion{}, false
	}
	text := func(m, d int) string {
		out := fmt.Sprintf("%04d-%02d-%02d", st.y, m, d)
		if !st.hasClock {
			return out
		}
		out += fmt.Sprintf("T%02d:%02d", st.hh, st.mm)
		if st.hasSec {
			out += fmt.Sprintf(":%02d%s", st.ss, st.frac)
		}
		return out + st.zone
	}
	c := conversion{text: text(st.m, st.d), app: st.app}
	if st.app == diag.DisplayOnly {
		c.note = fmt.Sprintf("write %q if the day comes first or %q if the month does", text(st.m, st.d), text(st.d, st.m))
	}
	if st.zoneWritten != "" {
		c.note = fmt.Sprintf("%s read as %s", st.zoneWritten, st.zone)
	}
	return c, true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

var (
	// 1h 30m, 1 hour 30 minutes, 90 min, 2 days
	durationPartRE = regexp.MustCompile(`(?i)^(\d+)\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\.?$`)
	// T1M02S: an ISO duration that lost its P
	lostPRE = regexp.MustCompile(`^T(\d+H)?(\d+M)?(\d+S)?$`)
)

// isoDuration converts a duration written in words or unit letters to
// ISO 8601: 1h 30m is PT1H30M.
func isoDuration(s string) (conversion, bool) {
	s = strings.TrimSpace(s)
	if lostPRE.MatchString(s) && s != "T" {
		return conversion{text: "P" + s, app: diag.Safe}, true
	}
	fields := strings.FieldsFunc(strings.ReplaceAll(strings.ToLower(s), " and ", " "), func(r rune) bool { return r == ',' })
	var parts []string
	for _, f := range fields {
		parts = append(parts, splitUnits(strings.TrimSpace(f))...)
	}
	var v [4]int // days, hours, minutes, seconds
	var seen [4]bool
	for _, p := range parts {
		m := durationPartRE.FindStringSubmatch(p)
		if m == nil {
			return conversion{}, false
		}
		i := strings.Index("dhms", m[2][:1])
		if seen[i] {
			return conversion{}, false
		}
		v[i], seen[i] = atoi(m[1]), true
	}
	if len(parts) == 0 {
		return conversion{}, false
	}
	out := "P"
	if seen[0] {
		out += strconv.Itoa(v[0]) + "D"
	}
	if seen[1] || seen[2] || seen[3] {
		out += "T"
		for i, u := range []string{"", "H", "M", "S"} {
			if i > 0 && seen[i] {
				out += strconv.Itoa(v[i]) + u
			}
		}
	}
	return conversion{text: out, app: diag.Safe}, true
}

// unitRE finds each number with its unit in "1h30m" or "1 h 30 min".
var unitRE = regexp.MustCompile(`(?i)\d+\s*[a-z]+\.?`)

func splitUnits(s string) []string {
	found := unitRE.FindAllString(s, -1)
	if strings.Join(strings.Fields(strings.Join(found, "")), "") != strings.Join(strings.Fields(s), "") {
		return []string{s} // text between the parts: durationPartRE rejects it
	}
	return found
}

// clockOnlyRE is a time of day: 8:00, 8:00 PM, 20:00:00.
var clockOnlyRE = regexp.MustCompile(`^` + clockRE + `$`)

// isoTime converts a time of day to hh:mm or hh:mm:ss; withSeconds asks
// for the seconds (Google's hh:mm:ss times).
func isoTime(s string, withSeconds bool) (conversion, bool) {
	m := clockOnlyRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return conversion{}, false
	}
	st := &stamp{app: diag.Safe}
	if !st.clock(append(m[1:6], "", "", "", "", "")) || st.hh > 23 || st.mm > 59 || st.ss > 59 {
		return conversion{}, false
	}
	out := fmt.Sprintf("%02d:%02d", st.hh, st.mm)
	if st.hasSec || withSeconds {
		out += fmt.Sprintf(":%02d", st.ss)
	}
	return conversion{text: out, app: diag.Safe}, true
}

// plainNumber converts a number written with a decimal comma or with
// thousands separators to a JSON number's form: 4,6 is 4.6 and 1.299,00
// is 1299.00. A single comma or dot before exactly three digits ("1,299")
// is a thousands separator in one convention and a decimal one in
// another, so it is read only where the value must be whole (integer).
func plainNumber(s string, integer bool) (conversion, bool) {
	t := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\u2009', '\'':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(t, "-")
	if t == "" || strings.Trim(t, "0123456789.,") != "" || t[0] < '0' || t[0] > '9' || t[len(t)-1] < '0' || t[len(t)-1] > '9' {
		return conversion{}, false
	}
	commas, dots := strings.Count(t, ","), strings.Count(t, ".")
	app := diag.Safe
	var intPart, frac string
	switch {
	case commas > 0 && dots > 0:
		dec := ","
		if strings.LastIndex(t, ".") > strings.LastIndex(t, ",") {
			dec = "."
		}
		i := strings.LastIndex(t, dec)
		intPart, frac = t[:i], t[i+1:]
		if strings.Contains(frac, ",") || strings.Contains(frac, ".") || !grouped(intPart, thousandsOf(dec)) {
			return conversion{}, false
		}
	case commas+dots == 1:
		sep := ","
		if dots == 1 {
			sep = "."
		}
		i := strings.Index(t, sep)
		if len(t)-i-1 == 3 {
			if !integer {
				return conversion{text: strings.ReplaceAll(t, sep, ""), app: diag.DisplayOnly,
					note: fmt.Sprintf("%q is a thousands separator in some languages and a decimal one in others", sep)}, true
			}
			intPart = strings.ReplaceAll(t, sep, "")
		} else {
			intPart, frac = t[:i], t[i+1:]
		}
	case commas > 1 || dots > 1:
		sep := ","
		if dots > 1 {
			sep = "."
		}
		if !grouped(t, sep) {
			return conversion{}, false
		}
		intPart = strings.ReplaceAll(t, sep, "")
	default:
		intPart = t
	}
	intPart = strings.NewReplacer(",", "", ".", "").Replace(intPart)
	if integer && strings.Trim(frac, "0") != "" {
		return conversion{}, false
	}
	out := intPart
	if frac != "" && !integer {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return conversion{text: out, app: app}, true
}

func thousandsOf(dec string) string {
	if dec == "," {
		return "."
	}
	return ","
}

// grouped reports whether s is digits in groups of three split by sep,
// the first group of one to three digits.
func grouped(s, sep string) bool {
	groups := strings.Split(s, sep)
	if len(groups[0]) < 1 || len(groups[0]) > 3 && len(groups) > 1 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// currencies maps the symbols, names and prefixed dollars that have one
// meaning to ISO 4217. "$", "¥", "kr" and "dollar" name several
// currencies and are absent.
var currencies = map[string]string{
	"€": "EUR", "euro": "EUR", "euros": "EUR", "eur": "EUR",
	"£": "GBP", "gbp": "GBP",
	"₹": "INR", "rs.": "INR", "₽": "RUB", "руб": "RUB", "руб.": "RUB", "₺": "TRY", "₩": "KRW",
	"₴": "UAH", "zł": "PLN", "zl": "PLN", "kč": "CZK", "₪": "ILS", "฿": "THB", "₫": "VND", "₦": "NGN",
	"us$": "USD", "usd": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD", "nz$": "NZD",
	"r$": "BRL", "hk$": "HKD", "s$": "SGD", "chf": "CHF", "jpy": "JPY", "cny": "CNY", "rmb": "CNY",
}

// ambiguousCurrencies name several currencies.
var ambiguousCurrencies = map[string]bool{"$": true, "¥": true, "kr": true, "kr.": true, "dollar": true, "dollars": true, "fr.": true}

// currencyCode reads a currency symbol or name: the ISO 4217 code, and
// whether the text names a currency at all (a "$" does, but not which).
func currencyCode(s string) (code string, named bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	if c, ok := currencies[k]; ok {
		return c, true
	}
	if ambiguousCurrencies[k] {
		return "", true
	}
	if len(k) == 3 && strings.Trim(k, "abcdefghijklmnopqrstuvwxyz") == "" {
		return strings.ToUpper(k), true // checked as a code by the caller
	}
	return "", false
}

// priceRE splits a price into a currency before or after the number.
var priceRE = regexp.MustCompile(`^\s*([^\d\s.,-]*)\s*(-?[\d][\d\s\x{a0}\x{202f}.,']*\d|\d)\s*([^\d\s.,]*)\s*$`)

// price reads a price written with its currency ("19,90 €", "$1,299.00",
// "EUR 5"): the plain number, the currency's code ("" when none or
// ambiguous) and whether a currency was written.
func price(s string) (num conversion, code string, named, ok bool) {
	m := priceRE.FindStringSubmatch(s)
	if m == nil || m[1] != "" && m[3] != "" {
		return conversion{}, "", false, false
	}
	num, ok = plainNumber(m[2], false)
	if !ok {
		return conversion{}, "", false, false
	}
	if cur := m[1] + m[3]; cur != "" {
		code, named = currencyCode(cur)
		if !named {
			return conversion{}, "", false, false
		}
	}
	return num, code, named, true
}
