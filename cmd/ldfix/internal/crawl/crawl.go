// Package crawl fetches live pages and sitemaps for `ldfix check URL` and
// `--sitemap`: bounded in time, size and redirects, polite to each host
// (concurrency, rate, robots.txt, backoff on 429 and 5xx), and decoded to
// UTF-8. A page that cannot be fetched becomes an *Error that is reported as
// a finding; it never stops the run.
package crawl

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// DefaultUserAgent names ldfix and where to learn about it, so site owners
// can recognise the crawler in their logs and address it in robots.txt.
const DefaultUserAgent = "ldfix/1 (+https://github.com/ldfix/ldfix)"

// Options bound and pace the crawl.
type Options struct {
	// UserAgent is sent with every request; its first word ("ldfix") is
	// the agent that robots.txt groups are matched against.
	UserAgent string
	// Timeout bounds one request, body included.
	Timeout time.Duration
	// MaxRedirects is how many redirects a request may follow; 0 follows none.
	MaxRedirects int
	// MaxPageSize bounds a decompressed page in bytes; a larger one is cut
	// off and reported.
	MaxPageSize int64
	// MaxSitemapSize bounds a decompressed sitemap in bytes.
	MaxSitemapSize int64
	// Concurrency is how many requests may be in flight in all.
	Concurrency int
	// PerHost is how many requests may be in flight to one host.
	PerHost int
	// Rate is the most requests per second sent to one host; 0 is no limit.
	Rate float64
	// IgnoreRobots skips robots.txt (disallow rules and Crawl-delay).
	IgnoreRobots bool
	// Retries is how many times a 429, a 5xx or a dropped connection is
	// retried.
	Retries int
	// Backoff is the first wait before a retry; it doubles each time.
	Backoff time.Duration
	// MaxRetryWait bounds one wait. A server that asks (Retry-After) for
	// more is not retried and the page is reported.
	MaxRetryWait time.Duration
	// PageDeadline bounds everything one page takes: robots.txt, every
	// attempt and every wait between them. 0 is no bound beyond the
	// others.
	PageDeadline time.Duration
	// Origins are the URLs the user named (pages and sitemaps): redirects
	// to their origins are followed and sitemaps may list them.
	Origins []string
	// AllowHosts are more hosts ("cdn.example.com", or "host:port" for one
	// port) that redirects may lead to and sitemaps may list.
	AllowHosts []string
}

// DefaultOptions are the limits `ldfix check` uses unless told otherwise.
func DefaultOptions() Options {
	return Options{
		UserAgent:      DefaultUserAgent,
		Timeout:        30 * time.Second,
		MaxRedirects:   10,
		MaxPageSize:    10 << 20,
		MaxSitemapSize: 50 << 20, // the sitemaps.org limit, uncompressed
		Concurrency:    16,
		PerHost:        4,
		Retries:        2,
		Backoff:        time.Second,
		MaxRetryWait:   time.Minute,
		PageDeadline:   90 * time.Second,
	}
}

// Crawler fetches pages. It is safe for concurrent use.
type Crawler struct {
	opts   Options
	client *http.Client
	agent  string          // robots.txt product token
	named  map[string]bool // origins of Options.Origins

	mu    sync.Mutex
	hosts map[string]*host
}

// New returns a Crawler. Zero sizes, counts and durations in opts take
// their defaults, except MaxRedirects, Retries, Rate and PageDeadline, where
// 0 means none.
func New(opts Options) *Crawler {
	def := DefaultOptions()
	if opts.UserAgent == "" {
		opts.UserAgent = def.UserAgent
	}
	if opts.Timeout <= 0 {
		opts.Timeout = def.Timeout
	}
	if opts.MaxPageSize <= 0 {
		opts.MaxPageSize = def.MaxPageSize
	}
	if opts.MaxSitemapSize <= 0 {
		opts.MaxSitemapSize = def.MaxSitemapSize
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = def.Concurrency
	}
	if opts.PerHost <= 0 {
		opts.PerHost = def.PerHost
	}
	if opts.Backoff <= 0 {
		opts.Backoff = def.Backoff
	}
	if opts.MaxRetryWait <= 0 {
		opts.MaxRetryWait = def.MaxRetryWait
	}
	opts.MaxRedirects = max(opts.MaxRedirects, 0)
	opts.Retries = max(opts.Retries, 0)
	c := &Crawler{opts: opts, agent: productToken(opts.UserAgent), hosts: map[string]*host{}, named: map[string]bool{}}
	for _, o := range opts.Origins {
		if u, err := url.Parse(o); err == nil && IsURL(o) {
			c.named[origin(u)] = true
		}
	}
	c.client = &http.Client{Transport: newTransport(opts), CheckRedirect: c.checkRedirect}
	return c
}

