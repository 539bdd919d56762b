package crawl

import (
	"errors"
	"fmt"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// Kind classifies why a page or sitemap could not be checked. Each kind is
// one rule, so a failed page is a finding like any other: it shows in every
// report format, counts towards --fail-on and can be ignored by ID.
type Kind int

const (
	// Unreachable: no response at all (DNS, connection, TLS, timeout).
	Unreachable Kind = iota + 1
	// BadStatus: the server answered with a status other than 2xx.
	BadStatus
	// TooManyRedirects: a redirect loop or more redirects than allowed.
	TooManyRedirects
	// TooLarge: the response was cut off at the size limit.
	TooLarge
	// BlockedByRobots: robots.txt disallows the page for our user agent.
	BlockedByRobots
	// BadSitemap: a sitemap could not be fetched or parsed.
	BadSitemap
)

var kindRules = map[Kind]string{
	Unreachable:      "X080",
	BadStatus:        "X081",
	TooManyRedirects: "X082",
	TooLarge:         "X083",
	BlockedByRobots:  "X084",
	BadSitemap:       "X085",
}

func init() {
	diag.Register(
		diag.Rule{
			ID: "X080", Name: "page-unreachable", Severity: diag.Error, Fixable: diag.FixNever,
			Summary: "the page could not be fetched: no answer, a refused connection or a timeout",
			Why: "A page that does not answer cannot be checked, and search engines cannot read " +
				"its structured data either. Timeouts are set with --timeout.",
			Bad:       "ldfix check https://example.com/slow   # no response within --timeout",
			Good:      "a page that answers within --timeout",
			FixSafety: "not fixable by ldfix: the server or the network must answer",
		},
		diag.Rule{
			ID: "X081", Name: "page-http-error", Severity: diag.Error, Fixable: diag.FixNever,
			Summary: "the server answered with an error status instead of the page",
			Why: "Sitemaps should list only pages that answer 200. A 404 or 5xx page is not indexed; " +
				"429 and 5xx answers are retried with backoff (--retries) before they are reported.",
			Bad:       "<url><loc>https://example.com/gone</loc></url>   <!-- answers 404 -->",
			Good:      "<url><loc>https://example.com/live</loc></url>   <!-- answers 200 -->",
			FixSafety: "not fixable by ldfix: remove the URL from the sitemap or restore the page",
		},
		diag.Rule{
			ID: "X082", Name: "too-many-redirects", Severity: diag.Error, Fixable: diag.FixNever,
			Summary: "the page redirects in a loop or through more redirects than --max-redirects",
			Why: "Crawlers give up on long redirect chains and never reach the page's markup; " +
				"a loop never ends at a page at all.",
			Bad:       "/a -> 301 /b -> 301 /a",
			Good:      "/a -> 301 /b -> 200",
			FixSafety: "not fixable by ldfix: point the sitemap at the final URL or fix the redirects",
		},
		diag.Rule{
			ID: "X083", Name: "page-too-large", Severity: diag.Error, Fixable: diag.FixNever,
			Summary: "the response was larger than --max-page-size and was cut off unchecked",
			Why: "ldfix stops reading at the limit so that one huge or endless response cannot exhaust " +
				"memory or stall the run. Raise --max-page-size if the page is meant to be that large.",
			Bad:       "a 1 GB response with --max-page-size 10MiB",
			Good:      "a page smaller than --max-page-size",
			FixSafety: "not fixable by ldfix",
		},
		diag.Rule{
			ID: "X084", Name: "blocked-by-robots", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "robots.txt disallows the page for ldfix's user agent, so it was not checked",
			Why: "ldfix honours robots.txt like a search engine does. Use --ignore-robots on your own " +
				"site to check pages that are closed to crawlers.",
			Bad:       "User-agent: *\nDisallow: /private/",
			Good:      "ldfix check --ignore-robots https://example.com/private/page",
			FixSafety: "not fixable by ldfix",
		},
		diag.Rule{
			ID: "X085", Name: "sitemap-unreadable", Severity: diag.Error, Fixable: diag.FixNever,
			Summary: "a sitemap or sitemap index could not be fetched or parsed",
			Why: "The pages it lists cannot be found, so they are not checked, and search engines " +
				"reading the same sitemap fail in the same way.",
			Bad:       "<urlset><url><loc>https://example.com/</loc></urlset>",
			Good:      "<urlset><url><loc>https://example.com/</loc></url></urlset>",
			FixSafety: "not fixable by ldfix",
		},
	)
}

// Error is why a page or sitemap could not be checked.
type Error struct {
	URL  string
	Kind Kind
	// Status is the last HTTP status seen, or 0.
	Status int
	// Attempts is how many requests were made.
	Attempts int
	// Msg is the finding's message: one lower-case sentence.
	Msg string
	// Err is the underlying error, when there is one.
	Err error
}

// Error is the message alone: whoever reports it names the URL once, as the
// path of the finding.
func (e *Error) Error() string { return e.Msg }

func (e *Error) Unwrap() error { return e.Err }

// Rule is the rule ID of the finding.
func (e *Error) Rule() string { return kindRules[e.Kind] }

// Diagnostics returns the finding that stands for the page: it concerns the
// whole page (block -1) and has no position in it.
func (e *Error) Diagnostics() []diag.Diagnostic {
	d := diag.New(e.Rule(), -1, source.Span{}, "%s", e.Msg)
	return []diag.Diagnostic{d}
}

// AsError returns the *Error inside err, if any.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

func newError(u string, k Kind, err error, format string, args ...any) *Error {
	return &Error{URL: u, Kind: k, Err: err, Msg: fmt.Sprintf(format, args...)}
}

// IsFetchRule reports whether id is one of this package's rules: a finding
// that stands for a page or sitemap that could not be checked.
func IsFetchRule(id string) bool {
	for _, r := range kindRules {
		if r == id {
			return true
		}
	}
	return false
}
