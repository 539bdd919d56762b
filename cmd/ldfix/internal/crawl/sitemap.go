package crawl

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// maxSitemapDepth bounds nested sitemap indexes. The protocol allows one
// level; a little more is tolerated, a cycle is not.
const maxSitemapDepth = 4

// Entry is one page listed by a sitemap.
type Entry struct {
	Loc string
	// LastMod is the page's <lastmod>; zero when absent or unreadable.
	LastMod time.Time
	// Sitemap is the sitemap that listed the page.
	Sitemap string
}

// Sitemaps reads each source, an http(s) URL or a file, following sitemap
// indexes, and returns the pages listed in document order. Sitemaps that
// cannot be read are returned as BadSitemap errors and the others are still
// read. The returned error is for a source file that does not exist: a
// mistake on the command line rather than a finding.
func (c *Crawler) Sitemaps(ctx context.Context, sources []string) ([]Entry, []*Error, error) {
	w := &sitemapWalk{c: c, seen: map[string]bool{}}
	for _, src := range sources {
		if !IsURL(src) {
			if _, err := os.Stat(src); err != nil {
				return nil, nil, fmt.Errorf("sitemap %s: %w", src, err)
			}
		}
		w.walk(ctx, src, 0)
		if ctx.Err() != nil {
			return w.entries, w.errs, ctx.Err()
		}
	}
	return w.entries, w.errs, nil
}

type sitemapWalk struct {
	c       *Crawler
	seen    map[string]bool
	entries []Entry
	errs    []*Error
}

func (w *sitemapWalk) walk(ctx context.Context, src string, depth int) {
	if w.seen[src] {
		return
	}
	w.seen[src] = true
	fail := func(format string, args ...any) {
		w.errs = append(w.errs, newError(src, BadSitemap, nil, format, args...))
	}
	data, err := w.read(ctx, src)
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		if e, ok := AsError(err); ok {
			fail("sitemap could not be read: %s", e.Msg)
		} else {
			fail("sitemap could not be read: %s", err)
		}
		return
	}
	urls, children, err := parseSitemap(data)
	if err != nil {
		fail("sitemap could not be parsed: %s", err)
		return
	}
	own := w.own(src, urls)
	var off []string
	for _, it := range urls {
		loc, ok := resolve(src, it.Loc, true)
		if !ok {
			fail("sitemap lists %q, which is not an http(s) URL", it.Loc)
			continue
		}
		if !w.allows(own, loc) {
			off = append(off, loc)
			continue
		}
		w.entries = append(w.entries, Entry{Loc: loc, LastMod: parseLastMod(it.LastMod), Sitemap: src})
	}
	var next []string
	for _, it := range children {
		if depth+1 > maxSitemapDepth {
			fail("sitemap indexes nest deeper than %d levels; %q not read", maxSitemapDepth, it.Loc)
			break
		}
		loc, ok := resolve(src, it.Loc, false)
		if !ok {
			fail("sitemap index lists %q, which is neither an http(s) URL nor a file", it.Loc)
			continue
		}
		if IsURL(loc) && !w.allows(own, loc) {
			off = append(off, loc)
			continue
		}
		next = append(next, loc)
	}
	if len(off) > 0 {
		e := newError(src, OtherOrigin, nil, "sitemap lists %d URLs on other origins than %s, which the sitemaps protocol does not allow; they were left out (the first: %q; --allow-host checks a host anyway)", len(off), own, off[0])
		if len(off) == 1 {
			e.Msg = fmt.Sprintf("sitemap lists %q, on another origin than %s, which the sitemaps protocol does not allow; it was left out (--allow-host checks a host anyway)", off[0], own)
		}
		e.Pages = len(off)
		w.errs = append(w.errs, e)
	}
	for _, loc := range next {
		w.walk(ctx, loc, depth+1)
	}
}

