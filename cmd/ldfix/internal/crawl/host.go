package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// maxRobotsSize is the most of a robots.txt file that is read; Google reads
// 500 KiB and ignores the rest.
const maxRobotsSize = 500 << 10

// host is the politeness state of one origin (scheme://host:port).
type host struct {
	origin string
	slots  chan struct{} // requests in flight, at most Options.PerHost

	mu        sync.Mutex
	limiter   *rate.Limiter // nil: no rate limit
	notBefore time.Time     // set by Retry-After: the whole host waits

	robotsMu     sync.Mutex
	robotsLoaded bool
	robots       *robotstxt.Group // nil: everything allowed
	robotsMsg    string           // why everything is disallowed, when it is
}

func newHost(origin string, opts Options) *host {
	h := &host{origin: origin, slots: make(chan struct{}, opts.PerHost)}
	if opts.Rate > 0 {
		h.limiter = rate.NewLimiter(rate.Limit(opts.Rate), 1)
	}
	return h
}

// acquire waits for a free slot, for any Retry-After pause and for the rate
// limit, in that order, so a paused host holds no more than its slots.
func (h *host) acquire(ctx context.Context) error {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	for {
		h.mu.Lock()
		wait := time.Until(h.notBefore)
		lim := h.limiter
		h.mu.Unlock()
		if wait <= 0 {
			if lim == nil {
				return nil
			}
			if err := lim.Wait(ctx); err != nil {
				h.release()
				return err
			}
			return nil
		}
		if err := sleep(ctx, wait); err != nil {
			h.release()
			return err
		}
	}
}

func (h *host) release() { <-h.slots }

// pause makes every request to the host wait until d has passed: a 429
// with Retry-After speaks for the whole server, not one URL.
func (h *host) pause(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if t := time.Now().Add(d); t.After(h.notBefore) {
		h.notBefore = t
	}
}

// slowTo lowers the host's rate to one request per interval (robots.txt
// Crawl-delay) unless a lower rate is already set.
func (h *host) slowTo(interval time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := rate.Every(interval)
	if h.limiter == nil || h.limiter.Limit() > r {
		h.limiter = rate.NewLimiter(r, 1)
	}
}

// robotsCheck fetches the host's robots.txt once and tests u against the
// group for our agent. A fetch cut short by the end of the run is not
// kept.
func (h *host) robotsCheck(ctx context.Context, c *Crawler, u *url.URL) error {
	h.robotsMu.Lock()
	if !h.robotsLoaded {
		if !h.loadRobots(ctx, c) {
			h.robotsMu.Unlock()
			return stopped(ctx, u.String(), 0)
		}
		h.robotsLoaded = true
	}
	h.robotsMu.Unlock()
	if h.robotsMsg != "" {
		return &Error{URL: u.String(), Kind: RobotsUnavailable, Origin: h.origin, Msg: h.robotsMsg}
	}
	if h.robots == nil {
		return nil
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !h.robots.Test(path) {
		return newError(u.String(), BlockedByRobots, nil,
			"robots.txt disallows %q for user agent %q; page not checked (--ignore-robots checks it anyway)", path, c.agent)
	}
	return nil
}

// loadRobots reads robots.txt as RFC 9309 section 2.3.1 says: a 2xx is
// parsed; a 4xx other than 429 means no rules ("unavailable"); no answer, a
// timeout, a 5xx, or (as Google does) a 429 means the site is closed
// ("unreachable"). It returns false when ctx ended first.
func (h *host) loadRobots(ctx context.Context, c *Crawler) bool {
	u, _ := url.Parse(h.origin + "/robots.txt")
	r := c.getOnce(context.WithValue(ctx, robotsFetch{}, true), u, maxRobotsSize, true)
	if ctx.Err() != nil {
		// Cut short by the page's deadline, robots.txt timed out like any
		// slow robots.txt; by the run's end, it is left for no one.
		if e, ok := context.Cause(ctx).(*deadlineError); ok && e.page {
			h.robotsMsg = fmt.Sprintf("robots.txt did not answer within the %s --page-deadline", e.d)
			return true
		}
		return false
	}
	switch {
	case r.err != nil && isTimeout(r.err):
		h.robotsMsg = fmt.Sprintf("robots.txt did not answer within %s (--timeout)", c.opts.Timeout)
	case r.err != nil:
		h.robotsMsg = fmt.Sprintf("robots.txt could not be fetched: %s", cause(r.err))
	case r.status == http.StatusTooManyRequests || r.status >= 500:
		h.robotsMsg = fmt.Sprintf("robots.txt answered %d %s", r.status, http.StatusText(r.status))
	case r.status >= 200 && r.status <= 299:
		data, err := robotstxt.FromStatusAndBytes(r.status, r.body)
		if err != nil {
			return true
		}
		g := data.FindGroup(c.agent)
		h.robots = g
		if g != nil && g.CrawlDelay > 0 {
			h.slowTo(g.CrawlDelay)
		}
	}
	// Any other status (4xx, or redirects past the limit) means there
	// are no rules.
	return true
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
