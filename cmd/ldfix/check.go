package main

import (
	"io"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/cmd/ldfix/internal/sitereport"
)

// check is `ldfix check [PATH|DIR|URL|-]...`.
func (e *env) check(c *cli.Context) error {
	s, err := e.loadSettings(c)
	if err != nil {
		return err
	}
	k, err := newChecker(s, false)
	if err != nil {
		return err
	}
	var args []string
	for _, a := range c.Args().Slice() {
		if !isURL(a) {
			args = append(args, a)
		}
	}
	site := wantsSite(c)
	var so siteOptions
	if site {
		// A bad site option stops the run before any file is read.
		if so, err = readSiteOptions(c, time.Now()); err != nil {
			return err
		}
	}
	var inputs []input
	if !site || len(args) > 0 {
		if inputs, err = e.inputs(s, args); err != nil {
			return err
		}
	}
	o, err := e.newOutput(s, e.stdout, (site || c.IsSet("summary")) && !c.Bool("quiet"))
	if err != nil {
		return usageError{err}
	}
	rd, err := newRenderer(c, s)
	if err != nil {
		return err
	}
	defer rd.close()
	if !site || len(args) > 0 {
		eachInOrder(s, e.stdin, inputs, func(path string, data []byte) []item {
			return o.prepareAll(k.results(rd, path, "", data))
		}, func(path string, err error) []item { return []item{o.prepare(failed(path, err))} }, o.addAll)
	}
	if site {
		if err := e.fetch(c, so, s, k, rd, o); err != nil {
			return err
		}
	}
	if err := o.finish(); err != nil {
		return err
	}
	if o.site != nil {
		w := e.stderr
		if s.format == "text" {
			w = e.stdout
		}
		if err := sitereport.Text(w, o.site.Summary()); err != nil {
			return err
		}
	}
	return exitStatus(o.status())
}

// fetch checks live pages exactly like files, with the URL as the path,
// and hands the results to emit in fetch order. Each page is analysed as
// it arrives and only what the report shows is kept, so the pages of a
// whole site are never all in memory.
func (e *env) fetch(c *cli.Context, so siteOptions, s *settings, k *checker, rd *renderer, o *output) error {
	p := newPool(s.jobs, s.window(), o.addAll)
	left, err := fetchPages(c, so, c.Args().Slice(), e.stderr, func(url string, body []byte, err error) {
		p.Submit(func() []item {
			if err == nil {
				return o.prepareAll(k.results(rd, url, url, body))
			}
			return []item{o.prepare(k.page(url, body, err))}
		})
	})
	p.Wait()
	o.skipPages(left)
	return err
}

// page is the result for one fetched page: its findings, or the reason it
// could not be fetched (X080–X085) as a finding that is selected, counted
// and reported like any other: one 404 in a sitemap is a finding, not a
// failed run. Any other error stays an error of the page.
func (k *checker) page(url string, body []byte, err error) report.FileResult {
	if err != nil {
		r, ok := pageResult(url, err)
		if !ok {
			return failed(url, err)
		}
		if k.s.filter != nil {
			r.Diagnostics = k.s.filterFor(url).Apply(r.Diagnostics)
		}
		return r
	}
	r, _ := k.analyze(url, body)
	return r
}

// results checks one page: its source, and with --render (rd not nil) the
// page its JavaScript leaves. pageURL is the page's address, empty for a
// file on disk.
func (k *checker) results(rd *renderer, path, pageURL string, data []byte) []report.FileResult {
	if rd == nil {
		r, _ := k.analyze(path, data)
		return []report.FileResult{r}
	}
	return k.analyzeRendered(rd, path, pageURL, data)
}

func failed(path string, err error) report.FileResult {
	return report.FileResult{Path: path, Err: err}
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func htmlReport(w io.Writer, results []report.FileResult) error {
	return sitereport.HTML(w, results)
}
