package render

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// startBrowser starts the browser for a test, or skips the test with the
// reason when none is installed (.ci/run installs Debian's chromium).
func startBrowser(t *testing.T, opts Options) *Browser {
	t.Helper()
	if _, err := FindChrome(opts.Chrome); err != nil {
		t.Skipf("skipping: %v", err)
	}
	if testing.Short() {
		t.Skip("skipping browser test in -short mode")
	}
	b, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(b.Close)
	return b
}

var (
	sharedOnce sync.Once
	shared     *Browser
	sharedErr  error
)

// sharedBrowser is one browser with testOptions for the tests that need no
// options of their own: starting Chromium costs about a second.
func sharedBrowser(t *testing.T) *Browser {
	t.Helper()
	if _, err := FindChrome(""); err != nil {
		t.Skipf("skipping: %v", err)
	}
	if testing.Short() {
		t.Skip("skipping browser test in -short mode")
	}
	sharedOnce.Do(func() { shared, sharedErr = Start(context.Background(), testOptions()) })
	if sharedErr != nil {
		t.Fatalf("Start: %v", sharedErr)
	}
	return shared
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Close()
	}
	os.Exit(code)
}

func testOptions() Options {
	o := DefaultOptions()
	o.Wait = 4 * time.Second
	o.Timeout = 20 * time.Second
	return o
}

const block = `{"@context":"https://schema.org","@type":"Organization","name":"Example"}`

// pages add their JSON-LD in each way sites do it.
var pages = map[string]string{
	"create-element": `<!doctype html><html><head><script>
var s = document.createElement('script'); s.type = 'application/ld+json';
s.text = '` + block + `'; document.head.appendChild(s);
</script></head><body></body></html>`,
	"inner-html": `<!doctype html><html><head></head><body><div id="x"></div><script>
document.getElementById('x').innerHTML = '<script type="application/ld+json">` + block + `<\/script>';
</script></body></html>`,
	"fill-placeholder": `<!doctype html><html><head><script type="application/ld+json" id="ld"></script></head><body><script>
document.getElementById('ld').textContent = '` + block + `';
</script></body></html>`,
	"timer-after-load": `<!doctype html><html><head></head><body><script>
window.addEventListener('load', function () { setTimeout(function () {
  var s = document.createElement('script'); s.type = 'application/ld+json';
  s.textContent = '` + block + `'; document.head.appendChild(s);
}, 1000); });
</script></body></html>`,
	"fetched-data": `<!doctype html><html><head></head><body><script>
fetch('/data.json').then(r => r.text()).then(t => {
  var s = document.createElement('script'); s.type = 'application/ld+json';
  s.textContent = t; document.head.appendChild(s);
});
</script></body></html>`,
}

func TestRenderSeesBlocksAddedByJavaScript(t *testing.T) {
	b := sharedBrowser(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/data.json" {
			time.Sleep(300 * time.Millisecond)
			w.Write([]byte(block))
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	for name, html := range pages {
		t.Run(name, func(t *testing.T) {
			p, err := b.Render(context.Background(), srv.URL+"/"+name+".html", []byte(html), "text/html; charset=utf-8")
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			if !strings.Contains(string(p.HTML), `<script type="application/ld+json"`) || !strings.Contains(string(p.HTML), block) {
				t.Errorf("rendered DOM lacks the block:\n%s", p.HTML)
			}
			if !p.Settled {
				t.Errorf("page did not settle within the wait")
			}
		})
	}
}

func TestRenderServesTheBytesAlreadyRead(t *testing.T) {
	b := sharedBrowser(t)
	var docs atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/page" {
			docs.Add(1)
		}
		w.Write([]byte("<p>from the network</p>"))
	}))
	defer srv.Close()
	p, err := b.Render(context.Background(), srv.URL+"/page", []byte("<p>from ldfix</p>"), "text/html")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(p.HTML), "from ldfix") {
		t.Errorf("DOM is not the page given:\n%s", p.HTML)
	}
	if n := docs.Load(); n != 0 {
		t.Errorf("the page was fetched again %d times", n)
	}
}

func TestRenderBlocksThirdParty(t *testing.T) {
	o := testOptions()
	o.BlockThirdParty = true
	b := startBrowser(t, o)
	var hits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gtm.js" {
			hits.Add(1)
		}
		w.Header().Set("Content-Type", "text/javascript")
		w.Write([]byte(`document.title = 'ran';`))
	}))
	defer other.Close()
	// 127.0.0.1 and localhost are different hosts to the browser.
	own := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
	html := `<html><head><script src="` + other.URL + `/gtm.js"></script></head><body></body></html>`
	p, err := b.Render(context.Background(), own+"/page", []byte(html), "text/html")
	if err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 0 || strings.Contains(string(p.HTML), "<title>ran</title>") {
		t.Errorf("third-party script ran with BlockThirdParty (hits %d)", hits.Load())
	}
}

