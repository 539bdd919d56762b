package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// testOptions keep the tests quick: short waits, a short timeout.
func testOptions() Options {
	o := DefaultOptions()
	o.Timeout = 2 * time.Second
	o.Backoff = 2 * time.Millisecond
	o.MaxRetryWait = 200 * time.Millisecond
	return o
}

func serve(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(h) // listens on 127.0.0.1 only
	t.Cleanup(s.Close)
	return s
}

func fetch(t *testing.T, o Options, u string) Page {
	t.Helper()
	return New(o).Fetch(context.Background(), u)
}

// wantErr checks that p failed with rule and a message containing want.
func wantErr(t *testing.T, p Page, rule, want string) *Error {
	t.Helper()
	e, ok := AsError(p.Err)
	if !ok {
		t.Fatalf("%s: err = %v, want a %s finding", p.URL, p.Err, rule)
	}
	if e.Rule() != rule || !strings.Contains(e.Msg, want) {
		t.Fatalf("%s: got %s %q, want %s containing %q", p.URL, e.Rule(), e.Msg, rule, want)
	}
	if p.Body != nil {
		t.Errorf("%s: a failed page has a body", p.URL)
	}
	d := e.Diagnostics()
	if len(d) != 1 || d[0].Rule != rule || d[0].Block != -1 || d[0].Message != e.Msg {
		t.Errorf("diagnostic = %+v", d)
	}
	return e
}

const page = `<html><head><script type="application/ld+json">{"@type":"Product","name":"Café"}</script></head></html>`

func TestFetchDecodes(t *testing.T) {
	var gotUA atomic.Value
	mux := http.NewServeMux()
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		gotUA.Store(r.UserAgent())
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Error("gzip not accepted")
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		io.WriteString(zw, page)
		zw.Close()
	})
	mux.HandleFunc("/br", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "br")
		bw := brotli.NewWriter(w)
		io.WriteString(bw, page)
		bw.Close()
	})
	latin1 := strings.ReplaceAll(page, "é", "\xe9")
	mux.HandleFunc("/header-charset", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
		io.WriteString(w, latin1)
	})
	mux.HandleFunc("/meta-charset", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, `<meta charset="windows-1252">`+latin1)
	})
	mux.HandleFunc("/bom", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "\xef\xbb\xbf"+page)
	})
	mux.HandleFunc("/weird-encoding", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "compress")
		io.WriteString(w, page)
	})
	s := serve(t, mux)

	for _, path := range []string{"/plain", "/gzip", "/br", "/header-charset", "/bom"} {
		p := fetch(t, testOptions(), s.URL+path)
		if p.Err != nil || p.Status != 200 {
			t.Fatalf("%s: %v (status %d)", path, p.Err, p.Status)
		}
		if want := page; string(p.Body) != want {
			t.Errorf("%s: body = %q, want %q", path, p.Body, want)
		}
	}
	p := fetch(t, testOptions(), s.URL+"/meta-charset")
	if !bytes.Contains(p.Body, []byte(`"Café"`)) || p.Charset != "windows-1252" {
		t.Errorf("meta charset: %s %q", p.Charset, p.Body)
	}
	if ua := gotUA.Load(); ua != DefaultUserAgent {
		t.Errorf("User-Agent = %q", ua)
	}
	o := testOptions()
	o.UserAgent = "SiteAudit/2.0"
	fetch(t, o, s.URL+"/plain")
	if ua := gotUA.Load(); ua != "SiteAudit/2.0" {
		t.Errorf("User-Agent = %q, want the one set", ua)
	}
	wantErr(t, fetch(t, testOptions(), s.URL+"/weird-encoding"), "X080", `unsupported Content-Encoding "compress"`)
}

func TestRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/chain/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		if n == 0 {
			io.WriteString(w, page)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/b", http.StatusFound) })
	mux.HandleFunc("/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/a", http.StatusFound) })
	mux.HandleFunc("/ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://127.0.0.1/x", http.StatusFound)
	})
	s := serve(t, mux)

	p := fetch(t, testOptions(), s.URL+"/chain/3")
	if p.Err != nil || p.FinalURL != s.URL+"/chain/0" || string(p.Body) != page {
		t.Fatalf("3 redirects: %v, final %q", p.Err, p.FinalURL)
	}
	wantErr(t, fetch(t, testOptions(), s.URL+"/chain/11"), "X082", "more than 10 redirects (--max-redirects)")
	o := testOptions()
	o.MaxRedirects = 0
	wantErr(t, fetch(t, o, s.URL+"/chain/1"), "X082", "more than 0 redirects")
	e := wantErr(t, fetch(t, testOptions(), s.URL+"/a"), "X082", "redirect loop")
	if e.Attempts != 1 {
		t.Errorf("a redirect loop was retried: %d attempts", e.Attempts)
	}
	wantErr(t, fetch(t, testOptions(), s.URL+"/ftp"), "X082", "not an http(s) URL")
}

