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
	site := wantsSite(c)
	if !site || len(args) > 0 {
		results = each(s, e.stdin, s.inputs(args), func(path string, data []byte) report.FileResult {
			r, _ := k.analyze(path, data)
			return r
		}, failed)
	}
	if site {
		pages, err := e.fetch(c, s, k)
		if err != nil {
			return err
		}
		results = append(results, pages...)
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

// fetch checks live pages exactly like files, with the URL as the path.
func (e *env) fetch(c *cli.Context, s *settings, k *checker) ([]report.FileResult, error) {
	type page struct {
		url  string
		body []byte
		err  error
	}
	var pages []page
	err := fetchPages(c, c.Args().Slice(), e.stderr, func(url string, body []byte, err error) {
		pages = append(pages, page{url, body, err})
	})
	if err != nil {
		return nil, err
	}
	inputs := make([]input, len(pages))
	for i, p := range pages {
		inputs[i] = input{path: p.url, err: p.err}
	}
	// The bodies are in memory: hand them to the workers by index.
	byURL := map[string][]byte{}
	for _, p := range pages {
		byURL[p.url] = p.body
	}
	return eachMem(s, inputs, byURL, func(path string, data []byte) report.FileResult {
		r, _ := k.analyze(path, data)
		return r
	}), nil
}

// eachMem runs fn over bodies already in memory, in parallel, in order.
func eachMem(s *settings, inputs []input, bodies map[string][]byte, fn func(path string, data []byte) report.FileResult) []report.FileResult {
	out := make([]report.FileResult, len(inputs))
	jobs := make(chan int)
	done := make(chan struct{})
	for range max(1, s.jobs) {
		go func() {
			for i := range jobs {
				in := inputs[i]
				if in.err != nil {
					out[i] = failed(in.path, in.err)
				} else {
					out[i] = fn(in.path, bodies[in.path])
				}
			}
			done <- struct{}{}
		}()
	}
	for i := range inputs {
		jobs <- i
	}
	close(jobs)
	for range max(1, s.jobs) {
		<-done
	}
	return out
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
