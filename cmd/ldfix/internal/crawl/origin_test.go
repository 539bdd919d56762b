package crawl

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestStaysOnNamedOrigins: a sitemap lists only its own origin and a
// redirect to another origin is not followed; the other origin is never
// contacted, not even for robots.txt, unless --allow-host names it.
func TestStaysOnNamedOrigins(t *testing.T) {
	var otherHits atomic.Int32
	other := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
		io.WriteString(w, page)
	}))
	mux := http.NewServeMux()
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<urlset><url><loc>/a</loc></url><url><loc>`+other.URL+`/victim</loc></url><url><loc>`+other.URL+`/b</loc></url></urlset>`)
	})
	mux.HandleFunc("/index.xml", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<sitemapindex><sitemap><loc>`+other.URL+`/sitemap.xml</loc></sitemap></sitemapindex>`)
	})
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, page) })
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/landing", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/hop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/away", http.StatusFound) })
	s := serve(t, mux)

	c := New(testOptions())
	entries, bad, err := c.Sitemaps(context.Background(), []string{s.URL + "/sitemap.xml", s.URL + "/index.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Loc != s.URL+"/a" {
		t.Errorf("entries = %+v, want only %s/a", entries, s.URL)
	}
	if len(bad) != 2 || bad[0].Rule() != "X087" || bad[0].Pages != 2 || !strings.Contains(bad[0].Msg, "2 URLs on other origins than "+s.URL) ||
		bad[1].Rule() != "X087" || bad[1].URL != s.URL+"/index.xml" {
		t.Errorf("findings = %+v, want X087 for 2 pages of the sitemap and 1 sitemap of the index", bad)
	}
	wantErr(t, c.Fetch(context.Background(), s.URL+"/away"), "X088", `redirects to "`+other.URL+`/landing", another origin`)
	wantErr(t, c.Fetch(context.Background(), s.URL+"/hop"), "X088", `redirects through "`+s.URL+`/away" to "`+other.URL+`/landing"`)
	if n := otherHits.Load(); n != 0 {
		t.Errorf("the other origin got %d requests", n)
	}

	// --allow-host (host:port here: both servers are on 127.0.0.1), or
	// naming the other origin, lets the crawler go there.
	u, _ := url.Parse(other.URL)
	for _, o := range []Options{{AllowHosts: []string{u.Host}}, {Origins: []string{other.URL + "/"}}} {
		opts := testOptions()
		opts.AllowHosts, opts.Origins = o.AllowHosts, o.Origins
		c := New(opts)
		entries, bad, _ := c.Sitemaps(context.Background(), []string{s.URL + "/sitemap.xml"})
		if len(entries) != 3 || len(bad) != 0 {
			t.Errorf("%+v: %d entries, findings %+v; want all 3 listed pages", o, len(entries), bad)
		}
		if p := c.Fetch(context.Background(), s.URL+"/away"); p.Err != nil || p.FinalURL != other.URL+"/landing" {
			t.Errorf("%+v: redirect not followed: %v", o, p.Err)
		}
	}
}

func TestSameSite(t *testing.T) {
	for _, c := range []struct {
		from, to string
		want     bool
	}{
		{"https://example.com/a", "https://EXAMPLE.com:443/b", true},
		{"http://example.com/a", "https://example.com/a", true}, // the https version of the site
		{"https://example.com/a", "http://example.com/a", false},
		{"http://example.com:8080/", "https://example.com/", false},
		{"https://example.com/", "https://www.example.com/", false},
		{"https://example.com/", "https://example.com:8443/", false},
	} {
		from, _ := url.Parse(c.from)
		to, _ := url.Parse(c.to)
		if got := sameSite(from, to); got != c.want {
			t.Errorf("sameSite(%s, %s) = %v, want %v", c.from, c.to, got, c.want)
		}
	}
}

// TestRobotsUnreachable: RFC 9309 section 2.3.1 — a robots.txt that does not
// answer, times out, or answers 5xx or 429 closes the whole site; any other
// 4xx means no rules.
func TestRobotsUnreachable(t *testing.T) {
	cases := []struct {
		name   string
		robots http.HandlerFunc
		want   string // "" : pages are fetched
	}{
		{"timeout", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }, "robots.txt did not answer within 200ms (--timeout)"},
		{"page deadline", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }, "robots.txt did not answer within the 100ms --page-deadline"},
		{"503", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "", http.StatusServiceUnavailable) }, "robots.txt answered 503 Service Unavailable"},
		{"500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "", http.StatusInternalServerError) }, "robots.txt answered 500 Internal Server Error"},
		{"429", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "", http.StatusTooManyRequests) }, "robots.txt answered 429 Too Many Requests"},
		{"404", http.NotFound, ""},
		{"403", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "", http.StatusForbidden) }, ""},
		{"401", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "", http.StatusUnauthorized) }, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var robotsHits, pageHits atomic.Int32
			s := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					robotsHits.Add(1)
					tc.robots(w, r)
					return
				}
				pageHits.Add(1)
				io.WriteString(w, page)
			}))
			o := testOptions()
			o.Timeout = 200 * time.Millisecond
			if tc.name == "page deadline" {
				o.Timeout, o.PageDeadline = time.Minute, 100*time.Millisecond
			}
			urls := []string{s.URL + "/private/a", s.URL + "/b", s.URL + "/c"}
			var closed ClosedSites
			var fetched int
			New(o).FetchAll(context.Background(), urls, func(i int, p Page) {
				if closed.Hold(p) {
					return
				}
				if p.Err != nil {
					t.Errorf("%s: %v", p.URL, p.Err)
				}
				fetched++
			})
			if robotsHits.Load() != 1 {
				t.Errorf("robots.txt fetched %d times, want once", robotsHits.Load())
			}
			errs := closed.Errors()
			if tc.want == "" {
				if fetched != 3 || len(errs) != 0 {
					t.Errorf("%d pages fetched, closed sites %+v; want all 3 fetched", fetched, errs)
				}
				return
			}
			if pageHits.Load() != 0 {
				t.Errorf("%d pages fetched from a site robots.txt closes", pageHits.Load())
			}
			if len(errs) != 1 {
				t.Fatalf("closed sites = %+v, want one finding for the site", errs)
			}
			e := errs[0]
			want := tc.want + ", which RFC 9309 treats as disallowing the whole site: 3 pages of " + s.URL + " not checked"
			if e.Rule() != "X086" || e.URL != s.URL+"/robots.txt" || !strings.HasPrefix(e.Msg, want) || e.Pages != 3 {
				t.Errorf("finding = %s %s %q (%d pages), want X086 on robots.txt starting %q", e.Rule(), e.URL, e.Msg, e.Pages, want)
			}
		})
	}
}

