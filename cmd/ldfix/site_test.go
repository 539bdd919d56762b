package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"
)

// siteServer serves the pages of testdata/site/pages as a small shop: a
// sitemap index with a gzip child, robots.txt closing /private/, a page
// that is gone and one that redirects.
func siteServer(t *testing.T) *httptest.Server {
	t.Helper()
	page := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "site", "pages", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var s *httptest.Server
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>%s/sitemap-pages.xml.gz</loc></sitemap>
</sitemapindex>`, s.URL)
	})
	mux.HandleFunc("/sitemap-pages.xml.gz", func(w http.ResponseWriter, r *http.Request) {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		fmt.Fprintf(zw, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, p := range []string{"/p/ridge", "/blog/wax", "/about", "/gone", "/private/drafts", "/old-about"} {
			fmt.Fprintf(zw, "<url><loc>%s%s</loc><lastmod>2024-06-01</lastmod></url>\n", s.URL, p)
		}
		fmt.Fprintf(zw, `</urlset>`)
		zw.Close()
		w.Header().Set("Content-Type", "application/gzip")
		w.Write(b.Bytes())
	})
	for path, name := range map[string]string{"/p/ridge": "product.html", "/blog/wax": "article.html", "/about": "clean.html", "/private/drafts": "clean.html"} {
		body := page(name)
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(body)
		})
	}
	mux.HandleFunc("/old-about", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/about", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/gone", http.NotFound)
	s = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func runSite(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"ldfix"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

type siteJSON struct {
	Version     int `json:"version"`
	Diagnostics []struct {
		File, Rule, Message string
		Line                int
	} `json:"diagnostics"`
	Files []struct {
		File string `json:"file"`
	} `json:"files"`
	Errors []struct {
		File, Message string
	} `json:"errors"`
}

// reported lists every page a JSON report speaks of: checked, failed, or
// with findings.
func (d siteJSON) reported() []string {
	var out []string
	for _, f := range d.Files {
		out = append(out, f.File)
	}
	for _, e := range d.Errors {
		out = append(out, e.File)
	}
	for _, x := range d.Diagnostics {
		out = append(out, x.File)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func decodeSite(t *testing.T, out string) siteJSON {
	t.Helper()
	var d siteJSON
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("json output: %v\n%s", err, out)
	}
	return d
}

func TestCheckSitemap(t *testing.T) {
	s := siteServer(t)
	code, out, stderr := runSite(t, "check", "--format", "json", "--sitemap", s.URL+"/sitemap.xml")
	if code == 0 {
		t.Errorf("exit 0 with broken pages; stderr:\n%s", stderr)
	}
	d := decodeSite(t, out)
	want := []string{s.URL + "/about", s.URL + "/blog/wax", s.URL + "/gone", s.URL + "/old-about", s.URL + "/p/ridge", s.URL + "/private/drafts"}
	if got := d.reported(); !slices.Equal(got, want) {
		t.Errorf("pages reported = %q\nwant %q", got, want)
	}
	var repairs int
	for _, x := range d.Diagnostics {
		if x.File == s.URL+"/p/ridge" && strings.HasPrefix(x.Rule, "J") {
			repairs++
		}
	}
	if repairs == 0 {
		t.Errorf("no J finding on the broken product page: %+v", d.Diagnostics)
	}
	// A page that could not be fetched is reported with its reason,
	// whether as a finding or as an error.
	all := out + stderr
	for _, want := range []string{"server answered 404 Not Found", `robots.txt disallows \"/private/drafts\"`} {
		if !strings.Contains(all, want) && !strings.Contains(all, strings.ReplaceAll(want, `\"`, `"`)) {
			t.Errorf("output lacks %s:\n%s\n%s", want, out, stderr)
		}
	}
	if !strings.Contains(stderr, "site summary: ") {
		t.Errorf("no site summary on stderr for --format json:\n%s", stderr)
	}
	if strings.Contains(stderr, "checking pages") || strings.Contains(stderr, "\r") {
		t.Errorf("progress bar drawn on a stderr that is not a terminal:\n%q", stderr)
	}
}

