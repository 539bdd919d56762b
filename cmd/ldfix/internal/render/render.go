// Package render loads pages in a headless Chromium, runs their JavaScript
// as Google's renderer does, and returns the DOM it ends with: the source of
// structured data that sites add with tag managers, head components or
// scripts that fill a placeholder block.
//
// It is a source, like the crawler: it hands back bytes (the rendered DOM
// serialised as HTML) for the same pipeline that checks the page's source.
// The page's own document is never fetched twice: the bytes ldfix already
// read are served to the browser in place of the network response, so
// robots.txt, rate and per-host limits that applied to that fetch hold for
// the render's page load too.
package render

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/inspector"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Options set how pages are rendered.
type Options struct {
	// Chrome is the browser's executable; empty looks for Chromium or
	// Chrome on PATH.
	Chrome string
	// Wait bounds the time spent after the load event waiting for the page
	// to settle: no request in flight, no pending short timer, no DOM
	// change for a moment.
	Wait time.Duration
	// Timeout bounds one page from navigation to the read of its DOM.
	Timeout time.Duration
	// Tabs is the number of pages rendered at once.
	Tabs int
	// BlockThirdParty fails every request the page makes to a host other
	// than its own. Off by default, so tag managers run as they do for
	// Google.
	BlockThirdParty bool
	// UserAgent replaces the browser's, when set.
	UserAgent string
}

// DefaultOptions are the defaults of the command line.
func DefaultOptions() Options {
	return Options{Wait: 3 * time.Second, Timeout: 30 * time.Second, Tabs: 2}
}

// quiet is how long a page must stay without DOM change or network activity
// to count as settled, once its short timers have run.
const quiet = 250 * time.Millisecond

// ErrNoBrowser is returned by Start when no Chromium or Chrome can be found.
var ErrNoBrowser = errors.New("no Chromium or Chrome found for --render: install one (Debian and Ubuntu: apt-get install chromium; macOS: brew install --cask chromium) or give its path with --chrome")

// chromeNames are the executables looked for on PATH, in order.
var chromeNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless-shell"}

