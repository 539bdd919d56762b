package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

// TestCheckSiteLeavesOut crawls a site whose sitemap lists another
// origin's page, an image, a PDF and plain text, beside a second site
// whose robots.txt answers 503: each is left out and said once, and the
// summary counts them apart from the pages checked.
func TestCheckSiteLeavesOut(t *testing.T) {
	var otherHits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
		if r.URL.Path == "/robots.txt" {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "<html></html>")
	}))
	t.Cleanup(other.Close)
	mux := http.NewServeMux()
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "<urlset>")
		for _, p := range []string{"/page", "/logo.png", "/doc.pdf", "/notes.txt", other.URL + "/listed"} {
			fmt.Fprintf(w, "<url><loc>%s</loc></url>", p)
		}
		io.WriteString(w, "</urlset>")
	})
	for path, ct := range map[string]string{"/logo.png": "image/png", "/doc.pdf": "application/pdf", "/notes.txt": "text/plain"} {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			io.WriteString(w, "x")
		})
	}
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, `<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Thing", "name": "a"}</script>`)
	})
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)

	code, stdout, stderr := runSite(t, "check", "--sitemap", s.URL+"/sitemap.xml")
	if code != 0 {
		t.Errorf("exit %d, want 0\n%s", code, stderr)
	}
	for _, want := range []string{
		s.URL + `/sitemap.xml:1:1: warning sitemap lists "` + other.URL + `/listed", on another origin than ` + s.URL,
		s.URL + "/logo.png:1:1: info response is image/png, not an HTML or JSON-LD page; skipped [X090]",
		s.URL + "/doc.pdf:1:1: info response is application/pdf",
		s.URL + "/notes.txt:1:1: info response is text/plain",
		"site summary: 1 page checked, 4 skipped (3 not HTML, 1 on another origin), 1 with JSON-LD (1 block)",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if n := otherHits.Load(); n != 0 {
		t.Errorf("the other origin got %d requests, want none", n)
	}

	code, stdout, stderr = runSite(t, "check", other.URL+"/a", other.URL+"/b")
	if code != 1 {
		t.Errorf("exit %d, want 1 (a site closed by robots.txt is an error)\n%s", code, stderr)
	}
	want := other.URL + "/robots.txt:1:1: error robots.txt answered 503 Service Unavailable, which RFC 9309 treats as disallowing the whole site: 2 pages of " + other.URL + " not checked"
	if !strings.Contains(stdout, want) || strings.Count(stdout, "[X086]") != 1 {
		t.Errorf("want X086 once: %q\n%s", want, stdout)
	}
	if !strings.Contains(stdout, "site summary: 0 pages checked, 2 skipped (2 robots.txt unavailable)") {
		t.Errorf("summary:\n%s", stdout)
	}
	if n := otherHits.Load(); n != 1 {
		t.Errorf("the closed site got %d requests, want only robots.txt", n)
	}

	// --allow-host takes the other site's listed page in; its robots.txt
	// still closes it.
	u, _ := url.Parse(other.URL)
	_, stdout, _ = runSite(t, "check", "--sitemap", s.URL+"/sitemap.xml", "--allow-host", u.Host)
	if strings.Contains(stdout, "[X087]") || !strings.Contains(stdout, "1 page of "+other.URL+" not checked") {
		t.Errorf("--allow-host %s:\n%s", u.Host, stdout)
	}
}

// TestCheckSiteDeadline: --deadline ends the crawl on time; the pages not
// reached are listed (X089) and counted, and the run is not an error.
func TestCheckSiteDeadline(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		<-r.Context().Done()
	}))
	t.Cleanup(s.Close)
	code, stdout, stderr := runSite(t, "check", "--deadline", "300ms", s.URL+"/a", s.URL+"/b", s.URL+"/c")
	if code != 0 {
		t.Errorf("exit %d, want 0 (pages not reached are warnings)\n%s", code, stderr)
	}
	if n := strings.Count(stdout, "warning not checked: the run's --deadline of 300ms passed before the page arrived [X089]"); n != 3 {
		t.Errorf("%d pages reported not reached, want 3:\n%s", n, stdout)
	}
	if !strings.Contains(stdout, "site summary: 0 pages checked, 3 skipped (3 not reached before --deadline)") {
		t.Errorf("summary:\n%s", stdout)
	}
	if strings.Contains(stderr, "interrupted") {
		t.Errorf("stderr: %s", stderr)
	}
}
