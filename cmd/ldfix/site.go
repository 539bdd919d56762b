package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/crawl"
	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/cmd/ldfix/internal/shard"
	"github.com/ldfix/ldfix/cmd/ldfix/internal/sitereport"
	"github.com/ldfix/ldfix/fixer/source"
)

const siteCategory = "Live pages and sitemaps"

// siteFlags are the flags of `check` that fetch live pages: --sitemap,
// --since, URL include/exclude patterns, --limit, politeness and fetch
// limits, --user-agent.
func siteFlags() []cli.Flag {
	d := crawl.DefaultOptions()
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "sitemap", Category: siteCategory, TakesFile: true,
			Usage: "check every page listed by this sitemap or sitemap index, a URL or a file (repeatable; .gz is read too)"},
		&cli.StringFlag{Name: "since", Category: siteCategory,
			Usage: "only sitemap pages whose <lastmod> is on or after this date (2024-05-01) or within this age (7d, 12h); pages without <lastmod> are kept"},
		&cli.StringSliceFlag{Name: "include", Category: siteCategory,
			Usage: "only sitemap pages whose URL matches this pattern: * is any text, ? one character, a leading / matches the path (repeatable)"},
		&cli.StringSliceFlag{Name: "exclude", Category: siteCategory,
			Usage: "skip sitemap pages whose URL matches this pattern (repeatable; wins over --include)"},
		&cli.IntFlag{Name: "limit", Category: siteCategory, Usage: "check at most this many pages (0: all)"},
		&cli.StringFlag{Name: "user-agent", Category: siteCategory, Value: d.UserAgent,
			Usage: "User-Agent header; its first word is the agent robots.txt rules are matched against"},
		&cli.DurationFlag{Name: "timeout", Category: siteCategory, Value: d.Timeout, Usage: "give up on a page that has not fully arrived after this long"},
		&cli.IntFlag{Name: "max-redirects", Category: siteCategory, Value: d.MaxRedirects, Usage: "redirects a page may go through"},
		&cli.StringFlag{Name: "max-page-size", Category: siteCategory, Value: "10MiB", Usage: "cut off and report pages larger than this (decompressed)"},
		&cli.IntFlag{Name: "concurrency", Category: siteCategory, Value: d.Concurrency, Usage: "requests in flight in all"},
		&cli.IntFlag{Name: "per-host", Category: siteCategory, Value: d.PerHost, Usage: "requests in flight to one host"},
		&cli.Float64Flag{Name: "rate", Category: siteCategory, Usage: "at most this many requests per second to one host (0: no limit beyond --per-host and robots.txt Crawl-delay)"},
		&cli.BoolFlag{Name: "ignore-robots", Category: siteCategory, Usage: "fetch pages that robots.txt disallows and ignore its Crawl-delay (for your own sites)"},
		&cli.IntFlag{Name: "retries", Category: siteCategory, Value: d.Retries, Usage: "retries after a 429, a 5xx or a dropped connection, with backoff that honours Retry-After"},
		&cli.DurationFlag{Name: "page-deadline", Category: siteCategory, Value: d.PageDeadline,
			Usage: "give up on a page after this long in all: robots.txt, every attempt and every wait between them (0: no bound)"},
		&cli.DurationFlag{Name: "deadline", Category: siteCategory,
			Usage: "stop fetching after this long; the pages not reached are reported (X089) (0: no bound)"},
		&cli.StringSliceFlag{Name: "allow-host", Category: siteCategory,
			Usage: "also follow redirects to this host and check the pages sitemaps list on it (host, or host:port; repeatable); other origins are left out"},
		&cli.BoolFlag{Name: "summary", Category: siteCategory, Usage: "print the site summary (always on when pages are fetched)"},
	}
}

// wantsSite reports whether the command line asks for live pages: an
// argument that is an http(s) URL, or --sitemap.
func wantsSite(c *cli.Context) bool {
	if len(c.StringSlice("sitemap")) > 0 {
		return true
	}
	for _, a := range c.Args().Slice() {
		if crawl.IsURL(a) {
			return true
		}
	}
	return false
}

