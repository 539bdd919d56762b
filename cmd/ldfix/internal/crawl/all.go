package crawl

import (
	"context"
	"fmt"
	"sync"
)

// FetchAll fetches urls concurrently within the crawler's limits and calls
// each for every page in the order of urls, on the caller's goroutine, so
// reports come out the same on every run. Pages fetched ahead of a slow one
// wait in a bounded window: memory stays bounded however long the list.
func (c *Crawler) FetchAll(ctx context.Context, urls []string, each func(i int, p Page)) {
	n := len(urls)
	if n == 0 {
		return
	}
	workers := min(c.opts.Concurrency, n)
	window := make(chan struct{}, max(4*workers, 64))
	slots := make([]chan Page, n)
	for i := range slots {
		slots[i] = make(chan Page, 1)
	}
	jobs := make(chan int)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	go func() {
		defer close(jobs)
		for i := range urls {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				<-window
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				slots[i] <- c.Fetch(ctx, urls[i])
			}
		})
	}
	for i := range urls {
		var p Page
		select {
		case p = <-slots[i]:
			<-window
		case <-ctx.Done():
			// Pages never dispatched are reported as cancelled, so every
			// URL is accounted for.
			select {
			case p = <-slots[i]:
			default:
				p = Page{URL: urls[i], Err: stopped(ctx, urls[i], 0)}
			}
		}
		each(i, p)
	}
	cancel()
	wg.Wait()
}

// ClosedSites gathers the pages left out because their site's robots.txt
// could not be read, so that the report says so once per site, with the
// number of its pages, rather than once per page.
type ClosedSites struct {
	order []string
	sites map[string]*Error
}

// Hold keeps p back when robots.txt closed its site, and reports whether
// it did.
func (cs *ClosedSites) Hold(p Page) bool {
	e, ok := AsError(p.Err)
	if !ok || e.Kind != RobotsUnavailable {
		return false
	}
	if cs.sites == nil {
		cs.sites = map[string]*Error{}
	}
	site, ok := cs.sites[e.Origin]
	if !ok {
		site = &Error{URL: e.Origin + "/robots.txt", Kind: RobotsUnavailable, Origin: e.Origin, Msg: e.Msg}
		cs.sites[e.Origin] = site
		cs.order = append(cs.order, e.Origin)
	}
	site.Pages++
	return true
}

// Errors returns one finding per closed site, on its robots.txt URL, in
// the order the sites were first met.
func (cs *ClosedSites) Errors() []*Error {
	out := make([]*Error, 0, len(cs.order))
	for _, o := range cs.order {
		e := *cs.sites[o]
		pages := "1 page"
		if e.Pages != 1 {
			pages = fmt.Sprintf("%d pages", e.Pages)
		}
		e.Msg = fmt.Sprintf("%s, which RFC 9309 treats as disallowing the whole site: %s of %s not checked (--ignore-robots checks them anyway)", e.Msg, pages, o)
		out = append(out, &e)
	}
	return out
}
