package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
	"golang.org/x/net/html/charset"
)

// response is what one request brought back.
type response struct {
	finalURL    string
	status      int
	contentType string
	body        []byte
	truncated   bool
	retryAfter  time.Duration
	hasRetry    bool
	attempts    int
	err         error
}

// get requests u until it succeeds, fails for good or runs out of retries,
// waiting for the host's limits before each attempt. Its err is an *Error,
// or the context's error when the crawl is cancelled.
func (c *Crawler) get(ctx context.Context, h *host, u *url.URL, limit int64, sizeFlag string) response {
	for attempt := 1; ; attempt++ {
		if err := h.acquire(ctx); err != nil {
			stop := stopped(ctx, u.String(), attempt-1)
			if stop == nil {
				// The rate limiter refuses a wait that would end past
				// the deadline before the deadline has passed.
				stop = newError(u.String(), Unreachable, err, "the host's rate limit leaves no time to fetch the page before the deadline")
			}
			return response{attempts: attempt - 1, err: stop}
		}
		r := c.getOnce(ctx, u, limit, false)
		h.release()
		r.attempts = attempt
		if err := stopped(ctx, u.String(), attempt); err != nil {
			r.err = err
			return r
		}
		e, retry := c.classify(u.String(), r, limit, sizeFlag)
		if e == nil {
			return r
		}
		if !retry || attempt > c.opts.Retries {
			r.err = finalMessage(e, r, attempt)
			return r
		}
		wait := c.backoff(attempt)
		if r.hasRetry {
			if r.retryAfter > c.opts.MaxRetryWait {
				e.Msg += fmt.Sprintf(" and asked to wait %s before retrying, more than the %s limit", r.retryAfter, c.opts.MaxRetryWait)
				e.Attempts = attempt
				r.err = e
				return r
			}
			wait = r.retryAfter
			if r.status == http.StatusTooManyRequests {
				h.pause(wait)
			}
		}
		// A retry that could only start after the deadline is not
		// waited for: the page is reported now.
		if dl, ok := ctx.Deadline(); ok && time.Now().Add(wait).After(dl) {
			fe := finalMessage(e, r, attempt)
			fe.Msg += "; no time is left for another attempt before the deadline"
			r.err = fe
			return r
		}
		if err := sleep(ctx, wait); err != nil {
			r.err = stopped(ctx, u.String(), attempt)
			return r
		}
	}
}

func finalMessage(e *Error, r response, attempt int) *Error {
	e.Attempts = attempt
	if attempt > 1 {
		e.Msg += fmt.Sprintf(" after %d attempts", attempt)
	}
	return e
}

// classify turns a response into a finding, nil on success, and says
// whether another attempt may succeed: 429, 5xx gateways and dropped
// connections may; 404, timeouts, redirect loops and oversized pages will
// not.
func (c *Crawler) classify(u string, r response, limit int64, sizeFlag string) (*Error, bool) {
	var re *redirectError
	var blocked *Error
	var off *offOriginError
	switch {
	case errors.As(r.err, &off):
		e := newError(u, RedirectOtherOrigin, nil, "redirects to %q, another origin, which was not followed (--allow-host follows it)", off.to)
		if off.from != u {
			e.Msg = fmt.Sprintf("redirects through %q to %q, another origin, which was not followed (--allow-host follows it)", off.from, off.to)
		}
		return e, false
	case errors.As(r.err, &blocked):
		return newError(u, BlockedByRobots, nil, "redirects to %q, but %s", blocked.URL, blocked.Msg), false
	case errors.As(r.err, &re):
		return newError(u, TooManyRedirects, r.err, "%s", re.msg), false
	case r.truncated:
		return newError(u, TooLarge, nil, "response is larger than %s (%s); it was cut off there and not checked", formatSize(limit), sizeFlag), false
	case r.err != nil && isTimeout(r.err):
		return newError(u, Unreachable, r.err, "no complete response within %s (--timeout)", c.opts.Timeout), false
	case r.err != nil:
		return newError(u, Unreachable, r.err, "page could not be fetched: %s", cause(r.err)), true
	case r.status < 200 || r.status > 299:
		e := newError(u, BadStatus, nil, "server answered %d %s", r.status, http.StatusText(r.status))
		e.Status = r.status
		switch r.status {
		case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
			http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return e, true
		}
		return e, false
	}
	return nil, false
}