func TestSlowAndFailingPages(t *testing.T) {
	var hits sync.Map // path -> *atomic.Int32
	count := func(r *http.Request) int32 {
		v, _ := hits.LoadOrStore(r.URL.Path, new(atomic.Int32))
		return v.(*atomic.Int32).Add(1)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/slow-headers", func(w http.ResponseWriter, r *http.Request) {
		count(r)
		<-r.Context().Done() // never answers
	})
	mux.HandleFunc("/trickle", func(w http.ResponseWriter, r *http.Request) {
		count(r)
		io.WriteString(w, "<html>")
		for r.Context().Err() == nil { // a body that never ends, slowly
			w.Write([]byte(" "))
			w.(http.Flusher).Flush()
			time.Sleep(20 * time.Millisecond)
		}
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		count(r)
		http.Error(w, "gone", http.StatusNotFound)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		count(r)
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if count(r) < 3 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, page)
	})
	s := serve(t, mux)
	o := testOptions()
	o.Timeout = 300 * time.Millisecond

	e := wantErr(t, fetch(t, o, s.URL+"/slow-headers"), "X080", "no complete response within 300ms (--timeout)")
	if e.Attempts != 1 {
		t.Errorf("a timeout was retried %d times", e.Attempts)
	}
	wantErr(t, fetch(t, o, s.URL+"/trickle"), "X080", "no complete response within 300ms")
	e = wantErr(t, fetch(t, o, s.URL+"/gone"), "X081", "server answered 404 Not Found")
	if e.Attempts != 1 || e.Status != 404 {
		t.Errorf("404: %d attempts, status %d", e.Attempts, e.Status)
	}
	wantErr(t, fetch(t, o, s.URL+"/broken"), "X081", "server answered 500 Internal Server Error after 3 attempts")
	if p := fetch(t, o, s.URL+"/flaky"); p.Err != nil || p.Attempts != 3 {
		t.Errorf("flaky page: %v after %d attempts, want success on the 3rd", p.Err, p.Attempts)
	}

	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	// No answer at all: robots.txt is unreachable, which closes the site
	// (RFC 9309); without robots.txt the page's own failure shows.
	wantErr(t, fetch(t, o, closed.URL+"/"), "X086", "robots.txt could not be fetched: ")
	o.IgnoreRobots = true
	wantErr(t, fetch(t, o, closed.URL+"/"), "X080", "page could not be fetched: ")
	wantErr(t, fetch(t, o, "mailto:someone@example.com"), "X080", "not an http(s) URL")
}

// TestTooManyRequestsStorm sends 429 to every request for a while: pages are
// retried, the host pauses as a whole, per-host concurrency holds, and a
// Retry-After beyond the limit is reported at once rather than waited out.
func TestTooManyRequestsStorm(t *testing.T) {
	var inFlight, peak, served atomic.Int32
	storm := atomic.Int32{}
	storm.Store(40) // the first 40 requests are refused
	mux := http.NewServeMux()
	mux.HandleFunc("/p/", func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		time.Sleep(time.Millisecond)
		if storm.Add(-1) >= 0 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		served.Add(1)
		io.WriteString(w, page)
	})
	mux.HandleFunc("/forever/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	s := serve(t, mux)

	o := testOptions()
	o.Retries = 30
	o.PerHost = 3
	var urls []string
	for i := range 30 {
		urls = append(urls, fmt.Sprintf("%s/p/%d", s.URL, i))
	}
	var failed int
	New(o).FetchAll(context.Background(), urls, func(i int, p Page) {
		if p.Err != nil {
			failed++
			t.Errorf("%s: %v", p.URL, p.Err)
		}
	})
	if failed != 0 || served.Load() != 30 {
		t.Errorf("%d failed, %d served", failed, served.Load())
	}
	if peak.Load() > 3 {
		t.Errorf("%d requests in flight to one host, want at most 3", peak.Load())
	}

	o = testOptions()
	c := New(o)
	var got []Page
	c.FetchAll(context.Background(), []string{s.URL + "/forever/1", s.URL + "/forever/2"}, func(i int, p Page) { got = append(got, p) })
	for _, p := range got {
		e := wantErr(t, p, "X081", "server answered 429 Too Many Requests and asked to wait 1h0m0s before retrying, more than the 200ms limit")
		if e.Attempts != 1 {
			t.Errorf("attempts = %d", e.Attempts)
		}
	}
}

