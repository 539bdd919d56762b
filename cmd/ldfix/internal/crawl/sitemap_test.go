package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/shard"
)

func gz(t testing.TB, s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, s)
	zw.Close()
	return b.Bytes()
}

func locs(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Loc)
	}
	return out
}

// TestSitemapIndexWithGzipChildren serves an index whose children are a
// .xml.gz file, a sitemap sent with Content-Encoding: gzip, a missing one
// and a broken one: the good ones are read in order, the bad ones reported.
func TestSitemapIndexWithGzipChildren(t *testing.T) {
	mux := http.NewServeMux()
	var base string
	mux.HandleFunc("/sitemap_index.xml", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>`+base+`/products.xml.gz</loc></sitemap>
  <sitemap><loc>/posts.xml</loc></sitemap>
  <sitemap><loc>/missing.xml</loc></sitemap>
  <sitemap><loc>/broken.xml</loc></sitemap>
  <sitemap><loc>/sitemap_index.xml</loc></sitemap>
</sitemapindex>`)
	})
	mux.HandleFunc("/products.xml.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-gzip")
		w.Write(gz(t, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>`+base+`/p/1</loc><lastmod>2024-01-01</lastmod></url>
<url><loc>`+base+`/p/2</loc><lastmod>2024-06-01T12:00:00Z</lastmod></url>
</urlset>`))
	})
	mux.HandleFunc("/posts.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gz(t, `<urlset><url><loc>/blog/a</loc></url><url><loc>`+base+`/blog/b</loc></url></urlset>`))
	})
	mux.HandleFunc("/broken.xml", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<urlset><url><loc>`+base+`/x</loc></urlset>`)
	})
	s := serve(t, mux)
	base = s.URL

	entries, errs, err := New(testOptions()).Sitemaps(context.Background(), []string{s.URL + "/sitemap_index.xml"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{s.URL + "/p/1", s.URL + "/p/2", s.URL + "/blog/a", s.URL + "/blog/b"}
	if got := locs(entries); !slices.Equal(got, want) {
		t.Errorf("entries = %q, want %q", got, want)
	}
	if !entries[1].LastMod.Equal(time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)) || entries[1].Sitemap != s.URL+"/products.xml.gz" {
		t.Errorf("entry 1 = %+v", entries[1])
	}
	if len(errs) != 2 {
		t.Fatalf("errors = %v, want the missing and the broken sitemap", errs)
	}
	if errs[0].URL != s.URL+"/missing.xml" || errs[0].Rule() != "X085" || errs[0].Msg != "sitemap could not be read: server answered 404 Not Found" {
		t.Errorf("missing sitemap: %s %q", errs[0].URL, errs[0].Msg)
	}
	if errs[1].URL != s.URL+"/broken.xml" || !strings.HasPrefix(errs[1].Msg, "sitemap could not be parsed: XML syntax error on line 1") {
		t.Errorf("broken sitemap: %s %q", errs[1].URL, errs[1].Msg)
	}
}

func TestSitemapFiles(t *testing.T) {
	entries, errs, err := New(testOptions()).Sitemaps(context.Background(), []string{"testdata/sitemaps/index.xml", "testdata/sitemaps/urls.txt"})
	if err != nil || len(errs) != 0 {
		t.Fatal(err, errs)
	}
	want := []string{
		"https://shop.example/p/1", "https://shop.example/p/2?color=red&size=m",
		"https://shop.example/blog/old-post", "https://shop.example/blog/new-post", "https://shop.example/blog/undated",
		"https://shop.example/a", "https://shop.example/b",
	}
	if got := locs(entries); !slices.Equal(got, want) {
		t.Errorf("entries = %q\nwant %q", got, want)
	}

	since, _ := ParseSince("2024-05-02", time.Now())
	exclude, _ := CompilePattern("/blog/undated")
	got := Select([]string{"https://shop.example/start", "https://shop.example/p/1"}, entries, Filter{Since: since, Exclude: []*Pattern{exclude}}, shard.Shard{}, 0)
	want = []string{
		"https://shop.example/start", "https://shop.example/p/1", // named on the command line: always kept
		"https://shop.example/p/2?color=red&size=m", "https://shop.example/blog/new-post",
		"https://shop.example/a", "https://shop.example/b", // no <lastmod>: kept
	}
	if !slices.Equal(got, want) {
		t.Errorf("Select = %q\nwant %q", got, want)
	}
	if got := Select(nil, entries, Filter{}, shard.Shard{}, 3); len(got) != 3 || got[0] != entries[0].Loc {
		t.Errorf("--limit 3: %q", got)
	}

	if _, _, err := New(testOptions()).Sitemaps(context.Background(), []string{"testdata/sitemaps/nope.xml"}); err == nil || !os.IsNotExist(errorsUnwrapAll(err)) {
		t.Errorf("missing file: %v", err)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "page.xml")
	os.WriteFile(bad, []byte("<html><body>not a sitemap</body></html>"), 0o644)
	_, errs, _ = New(testOptions()).Sitemaps(context.Background(), []string{bad})
	if len(errs) != 1 || errs[0].Msg != "sitemap could not be parsed: root element is <html>, not <urlset> or <sitemapindex>" {
		t.Errorf("html as sitemap: %v", errs)
	}
}

func errorsUnwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok || u.Unwrap() == nil {
			return err
		}
		err = u.Unwrap()
	}
}

// TestShardsPartitionSitemap: the shards of a list are disjoint, cover it,
// and keep its order.
func TestShardsPartitionSitemap(t *testing.T) {
	var entries []Entry
	for i := range 500 {
		entries = append(entries, Entry{Loc: "https://shop.example/p/" + string(rune('a'+i%26)) + strings.Repeat("x", i%7) + "/" + strconv.Itoa(i)})
	}
	all := Select(nil, entries, Filter{}, shard.Shard{}, 0)
	var union []string
	for i := 1; i <= 4; i++ {
		part := Select(nil, entries, Filter{}, shard.Shard{I: i, N: 4}, 0)
		if len(part) == 0 || len(part) == len(all) {
			t.Errorf("shard %d/4 has %d of %d", i, len(part), len(all))
		}
		union = append(union, part...)
	}
	slices.SortFunc(union, func(a, b string) int { return slices.Index(all, a) - slices.Index(all, b) })
	if !slices.Equal(union, all) {
		t.Error("shards do not partition the list")
	}
}

func TestPatterns(t *testing.T) {
	tests := []struct {
		pat, url string
		want     bool
	}{
		{"/blog/*", "https://a.example/blog/post-1", true},
		{"/blog/*", "https://a.example/blog", false},
		{"/blog/*", "https://a.example/shop/blog/x", false},
		{"/p/?", "https://a.example/p/7", true},
		{"/p/?", "https://a.example/p/77", false},
		{"/search*", "https://a.example/search?q=a.b", true},
		{"/", "https://a.example", true},
		{"https://a.example/*", "https://a.example/x/y", true},
		{"https://a.example/*", "https://b.example/x", false},
		{"*.pdf", "https://a.example/doc.pdf", true},
		{"*.pdf", "https://a.example/docxpdf", false},
		{"*[1]*", "https://a.example/a[1]", true},
	}
	for _, tt := range tests {
		p, err := CompilePattern(tt.pat)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Match(tt.url); got != tt.want {
			t.Errorf("%q matches %q = %v, want %v", tt.pat, tt.url, got, tt.want)
		}
	}
	if _, err := CompilePattern(" "); err == nil {
		t.Error("empty pattern accepted")
	}
	inc, _ := CompilePattern("/blog/*")
	exc, _ := CompilePattern("*/draft-*")
	f := Filter{Include: []*Pattern{inc}, Exclude: []*Pattern{exc}}
	for u, want := range map[string]bool{
		"https://a.example/blog/a": true, "https://a.example/blog/draft-a": false, "https://a.example/shop": false,
	} {
		if f.KeepURL(u) != want {
			t.Errorf("KeepURL(%q) = %v", u, !want)
		}
	}
}

func TestParseSince(t *testing.T) {
	now := time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2024-05-01", time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
		{"2024-05-01T10:00:00+02:00", time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)},
		{"7d", now.AddDate(0, 0, -7)},
		{"36h", now.Add(-36 * time.Hour)},
	}
	for _, tt := range tests {
		got, err := ParseSince(tt.in, now)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseSince(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "-3d", "2024-13-01"} {
		if _, err := ParseSince(bad, now); err == nil {
			t.Errorf("ParseSince(%q) accepted", bad)
		}
	}
}

func TestParseLastMod(t *testing.T) {
	for in, want := range map[string]time.Time{
		"2024":                      time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		"2024-02":                   time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC),
		" 2024-02-03 ":              time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC),
		"2024-02-03T04:05+01:00":    time.Date(2024, 2, 3, 3, 5, 0, 0, time.UTC),
		"2024-02-03T04:05:06.7Z":    time.Date(2024, 2, 3, 4, 5, 6, 7e8, time.UTC),
		"2024-02-03T04:05:06-05:00": time.Date(2024, 2, 3, 9, 5, 6, 0, time.UTC),
		"last week":                 {},
	} {
		if got := parseLastMod(in); !got.Equal(want) {
			t.Errorf("parseLastMod(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{
		"4096": 4096, "10MiB": 10 << 20, "10mib": 10 << 20, "512KB": 512000, "1 GiB": 1 << 30, "2M": 2 << 20, "100B": 100,
	} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "0", "-1MiB", "ten", "1TB", "99999999999GiB"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
	for _, n := range []int64{1 << 20, 1 << 30, 3 << 10, 1000} {
		if back, err := ParseSize(formatSize(n)); err != nil || back != n {
			t.Errorf("formatSize(%d) = %q does not read back", n, formatSize(n))
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"120", 2 * time.Minute, true},
		{"-5", 0, true},
		{"Wed, 01 Jan 2025 00:00:30 GMT", 30 * time.Second, true},
		{"Tue, 31 Dec 2024 00:00:00 GMT", 0, true},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzParseSitemap: any bytes give entries or an error, never a panic or a
// hang, and every entry came from the input.
func FuzzParseSitemap(f *testing.F) {
	for _, name := range []string{"index.xml", "articles.xml", "urls.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata/sitemaps", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<urlset><url><loc>x</loc><lastmod>2024</lastmod></url><sitemap><loc>y</loc></sitemap></urlset>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		urls, children, err := parseSitemap(data)
		if err != nil && (urls != nil || children != nil) {
			t.Fatal("entries returned with an error")
		}
		for _, it := range append(urls, children...) {
			parseLastMod(it.LastMod)
			resolve("https://a.example/s.xml", it.Loc, true)
		}
	})
}