// cause drops the "Get \"url\":" prefix net/http puts on errors: the URL is
// already the finding's path.
func cause(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

// backoff is the wait before retry n (1-based): Backoff doubled each time,
// with jitter so that many pages do not retry in step, at most MaxRetryWait.
func (c *Crawler) backoff(n int) time.Duration {
	d := c.opts.Backoff << min(n-1, 20)
	d = time.Duration(float64(d) * (0.5 + rand.Float64()))
	return min(d, c.opts.MaxRetryWait)
}

// getOnce makes one request and reads at most limit decoded bytes of the
// body. With keepPartial the bytes read before the limit are kept (robots.txt
// is read up to its limit); otherwise a truncated body is dropped.
func (c *Crawler) getOnce(ctx context.Context, u *url.URL, limit int64, keepPartial bool) response {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return response{err: err}
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/ld+json;q=0.9,*/*;q=0.8")
	req.Header.Set("Accept-Encoding", "gzip, br")
	resp, err := c.client.Do(req)
	if err != nil {
		return response{err: err}
	}
	// Closing an unread body drops the connection rather than draining it,
	// which is what cuts off a response past the limit.
	defer resp.Body.Close()
	r := response{finalURL: resp.Request.URL.String(), status: resp.StatusCode, contentType: resp.Header.Get("Content-Type")}
	r.retryAfter, r.hasRetry = retryAfter(resp.Header.Get("Retry-After"), time.Now())
	if (resp.StatusCode < 200 || resp.StatusCode > 299) && !keepPartial {
		// A short error page is read so the connection can be reused; a
		// long one is dropped with the connection.
		io.CopyN(io.Discard, resp.Body, 16<<10)
		return r
	}
	body, err := decodeBody(resp.Body, resp.Header.Get("Content-Encoding"))
	if err != nil {
		r.err = err
		return r
	}
	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		r.err = err
		return r
	}
	if int64(len(data)) > limit {
		r.truncated = true
		if !keepPartial {
			return r
		}
		data = data[:limit]
	}
	r.body = data
	return r
}

// decodeBody undoes the Content-Encoding ldfix asked for. Decoding happens
// under the size limit, so a small compressed bomb is cut off like a large
// page.
func decodeBody(r io.Reader, encoding string) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
		return r, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		return zr, nil
	case "br":
		return brotli.NewReader(r), nil
	}
	return nil, fmt.Errorf("unsupported Content-Encoding %q", encoding)
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP date
// (RFC 9110 §10.2.3).
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil {
		return time.Duration(max(n, 0)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// toUTF8 decodes body by the charset in the Content-Type header, a byte
// order mark or a <meta> tag in the first 1024 bytes, as browsers do. Bodies
// that are already UTF-8 are returned as they are.
func toUTF8(body []byte, contentType string) ([]byte, string) {
	enc, name, _ := charset.DetermineEncoding(body, contentType)
	if name == "utf-8" {
		return bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), name
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body, "utf-8"
	}
	return out, name
}

// formatSize writes n bytes the way --max-page-size reads it.
func formatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return fmt.Sprintf("%dB", n)
}

// ParseSize reads a byte count such as "10MiB", "512KB", "1GB" or "4096".
// Decimal units (KB, MB, GB) are powers of 1000, binary ones (KiB, MiB,
// GiB) powers of 1024.
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if len(t) > len(u.suffix) && strings.EqualFold(t[len(t)-len(u.suffix):], u.suffix) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("invalid size %q: want a positive number of bytes such as 10MiB or 500KB", s)
	}
	return n * mult, nil
}