// FindChrome returns the browser to run: path itself when given (it must
// exist), else the first of the usual names found on PATH.
func FindChrome(path string) (string, error) {
	if path != "" {
		p, err := exec.LookPath(path)
		if err != nil {
			return "", fmt.Errorf("--chrome %s: %w", path, err)
		}
		return p, nil
	}
	for _, name := range chromeNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// Browser is one running Chromium with a bounded pool of tabs.
type Browser struct {
	opts    Options
	ctx     context.Context
	cancel  context.CancelFunc
	tabs    chan struct{}
	dataDir string
	once    sync.Once
}

// Start launches the browser. It stops when ctx ends (Ctrl-C) or Close is
// called, whichever comes first.
func Start(ctx context.Context, opts Options) (*Browser, error) {
	exe, err := FindChrome(opts.Chrome)
	if err != nil {
		return nil, err
	}
	if opts.Tabs < 1 {
		opts.Tabs = 1
	}
	dir, err := os.MkdirTemp("", "ldfix-chromium-")
	if err != nil {
		return nil, fmt.Errorf("starting the browser: %w", err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, allocatorOptions(exe, dir, opts)...)
	bctx, cancelBrowser := chromedp.NewContext(allocCtx)
	b := &Browser{opts: opts, ctx: bctx, tabs: make(chan struct{}, opts.Tabs), dataDir: dir}
	b.cancel = func() { cancelBrowser(); cancelAlloc() }
	if err := chromedp.Do(bctx); err != nil {
		b.Close()
		return nil, fmt.Errorf("starting %s: %w", exe, err)
	}
	return b, nil
}

// allocatorOptions are chromedp's defaults plus what a closed network and a
// bounded machine need: no background traffic, no sandbox when running as
// root (Chromium refuses to start otherwise), a fresh profile, and a cap on
// each renderer's JavaScript heap so that one page cannot take the machine.
func allocatorOptions(exe, dir string, opts Options) []chromedp.ExecAllocatorOption {
	o := append([]chromedp.ExecAllocatorOption{}, chromedp.DefaultExecAllocatorOptions[:]...)
	o = append(o,
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(dir),
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("js-flags", "--max-old-space-size=512"),
		chromedp.Flag("renderer-process-limit", fmt.Sprint(opts.Tabs+1)),
	)
	if os.Geteuid() == 0 {
		o = append(o, chromedp.NoSandbox)
	}
	if opts.UserAgent != "" {
		o = append(o, chromedp.UserAgent(opts.UserAgent))
	}
	return o
}

// Close stops the browser and removes its profile. It is safe to call more
// than once.
func (b *Browser) Close() {
	b.once.Do(func() {
		_ = chromedp.Cancel(b.ctx)
		b.cancel()
		_ = os.RemoveAll(b.dataDir)
	})
}

// Page is what the browser ended with for one page.
type Page struct {
	// HTML is the rendered DOM serialised as an HTML document.
	HTML []byte
	// Settled is false when the wait ran out before the page went quiet:
	// a block added later than that was not seen.
	Settled bool
}

// Render loads pageURL in a tab, serving body as the document's response
// when body is not nil, waits for the page to settle and returns its DOM.
func (b *Browser) Render(ctx context.Context, pageURL string, body []byte, contentType string) (Page, error) {
	select {
	case b.tabs <- struct{}{}:
	case <-ctx.Done():
		return Page{}, ctx.Err()
	}
	defer func() { <-b.tabs }()
	if b.ctx.Err() != nil {
		return Page{}, errors.New("the browser has stopped")
	}
	tctx, cancelTab := chromedp.NewContext(b.ctx)
	defer cancelTab()
	// Stop the tab when the caller gives up, as well as on the timeout.
	stop := context.AfterFunc(ctx, cancelTab)
	defer stop()
	tctx, cancelTimeout := context.WithTimeout(tctx, b.opts.Timeout)
	defer cancelTimeout()

	t := &tab{b: b, url: pageURL, body: body, contentType: contentType, lastNet: time.Now(), cancel: cancelTab}
	p, err := t.render(tctx)
	if err != nil {
		if ctx.Err() != nil {
			return Page{}, ctx.Err()
		}
		if t.crashed() {
			return Page{}, errors.New("the page crashed the browser tab")
		}
		if errors.Is(err, context.DeadlineExceeded) {
			return Page{}, fmt.Errorf("the page did not render within %s", b.opts.Timeout)
		}
		return Page{}, err
	}
	return p, nil
}

// tab is the state of one page's render.
type tab struct {
	b           *Browser
	url         string
	body        []byte
	contentType string

	mu       sync.Mutex
	inflight map[network.RequestID]bool
	lastNet  time.Time
	crash    bool
	served   bool
	// cancel ends the tab: a crashed page never fires its load event.
	cancel context.CancelFunc
}

func (t *tab) crashed() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.crash
}

func (t *tab) render(ctx context.Context) (Page, error) {
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		return Page{}, err
	}
	t.inflight = map[network.RequestID]bool{}
	if err := chromedp.Listen(ctx, t.onEvent); err != nil {
		return Page{}, err
	}
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go t.serve(ctx, paused)
	go dismissDialogs(ctx, dialogs)

	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return Page{}, err
	}
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: t.patterns()}); err != nil {
		return Page{}, err
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: settleScript(t.b.opts.Wait)}); err != nil {
		return Page{}, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(t.url)); err != nil {
		return Page{}, err
	}
	settled, err := t.settle(ctx)
	if err != nil {
		return Page{}, err
	}
	html, err := chromedp.Run(ctx, chromedp.Evaluate[string](serializeScript))
	if err != nil {
		return Page{}, fmt.Errorf("reading the rendered DOM: %w", err)
	}
	return Page{HTML: []byte(html), Settled: settled}, nil
}

// patterns are the requests paused for serve: the documents alone, unless
// third-party requests are blocked, which needs every request.
func (t *tab) patterns() []*fetch.RequestPattern {
	if t.b.opts.BlockThirdParty {
		return []*fetch.RequestPattern{{URLPattern: "*"}}
	}
	return []*fetch.RequestPattern{{URLPattern: "*", ResourceType: network.ResourceTypeDocument}}
}

// onEvent keeps the network and crash state. It runs in the tab's message
// loop, so it only records.
func (t *tab) onEvent(ev any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		t.inflight[ev.RequestID] = true
		t.lastNet = time.Now()
	case *network.EventLoadingFinished:
		delete(t.inflight, ev.RequestID)
		t.lastNet = time.Now()
	case *network.EventLoadingFailed:
		delete(t.inflight, ev.RequestID)
		t.lastNet = time.Now()
	case *inspector.EventTargetCrashed:
		t.crash = true
		go t.cancel()
	}
}

