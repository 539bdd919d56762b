package crawl

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestFetchGolden crawls a site built to break in every way ldfix reports
// and compares the findings, one per line as the text format prints them,
// with testdata/site/fetch.out. Every rule of this package appears there.
func TestFetchGolden(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "User-agent: *\nDisallow: /admin/\n")
	})
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, page) })
	mux.HandleFunc("/gone", http.NotFound)
	mux.HandleFunc("/down", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusBadGateway) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop2", http.StatusFound) })
	mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		chunk := []byte(strings.Repeat("<p>filler</p>\n", 1024))
		for range 1024 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	mux.HandleFunc("/logo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	// Another origin, whose robots.txt is down.
	other := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, page)
	}))
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, other.URL+"/x", http.StatusFound) })
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<sitemapindex><sitemap><loc>/pages.xml</loc></sitemap><sitemap><loc>/missing.xml</loc></sitemap><sitemap><loc>/bad.xml</loc></sitemap></sitemapindex>`)
	})
	mux.HandleFunc("/pages.xml", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<urlset>`)
		for _, p := range []string{"/ok", "/gone", "/down", "/loop", "/big", "/slow", "/admin/users", "/logo.png", "/away", other.URL + "/listed"} {
			io.WriteString(w, "<url><loc>"+p+"</loc></url>")
		}
		io.WriteString(w, `<url><loc>ftp://files.example/x</loc></url></urlset>`)
	})
	mux.HandleFunc("/bad.xml", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "<urlset><url>") })
	s := serve(t, mux)

	o := testOptions()
	o.Timeout = 200 * time.Millisecond
	o.MaxPageSize = 64 << 10
	o.Retries = 1
	c := New(o)
	var lines []string
	add := func(url string, e *Error) {
		for _, d := range e.Diagnostics() {
			lines = append(lines, fmt.Sprintf("%s:1:1: %s %s [%s]", url, d.Severity, d.Message, d.Rule))
		}
	}
	entries, bad, err := c.Sitemaps(context.Background(), []string{s.URL + "/sitemap.xml"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range bad {
		add(e.URL, e)
	}
	var urls []string
	for _, e := range entries {
		urls = append(urls, e.Loc)
	}
	urls = append(urls, other.URL+"/a", other.URL+"/b")
	var closed ClosedSites
	each := func(i int, p Page) {
		if closed.Hold(p) {
			return
		}
		if e, ok := AsError(p.Err); ok {
			add(p.URL, e)
		} else if p.Err != nil {
			t.Errorf("%s: %v is not a finding", p.URL, p.Err)
		}
	}
	c.FetchAll(context.Background(), urls, each)
	for _, e := range closed.Errors() {
		add(e.URL, e)
	}
	// A run whose --deadline has passed reaches no page.
	ctx, cancel := WithDeadline(context.Background(), 0)
	defer cancel()
	c.FetchAll(ctx, []string{s.URL + "/late"}, each)
	got := strings.ReplaceAll(strings.Join(lines, "\n")+"\n", s.URL, "http://site.test")
	got = strings.ReplaceAll(got, other.URL, "http://other.test")
	path := filepath.Join("..", "..", "..", "..", "testdata", "site", "fetch.out")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("fetch.out differs (-want +got; -update rewrites it):\n%s", diff)
	}
	for id := range kindRules {
		if r := kindRules[id]; !strings.Contains(got, "["+r+"]") {
			t.Errorf("rule %s has no golden case in fetch.out", r)
		}
	}
}
