package crawl

import (
	"context"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// origin is u's scheme, host and port (RFC 6454), the default port left
// out and the host in lower case.
func origin(u *url.URL) string {
	return u.Scheme + "://" + hostPort(u)
}

func hostPort(u *url.URL) string {
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" || port == defaultPort(u.Scheme) {
		if strings.Contains(host, ":") {
			return "[" + host + "]"
		}
		return host
	}
	return net.JoinHostPort(host, port)
}

func defaultPort(scheme string) string {
	if scheme == "https" {
		return "443"
	}
	return "80"
}

// sameSite reports whether to is on from's origin, or is its https
// version: http://example.com redirecting to https://example.com stays on
// the site.
func sameSite(from, to *url.URL) bool {
	if origin(from) == origin(to) {
		return true
	}
	return from.Scheme == "http" && to.Scheme == "https" && hostPort(from) == strings.ToLower(from.Hostname()) &&
		hostPort(to) == strings.ToLower(to.Hostname()) && strings.EqualFold(from.Hostname(), to.Hostname())
}

// allowed reports whether the crawler may go from a URL on site from to
// to: the same site, an origin the user named, or a host of --allow-host.
func (c *Crawler) allowed(from, to *url.URL) bool {
	if from != nil && sameSite(from, to) {
		return true
	}
	if c.named[origin(to)] {
		return true
	}
	for _, h := range c.opts.AllowHosts {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == strings.ToLower(to.Hostname()) || h == hostPort(to) || h == strings.ToLower(to.Host) {
			return true
		}
	}
	return false
}

// offOriginError stops a redirect to an origin the user did not name.
type offOriginError struct{ from, to string }

func (e *offOriginError) Error() string {
	return fmt.Sprintf("redirect from %q to %q, another origin", e.from, e.to)
}

// deadlineError is the cause of a context that ran out of time: the page's
// own deadline or the run's.
type deadlineError struct {
	d    time.Duration
	page bool
}

func (e *deadlineError) Error() string {
	if e.page {
		return fmt.Sprintf("--page-deadline of %s passed", e.d)
	}
	return fmt.Sprintf("--deadline of %s passed", e.d)
}

// WithDeadline bounds a whole crawl: pages not fetched when d has passed
// are reported as NotReached instead of fetched, and those in flight are
// stopped.
func WithDeadline(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeoutCause(ctx, d, &deadlineError{d: d})
}

// RunDeadline returns the run's deadline when ctx ended because of it.
func RunDeadline(ctx context.Context) (time.Duration, bool) {
	if e, ok := context.Cause(ctx).(*deadlineError); ok && !e.page && ctx.Err() != nil {
		return e.d, true
	}
	return 0, false
}

// stopped is the error for a page whose context ended after attempts
// requests: a finding when a deadline ended it, the context's error when
// the crawl was cancelled.
func stopped(ctx context.Context, u string, attempts int) error {
	e, ok := context.Cause(ctx).(*deadlineError)
	switch {
	case ctx.Err() == nil:
		return nil
	case !ok:
		return ctx.Err()
	case e.page:
		err := newError(u, Unreachable, nil, "no complete response within the %s --page-deadline", e.d)
		if attempts > 1 {
			err.Msg += fmt.Sprintf(" after %d attempts", attempts)
		}
		err.Attempts = attempts
		return err
	}
	return newError(u, NotReached, nil, "not checked: the run's --deadline of %s passed before the page arrived", e.d)
}

// pageType says whether a response can hold markup ldfix checks: HTML,
// XHTML or JSON (JSON-LD included). A response without Content-Type is
// sniffed. kind names the type for the finding when it cannot.
func pageType(contentType string, body []byte) (kind string, ok bool) {
	mt, _, err := mime.ParseMediaType(contentType)
	if contentType == "" || err != nil {
		mt, _, _ = mime.ParseMediaType(http.DetectContentType(body))
		if strings.HasPrefix(mt, "text/plain") && looksJSON(body) {
			return mt, true
		}
	}
	switch {
	case mt == "text/html", mt == "application/xhtml+xml",
		mt == "application/json", mt == "application/ld+json", strings.HasSuffix(mt, "+json"):
		return mt, true
	}
	if contentType == "" {
		return fmt.Sprintf("%s (sniffed: the server sent no Content-Type)", mt), false
	}
	return mt, false
}

func looksJSON(body []byte) bool {
	s := strings.TrimLeft(string(body[:min(len(body), 512)]), " \t\r\n\ufeff")
	return strings.HasPrefix(s, "{") || strings.HasPrefix(s, "[")
}
