package sitereport

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/crawl"
	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/fixer/diag"
)

// Count is one bar of a chart: a label and how often it occurs.
type Count struct {
	Label string
	N     int
	// Severity colours a rule's bar; 0 elsewhere.
	Severity diag.Severity
}

// PageCount is a page and its findings by severity.
type PageCount struct {
	Index    int // into the results
	Path     string
	Errors   int
	Warnings int
	Infos    int
}

// Summary is what a site report counts.
type Summary struct {
	Pages int // pages (or files) in the run
	// BadSitemaps counts sitemaps that could not be read; they are not
	// pages, but their findings count.
	BadSitemaps int
	NotFetched  int // pages that could not be fetched or read
	// Skipped counts the pages left out rather than failed, by reason:
	// not HTML, robots.txt unavailable, another origin, past --deadline.
	Skipped      []Count
	SkippedPages int
	WithMarkup   int // pages with at least one JSON-LD block
	Blocks       int
	Errors       int
	Warnings     int
	Infos        int
	// Types counts blocks by the @type of their top-level nodes.
	Types []Count
	// Rules counts findings by rule ID, the label being "ID name".
	Rules []Count
	// Features counts findings by Google rich-result feature.
	Features []Count
	// Worst are the pages with the most errors, then warnings; at most
	// MaxWorst, none without findings.
	Worst []PageCount
}

// MaxWorst is how many pages "pages with most errors" lists.
const MaxWorst = 10

// Checked is the number of pages that were fetched and checked.
func (s Summary) Checked() int { return s.Pages - s.NotFetched - s.SkippedPages }

// Summarize counts results.
func Summarize(results []report.FileResult) Summary {
	var z Summarizer
	for _, r := range results {
		z.Add(r)
	}
	return z.Summary()
}

// Summarizer counts results as they arrive, keeping tallies and the
// worst pages only, so that a summary of a whole site does not hold every
// page's findings.
type Summarizer struct {
	s                      Summary
	types, rules, features map[string]int
	skipped                map[string]int
	ruleSev                map[string]diag.Severity
	n                      int // results added
	worst                  []PageCount
}

// Add counts r, the next result.
func (z *Summarizer) Add(r report.FileResult) {
	z.init()
	s := &z.s
	i := z.n
	z.n++
	switch {
	case siteLevel(r):
		if slices.ContainsFunc(r.Diagnostics, func(d diag.Diagnostic) bool { return d.Rule == sitemapRule }) {
			s.BadSitemaps++
		}
	default:
		s.Pages++
		if label, ok := skipped(r); ok {
			z.Skip(label, 0)
		} else if notFetched(r) {
			s.NotFetched++
		}
	}
	if len(r.Blocks) > 0 {
		s.WithMarkup++
	}
	s.Blocks += len(r.Blocks)
	for _, b := range r.Blocks {
		if len(b.Types) == 0 {
			z.types["(no @type)"]++
		}
		for _, t := range b.Types {
			z.types[t]++
		}
	}
	pc := PageCount{Index: i, Path: r.Path}
	for _, d := range r.Diagnostics {
		label := d.Rule
		if rule, ok := diag.Lookup(d.Rule); ok {
			label += " " + rule.Name
		}
		z.rules[label]++
		z.ruleSev[label] = max(z.ruleSev[label], d.Severity)
		if d.Feature != "" {
			z.features[d.Feature]++
		}
		switch d.Severity {
		case diag.Error:
			pc.Errors++
		case diag.Warning:
			pc.Warnings++
		default:
			pc.Infos++
		}
	}
	if r.Err != nil {
		pc.Errors++
	}
	s.Errors += pc.Errors
	s.Warnings += pc.Warnings
	s.Infos += pc.Infos
	if pc.Errors+pc.Warnings+pc.Infos > 0 {
		z.addWorst(pc)
	}
}

func (z *Summarizer) init() {
	if z.types == nil {
		z.types, z.rules, z.features = map[string]int{}, map[string]int{}, map[string]int{}
		z.ruleSev = map[string]diag.Severity{}
		z.skipped = map[string]int{}
	}
}

// Skip counts n more pages left out for the reason label that are not
// results of their own (the pages of a site whose robots.txt is down, the
// pages a sitemap lists on other origins), and one for the result just
// added when n is 0.
func (z *Summarizer) Skip(label string, n int) {
	z.init()
	if n == 0 {
		z.s.SkippedPages++
		z.skipped[label]++
		return
	}
	z.s.Pages += n
	z.s.SkippedPages += n
	z.skipped[label] += n
}