// Options returns the options in force, defaults filled in.
func (c *Crawler) Options() Options { return c.opts }

func newTransport(opts Options) *http.Transport {
	dialer := &net.Dialer{Timeout: min(opts.Timeout, 10*time.Second), KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          opts.Concurrency * 2,
		MaxIdleConnsPerHost:   opts.PerHost * 2,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   min(opts.Timeout, 10*time.Second),
		ResponseHeaderTimeout: opts.Timeout,
		// ldfix asks for gzip and br itself and decodes them under the
		// page size limit, so the transport must leave bodies alone.
		DisableCompression: true,
	}
}

// productToken is the name robots.txt addresses: "ldfix" in
// "ldfix/1 (+https://…)".
func productToken(ua string) string {
	tok, _, _ := strings.Cut(strings.TrimSpace(ua), " ")
	tok, _, _ = strings.Cut(tok, "/")
	if tok == "" {
		return "ldfix"
	}
	return tok
}

// redirectError stops a redirect chain.
type redirectError struct{ msg string }

func (e *redirectError) Error() string { return e.msg }

func (c *Crawler) checkRedirect(req *http.Request, via []*http.Request) error {
	next := req.URL.String()
	for _, v := range via {
		if v.URL.String() == next {
			return &redirectError{fmt.Sprintf("redirect loop: %q redirects back to %q", via[len(via)-1].URL, next)}
		}
	}
	if len(via) > c.opts.MaxRedirects {
		return &redirectError{fmt.Sprintf("more than %d redirects (--max-redirects), the last to %q", c.opts.MaxRedirects, next)}
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return &redirectError{fmt.Sprintf("redirect to %q, which is not an http(s) URL", next)}
	}
	// robots.txt may redirect anywhere (RFC 9309 section 2.3.1.2); a page
	// may not lead the crawler off the sites the user named.
	if req.Context().Value(robotsFetch{}) != nil {
		return nil
	}
	if !c.allowed(via[0].URL, req.URL) {
		return &offOriginError{from: via[len(via)-1].URL.String(), to: next}
	}
	// A redirect must not lead the crawler where robots.txt forbids it. The
	// fetch of robots.txt itself is exempt: checking it would wait for
	// itself.
	if !c.opts.IgnoreRobots {
		if err := c.host(req.URL).robotsCheck(req.Context(), c, req.URL); err != nil {
			return err
		}
	}
	return nil
}

// robotsFetch marks the context of a robots.txt request.
type robotsFetch struct{}

// IsURL reports whether s is an http or https URL, the only kind ldfix
// fetches.
func IsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Page is the outcome of fetching one URL.
type Page struct {
	// URL is the URL as requested.
	URL string
	// FinalURL is where redirects ended.
	FinalURL string
	Status   int
	// ContentType is the response's Content-Type header.
	ContentType string
	// Charset names the encoding Body was decoded from.
	Charset string
	// Body is the page converted to UTF-8; nil when Err is set.
	Body []byte
	// Attempts is how many requests were made for the page.
	Attempts int
	// Err says why the page could not be checked; it is an *Error unless
	// the crawl was cancelled.
	Err error
}

// Fetch fetches one page, honouring robots.txt, the host's limits, the
// retry policy and the page deadline. A response that is not an HTML or
// JSON-LD page is reported (NotHTML) rather than returned.
func (c *Crawler) Fetch(ctx context.Context, rawURL string) Page {
	p := Page{URL: rawURL}
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.Err = newError(rawURL, Unreachable, err, "%q is not an http(s) URL", rawURL)
		return p
	}
	if c.opts.PageDeadline > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, c.opts.PageDeadline, &deadlineError{c.opts.PageDeadline, true})
		defer cancel()
	}
	h := c.host(u)
	if !c.opts.IgnoreRobots {
		if err := h.robotsCheck(ctx, c, u); err != nil {
			p.Err = err
			return p
		}
	}
	r := c.get(ctx, h, u, c.opts.MaxPageSize, "--max-page-size")
	p.FinalURL, p.Status, p.ContentType, p.Attempts = r.finalURL, r.status, r.contentType, r.attempts
	if r.err != nil {
		p.Err = r.err
		return p
	}
	if kind, ok := pageType(r.contentType, r.body); !ok {
		p.Err = newError(rawURL, NotHTML, nil, "response is %s, not an HTML or JSON-LD page; skipped", kind)
		return p
	}
	p.Body, p.Charset = toUTF8(r.body, r.contentType)
	return p
}

// host returns the state kept for u's origin.
func (c *Crawler) host(u *url.URL) *host {
	key := u.Scheme + "://" + u.Host
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.hosts[key]
	if !ok {
		h = newHost(key, c.opts)
		c.hosts[key] = h
	}
	return h
}

// isTimeout reports whether err is a deadline, as opposed to a refusal.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}