// TestPageDeadline: retries, timeouts and Retry-After waits together stop
// at --page-deadline.
func TestPageDeadline(t *testing.T) {
	s := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Retry-After", "1")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	}))
	o := testOptions()
	o.Retries = 50
	o.MaxRetryWait = time.Minute
	o.PageDeadline = 1500 * time.Millisecond
	p := fetch(t, o, s.URL+"/p")
	e := wantErr(t, p, "X081", "; no time is left for another attempt before the deadline")
	// One wait of 1s fits in 1.5s, a second does not; a slow machine may
	// not fit the first.
	if e.Attempts < 1 || e.Attempts > 2 || !strings.HasPrefix(e.Msg, "server answered 503 Service Unavailable") {
		t.Errorf("%q after %d attempts, want at most 2 of the 51 allowed", e.Msg, e.Attempts)
	}

	hang := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		<-r.Context().Done()
	}))
	o = testOptions()
	o.Timeout = time.Minute
	o.PageDeadline = 100 * time.Millisecond
	wantErr(t, fetch(t, o, hang.URL+"/p"), "X080", "no complete response within the 100ms --page-deadline")

	// A rate limit whose next slot lies past the deadline is not waited for.
	ok := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, page) }))
	o = testOptions()
	o.IgnoreRobots = true
	o.Rate = 0.5
	o.PageDeadline = 500 * time.Millisecond
	c := New(o)
	if p := c.Fetch(context.Background(), ok.URL+"/1"); p.Err != nil {
		t.Fatal(p.Err)
	}
	wantErr(t, c.Fetch(context.Background(), ok.URL+"/2"), "X080", "the host's rate limit leaves no time to fetch the page before the deadline")
}

// TestRunDeadline: when --deadline passes, every page not yet fetched,
// in flight or waiting, is reported as not reached.
func TestRunDeadline(t *testing.T) {
	s := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		if r.URL.Path == "/fast" {
			io.WriteString(w, page)
			return
		}
		<-r.Context().Done()
	}))
	urls := []string{s.URL + "/fast"}
	for range 20 {
		urls = append(urls, s.URL+"/slow"+string(rune('a'+len(urls))))
	}
	o := testOptions()
	o.Timeout = time.Minute
	o.PerHost, o.Concurrency = 32, 32 // every page in flight at once
	ctx, cancel := WithDeadline(context.Background(), 700*time.Millisecond)
	defer cancel()
	n := 0
	New(o).FetchAll(ctx, urls, func(i int, p Page) {
		n++
		if i == 0 {
			if p.Err != nil {
				t.Errorf("%s: %v", p.URL, p.Err)
			}
			return
		}
		wantErr(t, p, "X089", "not checked: the run's --deadline of 700ms passed before the page arrived")
	})
	if n != len(urls) {
		t.Errorf("%d of %d pages reported", n, len(urls))
	}
	if d, ok := RunDeadline(ctx); !ok || d != 700*time.Millisecond {
		t.Errorf("RunDeadline = %v, %v", d, ok)
	}
}

// TestNotHTML: images, PDFs and plain text are skipped with X090; HTML,
// XHTML and JSON-LD documents are checked.
func TestNotHTML(t *testing.T) {
	mux := http.NewServeMux()
	serveAs := func(path, contentType, body string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Content-Type"] = []string{contentType}
			io.WriteString(w, body)
		})
	}
	serveAs("/logo.png", "image/png", "\x89PNG\r\n\x1a\n")
	serveAs("/doc.pdf", "application/pdf", "%PDF-1.7")
	serveAs("/notes.txt", "text/plain; charset=utf-8", "just text")
	serveAs("/raw", "", "\x89PNG\r\n\x1a\n")
	serveAs("/page", "text/html; charset=utf-8", page)
	serveAs("/x", "application/xhtml+xml", page)
	serveAs("/data.jsonld", "application/ld+json", `{"@type": "Thing"}`)
	serveAs("/api", "application/json", `{"@type": "Thing"}`)
	serveAs("/bare", "", `{"@type": "Thing"}`)
	s := serve(t, mux)
	for path, want := range map[string]string{
		"/logo.png":  "response is image/png, not an HTML or JSON-LD page; skipped",
		"/doc.pdf":   "response is application/pdf",
		"/notes.txt": "response is text/plain",
		"/raw":       "response is image/png (sniffed: the server sent no Content-Type)",
	} {
		wantErr(t, fetch(t, testOptions(), s.URL+path), "X090", want)
	}
	for _, path := range []string{"/page", "/x", "/data.jsonld", "/api", "/bare"} {
		if p := fetch(t, testOptions(), s.URL+path); p.Err != nil || len(p.Body) == 0 {
			t.Errorf("%s: %v", path, p.Err)
		}
	}
}