// siteOptions is the site part of the command line, checked.
type siteOptions struct {
	crawl    crawl.Options
	sitemaps []string
	filter   crawl.Filter
	shard    shard.Shard
	limit    int
	deadline time.Duration // the whole run; 0: none
}

// readSiteOptions reads the site flags. Flags left unset keep the crawl
// defaults, so the values here and in --help never disagree.
func readSiteOptions(c *cli.Context, now time.Time) (siteOptions, error) {
	o := siteOptions{crawl: crawl.DefaultOptions(), sitemaps: c.StringSlice("sitemap"), limit: c.Int("limit")}
	co := &o.crawl
	if c.IsSet("user-agent") {
		co.UserAgent = c.String("user-agent")
	}
	if c.IsSet("timeout") {
		co.Timeout = c.Duration("timeout")
		if co.Timeout <= 0 {
			return o, usageError{fmt.Errorf("--timeout must be positive, not %s", co.Timeout)}
		}
	}
	if c.IsSet("max-redirects") {
		co.MaxRedirects = c.Int("max-redirects")
	}
	if c.IsSet("max-page-size") {
		n, err := crawl.ParseSize(c.String("max-page-size"))
		if err != nil {
			return o, usageError{fmt.Errorf("--max-page-size: %w", err)}
		}
		co.MaxPageSize = n
	}
	for _, f := range []struct {
		name string
		dst  *int
	}{{"concurrency", &co.Concurrency}, {"per-host", &co.PerHost}, {"retries", &co.Retries}} {
		if c.IsSet(f.name) {
			*f.dst = c.Int(f.name)
		}
	}
	if co.Concurrency < 1 || co.PerHost < 1 || co.MaxRedirects < 0 || co.Retries < 0 || o.limit < 0 {
		return o, usageError{fmt.Errorf("--concurrency and --per-host must be at least 1; --max-redirects, --retries and --limit at least 0")}
	}
	co.Rate = c.Float64("rate")
	if co.Rate < 0 {
		return o, usageError{fmt.Errorf("--rate must be 0 (no limit) or more, not %g", co.Rate)}
	}
	co.IgnoreRobots = c.Bool("ignore-robots")
	co.AllowHosts = c.StringSlice("allow-host")
	if c.IsSet("page-deadline") {
		co.PageDeadline = c.Duration("page-deadline")
	}
	o.deadline = c.Duration("deadline")
	if co.PageDeadline < 0 || o.deadline < 0 {
		return o, usageError{fmt.Errorf("--page-deadline and --deadline must be 0 (no bound) or more")}
	}
	if s := c.String("since"); s != "" {
		t, err := crawl.ParseSince(s, now)
		if err != nil {
			return o, usageError{err}
		}
		o.filter.Since = t
	}
	for _, f := range []struct {
		name string
		dst  *[]*crawl.Pattern
	}{{"include", &o.filter.Include}, {"exclude", &o.filter.Exclude}} {
		for _, s := range c.StringSlice(f.name) {
			p, err := crawl.CompilePattern(s)
			if err != nil {
				return o, usageError{fmt.Errorf("--%s: %w", f.name, err)}
			}
			*f.dst = append(*f.dst, p)
		}
	}
	if v := c.String("shard"); v != "" || c.Int("shard-total") != 0 {
		sh, _, err := shard.Resolve(v, c.Int("shard-total"), os.Getenv)
		if err != nil {
			return o, usageError{err}
		}
		o.shard = sh
	}
	return o, nil
}