// serve answers paused requests: the page's document with the bytes already
// read, third-party requests refused when asked, everything else passed on.
func (t *tab) serve(ctx context.Context, paused func(func(fetch.EventRequestPaused, error) bool)) {
	page, _ := url.Parse(t.url)
	for ev, err := range paused {
		if err != nil {
			return
		}
		var cerr error
		switch {
		case t.isOwnDocument(ev):
			_, cerr = chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
				RequestID: ev.RequestID, ResponseCode: 200, Body: t.body,
				ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: t.contentType}},
			})
		case t.refused(page, ev.Request.URL):
			_, cerr = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{
				RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient,
			})
		default:
			_, cerr = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
		}
		if cerr != nil && ctx.Err() != nil {
			return
		}
	}
}

// isOwnDocument reports whether ev is the first load of the page itself,
// which is answered with the bytes ldfix read (a redirect or a reload the
// page asks for goes to the network).
func (t *tab) isOwnDocument(ev fetch.EventRequestPaused) bool {
	if t.body == nil || ev.ResourceType != network.ResourceTypeDocument || ev.Request.URL != t.url {
		return false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.served {
		return false
	}
	t.served = true
	return true
}

func (t *tab) refused(page *url.URL, raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || page == nil {
		return false
	}
	if u.Scheme == "data" || u.Scheme == "blob" {
		return false
	}
	return u.Host != page.Host && t.b.opts.BlockThirdParty
}

// dismissDialogs answers alert, confirm and prompt, which would otherwise
// stop the page's scripts until the timeout.
func dismissDialogs(ctx context.Context, dialogs func(func(page.EventJavascriptDialogOpening, error) bool)) {
	for _, err := range dialogs {
		if err != nil {
			return
		}
		_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
	}
}

// settle waits after the load event until the page is quiet, or until the
// wait runs out (settled false then).
func (t *tab) settle(ctx context.Context) (bool, error) {
	deadline := time.Now().Add(t.b.opts.Wait)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		st, err := chromedp.Run(ctx, chromedp.Evaluate[settleState](stateScript))
		if err != nil {
			return false, err
		}
		if t.quiet(st) {
			return true, nil
		}
		if time.Now().After(deadline) {
			return false, nil
		}
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-tick.C:
		}
	}
}

type settleState struct {
	Timers     int     `json:"timers"`
	SinceDOMMs float64 `json:"sinceDOM"`
}

func (t *tab) quiet(st settleState) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return st.Timers == 0 && st.SinceDOMMs >= float64(quiet.Milliseconds()) &&
		len(t.inflight) == 0 && time.Since(t.lastNet) >= quiet
}

// settleScript runs before any script of the page. It counts the timers
// that will fire within the wait (a block added a second after load must be
// seen; an interval or a timer for later is not waited for) and the time of
// the last DOM change.
func settleScript(wait time.Duration) string {
	return fmt.Sprintf(`(() => {
  const limit = %d;
  const st = {timers: new Set(), last: Date.now()};
  Object.defineProperty(window, '__ldfixRender', {value: st});
  const setT = window.setTimeout, clearT = window.clearTimeout;
  window.setTimeout = function (fn, ms, ...args) {
    const delay = Number(ms) || 0;
    if (delay > limit || typeof fn !== 'function') return setT.call(window, fn, ms, ...args);
    const id = setT.call(window, function () {
      st.timers.delete(id);
      st.last = Date.now();
      return fn.apply(this, args);
    }, delay);
    st.timers.add(id);
    return id;
  };
  window.clearTimeout = function (id) { st.timers.delete(id); return clearT.call(window, id); };
  new MutationObserver(() => { st.last = Date.now(); })
    .observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
})();`, wait.Milliseconds())
}

const stateScript = `(() => {
  const st = window.__ldfixRender;
  if (!st) return {timers: 0, sinceDOM: 1e9};
  return {timers: st.timers.size, sinceDOM: Date.now() - st.last};
})()`

// serializeScript returns the DOM as an HTML document. Script text is
// serialised raw, so a JSON-LD block reads back byte for byte as the page's
// scripts left it.
const serializeScript = `(() => {
  const d = document.doctype;
  const doctype = d ? '<!DOCTYPE ' + d.name + (d.publicId ? ' PUBLIC "' + d.publicId + '"' : '') +
    (d.systemId ? (d.publicId ? '' : ' SYSTEM') + ' "' + d.systemId + '"' : '') + '>\n' : '';
  return doctype + (document.documentElement ? document.documentElement.outerHTML : '');
})()`
