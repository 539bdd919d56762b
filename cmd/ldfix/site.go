package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
)

// siteFlags are the flags of `check` that fetch live pages: --sitemap,
// --since, URL include/exclude patterns, --limit, politeness and fetch
// limits, --user-agent.
func siteFlags() []cli.Flag { return nil }

// wantsSite reports whether the command line asks for live pages: an
// argument that is an http(s) URL, or --sitemap.
func wantsSite(c *cli.Context) bool { return false }

// fetchPages fetches the URLs among args and the pages of any sitemaps,
// calling each for every page (its URL, body, or the error that stopped it)
// in a stable order. It shows progress on stderr when stderr is a terminal.
func fetchPages(c *cli.Context, args []string, stderr io.Writer, each func(url string, body []byte, err error)) error {
	return nil
}

// siteSummary writes the site summary (pages checked, pages with markup,
// blocks by @type, findings by rule and feature, pages with most errors)
// when the run fetched pages or --summary is set.
func siteSummary(c *cli.Context, w io.Writer, results []report.FileResult) error { return nil }