// addWorst keeps the MaxWorst pages with most errors, then warnings, then
// infos; among equals the earlier page stays first, as a stable sort of
// all pages would have it.
func (z *Summarizer) addWorst(pc PageCount) {
	worse := func(a, b PageCount) int { return cmp.Or(b.Errors-a.Errors, b.Warnings-a.Warnings, b.Infos-a.Infos) }
	at := len(z.worst)
	for at > 0 && worse(z.worst[at-1], pc) > 0 {
		at--
	}
	if at >= MaxWorst {
		return
	}
	z.worst = slices.Insert(z.worst, at, pc)
	if len(z.worst) > MaxWorst {
		z.worst = z.worst[:MaxWorst]
	}
}

// Summary is the summary of the results added so far.
func (z *Summarizer) Summary() Summary {
	s := z.s
	s.Types = counts(z.types, nil)
	s.Rules = counts(z.rules, z.ruleSev)
	s.Features = counts(z.features, nil)
	if len(z.skipped) > 0 {
		s.Skipped = counts(z.skipped, nil)
	}
	s.Worst = slices.Clone(z.worst)
	return s
}

// notFetched reports whether a result stands for a page that could not be
// fetched (a crawl finding) or a file that could not be read.
func notFetched(r report.FileResult) bool {
	if r.Err != nil {
		return true
	}
	for _, d := range r.Diagnostics {
		if d.Block == -1 && crawl.IsFetchRule(d.Rule) && d.Rule != sitemapRule {
			return true
		}
	}
	return false
}

// sitemapRule is the finding for a sitemap that could not be read.
const sitemapRule = "X085"

// siteLevel reports whether a result stands for a sitemap or a whole site
// (robots.txt), not a page.
func siteLevel(r report.FileResult) bool {
	return len(r.Blocks) == 0 && len(r.Diagnostics) > 0 && !slices.ContainsFunc(r.Diagnostics, func(d diag.Diagnostic) bool {
		return !crawl.IsSiteRule(d.Rule)
	})
}

// skipped returns the reason a page was left out unchecked, if it was.
func skipped(r report.FileResult) (string, bool) {
	for _, d := range r.Diagnostics {
		if d.Block == -1 {
			if label, ok := crawl.SkipLabel(d.Rule); ok {
				return label, true
			}
		}
	}
	return "", false
}

// counts sorts a tally most frequent first, then by label.
func counts(m map[string]int, sev map[string]diag.Severity) []Count {
	out := make([]Count, 0, len(m))
	for k, v := range m {
		out = append(out, Count{Label: k, N: v, Severity: sev[k]})
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Or(b.N-a.N, strings.Compare(a.Label, b.Label)) })
	return out
}

// Text writes the summary as aligned plain text.
func Text(w io.Writer, s Summary) error {
	p := &printer{w: w}
	p.f("site summary: %s checked", plural(s.Checked(), "page"))
	if s.NotFetched > 0 {
		p.f(", %d not fetched", s.NotFetched)
	}
	if s.SkippedPages > 0 {
		var why []string
		for _, c := range s.Skipped {
			why = append(why, fmt.Sprintf("%d %s", c.N, c.Label))
		}
		p.f(", %d skipped (%s)", s.SkippedPages, strings.Join(why, ", "))
	}
	p.f(", %d with JSON-LD (%s)", s.WithMarkup, plural(s.Blocks, "block"))
	if s.BadSitemaps > 0 {
		p.f(", %s unreadable", plural(s.BadSitemaps, "sitemap"))
	}
	p.f("\n")
	p.f("findings: %s, %s, %d info\n", plural(s.Errors, "error"), plural(s.Warnings, "warning"), s.Infos)
	p.table("blocks by @type", s.Types)
	p.table("findings by rule", s.Rules)
	p.table("findings by feature", s.Features)
	if len(s.Worst) > 0 {
		p.f("\npages with most errors\n")
		for _, pc := range s.Worst {
			p.f("  %5d  %5d  %s\n", pc.Errors, pc.Warnings, pc.Path)
		}
		p.f("  (errors, warnings)\n")
	}
	return p.err
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) table(title string, cs []Count) {
	if len(cs) == 0 {
		return
	}
	p.f("\n%s\n", title)
	for _, c := range cs {
		p.f("  %5d  %s\n", c.N, c.Label)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
