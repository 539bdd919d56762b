package schema

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/schema/shapes"
	"golang.org/x/text/language"
)

// literalFix proposes the ISO 8601 or JSON number form of a string that
// fits none of the data types of a property's range (V014). The new text
// must fit one of them.
func (bs *blockState) literalFix(d *diag.Diagnostic, n *jsonpos.Node, data []string, s string) {
	for _, dt := range data {
		var c conversion
		var ok bool
		switch dt {
		case "Date", "DateTime":
			c, ok = isoDateTime(s)
		case "Time":
			c, ok = isoTime(s, false)
		case "Duration":
			c, ok = isoDuration(s)
		case "Number", "Float":
			c, ok = plainNumber(s, false)
		case "Integer":
			c, ok = plainNumber(s, true)
		}
		if ok && c.text != s && (c.app == diag.DisplayOnly || literalFits(dt, c.text)) {
			bs.convert(d, n, s, c)
			return
		}
	}
}

// convert attaches the fix of a conversion.
func (bs *blockState) convert(d *diag.Diagnostic, n *jsonpos.Node, s string, c conversion) {
	if c.app == diag.DisplayOnly {
		suggestOnly(d, c.note)
		return
	}
	if bs.changeString(d, n, c.app, s, c.text) && c.note != "" {
		d.Fix.Title += " (" + c.note + ")"
	}
}

// googleFix proposes the value a G finding's check asks for, when the
// value written has a form with a known reading. The new value must pass
// the check that failed.
func (bs *blockState) googleFix(d *diag.Diagnostic, f shapes.Finding) {
	n, ok := bs.doc.Lookup(f.Pointer)
	if !ok || n.Kind != jsonpos.String || bs.opaque(n.Span) {
		return
	}
	s := n.Value.(string)
	var c conversion
	switch f.Kind {
	case "iso8601_datetime", "iso8601_date_or_datetime", "iso8601_date", "iso8601_interval":
		c, ok = isoDateTime(s)
	case "iso8601_duration":
		c, ok = isoDuration(s)
	case "iso8601_time":
		c, ok = isoTime(s, false)
	case "time_hhmmss":
		c, ok = isoTime(s, true)
	case "number":
		if isPriceKey(n.Key) {
			bs.priceFix(d, f.Pointer, n, s)
			return
		}
		c, ok = plainNumber(s, false)
	case "integer":
		c, ok = plainNumber(s, true)
	case "rating_value":
		c, ok = plainNumber(s, false)
	case "iso4217_currency":
		if code, _ := currencyCode(s); code != "" {
			c, ok = conversion{text: code, app: diag.Safe}, true
		}
	case "iso3166_alpha2":
		c, ok = alpha2(s)
	case "url":
		c, ok = bs.absoluteURL(s)
	case "enum":
		c, ok = allowedMember(s, f.Allowed)
	default:
		return
	}
	if !ok || c.text == s || c.app != diag.DisplayOnly && !passes(f, c.text) {
		return
	}
	bs.convert(d, n, s, c)
}

// passes reports whether text passes the check f failed.
func passes(f shapes.Finding, text string) bool {
	if f.Kind == "enum" {
		return slices.Contains(f.Allowed, text)
	}
	fc, ok := shapes.Formats["ldfix-"+strings.ReplaceAll(f.Kind, "_", "-")]
	return ok && fc.IsFormat(text)
}

func isPriceKey(k string) bool {
	switch k {
	case "price", "lowPrice", "highPrice", "minPrice", "maxPrice":
		return true
	}
	return false
}

