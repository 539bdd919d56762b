package crawl

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// BenchmarkCrawl5000 crawls 5,000 pages of about 20 KB from a local server
// with the default limits (4 requests in flight per host, robots.txt read)
// and reports pages per second.
func BenchmarkCrawl5000(b *testing.B) {
	body := []byte("<html><head><script type=\"application/ld+json\">" +
		`{"@context":"https://schema.org","@type":"Product","name":"Widget"}` +
		"</script></head><body>" + strings.Repeat("<p>lorem ipsum dolor sit amet</p>\n", 600) + "</body></html>")
	s := serve(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	}))
	urls := make([]string, 5000)
	for i := range urls {
		urls[i] = fmt.Sprintf("%s/p/%d", s.URL, i)
	}
	b.ResetTimer()
	for b.Loop() {
		failed := 0
		New(DefaultOptions()).FetchAll(context.Background(), urls, func(i int, p Page) {
			if p.Err != nil {
				failed++
			}
		})
		if failed > 0 {
			b.Fatalf("%d pages failed", failed)
		}
	}
	b.ReportMetric(float64(len(urls)*b.N)/b.Elapsed().Seconds(), "pages/s")
}