func TestRenderTimeoutAndDialogs(t *testing.T) {
	o := testOptions()
	o.Timeout = 3 * time.Second
	o.Wait = 500 * time.Millisecond
	b := startBrowser(t, o)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // never answers within the page's timeout
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	defer srv.Close()
	// A stylesheet that never arrives holds the load event back.
	html := `<html><head><link rel="stylesheet" href="/slow.css"></head><body></body></html>`
	start := time.Now()
	_, err := b.Render(context.Background(), srv.URL+"/page", []byte(html), "text/html")
	if err == nil || !strings.Contains(err.Error(), "did not render within") {
		t.Errorf("err = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 8*time.Second {
		t.Errorf("timeout took %s", d)
	}
	// alert() must not hold the page until the timeout.
	p, err := b.Render(context.Background(), srv.URL+"/alert", []byte(`<script>alert('hi'); document.title='after';</script>`), "text/html")
	if err != nil {
		t.Fatalf("alert page: %v", err)
	}
	if !strings.Contains(string(p.HTML), "after") {
		t.Errorf("script after alert did not run:\n%s", p.HTML)
	}
}

func TestRenderCancelStopsBrowser(t *testing.T) {
	if _, err := FindChrome(""); err != nil {
		t.Skipf("skipping: %v", err)
	}
	if testing.Short() {
		t.Skip("skipping browser test in -short mode")
	}
	ctx, cancel := context.WithCancel(context.Background())
	b, err := Start(ctx, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	dir := b.dataDir
	if n := processesUsing(dir); n == 0 {
		t.Fatalf("no browser process found for profile %s", dir)
	}
	cancel() // what Ctrl-C does
	b.Close()
	deadline := time.Now().Add(5 * time.Second)
	for processesUsing(dir) > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := processesUsing(dir); n > 0 {
		t.Errorf("%d browser processes still running after the run was interrupted", n)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("browser profile %s left behind: %v", dir, err)
	}
	if _, err := b.Render(context.Background(), "http://127.0.0.1:1/", nil, ""); err == nil {
		t.Errorf("Render after stop succeeded")
	}
}

func TestLocalServesFolder(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "js"), 0o755)
	os.WriteFile(filepath.Join(dir, "js", "app.js"), []byte("x"), 0o644)
	l, err := ServeLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	u, err := l.URL(filepath.Join(dir, "js", "app.js"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET %s: %d", u, resp.StatusCode)
	}
	if _, err := l.URL(filepath.Join(dir, "..", "x.html")); err == nil {
		t.Errorf("file outside the folder got a URL")
	}
}

func TestFindChromeExplicitMissing(t *testing.T) {
	if _, err := FindChrome("/nonexistent/chrome"); err == nil {
		t.Errorf("missing --chrome path accepted")
	}
}

func TestFindChromeNoneOnPath(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := FindChrome(""); !errors.Is(err, ErrNoBrowser) {
		t.Errorf("err = %v, want ErrNoBrowser", err)
	}
	if !strings.Contains(ErrNoBrowser.Error(), "apt-get install chromium") || !strings.Contains(ErrNoBrowser.Error(), "--chrome") {
		t.Errorf("the error gives no install hint: %v", ErrNoBrowser)
	}
}

// TestRenderPageCrash: a page that crashes its tab is an error for that
// page only; the browser goes on rendering the next one.
func TestRenderPageCrash(t *testing.T) {
	b := sharedBrowser(t)
	// The renderer's heap is capped, so a page that allocates without end
	// crashes its tab, as a runaway script on a real page does.
	oom := `<script>var a = []; for (;;) a.push(new Array(1e6).fill(1));</script>`
	_, err := b.Render(context.Background(), "http://127.0.0.1:1/oom.html", []byte(oom), "text/html")
	if err == nil || !strings.Contains(err.Error(), "crash") {
		t.Fatalf("a crashed tab gave %v, want an error that says it crashed", err)
	}
	p, err := b.Render(context.Background(), "about:blank", nil, "")
	if err != nil {
		t.Fatalf("render after a crash: %v", err)
	}
	if !strings.Contains(string(p.HTML), "<html") {
		t.Errorf("no DOM after a crash: %q", p.HTML)
	}
}

// processesUsing counts the processes whose command line names dir (the
// browser's profile, unique to one Start).
func processesUsing(dir string) int {
	n := 0
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		if b, err := os.ReadFile(p); err == nil && strings.Contains(string(b), dir) {
			n++
		}
	}
	return n
}