// priceFix splits a price written with its currency ("19,90 €") into the
// plain number and, when the object has none, a "priceCurrency" member
// written in the object's own style. A currency that contradicts the
// object's priceCurrency, or a symbol that names several currencies
// ("$") where the object gives none, leaves the choice to the author.
func (bs *blockState) priceFix(d *diag.Diagnostic, ptr string, n *jsonpos.Node, s string) {
	num, code, named, ok := price(s)
	if !ok || num.text == s {
		return
	}
	if num.app == diag.DisplayOnly {
		suggestOnly(d, num.note)
		return
	}
	obj, ok := bs.doc.Lookup(parentPointer(ptr))
	if !ok || obj.Kind != jsonpos.Object {
		return
	}
	cur := member(obj, "priceCurrency")
	given, _ := valueOf(cur).(string)
	switch {
	case !named || cur != nil && given == code:
		bs.changeString(d, n, num.app, s, num.text)
	case code == "" && cur != nil:
		bs.changeString(d, n, num.app, s, num.text)
	case code == "" || !shapes.Formats["ldfix-iso4217-currency"].IsFormat(code):
		suggestOnly(d, fmt.Sprintf("write the price as %q and name its currency in \"priceCurrency\" as an ISO 4217 code", num.text))
	case cur != nil:
		suggestOnly(d, fmt.Sprintf("the price names %s but \"priceCurrency\" is %q; write the price as %q and keep the right currency", code, given, num.text))
	default:
		st := bs.styleOf(obj, n)
		text := jsonString(num.text) + "," + st.between() + jsonString("priceCurrency") + st.colon + jsonString(code)
		bs.propose(d, num.app, fmt.Sprintf("change %q to %q and add \"priceCurrency\": %q", s, num.text, code), change{n.Span, text})
	}
}

func valueOf(n *jsonpos.Node) any {
	if n == nil {
		return nil
	}
	return n.Value
}

func parentPointer(ptr string) string {
	toks := jsonpos.Split(ptr)
	if len(toks) == 0 {
		return ""
	}
	return jsonpos.Join("", toks[:len(toks)-1]...)
}

// alpha2 converts an ISO 3166-1 alpha-3 country code to its alpha-2 code:
// USA is US. Country names are left alone.
func alpha2(s string) (conversion, bool) {
	if !isUpperLetters(s, 3) {
		return conversion{}, false
	}
	r, err := language.ParseRegion(s)
	if err != nil || !r.IsCountry() || r.ISO3() != s {
		return conversion{}, false
	}
	return conversion{text: r.String(), app: diag.Safe}, true
}

func isUpperLetters(s string, n int) bool {
	return len(s) == n && strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

// absoluteURL makes a URL absolute. A relative URL is resolved against
// the page's base (its <base href>, or the page's own URL), as a browser
// resolves it: safe. Without a base, a URL that starts with a host name
// (www.example.com/a) or with // gets https://, which is a guess.
func (bs *blockState) absoluteURL(s string) (conversion, bool) {
	t := strings.TrimSpace(s)
	u, err := url.Parse(t)
	if t == "" || err != nil || u.Scheme != "" || strings.ContainsAny(t, " \t\r\n") {
		return conversion{}, false
	}
	if !strings.HasPrefix(t, "/") && looksLikeHost(t) {
		return conversion{text: "https://" + t, app: diag.Unsafe}, true
	}
	if base, err := url.Parse(bs.b.Base); err == nil && bs.b.Base != "" && base.IsAbs() && (strings.HasPrefix(t, "/") || !bs.b.BaseIsRoot) {
		return conversion{text: base.ResolveReference(u).String(), app: diag.Safe}, true
	}
	if strings.HasPrefix(t, "//") {
		return conversion{text: "https:" + t, app: diag.Unsafe}, true
	}
	return conversion{}, false
}

// hostSuffixes are the top-level domains that a URL missing its scheme
// commonly starts with; a first segment ending in another suffix
// (index.html, photo.jpg) is a relative path.
var hostSuffixes = []string{"com", "org", "net", "edu", "gov", "io", "tv", "co", "uk", "de", "fr", "es", "it", "nl", "ru", "jp", "in", "au", "ca", "br", "me", "info", "biz", "ch", "at", "be", "pl", "se"}

func looksLikeHost(s string) bool {
	host, _, _ := strings.Cut(s, "/")
	if strings.HasPrefix(host, "www.") && len(host) > 4 {
		return true
	}
	i := strings.LastIndexByte(host, '.')
	return i > 0 && slices.Contains(hostSuffixes, strings.ToLower(host[i+1:]))
}

// allowedMember finds the one value Google allows that names the same
// member as s ("inStock", "In Stock", "InStock" are
// https://schema.org/InStock).
func allowedMember(s string, allowed []string) (conversion, bool) {
	key := squash(schemaNameOr(strings.TrimPrefix(s, "schema:")))
	var found []string
	for _, a := range allowed {
		if squash(schemaNameOr(a)) == key {
			found = append(found, a)
		}
	}
	if len(found) != 1 || key == "" {
		return conversion{}, false
	}
	return conversion{text: found[0], app: diag.Safe}, true
}
