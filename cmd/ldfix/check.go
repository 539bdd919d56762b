package main

import (
	"io"
	"strings"

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
	k, err := newChecker(s)
	if err != nil {
		return err
	}
	var args []string
	for _, a := range c.Args().Slice() {
		if !isURL(a) {
			args = append(args, a)
		}
	}
	var results []report.FileResult
	keep := s.keeps()
	site := wantsSite(c)
	if !site || len(args) > 0 {
		results = each(s, e.stdin, s.inputs(args), func(path string, data []byte) report.FileResult {
			r, _ := k.analyze(path, data)
			return compact(r, keep)
		}, failed)
	}
	if site {
		err := e.fetch(c, s, k, func(r report.FileResult) { results = append(results, r) })
		if err != nil {
			return err
		}
	}
	if err := e.render(s, e.stdout, results); err != nil {
		return err
	}
	if site || c.IsSet("summary") {
		w := e.stderr
		if s.format == "text" {
			w = e.stdout
		}
		if err := siteSummary(c, w, results); err != nil {
			return err
		}
	}
	return exitStatus(s.status(results))
}

// fetch checks live pages exactly like files, with the URL as the path,
// and hands the results to emit in fetch order. Each page is analysed as
// it arrives and only what the report shows is kept, so the pages of a
// whole site are never all in memory.
func (e *env) fetch(c *cli.Context, s *settings, k *checker, emit func(report.FileResult)) error {
	keep := s.keeps()
	p := newPool(s.jobs, s.window(), emit)
	err := fetchPages(c, c.Args().Slice(), e.stderr, func(url string, body []byte, err error) {
		p.Submit(func() report.FileResult { return k.page(url, body, err, keep) })
	})
	p.Wait()
	return err
}

// page is the result for one fetched page: its findings, or the reason it
// could not be fetched (X080–X085) as a finding that is selected, counted
// and reported like any other (issue 8: one 404 in a sitemap is a finding,
// not a failed run). Any other error stays an error of the page.
func (k *checker) page(url string, body []byte, err error, keep keeps) report.FileResult {
	if err != nil {
		r, ok := pageResult(url, err)
		if !ok {
			return failed(url, err)
		}
		if k.s.filter != nil {
			r.Diagnostics = k.s.filterFor(url).apply(r.Diagnostics)
		}
		return r
	}
	r, _ := k.analyze(url, body)
	return compact(r, keep)
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
