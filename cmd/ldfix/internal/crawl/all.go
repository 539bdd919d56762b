package crawl

import (
	"context"
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
				p = Page{URL: urls[i], Err: ctx.Err()}
			}
		}
		each(i, p)
	}
	cancel()
	wg.Wait()
}