func TestCheckURLsText(t *testing.T) {
	s := siteServer(t)
	_, out, _ := runSite(t, "check", "--color", "never", s.URL+"/p/ridge", s.URL+"/about")
	if !strings.Contains(out, s.URL+"/p/ridge:10:") {
		t.Errorf("text report lacks the product page's finding at line 10:\n%s", out)
	}
	if !strings.Contains(out, "site summary: 2 pages checked, 2 with JSON-LD (3 blocks)") || !strings.Contains(out, "blocks by @type") {
		t.Errorf("text output lacks the site summary:\n%s", out)
	}
}

func TestCheckSiteShards(t *testing.T) {
	s := siteServer(t)
	_, out, _ := runSite(t, "check", "--format", "json", "--sitemap", s.URL+"/sitemap.xml")
	whole := decodeSite(t, out).reported()
	var union []string
	for i := 1; i <= 3; i++ {
		_, out, _ := runSite(t, "check", "--format", "json", "--shard", fmt.Sprintf("%d/3", i), "--sitemap", s.URL+"/sitemap.xml")
		part := decodeSite(t, out).reported()
		for _, p := range part {
			if slices.Contains(union, p) {
				t.Errorf("%s is in two shards", p)
			}
		}
		union = append(union, part...)
	}
	slices.Sort(union)
	if !slices.Equal(union, whole) {
		t.Errorf("shards cover %q\nwhole run %q", union, whole)
	}
}

func TestCheckSiteFilters(t *testing.T) {
	s := siteServer(t)
	_, out, _ := runSite(t, "check", "--format", "json", "--sitemap", s.URL+"/sitemap.xml", "--include", "/p/*", "--include", "/blog/*", "--exclude", "*/wax")
	if got := decodeSite(t, out).reported(); !slices.Equal(got, []string{s.URL + "/p/ridge"}) {
		t.Errorf("--include/--exclude kept %q", got)
	}
	_, out, _ = runSite(t, "check", "--format", "json", "--sitemap", s.URL+"/sitemap.xml", "--since", "2024-07-01")
	if got := decodeSite(t, out).reported(); len(got) != 0 {
		t.Errorf("--since after every <lastmod> kept %q", got)
	}
	_, out, _ = runSite(t, "check", "--format", "json", "--sitemap", s.URL+"/sitemap.xml", "--limit", "2")
	if got := decodeSite(t, out).reported(); !slices.Equal(got, []string{s.URL + "/blog/wax", s.URL + "/p/ridge"}) {
		t.Errorf("--limit 2 kept %q", got)
	}
}

func TestCheckSiteHTML(t *testing.T) {
	s := siteServer(t)
	_, out, _ := runSite(t, "check", "--format", "html", "--sitemap", s.URL+"/sitemap.xml")
	if !strings.HasPrefix(out, "<!DOCTYPE html>") || !strings.Contains(out, `id="chart-types"`) || !strings.Contains(out, s.URL+"/p/ridge") {
		t.Errorf("html report:\n%.2000s", out)
	}
}

func TestSiteUsageErrors(t *testing.T) {
	s := siteServer(t)
	for _, args := range [][]string{
		{"--max-page-size", "lots"},
		{"--since", "yesterday"},
		{"--per-host", "0"},
		{"--rate", "-1"},
		{"--timeout", "0s"},
		{"--include", ""},
		{"--sitemap", filepath.Join(t.TempDir(), "missing.xml")},
	} {
		code, out, stderr := runSite(t, append(append([]string{"check"}, args...), s.URL+"/about")...)
		if code != 2 || out != "" || !strings.Contains(stderr, strings.TrimPrefix(args[0], "--")) && !strings.Contains(stderr, "missing.xml") {
			t.Errorf("check %s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), code, out, stderr)
		}
	}
}

// TestProgress: on a terminal the bar shows pages done of all, the rate and
// the time left; elsewhere nothing is drawn.
func TestProgress(t *testing.T) {
	var b bytes.Buffer
	p := progressOn(&b, 50, true)
	p.Add(25)
	time.Sleep(150 * time.Millisecond) // past the redraw throttle
	p.Add(1)
	p.Finish()
	for _, want := range []string{"checking pages", "(26/50, ", " pages/s) [", "\r    "} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("progress output lacks %q: %q", want, b.String())
		}
	}
	b.Reset()
	p = progressOn(&b, 50, false)
	p.Add(50)
	p.Finish()
	if b.Len() != 0 {
		t.Errorf("progress drawn off a terminal: %q", b.String())
	}
}

