package crawl

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/shard"
)

// Pattern matches URLs with a glob: "*" is any run of characters, "/"
// included, and "?" is one character. A pattern that starts with "/" is
// matched against the URL's path and query, any other against the whole
// URL.
type Pattern struct {
	src     string
	re      *regexp.Regexp
	pathish bool
}

// CompilePattern reads a --include or --exclude pattern.
func CompilePattern(s string) (*Pattern, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("empty URL pattern")
	}
	var b strings.Builder
	b.WriteString("^")
	for _, r := range s {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return &Pattern{src: s, re: regexp.MustCompile(b.String()), pathish: strings.HasPrefix(s, "/")}, nil
}

func (p *Pattern) String() string { return p.src }

// Match reports whether rawURL matches the pattern.
func (p *Pattern) Match(rawURL string) bool {
	if !p.pathish {
		return p.re.MatchString(rawURL)
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return p.re.MatchString(path)
}

// Filter selects the pages of a sitemap.
type Filter struct {
	// Include keeps only URLs that match one of these; empty keeps all.
	Include []*Pattern
	// Exclude drops URLs that match one of these.
	Exclude []*Pattern
	// Since drops entries whose <lastmod> is before it. Entries without a
	// <lastmod> are kept: nothing says they have not changed.
	Since time.Time
}

// Keep reports whether the filter selects e.
func (f Filter) Keep(e Entry) bool {
	if !f.Since.IsZero() && !e.LastMod.IsZero() && e.LastMod.Before(f.Since) {
		return false
	}
	return f.KeepURL(e.Loc)
}

// KeepURL applies the include and exclude patterns to u.
func (f Filter) KeepURL(u string) bool {
	for _, p := range f.Exclude {
		if p.Match(u) {
			return false
		}
	}
	if len(f.Include) == 0 {
		return true
	}
	for _, p := range f.Include {
		if p.Match(u) {
			return true
		}
	}
	return false
}

// ParseSince reads --since: a date (2024-05-01), a date and time
// (RFC 3339), or an age such as 7d, 36h or 90m counted back from now.
func ParseSince(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n >= 0 {
			return now.AddDate(0, 0, -n), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("invalid --since %q: want a date such as 2024-05-01, an RFC 3339 time, or an age such as 7d or 12h", s)
}

// Select builds the list of pages to fetch: the URLs named on the command
// line, always kept, then the sitemap entries the filter keeps, without
// duplicates, split by sh and cut to limit (0: no limit). The order is the
// input order, so every shard and every run agree.
func Select(urls []string, entries []Entry, f Filter, sh shard.Shard, limit int) []string {
	seen := map[string]bool{}
	var out []string
	add := func(u string) {
		if seen[u] {
			return
		}
		seen[u] = true
		if sh.Keep(u) && (limit <= 0 || len(out) < limit) {
			out = append(out, u)
		}
	}
	for _, u := range urls {
		add(u)
	}
	for _, e := range entries {
		if f.Keep(e) {
			add(e.Loc)
		}
	}
	return out
}