// own is the origin a sitemap may list: its own, or for a sitemap read from
// a file, that of the first page it lists (the site the file stands for).
func (w *sitemapWalk) own(src string, urls []sitemapItem) string {
	if IsURL(src) {
		u, _ := url.Parse(src)
		return origin(u)
	}
	for _, it := range urls {
		if loc, ok := resolve(src, it.Loc, true); ok {
			u, _ := url.Parse(loc)
			return origin(u)
		}
	}
	return ""
}

// allows reports whether a sitemap of origin own may list loc.
func (w *sitemapWalk) allows(own, loc string) bool {
	u, err := url.Parse(loc)
	if err != nil {
		return false
	}
	o, _ := url.Parse(own)
	if own == "" {
		o = nil
	}
	return w.c.allowed(o, u)
}

// read returns the sitemap's bytes, gunzipped when they are gzip whatever
// the file is called, within MaxSitemapSize.
func (w *sitemapWalk) read(ctx context.Context, src string) ([]byte, error) {
	limit := w.c.opts.MaxSitemapSize
	var data []byte
	if IsURL(src) {
		u, _ := url.Parse(src)
		r := w.c.get(ctx, w.c.host(u), u, limit, "the sitemap limit")
		if r.err != nil {
			return nil, r.err
		}
		data = r.body
	} else {
		f, err := os.Open(src)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if data, err = readLimited(f, limit); err != nil {
			return nil, err
		}
	}
	if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return readLimited(zr, limit)
}

func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %s", formatSize(limit))
	}
	return data, nil
}

// sitemapItem is a <url> or <sitemap> element; only direct children are
// read, so extension elements such as <image:loc> are ignored.
type sitemapItem struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

// parseSitemap reads an XML <urlset> or <sitemapindex>, or a text sitemap
// (one URL a line).
func parseSitemap(data []byte) (urls, children []sitemapItem, err error) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trimmed) == 0 {
		return nil, nil, errors.New("empty file")
	}
	if trimmed[0] != '<' {
		return parseTextSitemap(trimmed), nil, nil
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charset.NewReaderLabel
	root := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == "" {
			root = se.Name.Local
			if root != "urlset" && root != "sitemapindex" {
				return nil, nil, fmt.Errorf("root element is <%s>, not <urlset> or <sitemapindex>", root)
			}
			continue
		}
		var it sitemapItem
		switch se.Name.Local {
		case "url":
			if err := dec.DecodeElement(&it, &se); err != nil {
				return nil, nil, err
			}
			urls = append(urls, it)
		case "sitemap":
			if err := dec.DecodeElement(&it, &se); err != nil {
				return nil, nil, err
			}
			children = append(children, it)
		default:
			if err := dec.Skip(); err != nil {
				return nil, nil, err
			}
		}
	}
	if root == "" {
		return nil, nil, errors.New("no root element")
	}
	return urls, children, nil
}

func parseTextSitemap(data []byte) []sitemapItem {
	var out []sitemapItem
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, sitemapItem{Loc: line})
		}
	}
	return out
}

// resolve makes loc absolute against the sitemap it came from. Pages must be
// http(s) URLs; a child sitemap of a sitemap on disk may also be a file
// beside it, which lets a whole sitemap tree be checked offline.
func resolve(base, loc string, page bool) (string, bool) {
	loc = strings.TrimSpace(loc)
	if loc == "" {
		return "", false
	}
	if IsURL(loc) {
		return loc, true
	}
	if IsURL(base) {
		b, _ := url.Parse(base)
		r, err := b.Parse(loc)
		if err != nil || !IsURL(r.String()) {
			return "", false
		}
		return r.String(), true
	}
	if page || strings.Contains(loc, "://") {
		return "", false
	}
	if !filepath.IsAbs(loc) {
		loc = filepath.Join(filepath.Dir(base), filepath.FromSlash(loc))
	}
	return loc, true
}

// lastModLayouts are the W3C Datetime forms sitemaps use, longest first.
var lastModLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02", "2006-01", "2006",
}

func parseLastMod(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, l := range lastModLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