// TestCheckFetchFailureIsFinding: a page that answers 404 is an
// X081 finding on that page, counted toward --fail-on like any other, and
// the rest of the site is still checked; it is not a failed run (exit 2).
func TestCheckFetchFailureIsFinding(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("..", "..", "testdata", "site", "pages", "clean.html"))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/good", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(good)
	})
	mux.HandleFunc("/missing", http.NotFound)
	s := httptest.NewServer(mux)
	defer s.Close()

	code, out, stderr := runSite(t, "check", "--format", "json", s.URL+"/missing", s.URL+"/good")
	if code != 1 {
		t.Errorf("exit %d, want 1 (a finding, not an error); stderr:\n%s", code, stderr)
	}
	d := decodeSite(t, out)
	var x081 []string
	for _, x := range d.Diagnostics {
		if x.Rule == "X081" {
			x081 = append(x081, x.File)
		}
	}
	if !slices.Equal(x081, []string{s.URL + "/missing"}) {
		t.Errorf("X081 reported on %q, want the missing page only:\n%s", x081, out)
	}
	if len(d.Errors) != 0 {
		t.Errorf("fetch failure reported as an error: %+v", d.Errors)
	}
	if got := d.reported(); !slices.Contains(got, s.URL+"/good") {
		t.Errorf("the good page was not checked; reported %q", got)
	}

	// Selected like any other rule: ignoring it leaves a clean run.
	code, out, stderr = runSite(t, "check", "--format", "json", "--ignore", "X081", s.URL+"/missing", s.URL+"/good")
	if code != 0 || strings.Contains(out, "X081") {
		t.Errorf("--ignore X081: exit %d, want 0 without X081:\n%s\n%s", code, out, stderr)
	}
	// And it counts toward --fail-on at its own severity.
	code, _, _ = runSite(t, "check", "--format", "json", "--exit-zero", s.URL+"/missing")
	if code != 0 {
		t.Errorf("--exit-zero: exit %d, want 0", code)
	}
}

// TestFetchKeepsLittle: checking a site writes each page's findings as it
// comes and keeps nothing of the pages: of 200 pages of 96 KB, the text
// report holds no byte for its end, the json report only its short list of
// blocks per page.
func TestFetchKeepsLittle(t *testing.T) {
	const pages = 200
	filler := strings.Repeat("<p>text of a long page that no report shows</p>\n", 2000)
	mux := http.NewServeMux()
	mux.HandleFunc("/p/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "<html>\n%s<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"Thing\", \"name\": %q,}</script>\n</html>\n", filler, r.URL.Path)
	})
	s := httptest.NewServer(mux)
	defer s.Close()
	args := []string{"--ignore-robots"}
	for i := range pages {
		args = append(args, fmt.Sprintf("%s/p/%d", s.URL, i))
	}
	set := flag.NewFlagSet("check", flag.ContinueOnError)
	for _, f := range siteFlags() {
		if err := f.Apply(set); err != nil {
			t.Fatal(err)
		}
	}
	if err := set.Parse(args); err != nil {
		t.Fatal(err)
	}
	c := cli.NewContext(&cli.App{}, set, nil)
	for _, format := range []string{"text", "json"} {
		st := &settings{format: format, jobs: 2}
		k, err := newChecker(st, false)
		if err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		e := &env{stdout: &stdout, stderr: &stderr}
		o, err := e.newOutput(st, &stdout, false)
		if err != nil {
			t.Fatal(err)
		}
		so, err := readSiteOptions(c, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := e.fetch(c, so, st, k, nil, o); err != nil {
			t.Fatal(err)
		}
		held := o.held()
		if err := o.finish(); err != nil {
			t.Fatal(err)
		}
		if format == "text" {
			lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
			if len(lines) != pages {
				t.Fatalf("%d findings, want %d:\n%.2000s", len(lines), pages, stdout.String())
			}
			for i, l := range lines {
				if want := fmt.Sprintf("%s/p/%d:", s.URL, i); !strings.HasPrefix(l, want) || !strings.HasSuffix(l, "[J020]") {
					t.Fatalf("finding %d is %q, want the trailing comma of %s", i, l, want)
				}
			}
			if held != 0 {
				t.Errorf("the text report holds %d bytes for its end", held)
			}
			continue
		}
		if held > pages*400 {
			t.Errorf("the json report holds %d bytes for its end, %d per page", held, held/pages)
		}
	}
}