// fetchPages fetches the URLs among args and the pages of any sitemaps,
// calling each for every page (its URL, body, or the error that stopped it)
// in a stable order. It shows progress on stderr when stderr is a terminal.
//
// Unreadable sitemaps come first, as errors on the sitemap's URL, then the
// pages in command-line and sitemap order, then one finding per site whose
// robots.txt could not be read. Errors passed to each are *crawl.Error
// findings (see pageResult), except when the run is interrupted: then the
// pages not fetched are skipped and fetchPages returns an error. The pages
// left out without a result of their own are returned by reason, for the
// site summary.
func fetchPages(c *cli.Context, o siteOptions, args []string, stderr io.Writer, each func(url string, body []byte, err error)) ([]sitereport.Count, error) {
	var urls []string
	for _, a := range args {
		if crawl.IsURL(a) {
			urls = append(urls, a)
		}
	}
	// The crawl stays on the origins the user named.
	o.crawl.Origins = append(slices.Clone(urls), o.sitemaps...)
	ctx := c.Context
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	if o.deadline > 0 {
		var cancel context.CancelFunc
		ctx, cancel = crawl.WithDeadline(ctx, o.deadline)
		defer cancel()
	}

	var left []sitereport.Count
	cr := crawl.New(o.crawl)
	entries, bad, err := cr.Sitemaps(ctx, o.sitemaps)
	if err != nil {
		if d, ok := crawl.RunDeadline(ctx); ok {
			return nil, fmt.Errorf("the --deadline of %s passed while reading sitemaps; no page was checked", d)
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("interrupted while reading sitemaps")
		}
		return nil, err
	}
	// Every shard reads the same sitemaps; only the first reports their
	// errors, so merged shard outputs list each once.
	if o.shard.N <= 1 || o.shard.I == 1 {
		for _, e := range bad {
			each(e.URL, nil, e)
			if label, ok := crawl.SkipLabel(e.Rule()); ok && e.Pages > 0 {
				left = append(left, sitereport.Count{Label: label, N: e.Pages})
			}
		}
	}
	list := crawl.Select(urls, entries, o.filter, o.shard, o.limit)
	bar := newProgress(stderr, len(list))
	done := 0
	var closed crawl.ClosedSites
	cr.FetchAll(ctx, list, func(i int, p crawl.Page) {
		if _, ok := crawl.AsError(p.Err); p.Err != nil && !ok {
			return // interrupted: not a finding about the page
		}
		done++
		bar.Add(1)
		if !closed.Hold(p) {
			each(p.URL, p.Body, p.Err)
		}
	})
	bar.Finish()
	for _, e := range closed.Errors() {
		each(e.URL, nil, e)
		label, _ := crawl.SkipLabel(e.Rule())
		left = append(left, sitereport.Count{Label: label, N: e.Pages})
	}
	if _, ok := crawl.RunDeadline(ctx); !ok && ctx.Err() != nil {
		return left, fmt.Errorf("interrupted after %d of %d pages", done, len(list))
	}
	return left, nil
}

// skipPages counts, in the site summary, pages left out without a result
// of their own.
func (o *output) skipPages(left []sitereport.Count) {
	if o.site == nil {
		return
	}
	for _, c := range left {
		o.site.Skip(c.Label, c.N)
	}
}

// progress is a progress bar, or nothing when stderr is not a terminal:
// logs and CI output stay clean.
type progress struct{ bar *progressbar.ProgressBar }

func newProgress(w io.Writer, total int) progress {
	f, ok := w.(*os.File)
	return progressOn(w, total, ok && term.IsTerminal(int(f.Fd())))
}

func progressOn(w io.Writer, total int, tty bool) progress {
	if !tty || total < 2 {
		return progress{}
	}
	return progress{progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("checking pages"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("pages"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionClearOnFinish(),
	)}
}

func (p progress) Add(n int) {
	if p.bar != nil {
		p.bar.Add(n)
	}
}

func (p progress) Finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// pageResult is the result for a page or sitemap that could not be
// fetched: its finding (rules X080–X090) on an empty file, so it is
// reported, filtered and counted like any other finding. ok is false when
// err is not a fetch failure.
func pageResult(url string, err error) (report.FileResult, bool) {
	e, ok := crawl.AsError(err)
	if !ok {
		return report.FileResult{}, false
	}
	return report.FileResult{Path: url, File: source.New(url, nil), Diagnostics: e.Diagnostics()}, true
}
