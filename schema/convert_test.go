package schema

import (
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
)

func TestConversions(t *testing.T) {
	cases := []struct {
		fn   func(string) (conversion, bool)
		in   string
		want string
		app  diag.Applicability // 0: no conversion
	}{
		{isoDateTime, "2026/10/04", "2026-10-04", diag.Safe},
		{isoDateTime, "2026-10-04 08:00:00", "2026-10-04T08:00:00", diag.Safe},
		{isoDateTime, "2022-5-3T23:57:00", "2022-05-03T23:57:00", diag.Safe},
		{isoDateTime, "2022-05-11T4:10:00", "2022-05-11T04:10:00", diag.Safe},
		{isoDateTime, "2022-05-05T22:12:00 UTC", "2022-05-05T22:12:00Z", diag.Safe},
		{isoDateTime, "2019-12-09 09:08:21+01:00", "2019-12-09T09:08:21+01:00", diag.Safe},
		{isoDateTime, "2021-10-11 00:00:00.0", "2021-10-11T00:00:00.0", diag.Safe},
		{isoDateTime, "20200414T00:38:07Z", "2020-04-14T00:38:07Z", diag.Safe},
		{isoDateTime, "2023-11-02T10:14:29&#x2B;05:30", "2023-11-02T10:14:29+05:30", diag.Safe},
		{isoDateTime, "Wed, 28 Oct 2020 22:22:49 GMT", "2020-10-28T22:22:49Z", diag.Safe},
		{isoDateTime, "Mon, 18 Nov 2019 16:07:38 -0600", "2019-11-18T16:07:38-06:00", diag.Safe},
		{isoDateTime, "Tue, 4 May 2021 19:18:00 +0200", "2021-05-04T19:18:00+02:00", diag.Safe},
		{isoDateTime, "Tue Nov 19 2019 03:05:46 GMT+0000", "2019-11-19T03:05:46Z", diag.Safe},
		{isoDateTime, "Tue Nov 19 2019 03:05:46 GMT+0100 (Central European Standard Time)", "2019-11-19T03:05:46+01:00", diag.Safe},
		{isoDateTime, "Tue Jan 28 15:28:56 CET 2020", "2020-01-28T15:28:56+01:00", diag.Unsafe},
		{isoDateTime, "2021-01-03T17:40:00EET", "2021-01-03T17:40:00+02:00", diag.Unsafe},
		{isoDateTime, "November 19, 2019", "2019-11-19", diag.Safe},
		{isoDateTime, "Dec 20, 2018", "2018-12-20", diag.Safe},
		{isoDateTime, "20 Nov 2019 08:02 GMT", "2019-11-20T08:02Z", diag.Safe},
		{isoDateTime, "June 16, 2020 at 4:41pm", "2020-06-16T16:41", diag.Safe},
		{isoDateTime, "13/05/2022", "2022-05-13", diag.Safe},
		{isoDateTime, "05/13/2022", "2022-05-13", diag.Safe},
		{isoDateTime, "11.11.2021", "2021-11-11", diag.Safe},
		{isoDateTime, "04.10.2026", "2026-10-04", diag.Unsafe},
		{isoDateTime, "04/10/2026", "2026-10-04", diag.DisplayOnly},
		{isoDateTime, "Mar 28, 2020, 06:15 PM IST", "", 0},    // IST names three zones
		{isoDateTime, "Wed, 29 Oct 2020 22:22:49 GMT", "", 0}, // 29 October 2020 was a Thursday
		{isoDateTime, "2020-02-30", "", 0},
		{isoDateTime, "2020-01-10T00:59:47ZZ", "", 0},
		{isoDateTime, "yesterday", "", 0},
		{isoDuration, "1h 30m", "PT1H30M", diag.Safe},
		{isoDuration, "1 hour 30 minutes", "PT1H30M", diag.Safe},
		{isoDuration, "90 min", "PT90M", diag.Safe},
		{isoDuration, "2 days", "P2D", diag.Safe},
		{isoDuration, "T1M02S", "PT1M02S", diag.Safe},
		{isoDuration, "1:30", "", 0},
		{isoDuration, "P", "", 0},
		{isoDuration, "about an hour", "", 0},
		{func(s string) (conversion, bool) { return plainNumber(s, false) }, "4,6", "4.6", diag.Safe},
		{func(s string) (conversion, bool) { return plainNumber(s, false) }, "1.299,00", "1299.00", diag.Safe},
		{func(s string) (conversion, bool) { return plainNumber(s, false) }, "1,299.00", "1299.00", diag.Safe},
		{func(s string) (conversion, bool) { return plainNumber(s, false) }, "1 299,50", "1299.50", diag.Safe},
		{func(s string) (conversion, bool) { return plainNumber(s, false) }, "1,299", "1299", diag.DisplayOnly},
		{func(s string) (conversion, bool) { return plainNumber(s, true) }, "1,299", "1299", diag.Safe},
		{func(s string) (conversion, bool) { return plainNumber(s, false) }, "4.", "", 0},
		{func(s string) (conversion, bool) { return plainNumber(s, false) }, "12,34,56", "", 0},
		{func(s string) (conversion, bool) { return isoTime(s, false) }, "8:00 PM", "20:00", diag.Safe},
		{func(s string) (conversion, bool) { return isoTime(s, true) }, "8:00", "08:00:00", diag.Safe},
	}
	for _, c := range cases {
		got, ok := c.fn(c.in)
		if c.app == 0 {
			if ok {
				t.Errorf("%q: converted to %q (%v), want no conversion", c.in, got.text, got.app)
			}
			continue
		}
		if !ok || got.text != c.want || got.app != c.app {
			t.Errorf("%q: got %q %v (ok %v), want %q %v", c.in, got.text, got.app, ok, c.want, c.app)
		}
	}
}

