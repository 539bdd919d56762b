package crawl

import (
	"context"
	"fmt"
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

	robotsOnce sync.Once
	robots     *robotstxt.Group // nil: everything allowed
	robotsMsg  string           // why everything is disallowed, when it is
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
// group for our agent.
func (h *host) robotsCheck(ctx context.Context, c *Crawler, u *url.URL) error {
	h.robotsOnce.Do(func() { h.loadRobots(ctx, c) })
	if h.robotsMsg != "" {
		return newError(u.String(), BlockedByRobots, nil, "%s; page not checked (--ignore-robots checks it anyway)", h.robotsMsg)
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

// loadRobots follows Google's reading of robots.txt: 4xx means no rules, 5xx
// means the site is closed for now. A robots.txt that cannot be fetched at
// all is treated as absent, so the page's own fetch reports the real
// problem.
func (h *host) loadRobots(ctx context.Context, c *Crawler) {
	u, _ := url.Parse(h.origin + "/robots.txt")
	r := c.getOnce(context.WithValue(ctx, robotsFetch{}, true), u, maxRobotsSize, true)
	if r.status == 0 {
		return
	}
	data, err := robotstxt.FromStatusAndBytes(r.status, r.body)
	if err != nil {
		return
	}
	if r.status >= 500 {
		h.robotsMsg = fmt.Sprintf("robots.txt answered %d, which closes the site to crawlers until it answers again", r.status)
		return
	}
	g := data.FindGroup(c.agent)
	h.robots = g
	if g != nil && g.CrawlDelay > 0 {
		h.slowTo(g.CrawlDelay)
	}
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