// TestHugeResponseCutOff serves a 1 GB body generated on the fly: the crawl
// must stop reading at the limit and the server must see the connection go.
func TestHugeResponseCutOff(t *testing.T) {
	const total = 1 << 30
	var written atomic.Int64
	done := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		defer close(done)
		w.Header().Set("Content-Length", fmt.Sprint(total))
		chunk := bytes.Repeat([]byte("<p>lorem ipsum</p>\n"), 64<<10/19)
		for written.Load() < total {
			n, err := w.Write(chunk)
			written.Add(int64(n))
			if err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
		zeros := make([]byte, 1<<20)
		for range 64 { // 64 MiB of zeros in about 64 KiB on the wire
			if _, err := zw.Write(zeros); err != nil {
				return
			}
		}
		zw.Close()
	})
	s := serve(t, mux)
	o := testOptions()
	o.MaxPageSize = 1 << 20
	o.Timeout = 30 * time.Second

	wantErr(t, fetch(t, o, s.URL+"/huge"), "X083", "response is larger than 1MiB (--max-page-size); it was cut off there and not checked")
	<-done
	if w := written.Load(); w > 64<<20 {
		t.Errorf("server wrote %d bytes before the client hung up", w)
	}
	wantErr(t, fetch(t, o, s.URL+"/bomb"), "X083", "larger than 1MiB")
}

func TestRobots(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/robots-v2.txt", http.StatusFound) })
	mux.HandleFunc("/robots-v2.txt", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "User-agent: *\nDisallow: /\n\nUser-agent: ldfix\nDisallow: /private/\nDisallow: /*?session=\nCrawl-delay: 0.01\n")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, page) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/private/y", http.StatusFound) })
	s := serve(t, mux)

	c := New(testOptions())
	if p := c.Fetch(context.Background(), s.URL+"/public/page"); p.Err != nil {
		t.Fatalf("allowed page: %v", p.Err)
	}
	wantErr(t, c.Fetch(context.Background(), s.URL+"/private/x"), "X084",
		`robots.txt disallows "/private/x" for user agent "ldfix"; page not checked (--ignore-robots checks it anyway)`)
	wantErr(t, c.Fetch(context.Background(), s.URL+"/list?session=1"), "X084", `"/list?session=1"`)
	wantErr(t, c.Fetch(context.Background(), s.URL+"/moved"), "X084", `redirects to "`+s.URL+`/private/y", but robots.txt disallows "/private/y"`)
	for _, h := range c.hosts {
		if h.limiter == nil || h.limiter.Limit() > 101 {
			t.Errorf("Crawl-delay 0.01 not honoured: %v", h.limiter)
		}
	}

	o := testOptions()
	o.UserAgent = "OtherBot/1.0"
	wantErr(t, fetch(t, o, s.URL+"/public/page"), "X084", `for user agent "OtherBot"`)
	o.IgnoreRobots = true
	if p := fetch(t, o, s.URL+"/private/x"); p.Err != nil {
		t.Errorf("--ignore-robots: %v", p.Err)
	}

	down := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, page)
	}))
	wantErr(t, fetch(t, testOptions(), down.URL+"/x"), "X086", "robots.txt answered 503 Service Unavailable")

	missing := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, page)
	}))
	if p := fetch(t, testOptions(), missing.URL+"/x"); p.Err != nil {
		t.Errorf("no robots.txt: %v", p.Err)
	}
}

// TestFetchAllOrder checks that pages arrive in input order whatever order
// they finish in, and that every URL is reported once.
func TestFetchAllOrder(t *testing.T) {
	s := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/%d", &n)
		time.Sleep(time.Duration((n*7)%5) * time.Millisecond)
		if n%10 == 9 {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, "page %d", n)
	}))
	var urls []string
	for i := range 200 {
		urls = append(urls, fmt.Sprintf("%s/%d", s.URL, i))
	}
	o := testOptions()
	o.PerHost = 8
	next := 0
	New(o).FetchAll(context.Background(), urls, func(i int, p Page) {
		if i != next || p.URL != urls[i] {
			t.Fatalf("got page %d (%s), want %d", i, p.URL, next)
		}
		next++
		if i%10 == 9 {
			wantErr(t, p, "X081", "404")
		} else if string(p.Body) != fmt.Sprintf("page %d", i) {
			t.Errorf("page %d body %q", i, p.Body)
		}
	})
	if next != len(urls) {
		t.Errorf("%d of %d pages reported", next, len(urls))
	}
}

func TestFetchAllCancelled(t *testing.T) {
	s := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	ctx, cancel := context.WithCancel(context.Background())
	var urls []string
	for i := range 100 {
		urls = append(urls, fmt.Sprintf("%s/%d", s.URL, i))
	}
	n := 0
	time.AfterFunc(50*time.Millisecond, cancel)
	New(testOptions()).FetchAll(ctx, urls, func(i int, p Page) {
		n++
		if p.Err == nil {
			t.Errorf("%s fetched after cancel", p.URL)
		}
	})
	if n != len(urls) {
		t.Errorf("%d of %d pages reported after cancel", n, len(urls))
	}
}
