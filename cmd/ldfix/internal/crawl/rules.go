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
	// RobotsUnavailable: robots.txt could not be read (no answer, 429 or
	// 5xx), which closes the whole site; reported once per site.
	RobotsUnavailable
	// OtherOrigin: a sitemap lists pages on another origin than its own.
	OtherOrigin
	// RedirectOtherOrigin: the page redirects to an origin the user did
	// not name.
	RedirectOtherOrigin
	// NotReached: the run's deadline passed before the page arrived.
	NotReached
	// NotHTML: the response is an image, a PDF, plain text or another
	// type that holds no page markup.
	NotHTML
)

var kindRules = map[Kind]string{
	Unreachable:      "X080",
	BadStatus:        "X081",
	TooManyRedirects: "X082",
	TooLarge:         "X083",
	BlockedByRobots:  "X084",
	BadSitemap:       "X085",

	RobotsUnavailable:   "X086",
	OtherOrigin:         "X087",
	RedirectOtherOrigin: "X088",
	NotReached:          "X089",
	NotHTML:             "X090",
}

// skipLabels name, for the site summary, the pages left out for each
// reason: they were neither checked nor failed.
var skipLabels = map[Kind]string{
	RobotsUnavailable:   "robots.txt unavailable",
	OtherOrigin:         "on another origin",
	RedirectOtherOrigin: "redirected to another origin",
	NotReached:          "not reached before --deadline",
	NotHTML:             "not HTML",
}

// SkipLabel is the summary's name for the pages that a finding of rule id
// stands for when they were left out rather than failed; ok is false for
// other rules.
func SkipLabel(id string) (label string, ok bool) {
	for k, r := range kindRules {
		if r == id {
			label, ok = skipLabels[k]
		}
	}
	return label, ok
}

// IsSiteRule reports whether a finding of rule id stands for a sitemap or
// a whole site, not for one page.
func IsSiteRule(id string) bool {
	return id == kindRules[BadSitemap] || id == kindRules[RobotsUnavailable] || id == kindRules[OtherOrigin]
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
		diag.Rule{
			ID: "X086", Name: "robots-unavailable", Severity: diag.Error, Fixable: diag.FixNever,
			Summary: "robots.txt could not be read, so the whole site is closed to crawlers and none of its pages was checked",
			Why: "RFC 9309 section 2.3.1.4: when robots.txt is unreachable (no answer, a timeout, a 5xx " +
				"status) a crawler must assume the whole site is disallowed; Google treats 429 the same " +
				"way. A site in that state is not crawled by search engines either. A 4xx other than " +
				"429 means there are no rules. Reported once per site, with the number of its pages " +
				"that were left out.",
			Bad:       "GET /robots.txt -> 503 Service Unavailable",
			Good:      "GET /robots.txt -> 200 (or 404: no rules)",
			FixSafety: "not fixable by ldfix: make robots.txt answer, or check your own site with --ignore-robots",
		},
		diag.Rule{
			ID: "X087", Name: "sitemap-other-origin", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "a sitemap lists pages on another origin than its own; they were left out",
			Why: "The sitemaps protocol lets a sitemap list only URLs of the scheme, host and port it is " +
				"served from, and search engines ignore the others. ldfix stays on the origins named " +
				"on the command line, so a sitemap cannot send it to someone else's site; name your " +
				"other hosts with --allow-host.",
			Bad:       "https://example.com/sitemap.xml lists https://other.example/page",
			Good:      "ldfix check --sitemap https://example.com/sitemap.xml --allow-host other.example",
			FixSafety: "not fixable by ldfix: list each page in its own site's sitemap",
		},
		diag.Rule{
			ID: "X088", Name: "redirect-other-origin", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "the page redirects to another origin, which was not followed",
			Why: "ldfix fetches only the origins named on the command line (and --allow-host), so a " +
				"redirect cannot lead it to a site nobody asked it to crawl. The same page over https " +
				"on the same host counts as the same site.",
			Bad:       "https://example.com/shop -> 301 https://shop.example.net/",
			Good:      "ldfix check https://example.com/shop --allow-host shop.example.net",
			FixSafety: "not fixable by ldfix",
		},
		diag.Rule{
			ID: "X089", Name: "deadline-reached", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "the run's --deadline passed before the page was fetched, so it was not checked",
			Why: "--deadline bounds the whole crawl, so a CI job ends on time however slow the site is; " +
				"each page it did not reach is listed so that nothing is silently left out.",
			Bad:       "ldfix check --sitemap https://example.com/sitemap.xml --deadline 1m   # 50,000 pages",
			Good:      "a longer --deadline, --limit, or --shard to split the site",
			FixSafety: "not fixable by ldfix",
		},
		diag.Rule{
			ID: "X090", Name: "not-html", Severity: diag.Info, Fixable: diag.FixNever,
			Summary: "the response is not an HTML or JSON-LD page (an image, a PDF, plain text), so it was skipped",
			Why: "Structured data lives in HTML pages and JSON-LD documents. A sitemap that lists images " +
				"or PDFs is allowed, but those URLs hold no markup to check; they are counted apart " +
				"instead of as pages without JSON-LD.",
			Bad:       "Content-Type: image/png",
			Good:      "Content-Type: text/html; charset=utf-8 (or application/ld+json)",
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
	// Origin is the site a RobotsUnavailable error closes.
	Origin string
	// Pages is how many pages a sitemap or site finding stands for.
	Pages int
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