func TestPrice(t *testing.T) {
	cases := []struct {
		in, num, code string
		named, ok     bool
	}{
		{"19,90 €", "19.90", "EUR", true, true},
		{"$1,299.00", "1299.00", "", true, true},
		{"EUR 5", "5", "EUR", true, true},
		{"£12.50", "12.50", "GBP", true, true},
		{"1.299,00", "1299.00", "", false, true},
		{"19,90 euros", "19.90", "EUR", true, true},
		{"call us", "", "", false, false},
		{"€19 - €29", "", "", false, false},
	}
	for _, c := range cases {
		num, code, named, ok := price(c.in)
		if ok != c.ok || ok && (num.text != c.num || code != c.code || named != c.named) {
			t.Errorf("%q: got %q %q %v %v, want %q %q %v %v", c.in, num.text, code, named, ok, c.num, c.code, c.named, c.ok)
		}
	}
}

// FuzzConversions: no conversion panics, and a safe or unsafe one is
// valid ISO 8601 or a plain number.
func FuzzConversions(f *testing.F) {
	for _, s := range []string{"2026/10/04", "Wed, 28 Oct 2020 22:22:49 GMT", "1h 30m", "4,6", "19,90 €", "8:00 PM", "04/10/2026"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if c, ok := isoDateTime(s); ok && c.app != diag.DisplayOnly && !literalFits("DateTime", c.text) && !literalFits("Date", c.text) {
			t.Errorf("%q → %q is not ISO 8601", s, c.text)
		}
		if c, ok := isoDuration(s); ok && !literalFits("Duration", c.text) {
			t.Errorf("%q → %q is not an ISO 8601 duration", s, c.text)
		}
		if c, ok := plainNumber(s, false); ok && !literalFits("Number", c.text) {
			t.Errorf("%q → %q is not a number", s, c.text)
		}
		if c, ok := isoTime(s, false); ok && !literalFits("Time", c.text) {
			t.Errorf("%q → %q is not a time", s, c.text)
		}
		price(s)
	})
}
